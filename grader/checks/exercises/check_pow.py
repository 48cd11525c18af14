"""Checks for `pow` (exercises): v ** k for a number k, and its _backward, the power rule."""
from __future__ import annotations

import random
from collections.abc import Callable

from micrograd_kata.checks.graphs import program
from micrograd_kata.checks.random_graphs import random_program

METHODS = {"__pow__"}
RANDOM_OPS = ["add", "mul", "pow", "pow", "add_k"]

POWERS = [program({"a": 3.0}, "p = a ** 2"), program({"a": -1.5}, "p = a ** 3"), program({"a": 2.0}, "p = a ** 0")]
# negative and fractional powers: a division is a power of -1
EDGES = [program({"a": 4.0}, "p = a ** -1"), program({"a": 2.0}, "p = a ** -2"), program({"a": 6.25}, "p = a ** 0.5"),
         program({"a": 2.25}, "p = a ** 1.5")]
CHAIN = [program({"a": 1.5}, "p = a ** 2", "q = p * -3")]
REUSE = [program({"a": 1.5}, "p = a ** 2", "q = p * a"), program({"a": 1.2}, "p = a ** 3", "q = p ** 2", "r = q * p")]


def check_powers(expect: Callable[..., None]) -> None:
    expect(POWERS)


def check_negative_and_fractional_powers(expect: Callable[..., None]) -> None:
    expect(EDGES)


def check_chain_rule(expect: Callable[..., None]) -> None:
    expect(CHAIN)


def check_reused_nodes(expect: Callable[..., None]) -> None:
    expect(REUSE, what="graphs that reuse a node")


def check_random_graphs(expect: Callable[..., None], rng: random.Random) -> None:
    expect([random_program(rng, RANDOM_OPS, 4) for _ in range(40)], what="random graphs")
