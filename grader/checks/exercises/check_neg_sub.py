"""Checks for `neg-sub` (exercises): -v and a - b, with a Value or a number on the right."""
from __future__ import annotations

import random
from collections.abc import Callable

from micrograd_kata.checks.graphs import program
from micrograd_kata.checks.random_graphs import random_program

METHODS = {"__neg__", "__sub__"}
RANDOM_OPS = ["add", "mul", "neg", "sub", "sub", "sub_k"]

NEGATIONS = [program({"a": 2.0}, "c = -a"), program({"a": -0.5}, "c = -a", "d = c * 3")]
DIFFERENCES = [program({"a": 2.0, "b": -3.0}, "c = a - b"), program({"a": 2.0}, "c = a - 2.5"),
               program({"a": 2.0, "b": -3.0}, "c = b - a", "d = c * 2")]
REUSE = [
    program({"a": 2.0}, "c = a - a"),
    program({"a": 2.0}, "c = -a", "d = c * a"),
    program({"a": 2.0, "b": -3.0}, "c = a - b", "d = c * a"),
    program({"a": 2.0, "b": -3.0}, "c = b - a", "d = c * a"),
]


def check_negation(expect: Callable[..., None]) -> None:
    expect(NEGATIONS)


def check_subtraction(expect: Callable[..., None]) -> None:
    expect(DIFFERENCES)


def check_reused_nodes(expect: Callable[..., None]) -> None:
    expect(REUSE, what="graphs that reuse a node")


def check_random_graphs(expect: Callable[..., None], rng: random.Random) -> None:
    expect([random_program(rng, RANDOM_OPS, 4) for _ in range(40)], what="random graphs")
