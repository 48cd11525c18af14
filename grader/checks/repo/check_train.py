"""Checks for `train`: full-batch gradient descent with lr = 1.0 - 0.9 * k / steps, each step's (loss, accuracy)
before its update; then the finish line: the learner's engine and network learn two moons end to end."""
from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any

import pytest

from micrograd_kata.checks.expect import TOLERANCE, close, fail, number, running, where
from micrograd_kata.checks.moons import Moons, accuracy, boundary, grid, make_moons
from micrograd_kata.checks.networks import Shape, random_values
from micrograd_kata.checks.repo_networks import set_values
from micrograd_kata.learner.remote_graphs import scores
from micrograd_kata.reference.repo import matrices

SMALL = Shape("MLP", 2, (4, 1))
DEMO = Shape("MLP", 2, (8, 8, 1))    # the finish line: 60 points, 40 steps (the full demo: 16, 16 and 100, 100)
DEMO_POINTS, DEMO_STEPS, DEMO_ACCURACY = 60, 40, 0.95
HINT = ("for k in range(steps): total_loss, acc = loss(model, X, y); model.zero_grad(); total_loss.backward(); "
        "lr = 1.0 - 0.9*k/steps; p.data -= lr * p.grad for every parameter; record (float(total_loss.data), acc)")
SLIPS = {
    "lr off by one": "the first step uses lr = 1.0: learning_rate = 1.0 - 0.9*k/steps with k counting from 0",
    "fixed lr": "the learning rate decays: learning_rate = 1.0 - 0.9*k/steps, from 1.0 down towards 0.1",
    "no zero_grad": "call model.zero_grad() before total_loss.backward() on every step: grads pile up otherwise",
    "loss after update": "record the loss and accuracy computed before this step's update, not after it",
    "uphill": "step downhill: p.data -= learning_rate * p.grad",
}


def twins(learner: SimpleNamespace, reference: SimpleNamespace, shape: Shape,
          values: Sequence[float]) -> tuple[Any, Any]:
    """The learner's model and the reference's, with identical parameters."""
    model, twin = shape.build(learner), shape.build(reference)
    set_values(model, values)
    set_values(twin, values)
    return model, twin


def history_of(result: Any, steps: int, learner: SimpleNamespace, program: tuple[str, ...]) -> list[tuple[float, float]]:
    """train's result, checked: `steps` pairs of plain numbers."""
    def plain(x: Any) -> bool:
        return isinstance(x, (int, float)) and not isinstance(x, bool)

    if not (isinstance(result, (list, tuple)) and len(result) == steps):
        fail(f"train(..., steps={steps}) did not return {steps} (loss, accuracy) pairs",
             expected=f"a list of {steps} pairs of floats", got=repr(result)[:200], program=program,
             where=where(learner.train), hint=HINT)
    if not all(isinstance(pair, (list, tuple)) and len(pair) == 2 and all(map(plain, pair)) for pair in result):
        fail("train returned steps that are not (loss, accuracy) pairs of floats", expected="e.g. (0.87, 0.73)",
             got=repr(list(result))[:200], program=program, where=where(learner.train),
             hint="append numbers, not Values: history.append((float(total_loss.data), float(acc)))")
    return [(float(a), float(b)) for a, b in result]


def slip(reference: SimpleNamespace, values: Sequence[float], X: Any, y: Any, steps: int,
         kind: str) -> list[tuple[float, float]]:
    """What a common slip records, on an identical reference model."""
    model = SMALL.build(reference)
    set_values(model, values)
    history = []
    for k in range(steps + 1):
        total_loss, acc = reference.loss(model, X, y)
        history.append((float(total_loss.data), float(acc)))
        if kind != "no zero_grad":
            model.zero_grad()
        total_loss.backward()
        lr = {"lr off by one": 1.0 - 0.9 * (k + 1) / steps, "fixed lr": 1.0}.get(kind, 1.0 - 0.9 * k / steps)
        for p in model.parameters():
            p.data -= (-lr if kind == "uphill" else lr) * p.grad
    return history[1:] if kind == "loss after update" else history[:steps]


