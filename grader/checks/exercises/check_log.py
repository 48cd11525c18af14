"""Checks for `log` (exercises): v.log() and its _backward, (1 / v.data) * out.grad."""
from __future__ import annotations

import random
from collections.abc import Callable

from micrograd_kata.checks.graphs import program
from micrograd_kata.checks.random_graphs import random_program

METHODS = {"log"}
RANDOM_OPS = ["add", "mul", "log", "log", "exp", "add_k", "mul_k"]

SINGLE = [program({"a": x}, "l = a.log()") for x in (1.0, 0.5, 2.0, 7.5)]
# log feeds another op, so its grad is not 1: a _backward without `* out.grad` shows
CHAIN = [program({"a": 0.25}, "l = a.log()", "m = l * 3")]
# the loss's case: the log of a probability, then negated (here as * -1)
LOSS_LIKE = [program({"p": 0.1}, "l = p.log()", "m = l * -1")]
# the input of log is used again above it, so an `=` in log's _backward overwrites on every run
REUSE = [
    program({"a": 2.0}, "l = a.log()", "m = l * a"),
    program({"a": 0.8, "b": 1.5}, "c = a * b", "l = c.log()", "m = l + c"),
    program({"a": 1.3}, "e = a.exp()", "l = e.log()", "m = l * e"),
]


def check_values(expect: Callable[..., None]) -> None:
    expect(SINGLE, backward_calls=0)


def check_local_gradient(expect: Callable[..., None]) -> None:
    expect(SINGLE)


def check_chain_rule(expect: Callable[..., None]) -> None:
    """The local derivative times the output's grad, which is not 1 here."""
    expect(CHAIN + LOSS_LIKE)


def check_reused_nodes(expect: Callable[..., None]) -> None:
    expect(REUSE, what="graphs that reuse a node")


def check_random_graphs(expect: Callable[..., None], rng: random.Random) -> None:
    expect([random_program(rng, RANDOM_OPS, 4) for _ in range(40)], what="random graphs")
