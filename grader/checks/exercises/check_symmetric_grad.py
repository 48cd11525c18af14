"""Checks for `symmetric-grad`: the central difference (f(x + h) - f(x - h)) / 2h, closer than the forward one."""
from __future__ import annotations

import math
import random
from collections.abc import Callable
from types import SimpleNamespace

from micrograd_kata.checks.expect import fail, number, running, where
from micrograd_kata.checks.notebook import F_SOURCE, GRADIENT, INPUTS, NOTEBOOK_TOLERANCE, POINT, as_floats, expect_entries
from micrograd_kata.reference.exercises import derivatives

NAMES = tuple(f"df/d{x}" for x in INPUTS)
HINT = "for a: (f(a + h, b, c) - f(a - h, b, c)) / (2 * h): the two points are 2h apart; the same for b and c"
TOLERANCE = "|got - expected| <= 1e-9·max(1, |expected|) (the same formula, up to rounding)"

Function = Callable[[float, float, float], float]


def estimate(learner: SimpleNamespace, f: Function, point: tuple[float, ...], h: float,
             program: tuple[str, ...]) -> list[float]:
    with running(program):
        got = learner.symmetric_grad(f, *point, h)
    return as_floats(got, 3, "symmetric_grad", program=program, where=where(learner.symmetric_grad),
                     hint="return the three estimates as a list: [df/da, df/db, df/dc]")


def expect_formula(learner: SimpleNamespace, f: Function, source: str, point: tuple[float, float, float],
                   h: float) -> None:
    program = (source, f"symmetric_grad(f, {', '.join(map(number, point))}, h={h})")
    expected = derivatives.symmetric_grad(f, *point, h)
    hints = [f"{HINT}; here that is {number(e)}, while the forward difference would be {number(n)}"
             for e, n in zip(expected, derivatives.numerical_grad(f, *point, h))]
    a, b, c = point
    expect_entries(estimate(learner, f, point, h, program), expected, NAMES,
                   summary=f"not the symmetric difference for h = {h}",
                   within=lambda g, e: abs(g - e) <= 1e-9 * max(1.0, abs(e)), tolerance=TOLERANCE, hints=hints,
                   program=program, inputs=f"a = {a}, b = {b}, c = {c}, h = {h}", where=where(learner.symmetric_grad))


def check_notebook_point(learner: SimpleNamespace) -> None:
    program = (F_SOURCE, "symmetric_grad(f, 2, 3, 4, h=0.0001)")
    got = estimate(learner, derivatives.f, POINT, 0.0001, program)
    expect_entries(got, GRADIENT, NAMES, summary="too far from the gradient at (2, 3, 4) with h = 0.0001",
                   within=lambda g, e: abs(g - e) < NOTEBOOK_TOLERANCE, tolerance="|got - expected| < 1e-5",
                   hints=[HINT] * 3, program=program, inputs="a = 2, b = 3, c = 4, h = 0.0001",
                   where=where(learner.symmetric_grad))


def check_symmetric_difference_for_the_h_given(learner: SimpleNamespace) -> None:
    for h in (0.5, 0.01):
        expect_formula(learner, derivatives.f, F_SOURCE, (2.0, 3.0, 4.0), h)


def check_closer_than_the_forward_difference(learner: SimpleNamespace) -> None:
    """The notebook's question: for the same h, the symmetric estimate is nearer the exact gradient, input by input."""
    exact = derivatives.gradf(*POINT)
    for h in (0.1, 0.001):
        program = (F_SOURCE, f"symmetric_grad(f, 2, 3, 4, h={h})")
        got = estimate(learner, derivatives.f, POINT, h, program)
        forward = derivatives.numerical_grad(derivatives.f, *POINT, h)
        for name, g, n, e in zip(NAMES, got, forward, exact):
            if not abs(g - e) < abs(n - e):
                fail(f"not closer to the gradient than the forward difference with h = {h}: {name}",
                     expected=f"{name} nearer {number(e)} than the forward difference's {number(n)}",
                     got=f"{name} = {number(g)}, off by {number(abs(g - e))}", node=name, program=program,
                     inputs=f"a = 2, b = 3, c = 4, h = {h}", where=where(learner.symmetric_grad), hint=HINT,
                     tolerance="|got - exact| < |forward difference - exact|, for the same h")


def check_the_f_given(learner: SimpleNamespace, rng: random.Random) -> None:
    p, q = round(rng.uniform(-3, 3), 2), round(rng.uniform(-3, 3), 2)

    def g(a: float, b: float, c: float) -> float:
        return p * a**3 + q * math.sin(b) * c

    source = f"def f(a, b, c): return {p} * a**3 + {q} * sin(b) * c"
    point = (round(rng.uniform(-2, 2), 2), round(rng.uniform(-2, 2), 2), round(rng.uniform(-2, 2), 2))
    expect_formula(learner, g, source, point, 0.25)
