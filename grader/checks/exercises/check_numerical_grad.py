"""Checks for `numerical-grad`: the forward difference (f(x + h) - f(x)) / h for each input, with the f and h given."""
from __future__ import annotations

import math
import random
from collections.abc import Callable
from types import SimpleNamespace

from micrograd_kata.checks.expect import fail, number, running, where
from micrograd_kata.checks.notebook import F_SOURCE, GRADIENT, INPUTS, NOTEBOOK_TOLERANCE, POINT, as_floats, expect_entries
from micrograd_kata.reference.exercises import derivatives

NAMES = tuple(f"df/d{x}" for x in INPUTS)
HINT = "for a: (f(a + h, b, c) - f(a, b, c)) / h, with the f and the h you are given; the same for b and c"
TOLERANCE = "|got - expected| <= 1e-9·max(1, |expected|) (the same formula, up to rounding)"

Function = Callable[[float, float, float], float]


def estimate(learner: SimpleNamespace, f: Function, point: tuple[float, float, float], h: float,
             program: tuple[str, ...]) -> list[float]:
    with running(program):
        got = learner.numerical_grad(f, *point, h)
    return as_floats(got, 3, "numerical_grad", program=program, where=where(learner.numerical_grad),
                     hint="return the three estimates as a list: [df/da, df/db, df/dc]")


def expect_formula(learner: SimpleNamespace, f: Function, source: str, point: tuple[float, float, float],
                   h: float) -> None:
    program = (source, f"numerical_grad(f, {', '.join(map(number, point))}, h={h})")
    got = estimate(learner, f, point, h, program)
    expected = derivatives.numerical_grad(f, *point, h)
    a, b, c = point
    hints = [f"{HINT}; here that is {number(e)}, while the symmetric difference would be {number(s)}"
             for e, s in zip(expected, derivatives.symmetric_grad(f, *point, h))]
    expect_entries(got, expected, NAMES, summary=f"not the forward difference for h = {h}",
                   within=lambda g, e: abs(g - e) <= 1e-9 * max(1.0, abs(e)), tolerance=TOLERANCE, hints=hints,
                   program=program, inputs=f"a = {a}, b = {b}, c = {c}, h = {h}", where=where(learner.numerical_grad))


def check_notebook_point(learner: SimpleNamespace) -> None:
    """The notebook's check: with a small h (here 0.000001), within 1e-5 of the exact gradient at (2, 3, 4)."""
    program = (F_SOURCE, "numerical_grad(f, 2, 3, 4, h=0.000001)")
    got = estimate(learner, derivatives.f, POINT, 0.000001, program)
    expect_entries(got, GRADIENT, NAMES, summary="too far from the gradient at (2, 3, 4) with h = 0.000001",
                   within=lambda g, e: abs(g - e) < NOTEBOOK_TOLERANCE, tolerance="|got - expected| < 1e-5",
                   hints=[HINT] * 3, program=program, inputs="a = 2, b = 3, c = 4, h = 0.000001",
                   where=where(learner.numerical_grad))


def check_forward_difference_for_the_h_given(learner: SimpleNamespace) -> None:
    """With a large h the estimate is far from the gradient, and must be exactly the forward difference for it."""
    for h in (0.5, 0.01):
        expect_formula(learner, derivatives.f, F_SOURCE, (2.0, 3.0, 4.0), h)


def check_the_f_given(learner: SimpleNamespace, rng: random.Random) -> None:
    """Another function of three inputs: the estimate must come from calling the f passed in, not the notebook's f."""
    p, q, r = (round(rng.uniform(-3, 3), 2) for _ in range(3))
    calls: list[tuple[float, float, float]] = []

    def g(a: float, b: float, c: float) -> float:
        calls.append((a, b, c))
        return p * a * a + q * b * c + r * math.exp(c / 4)

    source = f"def f(a, b, c): return {p} * a * a + {q} * b * c + {r} * exp(c / 4)"
    point = (round(rng.uniform(-2, 2), 2), round(rng.uniform(-2, 2), 2), round(rng.uniform(-2, 2), 2))
    expect_formula(learner, g, source, point, 0.25)
    if not calls:
        fail("numerical_grad never called the f it was given", expected="f called at the point and one step away",
             got="no call", program=(source, f"numerical_grad(f, {', '.join(map(number, point))}, h=0.25)"),
             where=where(learner.numerical_grad), hint="call the f passed as the first argument, not gradf")
