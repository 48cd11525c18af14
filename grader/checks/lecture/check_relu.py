"""Checks for `relu`: v.relu() and its _backward, with gradient 0 at exactly 0, as torch."""
from __future__ import annotations

import random
from collections.abc import Callable

from micrograd_kata.checks.graphs import program
from micrograd_kata.checks.random_graphs import random_program

METHODS = {"relu"}
RANDOM_OPS = ["add", "mul", "relu", "relu", "add_k", "mul_k"]

SINGLE = [program({"a": x}, "r = a.relu()") for x in (-2.0, 0.0, 3.0)]

# relu feeds another op, so its grad is not 1: a _backward without `* out.grad` shows, with nothing reused
CHAIN = [program({"a": 1.5}, "r = a.relu()", "s = r * 3")]

# the input of relu is used again above it, so an `=` in relu's _backward overwrites on every run
REUSE = [
    program({"a": 1.5}, "r = a.relu()", "s = r * a"),
    program({"a": 2.0}, "c = a + -2.0", "r = c.relu()", "s = r * a"),  # relu of a computed 0
    program({"a": -0.8, "b": -1.5}, "c = a * b", "r = c.relu()", "s = r + c"),
]


def check_values(expect: Callable[..., None]) -> None:
    expect(SINGLE, backward_calls=0)


def check_local_gradient(expect: Callable[..., None]) -> None:
    """1 where the input is positive, 0 where it is negative, and 0 at exactly 0."""
    expect(SINGLE)


def check_chain_rule(expect: Callable[..., None]) -> None:
    """The local derivative times the output's grad, which is not 1 here."""
    expect(CHAIN)


def check_reused_nodes(expect: Callable[..., None]) -> None:
    expect(REUSE, what="graphs that reuse a node")


def check_random_graphs(expect: Callable[..., None], rng: random.Random) -> None:
    programs = [random_program(rng, RANDOM_OPS, 4) for _ in range(40)]
    expect(programs, what="random graphs")