def matches(got: Sequence[tuple[float, float]], expected: Sequence[tuple[float, float]]) -> bool:
    """The same losses, and accuracies within a point: what a common slip is recognised by."""
    return all(close(a, c) and abs(b - d) <= 0.2 for (a, b), (c, d) in zip(got, expected))


def same_step(got: tuple[float, float], expected: tuple[float, float], unsure: int, points: int) -> bool:
    """The same loss, and the same accuracy but for the points whose score is within rounding of 0 (see matrices)."""
    return close(got[0], expected[0]) and abs(got[1] - expected[1]) <= unsure / points + 1e-12


def expect_curve(got: Sequence[tuple[float, float]], expected: matrices.Training, points: int,
                 what: str, hint: Callable[[], str], context: dict[str, Any]) -> None:
    """Step by step, the reference's (loss, accuracy); the first step that differs fails."""
    for k, (g, e, unsure) in enumerate(zip(got, expected.history, expected.unsure)):
        if not same_step(g, e, unsure, points):
            fail(f"{what}step {k}'s (loss, accuracy) differs from the reference's",
                 expected=f"({number(e[0])}, {number(e[1])})", got=f"({number(g[0])}, {number(g[1])})",
                 hint=hint(), **context)


def check_matches_reference_training(learner: SimpleNamespace, reference: SimpleNamespace, rng: random.Random) -> None:
    """4 steps from identical parameters: the same (loss, accuracy) per step and the same final parameters."""
    data = make_moons(10, noise=0.1, seed=rng.randrange(2**32))
    values = random_values(rng, SMALL.count)
    model = SMALL.build(learner)
    set_values(model, values)
    program = (f"model = {SMALL}", "for p, v in zip(model.parameters(), parameters): p.data = v",
               "history = train(model, X, y, steps=4)")
    with running(program):
        got = history_of(learner.train(model, data.X, data.y, steps=4), 4, learner, program)
    expected = matrices.train(SMALL.nin, SMALL.nouts, values, data.X, data.y, 4)
    context: dict[str, Any] = {"inputs": f"parameters = {values}; X = {data.X}; y = {data.y}", "program": program,
                               "where": where(learner.train), "tolerance": TOLERANCE}

    def hint() -> str:
        kind = next((k for k in SLIPS if matches(got, slip(reference, values, data.X, data.y, 4, k))), None)
        return SLIPS[kind] if kind else HINT

    expect_curve(got, expected, len(data.y), "", hint, context)
    for i, (p, q) in reversed(list(enumerate(zip(model.parameters(), expected.after)))):
        if not close(float(p.data), q):
            fail(f"after training, {SMALL.describe(i)} differs from the demo's gradient descent",
                 expected=number(q), got=number(p.data), node=SMALL.describe(i),
                 hint="update every parameter once per step, after the loss: p.data -= learning_rate * p.grad",
                 **context)


def check_zeroes_gradients_each_step(learner: SimpleNamespace, reference: SimpleNamespace, rng: random.Random) -> None:
    """Leftover grads from before must not leak into the step: zero_grad() comes before backward()."""
    data = make_moons(10, noise=0.1, seed=rng.randrange(2**32))
    values = random_values(rng, SMALL.count)
    model, twin = twins(learner, reference, SMALL, values)
    for p in model.parameters():
        p.grad = 5.0  # as if from an earlier backward()
    program = (f"model = {SMALL}", "for p, v in zip(model.parameters(), parameters): p.data = v; p.grad = 5.0",
               "train(model, X, y, steps=1)")
    with running(program):
        learner.train(model, data.X, data.y, steps=1)
    reference.train(twin, data.X, data.y, steps=1)
    for i, (p, q) in reversed(list(enumerate(zip(model.parameters(), twin.parameters())))):
        if not close(float(p.data), float(q.data)):
            fail(f"a step used grads left over from before: {SMALL.describe(i)} is off after one step",
                 expected=number(q.data), got=number(p.data), node=SMALL.describe(i), program=program,
                 inputs=f"parameters = {values}", where=where(learner.train), tolerance=TOLERANCE,
                 hint="call model.zero_grad() before total_loss.backward() on every step")


