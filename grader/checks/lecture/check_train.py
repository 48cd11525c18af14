"""Checks for `train`: plain gradient descent, returning each step's loss (before its update) as a float."""
from __future__ import annotations

import random
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from micrograd_kata.checks.expect import TOLERANCE, close, fail, number, where
from micrograd_kata.checks.networks import LECTURE_XS, LECTURE_YS, Shape, random_values, set_values

SHAPE = Shape("MLP", 3, (4, 4, 1))
HINT = ("each step: ypred = [model(x) for x in xs]; loss = sum_squared_error(ypred, ys); model.zero_grad(); "
        "loss.backward(); p.data -= lr * p.grad for every parameter; record float(loss.data)")


def twins(learner: SimpleNamespace, reference: SimpleNamespace, shape: Shape,
          values: Sequence[float]) -> tuple[Any, Any]:
    """The learner's model and the reference's, with identical parameters."""
    model, twin = shape.build(learner), shape.build(reference)
    set_values(model, values)
    set_values(twin, values)
    return model, twin


def losses_of(result: Any, steps: int, learner: SimpleNamespace, program: tuple[str, ...]) -> list[float]:
    """train's result, checked: a list of `steps` plain numbers."""
    if not (isinstance(result, (list, tuple)) and len(result) == steps):
        fail(f"train(..., steps={steps}) did not return {steps} losses", expected=f"a list of {steps} floats",
             got=repr(result)[:200], program=program, where=where(learner.train), hint=HINT)
    if not all(isinstance(loss, (int, float)) and not isinstance(loss, bool) for loss in result):
        fail("train returned losses that are not floats", expected="floats, e.g. 4.62",
             got=repr(list(result))[:200], program=program, where=where(learner.train),
             hint="append the number, not the Value: losses.append(loss.data)")
    return [float(loss) for loss in result]


def slip(reference: SimpleNamespace, values: Sequence[float], steps: int, lr: float, kind: str) -> list[float]:
    """The losses a common slip records, on an identical reference model."""
    model = SHAPE.build(reference)
    set_values(model, values)
    losses = []
    step = {"uphill": -lr, "fixed lr 0.05": 0.05}.get(kind, lr)
    for _ in range(steps + 1):
        loss = reference.sum_squared_error([model(x) for x in LECTURE_XS], LECTURE_YS)
        losses.append(float(loss.data))
        if kind != "no zero_grad":
            model.zero_grad()
        loss.backward()
        if kind == "zero_grad after backward":
            model.zero_grad()
        for p in model.parameters():
            p.data -= step * p.grad
    return losses[1:] if kind == "loss after update" else losses[:steps]


SLIPS = {
    "no zero_grad": "call model.zero_grad() before loss.backward() on every step: grads pile up from the steps before",
    "loss after update": "record the loss computed before this step's update, not after it",
    "zero_grad after backward": "call model.zero_grad() before loss.backward(): after it, it wipes the gradients "
                                "the update needs",
    "uphill": "step downhill: p.data -= lr * p.grad",
    "fixed lr 0.05": "step by the lr you are given: p.data -= lr * p.grad",
}


def check_matches_reference_training(learner: SimpleNamespace, reference: SimpleNamespace, rng: random.Random) -> None:
    """3 steps at lr = 0.1 from identical parameters: the same losses and the same final parameters."""
    values = random_values(rng, SHAPE.count)
    model, twin = twins(learner, reference, SHAPE, values)
    program = (f"model = {SHAPE}", "for p, v in zip(model.parameters(), parameters): p.data = v",
               "losses = train(model, xs, ys, steps=3, lr=0.1)")
    got = losses_of(learner.train(model, LECTURE_XS, LECTURE_YS, steps=3, lr=0.1), 3, learner, program)
    expected = reference.train(twin, LECTURE_XS, LECTURE_YS, steps=3, lr=0.1)
    context: dict[str, Any] = {"inputs": f"parameters = {values}; xs = {LECTURE_XS}; ys = {LECTURE_YS}", "program": program,
               "where": where(learner.train), "tolerance": TOLERANCE}
    if not all(map(close, got, expected)):
        kind = next((k for k in SLIPS if all(map(close, got, slip(reference, values, 3, 0.1, k)))), None)
        fail("train's losses differ from plain gradient descent", expected=", ".join(map(number, expected)),
             got=", ".join(map(number, got)), hint=SLIPS[kind] if kind else HINT, **context)
    for i, (p, q) in reversed(list(enumerate(zip(model.parameters(), twin.parameters())))):
        if not close(float(p.data), float(q.data)):
            fail(f"after training, {SHAPE.describe(i)} differs from plain gradient descent",
                 expected=number(q.data), got=number(p.data), node=SHAPE.describe(i),
                 hint="update every parameter once per step: p.data -= lr * p.grad", **context)


