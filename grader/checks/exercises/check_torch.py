"""Checks for `torch`: torch_softmax_nll(logits, label) returns (loss, grads) as plain floats, computed with torch."""
from __future__ import annotations

import math
import random
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

import pytest

from micrograd_kata.checks.expect import CannotGrade, fail, number, running, where
from micrograd_kata.checks.notebook import LABEL, LOGIT_GRADS, LOGITS, LOSS, numbers
from micrograd_kata.reference.exercises.softmax import softmax_floats

HINT = ("z = torch.tensor(logits, dtype=torch.float64, requires_grad=True); loss = -torch.softmax(z, dim=0)[label].log(); "
        "loss.backward(); return loss.item(), z.grad.tolist()")
TOLERANCE = "|got - expected| < 1e-5 (the notebook's check; torch's default float32 is close enough)"
NO_TORCH = "torch is not installed, so torch_softmax_nll cannot run: install torch (pip install torch) to grade this piece"


@pytest.fixture(autouse=True)
def needs_torch(torch_installed: bool) -> None:
    if not torch_installed:
        raise CannotGrade(NO_TORCH)


def answer(learner: SimpleNamespace, logits: Sequence[float], label: int) -> tuple[float, list[float]]:
    program = (f"loss, grads = torch_softmax_nll({numbers(logits)}, {label})",)
    with running(program):
        got = learner.torch_softmax_nll(list(logits), label)
    context: dict[str, Any] = {"program": program, "where": where(learner.torch_softmax_nll), "hint": HINT}
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fail("torch_softmax_nll did not return a pair (loss, grads)", expected="(loss, grads)", got=repr(got), **context)
    loss, grads = got
    if not isinstance(loss, float):
        fail("the loss is not a plain float", expected="a float, such as loss.item()",
             got=f"{type(loss).__name__}: {loss!r}", **context)
    if not isinstance(grads, (list, tuple)) or not all(isinstance(g, float) for g in grads):
        fail("the gradients are not a list of plain floats", expected="a list of floats, such as z.grad.tolist()",
             got=f"{type(grads).__name__}: {grads!r}", **context)
    if len(grads) != len(logits):
        fail("not one gradient per logit", expected=f"{len(logits)} gradients", got=numbers(grads), **context)
    return loss, list(grads)


def expect_answer(learner: SimpleNamespace, logits: Sequence[float], label: int,
                  loss: float, grads: Sequence[float]) -> None:
    got_loss, got_grads = answer(learner, logits, label)
    context: dict[str, Any] = {"program": (f"loss, grads = torch_softmax_nll({numbers(logits)}, {label})",),
                               "inputs": f"logits = {numbers(logits)}, label = {label}",
                               "where": where(learner.torch_softmax_nll), "tolerance": TOLERANCE}
    if not abs(got_loss - loss) < 1e-5:
        fail("wrong loss", expected=f"loss = {number(loss)}", got=f"loss = {number(got_loss)}", node="loss",
             hint=f"minus the log of the label's probability: {HINT}", **context)
    for i, (g, e) in enumerate(zip(got_grads, grads)):
        if not abs(g - e) < 1e-5:
            fail(f"wrong gradient for logits[{i}]", expected=f"grads[{i}] = {number(e)}",
                 got=f"grads[{i}] = {number(g)}", node=f"grads[{i}]",
                 hint=f"the gradient of the loss, from loss.backward(), is z.grad: {HINT}", **context)


def check_notebook_case(learner: SimpleNamespace) -> None:
    """Torch gives the notebook's loss and gradients for logits [0.0, 3.0, -2.0, 1.0] and label 3."""
    expect_answer(learner, LOGITS, LABEL, LOSS, LOGIT_GRADS)


def check_random_logits(learner: SimpleNamespace, rng: random.Random) -> None:
    for _ in range(8):
        logits = [round(rng.uniform(-4, 4), 2) for _ in range(rng.randint(2, 6))]
        label = rng.randrange(len(logits))
        p = softmax_floats(logits)
        grads = [q - (1.0 if i == label else 0.0) for i, q in enumerate(p)]  # d loss / d z = softmax - one-hot
        expect_answer(learner, logits, label, -math.log(p[label]), grads)
