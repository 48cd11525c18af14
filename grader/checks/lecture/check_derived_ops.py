"""Checks for `derived-ops`: -v, a - b, a / b, a number on the left of + - * /, and sum() of Values."""
from __future__ import annotations

import random
from collections.abc import Callable

from micrograd_kata.checks.graphs import program
from micrograd_kata.checks.random_graphs import random_program

METHODS = {"__neg__", "__radd__", "__sub__", "__rsub__", "__rmul__", "__truediv__", "__rtruediv__"}
RANDOM_OPS = ["add", "mul", "neg", "sub", "sub_k", "k_sub", "k_add", "k_mul", "div", "div_k", "k_div", "sum"]

# Python calls the reflected method (__radd__, __rsub__, ...) when the number is on the left
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
    program({"a": 2.0}, "s = sum([a])"),
]

# a node used twice by one op, or used again above the op, so an `=` where `+=` belongs fails on every run
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
    program({"a": 2.0, "b": -3.0}, "s = sum([a, b, a])", "t = s * b"),
]


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
