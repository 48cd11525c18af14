"""Checks for `gradf`: the gradient of the notebook's f, worked out by hand, at the notebook's point and at random ones."""
from __future__ import annotations

import random
from types import SimpleNamespace

from micrograd_kata.checks.expect import running, where
from micrograd_kata.checks.notebook import GRADIENT, NOTEBOOK_TOLERANCE, POINT, as_floats, expect_entries
from micrograd_kata.reference.exercises import derivatives

NAMES = ("df/da", "df/db", "df/dc")
HINTS = (
    "-a**3 gives -3*a**2 and -a**0.5 gives -0.5*a**-0.5 (the power rule); the other terms hold no a",
    "sin(3*b) gives 3*cos(3*b) (the chain rule: the 3 comes out) and b**2.5 gives 2.5*b**1.5",
    "-1.0/c is -c**-1, whose derivative is +c**-2 = 1/c**2: the two minus signs cancel",
)
TOLERANCE = "|got - expected| <= 1e-9·max(1, |expected|) (a formula, not an estimate)"


def gradient_of(learner: SimpleNamespace, a: float, b: float, c: float) -> list[float]:
    program = (f"gradf({a!r}, {b!r}, {c!r})",)
    with running(program):
        got = learner.gradf(a, b, c)
    return as_floats(got, 3, "gradf", program=program, where=where(learner.gradf),
                     hint="return [df_da, df_db, df_dc]")


def check_notebook_point(learner: SimpleNamespace) -> None:
    """The notebook's check: at (2, 3, 4), [-12.353553390593273, 10.25699027111255, 0.0625] within 1e-5."""
    a, b, c = POINT
    expect_entries(gradient_of(learner, a, b, c), GRADIENT, NAMES, summary="wrong gradient at (2, 3, 4)",
                   within=lambda g, e: abs(g - e) < NOTEBOOK_TOLERANCE, tolerance="|got - expected| < 1e-5",
                   hints=HINTS, program=(f"gradf({a}, {b}, {c})",), inputs="a = 2, b = 3, c = 4",
                   where=where(learner.gradf))


def check_random_points(learner: SimpleNamespace, rng: random.Random) -> None:
    """Anywhere f is defined (a > 0, b > 0, c != 0), the exact derivative, not numbers that fit (2, 3, 4) alone."""
    for _ in range(20):
        a, b = round(rng.uniform(0.1, 4.0), 3), round(rng.uniform(0.1, 4.0), 3)
        c = round(rng.choice((-1, 1)) * rng.uniform(0.2, 4.0), 3)
        expect_entries(gradient_of(learner, a, b, c), derivatives.gradf(a, b, c), NAMES,
                       summary=f"wrong gradient at ({a}, {b}, {c})",
                       within=lambda g, e: abs(g - e) <= 1e-9 * max(1.0, abs(e)), tolerance=TOLERANCE, hints=HINTS,
                       program=(f"gradf({a}, {b}, {c})",), inputs=f"a = {a}, b = {b}, c = {c}",
                       where=where(learner.gradf))
