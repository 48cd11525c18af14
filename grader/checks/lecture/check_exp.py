"""Checks for `exp`: v.exp() and its _backward, out.data * out.grad."""
from __future__ import annotations

import random
from collections.abc import Callable

from micrograd_kata.checks.graphs import program
from micrograd_kata.checks.random_graphs import random_program

METHODS = {"exp"}
RANDOM_OPS = ["add", "mul", "exp", "exp", "add_k", "mul_k"]

SINGLE = [program({"a": x}, "e = a.exp()") for x in (0.0, 1.0, -2.0, 2.5)]

# exp feeds another op, so its grad is not 1: a _backward without `* out.grad` shows, with nothing reused
CHAIN = [program({"a": 0.7}, "e = a.exp()", "f = e * 3")]

# the input of exp is used again above it, so an `=` in exp's _backward overwrites on every run
REUSE = [
    program({"a": 0.7}, "e = a.exp()", "f = e * a"),
    program({"a": -0.8, "b": 1.5}, "c = a * b", "e = c.exp()", "f = e + c"),
    program({"a": 0.3}, "e = a.exp()", "f = e.exp()", "g = f * e"),
]


def check_values(expect: Callable[..., None]) -> None:
    expect(SINGLE, backward_calls=0)


def check_local_gradient(expect: Callable[..., None]) -> None:
    expect(SINGLE)


def check_chain_rule(expect: Callable[..., None]) -> None:
    """The local derivative times the output's grad, which is not 1 here."""
    expect(CHAIN)


def check_reused_nodes(expect: Callable[..., None]) -> None:
    expect(REUSE, what="graphs that reuse a node")


def check_random_graphs(expect: Callable[..., None], rng: random.Random) -> None:
    programs = [random_program(rng, RANDOM_OPS, 4) for _ in range(40)]
    expect(programs, what="random graphs")
