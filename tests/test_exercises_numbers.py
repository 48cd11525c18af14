"""The exercise notebook's numbers hold for the exercises track's reference and model answers, as the notebook
states them: its gradient at (2, 3, 4) and its softmax loss and gradients, within its own 1e-5; and exactly, to
the last bit, where the same formula is computed (gradf, and the notebook's own softmax on our engines)."""
from __future__ import annotations

import math
from types import ModuleType

import pytest

from micrograd_kata.checks.notebook import GRADIENT, LABEL, LOGIT_GRADS, LOGITS, LOSS, POINT
from micrograd_kata.reference import engine as reference_engine
from micrograd_kata.reference.exercises import derivatives as reference_derivatives
from micrograd_kata.reference.exercises import softmax as reference_softmax
from micrograd_kata.reference.exercises import torch_check as reference_torch
from micrograd_kata.solutions.exercises import derivatives as solution_derivatives
from micrograd_kata.solutions.exercises import engine as solution_engine
from micrograd_kata.solutions.exercises import softmax as solution_softmax
from micrograd_kata.solutions.exercises import torch_check as solution_torch

DERIVATIVES = [reference_derivatives, solution_derivatives]
ENGINES = [(reference_engine.Value, reference_softmax), (solution_engine.Value, solution_softmax)]


def within(got: list[float], expected: list[float], tolerance: float) -> bool:
    return len(got) == len(expected) and all(abs(g - e) < tolerance for g, e in zip(got, expected))


@pytest.mark.parametrize("module", DERIVATIVES, ids=["reference", "solutions"])
def test_gradf_is_the_notebooks_answer_to_the_last_bit(module: ModuleType) -> None:
    assert module.gradf(*POINT) == [-12.353553390593273, 10.25699027111255, 0.0625] == GRADIENT
    assert module.f(*POINT) == 6.336362190988558  # the notebook's first cell prints it


@pytest.mark.parametrize("module", DERIVATIVES, ids=["reference", "solutions"])
def test_the_numerical_estimates_pass_the_notebooks_check(module: ModuleType) -> None:
    forward = module.numerical_grad(module.f, *POINT, 0.000001)
    symmetric = module.symmetric_grad(module.f, *POINT, 0.000001)
    assert within(forward, GRADIENT, 1e-5) and within(symmetric, GRADIENT, 1e-5)
    for h in (0.1, 0.001):  # the notebook's question: the symmetric one is closer for the same h, input by input
        forward, symmetric = module.numerical_grad(module.f, *POINT, h), module.symmetric_grad(module.f, *POINT, h)
        assert all(abs(s - e) < abs(n - e) for s, n, e in zip(symmetric, forward, GRADIENT))


@pytest.mark.parametrize(("Value", "module"), ENGINES, ids=["reference", "solutions"])
def test_softmax_and_nll_give_the_notebooks_loss_and_gradients(Value: type, module: ModuleType) -> None:
    logits = [Value(z) for z in LOGITS]
    loss = module.nll(module.softmax(logits), LABEL)
    loss.backward()
    assert abs(loss.data - LOSS) < 1e-5 and within([z.grad for z in logits], LOGIT_GRADS, 1e-5)
    # subtracting the largest logit first (against overflow) moves the results by a few units in the last place only
    assert abs(loss.data - LOSS) <= 1e-15 and within([z.grad for z in logits], LOGIT_GRADS, 1e-15)


@pytest.mark.parametrize(("Value", "exact"), [(reference_engine.Value, False), (solution_engine.Value, True)],
                         ids=["reference", "solutions"])
def test_the_notebooks_own_softmax_on_our_engines_gives_its_numbers(Value: type, exact: bool) -> None:
    """The notebook's cell as it is written (no shift): on the solutions' engine, whose ops are the notebook's (a / b
    as a * b**-1), the very numbers it prints; on the reference (a / b with its own _backward), within 1e-15."""
    logits = [Value(z) for z in LOGITS]
    counts = [logit.exp() for logit in logits]
    denominator = sum(counts)
    probs = [c / denominator for c in counts]
    loss = -probs[LABEL].log()
    loss.backward()
    if exact:
        assert loss.data == LOSS and [z.grad for z in logits] == LOGIT_GRADS
    assert abs(loss.data - LOSS) <= 1e-15 and within([z.grad for z in logits], LOGIT_GRADS, 1e-15)


@pytest.mark.parametrize("module", [reference_torch, solution_torch], ids=["reference", "solutions"])
def test_torch_gives_the_notebooks_loss_and_gradients(module: ModuleType) -> None:
    pytest.importorskip("torch")
    loss, grads = module.torch_softmax_nll(LOGITS, LABEL)
    assert isinstance(loss, float) and all(isinstance(g, float) for g in grads)
    assert abs(loss - LOSS) < 1e-12 and within(grads, LOGIT_GRADS, 1e-12)


@pytest.mark.parametrize(("Value", "module"), ENGINES, ids=["reference", "solutions"])
def test_large_logits_do_not_overflow(Value: type, module: ModuleType) -> None:
    logits = [Value(z) for z in (1000.0, 998.0, -5.0, 999.5)]
    probs = module.softmax(logits)
    assert all(math.isfinite(p.data) for p in probs) and abs(sum(p.data for p in probs) - 1) < 1e-12
    with pytest.raises(OverflowError):
        [z.exp() for z in logits]  # what the notebook's softmax runs into  # noqa: B018
