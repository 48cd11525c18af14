"""Checks for `pow`: v ** k for a number k, negative and fractional too, and the power rule."""
from __future__ import annotations

import random
from collections.abc import Callable

from micrograd_kata.checks.graphs import program
from micrograd_kata.checks.random_graphs import random_program

METHODS = {"__pow__"}
RANDOM_OPS = ["add", "mul", "pow", "pow", "add_k", "mul_k"]

# negative bases only with whole powers; fractional powers of positive numbers
SINGLE = [program({"a": a}, f"p = a ** {k}")
          for a, k in ((-1.5, 2), (-2.0, 3), (4.0, -1), (-0.5, -2), (2.25, 0.5), (4.0, 1.5), (4.0, -0.5))]

# the power feeds another op, so its grad is not 1: a _backward without `* out.grad` shows, with nothing reused
CHAIN = [program({"a": -1.5}, "p = a ** 2", "q = p * 3")]

# the base is used again above the power, so an `=` in __pow__'s _backward overwrites on every run
REUSE = [
    program({"a": -1.5}, "p = a ** 2", "q = p * a"),
    program({"a": 2.0}, "p = a ** -1", "q = p + a"),
    program({"a": 1.5, "b": 0.5}, "c = a * b", "p = c ** 3", "q = p * c"),
]


def check_values(expect: Callable[..., None]) -> None:
    expect(SINGLE, backward_calls=0)


def check_power_rule(expect: Callable[..., None]) -> None:
    expect(SINGLE)


def check_chain_rule(expect: Callable[..., None]) -> None:
    """The local derivative times the output's grad, which is not 1 here."""
    expect(CHAIN)


def check_reused_nodes(expect: Callable[..., None]) -> None:
    expect(REUSE, what="graphs that reuse a node")


def check_random_graphs(expect: Callable[..., None], rng: random.Random) -> None:
    programs = [random_program(rng, RANDOM_OPS, 4) for _ in range(40)]
    expect(programs, what="random graphs")
