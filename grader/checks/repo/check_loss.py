"""Checks for `loss`: (total_loss, accuracy), the SVM max-margin loss mean(relu(1 - y_i * score_i)) plus
alpha * sum(p * p), and the share of points on their label's side, as the repository's demo computes them."""
from __future__ import annotations

import random
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from micrograd_kata.checks.expect import TOLERANCE, close, fail, number, running, where
from micrograd_kata.checks.moons import make_moons
from micrograd_kata.checks.networks import Shape, random_values
from micrograd_kata.checks.repo_networks import set_values

SHAPE = Shape("MLP", 2, (4, 1))
HINT = ("total_loss = mean of (1 + -yi*scorei).relu() over the points, plus alpha * sum(p*p for p in "
        "model.parameters()); accuracy = share of points with (yi > 0) == (scorei.data > 0)")


def scores_of(reference: SimpleNamespace, values: Sequence[float], X: Sequence[Sequence[float]]) -> list[float]:
    model = SHAPE.build(reference)
    set_values(model, values)
    return [float(model(x).data) for x in X]


def slips(scores: Sequence[float], y: Sequence[int], values: Sequence[float], alpha: float) -> dict[str, float]:
    """The total loss each common slip computes, with what to do instead."""
    n, reg = len(y), alpha * sum(v * v for v in values)
    margins = [1 - yi * s for yi, s in zip(y, scores)]
    return {
        "the margin loss needs its relu: (1 + -yi*scorei).relu(), so that points beyond the margin add nothing":
            sum(margins) / n + reg,
        "take the mean of the margins, not their sum: sum(losses) * (1.0 / len(losses))":
            sum(max(m, 0.0) for m in margins) + reg,
        "add the L2 regularisation: alpha * sum(p*p for p in model.parameters())":
            sum(max(m, 0.0) for m in margins) / n,
        "the margin is 1 - yi*scorei: a point scored on its label's side lowers the loss":
            sum(max(1 + yi * s, 0.0) for yi, s in zip(y, scores)) / n + reg,
        "use the alpha you are given, not a fixed 1e-4": sum(max(m, 0.0) for m in margins) / n + 1e-4 * reg / alpha
        if alpha else float("nan"),
    }


def call_loss(learner: SimpleNamespace, model: Any, X: Any, y: Any, alpha: float | None,
              program: tuple[str, ...]) -> tuple[Any, float]:
    """loss(...)'s result, checked: a Value and a number."""
    with running(program):
        result = learner.loss(model, X, y) if alpha is None else learner.loss(model, X, y, alpha=alpha)
    if not (isinstance(result, tuple) and len(result) == 2 and isinstance(result[0], learner.Value)
            and isinstance(result[1], (int, float)) and not isinstance(result[1], bool)):
        fail("loss(model, X, y) did not return (total_loss, accuracy)", expected="(a Value, a number)",
             got=repr(result)[:200], program=program, where=where(learner.loss),
             hint="return total_loss, sum(accuracy) / len(accuracy) -- the loss as a Value, to call backward() on")
    return result[0], float(result[1])


def case(rng: random.Random, reference: SimpleNamespace) -> tuple[list[float], list[list[float]], list[int]]:
    """Parameters and 8 moons points where some points are beyond the margin and some within it."""
    data = make_moons(8, noise=0.1, seed=rng.randrange(2**32))
    while True:
        values = [2 * v for v in random_values(rng, SHAPE.count)]
        margins = [1 - yi * s for yi, s in zip(data.y, scores_of(reference, values, data.X))]
        if any(m < 0 for m in margins) and any(m > 0 for m in margins):
            return values, data.X, data.y


def check_total_loss_and_gradients(learner: SimpleNamespace, reference: SimpleNamespace, rng: random.Random) -> None:
    for alpha in (None, 0.01, 0.0):
        values, X, y = case(rng, reference)
        model, twin = SHAPE.build(learner), SHAPE.build(reference)
        set_values(model, values)
        set_values(twin, values)
        given = "" if alpha is None else f", alpha={alpha}"
        program = (f"model = {SHAPE}", "for p, v in zip(model.parameters(), parameters): p.data = v",
                   f"total_loss, accuracy = loss(model, X, y{given})", "total_loss.backward()")
        context: dict[str, Any] = {"inputs": f"parameters = {values}; X = {X}; y = {y}", "program": program,
                                   "where": where(learner.loss), "tolerance": TOLERANCE}
        got, _ = call_loss(learner, model, X, y, alpha, program)
        expected, _ = reference.loss(twin, X, y) if alpha is None else reference.loss(twin, X, y, alpha=alpha)
        if not close(float(got.data), float(expected.data)):
            kind = next((hint for hint, value in slips(scores_of(reference, values, X), y, values,
                                                       1e-4 if alpha is None else alpha).items()
                         if close(float(got.data), value)), HINT)
            fail(f"wrong total loss{' with' + given[1:] if given else ''}", expected=number(expected.data),
                 got=number(got.data), hint=kind, **context)
        with running(program):
            got.backward()
        expected.backward()
        for i, (p, q) in reversed(list(enumerate(zip(model.parameters(), twin.parameters())))):
            if not close(float(p.grad), float(q.grad)):
                fail(f"wrong gradient of the total loss for {SHAPE.describe(i)}", expected=number(q.grad),
                     got=number(p.grad), node=SHAPE.describe(i),
                     hint="build the loss from the scores' Values (no .data inside the loss), so backward() reaches "
                          "every parameter", **context)


def check_accuracy(learner: SimpleNamespace, reference: SimpleNamespace, rng: random.Random) -> None:
    """The share of points on their label's side; with every parameter 0 every score is exactly 0, which the
    repository's (yi > 0) == (scorei.data > 0) counts as -1."""
    values, X, y = case(rng, reference)
    for label, params, labels in (("random parameters", values, y), ("every parameter 0", [0.0] * SHAPE.count,
                                                                       [-1, -1, -1, 1, -1, 1, -1, -1])):
        model, twin = SHAPE.build(learner), SHAPE.build(reference)
        set_values(model, params)
        set_values(twin, params)
        program = (f"model = {SHAPE}", "for p, v in zip(model.parameters(), parameters): p.data = v",
                   "total_loss, accuracy = loss(model, X, y)")
        _, got = call_loss(learner, model, X, labels, None, program)
        _, expected = reference.loss(twin, X, labels)
        if not close(got, expected):
            zero = label == "every parameter 0"
            fail(f"wrong accuracy with {label}", expected=number(expected), got=number(got),
                 inputs=f"parameters = {params}; X = {X}; y = {labels}", program=program, where=where(learner.loss),
                 tolerance=TOLERANCE,
                 hint=("every score is exactly 0 here, and the repository counts a score of 0 as -1: "
                       "(yi > 0) == (scorei.data > 0), with > on both sides" if zero else
                       "accuracy is the share of points whose score has their label's sign: "
                       "sum(accuracy) / len(accuracy) of (yi > 0) == (scorei.data > 0)"))
