"""Checks for `softmax`: a list of Values, each logit's exp over the sum of them all; large logits do not overflow."""
from __future__ import annotations

import math
import random
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from micrograd_kata.checks.expect import TOLERANCE, ProgramError, close, fail, number, running, where
from micrograd_kata.checks.notebook import LABEL, LOGIT_GRADS, LOGITS, LOSS, NOTEBOOK_TOLERANCE, numbers
from micrograd_kata.reference.exercises.softmax import softmax_floats

HINT = "counts = [logit.exp() for logit in logits]; one denominator = sum(counts); [count / denominator for count in counts]"
OVERFLOW_HINT = ("e**x overflows a float once x is above about 709: subtract the largest logit first, "
                 "softmax(z) = softmax(z - max(z)), so every exp is at most 1 (top = max(logit.data for logit in logits))")


def lines(logits: Sequence[float], *after: str) -> tuple[str, ...]:
    return (f"logits = [{', '.join(f'Value({z!r})' for z in logits)}]", "probs = softmax(logits)", *after)


def probabilities(learner: SimpleNamespace, logits: Sequence[float], program: tuple[str, ...]) -> tuple[list[Any], list[Any]]:
    """The learner's logits and probs; a failure that says what happened when softmax overflows or returns no Values."""
    values = [learner.Value(z) for z in logits]
    try:
        with running(program, f"logits = {numbers(logits)}"):
            probs = learner.softmax(values)
    except ProgramError as raised:
        if isinstance(raised.error, OverflowError):
            fail("softmax overflowed on large logits", expected=f"probs = {numbers(softmax_floats(list(logits)))}",
                 got=f"OverflowError: {raised.error}", inputs=f"logits = {numbers(logits)}", program=program,
                 where=where(learner.softmax), hint=OVERFLOW_HINT)
        raise
    probs = list(probs) if isinstance(probs, (list, tuple)) else probs
    if not isinstance(probs, list) or len(probs) != len(values) or not all(isinstance(p, learner.Value) for p in probs):
        fail("softmax did not return a list of Values, one per logit",
             expected=f"a list of {len(values)} Values", got=repr(probs), program=program,
             where=where(learner.softmax), hint=f"keep every step a Value, so that backward() reaches the logits: {HINT}")
    return values, probs


def expect_probabilities(learner: SimpleNamespace, logits: Sequence[float]) -> list[Any]:
    program = lines(logits)
    values, probs = probabilities(learner, logits, program)
    got, expected = [float(p.data) for p in probs], softmax_floats(list(logits))
    context: dict[str, Any] = {"inputs": f"logits = {numbers(logits)}", "program": program,
                               "where": where(learner.softmax)}
    if not all(math.isfinite(p) for p in got):
        fail("softmax gave a probability that is not a number", expected=f"probs = {numbers(expected)}",
             got=f"probs = {numbers(got)}", hint=f"e**x is inf in floating point for large x, and inf / inf is nan. "
             f"{OVERFLOW_HINT}", **context)
    for i, (g, e) in enumerate(zip(got, expected)):
        if not close(g, e):
            total = f" (they add up to {number(sum(got))})" if not close(sum(got), 1.0) else ""
            fail(f"wrong probability probs[{i}]{total}", expected=f"probs[{i}].data = {number(e)}",
                 got=f"probs[{i}].data = {number(g)}", node=f"probs[{i}]", tolerance=TOLERANCE,
                 hint=f"each probability is its count over the sum of every count: {HINT}", **context)
    return values


def expect_gradients(learner: SimpleNamespace, logits: Sequence[float], weights: Sequence[float]) -> None:
    """loss = sum(w_i * probs[i]): every probability feeds the loss, so every path back to the logits is tried."""
    loss_line = f"loss = sum(p * w for p, w in zip(probs, {numbers(weights)}))"
    program = lines(logits, loss_line, "loss.backward()")
    values, probs = probabilities(learner, logits, program)
    with running(program, f"logits = {numbers(logits)}"):
        loss = probs[0] * weights[0]
        for p, w in zip(probs[1:], weights[1:]):
            loss = loss + p * w
        loss.backward()
    p = softmax_floats(list(logits))
    mean = sum(w * q for w, q in zip(weights, p))
    expected = [q * (w - mean) for q, w in zip(p, weights)]  # d/dz_j sum_i w_i p_i = p_j (w_j - sum_i w_i p_i)
    for i, (z, e) in enumerate(zip(values, expected)):
        if not close(float(z.grad), e):
            fail(f"wrong gradient for logits[{i}]", expected=f"logits[{i}].grad = {number(e)}",
                 got=f"logits[{i}].grad = {number(z.grad)}", node=f"logits[{i}]", tolerance=TOLERANCE,
                 inputs=f"logits = {numbers(logits)}", program=program, where=where(learner.softmax),
                 hint=f"every probability must depend on every logit, through one shared denominator: {HINT}")


def check_notebook_case(learner: SimpleNamespace) -> None:
    """The notebook's cell: loss = -probs[3].log() on logits [0.0, 3.0, -2.0, 1.0] gives its loss and gradients."""
    program = lines(LOGITS, f"loss = -probs[{LABEL}].log()", "loss.backward()")
    values, probs = probabilities(learner, LOGITS, program)
    with running(program):
        loss = -probs[LABEL].log()
        loss.backward()
    context: dict[str, Any] = {"program": program, "where": where(learner.softmax), "hint": HINT,
                               "tolerance": "|got - expected| < 1e-5 (the notebook's check)"}
    if not abs(float(loss.data) - LOSS) < NOTEBOOK_TOLERANCE:
        fail("wrong loss for the notebook's logits", expected=f"loss.data = {LOSS!r}",
             got=f"loss.data = {number(loss.data)}", node="loss", **context)
    for i, (z, e) in enumerate(zip(values, LOGIT_GRADS)):
        if not abs(float(z.grad) - e) < NOTEBOOK_TOLERANCE:
            fail(f"wrong gradient for logits[{i}] in the notebook's case", expected=f"logits[{i}].grad = {e!r}",
                 got=f"logits[{i}].grad = {number(z.grad)}", node=f"logits[{i}]", **context)


def random_logits(rng: random.Random, scale: float) -> list[float]:
    return [round(rng.uniform(-scale, scale), 2) for _ in range(rng.randint(2, 6))]


def check_probabilities(learner: SimpleNamespace, rng: random.Random) -> None:
    for logits in [LOGITS, [0.5], [1.0, 1.0, 1.0], *(random_logits(rng, 4.0) for _ in range(10))]:
        expect_probabilities(learner, logits)


def check_gradients(learner: SimpleNamespace, rng: random.Random) -> None:
    for logits in [LOGITS, *(random_logits(rng, 4.0) for _ in range(10))]:
        expect_gradients(learner, logits, [round(rng.uniform(-2, 2), 2) for _ in logits])


def check_large_logits(learner: SimpleNamespace, rng: random.Random) -> None:
    """Logits in the hundreds and thousands: e**1000 is beyond any float, yet their softmax is ordinary numbers."""
    cases = [[1000.0, 998.0, -5.0, 999.5], [round(rng.uniform(700, 1500), 1) for _ in range(4)],
             [-1000.0, -1001.0, -999.0]]
    for logits in cases:
        expect_probabilities(learner, logits)
    expect_gradients(learner, cases[0], [1.0, -1.0, 0.5, 2.0])
