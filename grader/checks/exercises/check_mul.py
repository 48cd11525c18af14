"""Checks for `mul` (exercises): a * b with its _backward, a number on either side (v * 2, 2 * v)."""
from __future__ import annotations

import random
from collections.abc import Callable

from micrograd_kata.checks.graphs import program
from micrograd_kata.checks.random_graphs import random_program

METHODS = {"__mul__", "__rmul__"}
RANDOM_OPS = ["add", "mul", "mul", "mul_k", "k_mul", "exp"]

PRODUCTS = [
    program({"a": 2.0, "b": -3.0}, "c = a * b"),
    program({"a": -1.5, "b": 0.5}, "c = a * b", "d = c * b"),
]
NUMBERS = [program({"a": -1.5}, "c = a * 2"), program({"a": -1.5}, "c = 2 * a"), program({"a": 4.0}, "c = -0.5 * a")]
# a node used twice by one op, or again above it, so an `=` where `+=` belongs fails on every run
REUSE = [
    program({"a": 3.0}, "c = a * a"),
    program({"a": 2.0, "b": -3.0}, "c = a * b", "d = c * a"),
    program({"a": 2.0}, "c = 2 * a", "d = c * a"),
    program({"a": 2.0, "b": 0.5}, "c = a * b", "d = b * c", "e = d + a"),
]


def check_products(expect: Callable[..., None]) -> None:
    expect(PRODUCTS)


def check_numbers_on_either_side(expect: Callable[..., None]) -> None:
    expect(NUMBERS)


def check_reused_nodes(expect: Callable[..., None]) -> None:
    expect(REUSE, what="graphs that reuse a node")


def check_random_graphs(expect: Callable[..., None], rng: random.Random) -> None:
    expect([random_program(rng, RANDOM_OPS, 4) for _ in range(40)], what="random graphs")
