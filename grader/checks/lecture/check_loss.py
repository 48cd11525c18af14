"""Checks for `loss`: sum_squared_error(ypred, ys) is the Value sum of (prediction - target)**2."""
from __future__ import annotations

import random
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from micrograd_kata.checks.expect import TOLERANCE, close, fail, number, where
from micrograd_kata.checks.networks import LECTURE_XS, LECTURE_YS, Shape, cross_check_loss, random_values, set_values
from micrograd_kata.checks.session import Audit

HINT = "sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))"


def expect_loss(learner: SimpleNamespace, reference: SimpleNamespace, audit: Audit,
                predictions: Sequence[float], order: Sequence[int]) -> None:
    """ypred[i] = Value(predictions[order[i]]): the same Value may be used for two examples."""
    ys = LECTURE_YS
    lines = tuple(f"p{i} = Value({v!r})" for i, v in enumerate(predictions)) + (
        f"ypred = [{', '.join(f'p{i}' for i in order)}]", f"loss = sum_squared_error(ypred, {ys})", "loss.backward()")

    def run(namespace: SimpleNamespace) -> tuple[float, list[float]]:
        ps = [namespace.Value(v) for v in predictions]
        loss = namespace.sum_squared_error([ps[i] for i in order], ys)
        if not isinstance(loss, namespace.Value):
            fail("sum_squared_error did not return a Value", expected="a Value", got=repr(loss), program=lines,
                 where=where(namespace.sum_squared_error), hint=f"sum Values, not floats: {HINT}")
        loss.backward()
        return float(loss.data), [float(p.grad) for p in ps]

    expected = run(reference)
    audit(cross_check_loss, list(predictions), list(order), list(ys), expected)
    got = run(learner)
    context: dict[str, Any] = {"inputs": f"ys = {ys}", "program": lines, "where": where(learner.sum_squared_error), "tolerance": TOLERANCE}
    if not close(got[0], expected[0]):
        fail("wrong loss", expected=f"loss.data = {number(expected[0])}", got=f"loss.data = {number(got[0])}",
             node="loss", hint=f"the sum over examples of (prediction - target)**2: {HINT}", **context)
    for i in range(len(predictions)):
        if not close(got[1][i], expected[1][i]):
            fail(f"wrong gradient for the prediction p{i}", expected=f"p{i}.grad = {number(expected[1][i])}",
                 got=f"p{i}.grad = {number(got[1][i])}", node=f"p{i}",
                 hint="d loss / d prediction = 2 * (prediction - target), summed over the examples that use it: "
                      "build the loss from the prediction Values themselves", **context)


def check_lecture_loss(learner: SimpleNamespace, reference: SimpleNamespace, audit: Audit) -> None:
    expect_loss(learner, reference, audit, [0.8, -0.6, -0.9, 0.7], [0, 1, 2, 3])


def check_random_predictions(learner: SimpleNamespace, reference: SimpleNamespace, audit: Audit,
                             rng: random.Random) -> None:
    expect_loss(learner, reference, audit, random_values(rng, 4), [0, 1, 2, 3])


def check_shared_prediction(learner: SimpleNamespace, reference: SimpleNamespace, audit: Audit) -> None:
    """One Value predicts two examples: its gradient collects both."""
    expect_loss(learner, reference, audit, [0.5, -0.25, 0.75], [0, 1, 0, 2])


def check_network_predictions(learner: SimpleNamespace, reference: SimpleNamespace, rng: random.Random) -> None:
    """The lecture's use: the loss of MLP(3, [4, 4, 1]) on its four examples, and the 41 gradients."""
    shape = Shape("MLP", 3, (4, 4, 1))
    values = random_values(rng, shape.count)

    def run(namespace: SimpleNamespace) -> tuple[Any, list[float]]:
        model = shape.build(namespace)
        set_values(model, values)
        loss = namespace.sum_squared_error([model(x) for x in LECTURE_XS], LECTURE_YS)
        loss.backward()
        return float(loss.data), [float(p.grad) for p in model.parameters()]

    expected, got = run(reference), run(learner)
    lines = (f"model = {shape}", "for p, v in zip(model.parameters(), parameters): p.data = v",
             "loss = sum_squared_error([model(x) for x in xs], ys)", "loss.backward()")
    context: dict[str, Any] = {"inputs": f"parameters = {values}; xs = {LECTURE_XS}; ys = {LECTURE_YS}", "program": lines,
               "where": where(learner.sum_squared_error), "hint": HINT, "tolerance": TOLERANCE}
    if not close(got[0], expected[0]):
        fail("wrong loss of MLP(3, [4, 4, 1]) on the lecture's examples", expected=f"loss.data = {number(expected[0])}",
             got=f"loss.data = {number(got[0])}", node="loss", **context)
    for i in reversed(range(shape.count)):
        if not close(got[1][i], expected[1][i]):
            fail(f"wrong gradient for {shape.describe(i)} after loss.backward()", expected=number(expected[1][i]),
                 got=number(got[1][i]), node=shape.describe(i), **context)