def check_zeroes_gradients_each_step(learner: SimpleNamespace, reference: SimpleNamespace, rng: random.Random) -> None:
    """Leftover grads from before must not leak into the step: zero_grad() comes before backward()."""
    values = random_values(rng, SHAPE.count)
    model, twin = twins(learner, reference, SHAPE, values)
    for p in model.parameters():
        p.grad = 5.0  # as if from an earlier backward()
    program = (f"model = {SHAPE}", "for p, v in zip(model.parameters(), parameters): p.data = v; p.grad = 5.0",
               "train(model, xs, ys, steps=1, lr=0.1)")
    learner.train(model, LECTURE_XS, LECTURE_YS, steps=1, lr=0.1)
    reference.train(twin, LECTURE_XS, LECTURE_YS, steps=1, lr=0.1)
    for i, (p, q) in reversed(list(enumerate(zip(model.parameters(), twin.parameters())))):
        if not close(float(p.data), float(q.data)):
            fail(f"a step used grads left over from before: {SHAPE.describe(i)} is off after one step",
                 expected=number(q.data), got=number(p.data), node=SHAPE.describe(i),
                 inputs=f"parameters = {values}", program=program, where=where(learner.train),
                 hint=SLIPS["no zero_grad"], tolerance=TOLERANCE)


def check_loss_decreases(learner: SimpleNamespace, rng: random.Random) -> None:
    values = random_values(rng, SHAPE.count)
    model = SHAPE.build(learner)
    set_values(model, values)
    program = (f"model = {SHAPE}", "for p, v in zip(model.parameters(), parameters): p.data = v",
               "losses = train(model, xs, ys, steps=10)")
    losses = losses_of(learner.train(model, LECTURE_XS, LECTURE_YS, steps=10), 10, learner, program)
    if not losses[-1] < losses[0]:
        fail("the loss did not go down in 10 steps on the lecture's data", expected=f"below {number(losses[0])}",
             got=", ".join(map(number, losses)), inputs=f"parameters = {values}", program=program,
             where=where(learner.train), hint=SLIPS["uphill"])


def check_returns_floats(learner: SimpleNamespace, rng: random.Random) -> None:
    model = Shape("MLP", 3, (2, 1)).build(learner)
    set_values(model, random_values(rng, 11))
    program = ("model = MLP(3, [2, 1])", "train(model, xs, ys, steps=2)")
    losses_of(learner.train(model, LECTURE_XS, LECTURE_YS, steps=2), 2, learner, program)


def check_default_steps_and_lr(learner: SimpleNamespace, reference: SimpleNamespace, rng: random.Random) -> None:
    """train(model, xs, ys) runs 20 steps at lr = 0.05."""
    shape = Shape("MLP", 3, (2, 1))
    values = random_values(rng, shape.count)
    model, twin = twins(learner, reference, shape, values)
    program = (f"model = {shape}", "for p, v in zip(model.parameters(), parameters): p.data = v",
               "losses = train(model, xs, ys)")
    got = losses_of(learner.train(model, LECTURE_XS, LECTURE_YS), 20, learner, program)
    expected = reference.train(twin, LECTURE_XS, LECTURE_YS)
    if not all(map(close, got, expected)):
        fail("train(model, xs, ys) differs from 20 steps of gradient descent at lr = 0.05",
             expected=", ".join(map(number, expected)), got=", ".join(map(number, got)),
             inputs=f"parameters = {values}", program=program, where=where(learner.train),
             hint="keep the defaults steps=20, lr=0.05, and use the lr you are given", tolerance=TOLERANCE)
