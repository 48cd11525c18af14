"""Checks for `div` (exercises): a / b, with a Value or a number below the line."""
from __future__ import annotations

import random
from collections.abc import Callable

from micrograd_kata.checks.graphs import program
from micrograd_kata.checks.random_graphs import random_program

METHODS = {"__truediv__"}
RANDOM_OPS = ["add", "mul", "div", "div", "div_k", "exp"]

QUOTIENTS = [program({"a": 2.0, "b": -4.0}, "c = a / b"), program({"a": 3.0}, "c = a / 4"),
             program({"a": 3.0}, "c = a / -0.5")]
# the softmax's case: each exp divided by the same total
SHARED_DENOMINATOR = [program({"a": 0.5, "b": -1.0}, "x = a.exp()", "y = b.exp()", "s = x + y", "p = x / s",
                              "q = y / s", "r = p * q")]
REUSE = [
    program({"a": 2.0}, "c = a / a"),
    program({"a": 2.0, "b": -4.0}, "c = a / b", "d = c * a"),
    program({"a": 2.0, "b": -4.0}, "c = b / a", "d = c * a"),
]


def check_quotients(expect: Callable[..., None]) -> None:
    expect(QUOTIENTS)


def check_shared_denominator(expect: Callable[..., None]) -> None:
    expect(SHARED_DENOMINATOR)


def check_reused_nodes(expect: Callable[..., None]) -> None:
    expect(REUSE, what="graphs that reuse a node")


def check_random_graphs(expect: Callable[..., None], rng: random.Random) -> None:
    expect([random_program(rng, RANDOM_OPS, 4) for _ in range(40)], what="random graphs")
