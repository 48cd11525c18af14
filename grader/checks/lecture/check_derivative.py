"""Checks for `derivative`: derivative(f, x, h) is the numerical slope of f at x, rise over run."""
from __future__ import annotations

import math
import random
from collections.abc import Callable
from types import SimpleNamespace

from micrograd_kata.checks.expect import fail, number, where

# a forward difference with h = 0.0001 is off by about h/2 * f''(x); a central one by far less
TOLERANCE = "|got - slope| <= 1e-3·max(1, |slope|)"
HINT = "rise over run: (f(x + h) - f(x)) / h, with a small h such as 0.0001"

# (the function as a learner writes it, f, its exact slope)
FUNCTIONS: list[tuple[str, Callable[[float], float], Callable[[float], float]]] = [
    ("return 3*x**2 - 4*x + 5", lambda x: 3 * x**2 - 4 * x + 5, lambda x: 6 * x - 4),
    ("return x**3", lambda x: x**3, lambda x: 3 * x**2),
    ("return math.sin(x)", math.sin, math.cos),
    ("return math.exp(x)", math.exp, math.exp),
    ("return 1 / x", lambda x: 1 / x, lambda x: -1 / x**2),
    ("return math.tanh(x)", math.tanh, lambda x: 1 - math.tanh(x) ** 2),
]


def expect_slope(learner: SimpleNamespace, body: str, f: Callable[[float], float], x: float, slope: float) -> None:
    got = learner.derivative(f, x)
    if not abs(float(got) - slope) <= 1e-3 * max(1.0, abs(slope)):
        fail(f"wrong slope of f at x = {number(x)}", expected=number(slope), got=number(got),
             inputs=f"x = {number(x)}", program=(f"def f(x): {body}", f"derivative(f, {number(x)})"),
             where=where(learner.derivative), hint=HINT, tolerance=TOLERANCE)


def check_lecture_slopes(learner: SimpleNamespace) -> None:
    """The lecture's f(x) = 3x**2 - 4x + 5: slope 14 at 3, -22 at -3, 0 at 2/3."""
    body, f, slope = FUNCTIONS[0]
    for x in (3.0, -3.0, 2 / 3):
        expect_slope(learner, body, f, x, slope(x))


def check_other_functions(learner: SimpleNamespace, rng: random.Random) -> None:
    for body, f, slope in FUNCTIONS[1:]:
        x = round(rng.choice((-1, 1)) * rng.uniform(0.5, 2.0), 3)  # away from 0, where 1/x is steep
        expect_slope(learner, body, f, x, slope(x))


def check_calls_f(learner: SimpleNamespace, rng: random.Random) -> None:
    """A line of random slope: the answer must come from calling f, not be written in."""
    a, b, x = round(rng.uniform(-5, 5), 2), round(rng.uniform(-5, 5), 2), round(rng.uniform(-3, 3), 2)
    calls: list[float] = []

    def f(t: float) -> float:
        calls.append(t)
        return a * t + b

    got = learner.derivative(f, x)
    program = (f"def f(x): return {a} * x + {b}", f"derivative(f, {x})")
    if not calls:
        fail("derivative never called f", expected="f called at x and at x + h", got="no call",
             program=program, where=where(learner.derivative), hint=HINT)
    if not abs(float(got) - a) <= 1e-3 * max(1.0, abs(a)):
        fail("wrong slope of a straight line", expected=number(a), got=number(got), inputs=f"x = {x}",
             program=program, where=where(learner.derivative), hint=HINT, tolerance=TOLERANCE)


def check_uses_h(learner: SimpleNamespace) -> None:
    """With h = 1.0, f must be called one step away from x, and a line's slope stays exact."""
    calls: list[float] = []

    def f(t: float) -> float:
        calls.append(t)
        return math.exp(t)

    learner.derivative(f, 0.0, 1.0)
    program = ("def f(x): return math.exp(x)", "derivative(f, 0.0, 1.0)")
    if not any(abs(t) >= 0.5 for t in calls):
        fail("derivative ignores its argument h", expected="f called at x + h = 1.0 (or x - h)",
             got=f"f called at {', '.join(number(t) for t in calls)}", inputs="x = 0.0, h = 1.0", program=program,
             where=where(learner.derivative), hint="step by the h you are given: f(x + h), not a fixed 0.0001")
    got = learner.derivative(lambda t: 2.5 * t - 1, 1.0, 0.5)
    if not abs(float(got) - 2.5) <= 1e-9:
        fail("wrong slope of a straight line with h = 0.5", expected="2.5", got=number(got),
             inputs="x = 1.0, h = 0.5", program=("def f(x): return 2.5 * x - 1", "derivative(f, 1.0, 0.5)"),
             where=where(learner.derivative), hint="divide by the same h you step by: (f(x + h) - f(x)) / h",
             tolerance="|got - slope| <= 1e-9 (a line's slope is exact for any h)")
