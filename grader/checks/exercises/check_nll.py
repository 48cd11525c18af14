"""Checks for `nll`: the negative log likelihood -log(probs[label]), a Value the gradient flows back through."""
from __future__ import annotations

import math
import random
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from micrograd_kata.checks.expect import TOLERANCE, close, fail, number, running, where
from micrograd_kata.checks.notebook import LABEL, LOGIT_GRADS, LOGITS, LOSS, NOTEBOOK_TOLERANCE, numbers

HINT = "the loss is minus the log of the label's probability, as a Value: -probs[label].log()"


def loss_of(learner: SimpleNamespace, probs: Sequence[Any], label: int, program: tuple[str, ...]) -> Any:
    with running(program):
        loss = learner.nll(probs, label)
    if not isinstance(loss, learner.Value):
        fail("nll did not return a Value", expected="a Value, so that loss.backward() works", got=repr(loss),
             program=program, where=where(learner.nll), hint=f"use the Value's own log, not math.log: {HINT}")
    with running(program):
        loss.backward()
    return loss


def wrong_loss_hint(got: float, p: float) -> str:
    """What a wrong loss of -log(p) usually is."""
    if close(got, math.log(p)):
        return "that is +log(p): the loss needs its minus, so that it falls as p rises: -probs[label].log()"
    if close(got, -p):
        return "that is -p: take the log of the probability first: -probs[label].log()"
    return f"-log(p) for the label's p = {number(p)} is {number(-math.log(p))}: {HINT}"


def expect_loss(learner: SimpleNamespace, ps: Sequence[float], label: int) -> None:
    program = (f"probs = [{', '.join(f'Value({p!r})' for p in ps)}]", f"loss = nll(probs, {label})", "loss.backward()")
    probs = [learner.Value(p) for p in ps]
    loss = loss_of(learner, probs, label, program)
    context: dict[str, Any] = {"inputs": f"probs = {numbers(ps)}, label = {label}", "program": program,
                               "where": where(learner.nll), "tolerance": TOLERANCE}
    expected = -math.log(ps[label])
    if not close(float(loss.data), expected):
        fail("wrong loss", expected=f"loss.data = {number(expected)}", got=f"loss.data = {number(loss.data)}",
             node="loss", hint=wrong_loss_hint(float(loss.data), ps[label]), **context)
    for i, (p, value) in enumerate(zip(ps, probs)):
        grad = -1 / p if i == label else 0.0
        if not close(float(value.grad), grad):
            fail(f"wrong gradient for probs[{i}]", expected=f"probs[{i}].grad = {number(grad)}",
                 got=f"probs[{i}].grad = {number(value.grad)}", node=f"probs[{i}]",
                 hint=f"only the label's probability is in the loss, with d/dp -log(p) = -1/p. {HINT}", **context)


def check_notebook_case(learner: SimpleNamespace) -> None:
    """The notebook's cell: nll(softmax(logits), 3) on logits [0.0, 3.0, -2.0, 1.0] is 2.1755153626167147."""
    program = (f"logits = [{', '.join(f'Value({z})' for z in LOGITS)}]", "probs = softmax(logits)",
               f"loss = nll(probs, {LABEL})", "loss.backward()")
    logits = [learner.Value(z) for z in LOGITS]
    with running(program):
        probs = learner.softmax(logits)
    loss = loss_of(learner, probs, LABEL, program)
    context: dict[str, Any] = {"program": program, "where": where(learner.nll),
                               "tolerance": "|got - expected| < 1e-5 (the notebook's check)"}
    if not abs(float(loss.data) - LOSS) < NOTEBOOK_TOLERANCE:
        fail("wrong loss for the notebook's logits", expected=f"loss.data = {LOSS!r}",
             got=f"loss.data = {number(loss.data)}", node="loss",
             hint=wrong_loss_hint(float(loss.data), float(probs[LABEL].data)), **context)
    for i, (z, e) in enumerate(zip(logits, LOGIT_GRADS)):
        if not abs(float(z.grad) - e) < NOTEBOOK_TOLERANCE:
            fail(f"wrong gradient for logits[{i}] in the notebook's case", expected=f"logits[{i}].grad = {e!r}",
                 got=f"logits[{i}].grad = {number(z.grad)}", node=f"logits[{i}]", hint=HINT, **context)


def check_every_label(learner: SimpleNamespace, rng: random.Random) -> None:
    """Each label in turn, the first and the last among them: the loss takes the label's probability, no other."""
    ps = [round(rng.uniform(0.05, 0.95), 3) for _ in range(4)]
    for label in range(len(ps)):
        expect_loss(learner, ps, label)


def check_random_probabilities(learner: SimpleNamespace, rng: random.Random) -> None:
    for _ in range(10):
        ps = [round(rng.uniform(0.01, 1.0), 3) for _ in range(rng.randint(1, 6))]
        expect_loss(learner, ps, rng.randrange(len(ps)))
