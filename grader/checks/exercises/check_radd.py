"""Checks for `radd` (exercises): a number on the left of +, and sum() of Values, which starts from 0 + v."""
from __future__ import annotations

import random
from collections.abc import Callable

from micrograd_kata.checks.graphs import program
from micrograd_kata.checks.random_graphs import random_program

METHODS = {"__radd__"}
RANDOM_OPS = ["add", "mul", "k_add", "sum", "sum", "exp"]

LEFT = [program({"a": -1.5}, "c = 2.5 + a"), program({"a": 1.0}, "c = -1.5 + a", "d = c * 3")]
SUMS = [
    program({"a": 2.0, "b": -3.0, "c": 0.5}, "s = sum([a, b, c])"),
    program({"a": 2.0}, "s = sum([a])"),
    program({"a": 0.0, "b": 3.0}, "x = a.exp()", "y = b.exp()", "s = sum([x, y])", "p = x / s"),
]
REUSE = [
    program({"a": 2.0, "b": -3.0}, "s = sum([a, a, b])"),
    program({"a": 2.0}, "c = 2.5 + a", "d = c * a"),
    program({"a": 2.0, "b": -3.0}, "s = sum([a, b, a])", "t = s * b"),
]


def check_numbers_on_the_left(expect: Callable[..., None]) -> None:
    expect(LEFT)


def check_sum_of_values(expect: Callable[..., None]) -> None:
    expect(SUMS)


def check_reused_nodes(expect: Callable[..., None]) -> None:
    expect(REUSE, what="graphs that reuse a node")


def check_random_graphs(expect: Callable[..., None], rng: random.Random) -> None:
    expect([random_program(rng, RANDOM_OPS, 4) for _ in range(40)], what="random graphs")
