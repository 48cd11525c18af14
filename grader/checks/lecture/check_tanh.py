"""Checks for `tanh`: v.tanh() and its _backward, (1 - t**2) * out.grad."""
from __future__ import annotations

import random
from collections.abc import Callable

from micrograd_kata.checks.graphs import program
from micrograd_kata.checks.random_graphs import random_program

METHODS = {"tanh"}
RANDOM_OPS = ["add", "mul", "tanh", "tanh", "add_k", "mul_k"]

# within +-20: a tanh built from exp(2x) is exact there, and nobody's overflows
SINGLE = [program({"a": x}, "t = a.tanh()") for x in (0.0, 0.5, -0.5, 3.0, -19.0)]

# the lecture's neuron: o = tanh(x1*w1 + x2*w2 + b) = 0.7071
NEURON = program({"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432},
                 "x1w1 = x1 * w1", "x2w2 = x2 * w2", "x1w1x2w2 = x1w1 + x2w2", "n = x1w1x2w2 + b", "o = n.tanh()")

# tanh feeds another op, so its grad is not 1: a _backward without `* out.grad` shows, with nothing reused
CHAIN = [program({"a": 0.5}, "t = a.tanh()", "u = t * 3")]

# the input of tanh is used again above it, so an `=` in tanh's _backward overwrites on every run
REUSE = [
    program({"a": 0.5}, "t = a.tanh()", "u = t * a"),
    program({"a": -0.8, "b": 1.5}, "c = a * b", "t = c.tanh()", "u = t + c"),
    program({"a": 0.3}, "t = a.tanh()", "u = t.tanh()", "v = u * t"),
]


def check_values(expect: Callable[..., None]) -> None:
    expect(SINGLE, backward_calls=0)


def check_local_gradient(expect: Callable[..., None]) -> None:
    expect(SINGLE)


def check_lecture_neuron(expect: Callable[..., None]) -> None:
    expect([NEURON])


def check_chain_rule(expect: Callable[..., None]) -> None:
    """The local derivative times the output's grad, which is not 1 here."""
    expect(CHAIN)


def check_reused_nodes(expect: Callable[..., None]) -> None:
    expect(REUSE, what="graphs that reuse a node")


def check_random_graphs(expect: Callable[..., None], rng: random.Random) -> None:
    programs = [random_program(rng, RANDOM_OPS, 4) for _ in range(40)]
    expect(programs, what="random graphs")