def demo_start(rng: random.Random) -> tuple[Moons, list[float], matrices.Training]:
    """The moons and initial parameters (weights uniform in [-1, 1], biases 0, as Neuron makes them) from which the
    reference reaches the accuracy asked for, and its training from them."""
    data = make_moons(DEMO_POINTS, noise=0.1, seed=rng.randrange(2**32))
    while True:
        values = [0.0 if slot == nin else round(rng.uniform(-1, 1), 4)
                  for nin, nout in DEMO.sizes for _ in range(nout) for slot in range(nin + 1)]
        training = matrices.train(DEMO.nin, DEMO.nouts, values, data.X, data.y, DEMO_STEPS)
        if final_accuracy(training.after, data) >= DEMO_ACCURACY:
            return data, values, training


def final_accuracy(values: Sequence[float], data: Moons) -> float:
    layers = matrices.unpack(DEMO.nin, DEMO.nouts, values)

    def score(a: float, b: float) -> float:
        h = [a, b]
        for i, (W, bias) in enumerate(layers):
            h = [float(sum(w * x for w, x in zip(row, h)) + c) for row, c in zip(W, bias)]
            h = [max(v, 0.0) for v in h] if i < len(layers) - 1 else h
        return h[0]
    return accuracy(score, data.X, data.y)


def check_learns_the_moons(learner: SimpleNamespace, reference: SimpleNamespace, request: pytest.FixtureRequest,
                           rng: random.Random) -> None:
    """Your engine, network, loss and train, end to end: MLP(2, [8, 8, 1]) on 60 moons for 40 steps follows the
    reference's curve from the same start and classifies at least 95 % of the points."""
    # seconds of training are worth it only for a train() that gets a small case right: else the same failure, now
    check_matches_reference_training(learner, reference, random.Random(rng.random()))
    data, values, expected = demo_start(rng)
    model = DEMO.build(learner)
    set_values(model, values)
    program = (f"model = {DEMO}", "for p, v in zip(model.parameters(), parameters): p.data = v",
               f"X, y = make_moons({DEMO_POINTS}, noise=0.1)", f"history = train(model, X, y, steps={DEMO_STEPS})")
    context: dict[str, Any] = {"inputs": f"parameters = {values}", "program": program, "where": where(learner.train),
                               "tolerance": TOLERANCE}
    with running(program):
        got = history_of(learner.train(model, data.X, data.y, steps=DEMO_STEPS), DEMO_STEPS, learner, program)
    expect_curve(got, expected, DEMO_POINTS, "on the moons, ", lambda: HINT, context)

    with running(("model([Value(x), Value(y)]) over a grid",)):
        points = [*data.X, *(cell for row in grid(data) for cell in row)]
        scored = dict(zip(map(tuple, points), scores(model, learner.Value, points)))  # in one round trip

        def score(a: float, b: float) -> float:
            return scored[a, b]

        reached = accuracy(score, data.X, data.y)
        if reached < DEMO_ACCURACY:
            fail("the trained model classifies too few of the moons", expected=f">= {DEMO_ACCURACY:.0%}",
                 got=f"{reached:.0%}", hint=HINT, **context)
        title = f"{DEMO} after {DEMO_STEPS} steps on {DEMO_POINTS} moons: loss {got[-1][0]:.4f}, accuracy {reached:.0%}"
        request.node.user_properties.append(("boundary", boundary(score, data, title=title)))
