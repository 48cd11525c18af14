"""The numbers the lecture's exercise notebook states, and what the exercises track's checks share to hold
a learner's answers to them: a list of three or four numbers, compared entry by entry."""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from micrograd_kata.checks.expect import fail, number
from micrograd_kata.results import Location

# section 1: f(a, b, c) at (2, 3, 4) and its gradient
POINT = (2, 3, 4)
GRADIENT = [-12.353553390593273, 10.25699027111255, 0.0625]
NOTEBOOK_TOLERANCE = 1e-5  # the notebook's own check: abs(yours[dim] - ans[dim]) < 1e-5

# section 2: the softmax of these logits, and the negative log likelihood of label 3
LOGITS = [0.0, 3.0, -2.0, 1.0]
LABEL = 3
LOSS = 2.1755153626167147
LOGIT_GRADS = [0.041772570515350445, 0.8390245074625319, 0.005653302662216329, -0.8864503806400986]

INPUTS = ("a", "b", "c")
F_SOURCE = "def f(a, b, c): return -a**3 + sin(3*b) - 1.0/c + b**2.5 - a**0.5"


def numbers(values: Sequence[Any]) -> str:
    """[1.0, -2.5, 0.0625] as a learner reads it."""
    return "[" + ", ".join(number(v) for v in values) + "]"


def as_floats(got: Any, length: int, what: str, *, program: tuple[str, ...], where: Location | None,
              hint: str) -> list[float]:
    """The learner's answer as `length` floats; a failure saying what came back when it is not that."""
    try:
        values = [float(v) for v in got]
    except (TypeError, ValueError):
        values = []
    if len(values) != length:
        fail(f"{what} did not return a list of {length} numbers", expected=f"a list of {length} numbers",
             got=repr(got), program=program, where=where, hint=hint)
    if not all(math.isfinite(v) for v in values):
        fail(f"{what} returned a number that is not finite", expected=f"{length} finite numbers", got=numbers(values),
             program=program, where=where, hint=hint)
    return values


def expect_entries(got: Sequence[float], expected: Sequence[float], names: Sequence[str], *,
                   within: Callable[[float, float], bool], tolerance: str, summary: str, hints: Sequence[str],
                   **context: Any) -> None:
    """Fail at the first entry of `got` that is not within tolerance of `expected`, naming it and its own hint."""
    for name, g, e, hint in zip(names, got, expected, hints):
        if not within(g, e):
            fail(f"{summary}: {name} is wrong", expected=f"{name} = {number(e)}", got=f"{name} = {number(g)}",
                 node=name, hint=hint, tolerance=tolerance, **context)
