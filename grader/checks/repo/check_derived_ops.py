"""Checks for `derived-ops`: -v, a - b, a / b, a number on the left of + - * /, sum() of Values; then the
repository's own two tests, test_sanity_check and test_more_ops, with their numbers."""
from __future__ import annotations

import random
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from micrograd_kata.checks.expect import fail, number, running, where
from micrograd_kata.checks.graphs import program
from micrograd_kata.checks.random_graphs import random_program

METHODS = {"__neg__", "__radd__", "__sub__", "__rsub__", "__rmul__", "__truediv__", "__rtruediv__"}
RANDOM_OPS = ["add", "mul", "neg", "sub", "sub_k", "k_sub", "k_add", "k_mul", "div", "div_k", "k_div", "sum", "relu"]

LEFT = [program({"a": -1.5}, line) for line in ("c = 2.5 + a", "c = 3 - a", "c = 2 * a", "c = 2 / a")]
SUB_NEG_DIV = [
    program({"a": 2.0}, "c = -a"),
    program({"a": 2.0, "b": -3.0}, "c = a - b"),
    program({"a": 2.0}, "c = a - 2.5"),
    program({"a": 2.0, "b": -4.0}, "c = a / b"),
    program({"a": 2.0}, "c = a / 4"),
]
SUMS = [
    program({"a": 2.0, "b": -3.0, "c": 0.5}, "s = sum([a, b, c])"),
    program({"a": 2.0, "b": -3.0}, "s = sum([a, a, b])"),
]
REUSE = [
    program({"a": 2.0}, "c = a - a"),
    program({"a": 2.0}, "c = a / a"),
    program({"a": 2.0}, "c = -a", "d = c * a"),
    program({"a": 2.0, "b": -3.0}, "c = a - b", "d = c * a"),
    program({"a": 2.0, "b": -3.0}, "c = b - a", "d = c * a"),
    program({"a": 2.0, "b": -4.0}, "c = a / b", "d = c * a"),
    program({"a": 2.0, "b": -4.0}, "c = b / a", "d = c * a"),
    program({"a": 2.0}, "c = 2.5 + a", "d = c * a"),
    program({"a": 2.0}, "c = 3 - a", "d = c * a"),
    program({"a": 2.0}, "c = 2 * a", "d = c * a"),
    program({"a": 2.0}, "c = 2 / a", "d = c * a"),
]

# test/test_engine.py of the repository, one operation a line (z = 2*x + 2 + x is t = 2 * x; u = t + 2; z = u + x)
SANITY = program({"x": -4.0}, "t = 2 * x", "u = t + 2", "z = u + x", "r = z.relu()", "m = z * x", "q = r + m",
                 "zz = z * z", "h = zz.relu()", "hq = h + q", "qx = q * x", "y = hq + qx")
MORE_OPS = program(
    {"a": -4.0, "b": 2.0},
    "c = a + b", "ab = a * b", "b3 = b ** 3", "d = ab + b3",
    "c1 = c + 1", "c2 = c + c1",                                   # c += c + 1
    "c3 = 1 + c2", "na = -a", "c4 = c3 + na", "c5 = c2 + c4",      # c += 1 + c + (-a)
    "d1 = d * 2", "s = b + a", "r1 = s.relu()", "d2 = d1 + r1", "d3 = d + d2",         # d += d * 2 + (b + a).relu()
    "d4 = 3 * d3", "t = b - a", "r2 = t.relu()", "d5 = d4 + r2", "d6 = d3 + d5",       # d += 3 * d + (b - a).relu()
    "e = c5 - d6", "f = e ** 2", "g1 = f / 2.0", "g2 = 10.0 / f", "g = g1 + g2",     # g = f / 2.0; g += 10.0 / f
)
SANITY_LINES = ("x = Value(-4.0)", "z = 2 * x + 2 + x", "q = z.relu() + z * x", "h = (z * z).relu()",
                "y = h + q + q * x", "y.backward()")
MORE_OPS_LINES = ("a = Value(-4.0)", "b = Value(2.0)", "c = a + b", "d = a * b + b**3", "c += c + 1",
                  "c += 1 + c + (-a)", "d += d * 2 + (b + a).relu()", "d += 3 * d + (b - a).relu()", "e = c - d",
                  "f = e**2", "g = f / 2.0", "g += 10.0 / f", "g.backward()")


def check_neg_sub_div(expect: Callable[..., None]) -> None:
    expect(SUB_NEG_DIV)


def check_numbers_on_the_left(expect: Callable[..., None]) -> None:
    expect(LEFT)


def check_sum_of_values(expect: Callable[..., None]) -> None:
    expect(SUMS)


def check_reused_nodes(expect: Callable[..., None]) -> None:
    expect(REUSE, what="graphs that reuse a node")


def check_random_graphs(expect: Callable[..., None], rng: random.Random) -> None:
    expect([random_program(rng, RANDOM_OPS, 4) for _ in range(40)], what="random graphs")


def _sanity(Value: Any) -> dict[str, float]:
    x = Value(-4.0)
    z = 2 * x + 2 + x
    q = z.relu() + z * x
    h = (z * z).relu()
    y = h + q + q * x
    y.backward()
    return {"y.data": y.data, "x.grad": x.grad}


def _more_ops(Value: Any) -> dict[str, float]:
    a = Value(-4.0)
    b = Value(2.0)
    c = a + b
    d = a * b + b**3
    c += c + 1
    c += 1 + c + (-a)
    d += d * 2 + (b + a).relu()
    d += 3 * d + (b - a).relu()
    e = c - d
    f = e**2
    g = f / 2.0
    g += 10.0 / f
    g.backward()
    return {"g.data": g.data, "a.grad": a.grad, "b.grad": b.grad}


def expect_numbers(learner: SimpleNamespace, test: Callable[[Any], dict[str, float]], lines: tuple[str, ...],
                   numbers: dict[str, float], name: str) -> None:
    """The repository's test, as it is written, gives its numbers within its tolerance of 1e-6."""
    with running(lines):
        got = test(learner.Value)
    for quantity, expected in numbers.items():
        if abs(float(got[quantity]) - expected) >= 1e-6:
            fail(f"the repository's {name} does not hold: {quantity} is wrong", expected=f"{quantity} = {expected!r}",
                 got=f"{quantity} = {number(got[quantity])}", program=lines, node=quantity.split(".")[0],
                 where=where(learner.Value, "__add__"), tolerance="|got - expected| < 1e-6",
                 hint="every op is right on its own here: look at what `c += ...` does (Python calls __add__ "
                      "unless __iadd__ is defined) and at ops on numbers on both sides", replayable=False)


def check_repository_test_sanity_check(learner: SimpleNamespace, expect: Callable[..., None]) -> None:
    """test_sanity_check: y = -20.0 and x.grad = 46.0, one op at a time first (to say which op), then as written."""
    expect([SANITY])
    expect_numbers(learner, _sanity, SANITY_LINES, {"y.data": -20.0, "x.grad": 46.0}, "test_sanity_check")


def check_repository_test_more_ops(learner: SimpleNamespace, expect: Callable[..., None]) -> None:
    """test_more_ops, the README's example: g = 24.70408163265306, a.grad = 138.83381924198252,
    b.grad = 645.5772594752186."""
    expect([MORE_OPS])
    expect_numbers(learner, _more_ops, MORE_OPS_LINES, {"g.data": 24.70408163265306, "a.grad": 138.83381924198252,
                                                        "b.grad": 645.5772594752186}, "test_more_ops")

