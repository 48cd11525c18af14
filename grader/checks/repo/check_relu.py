"""Checks for `relu`: v.relu() and its _backward, with gradient 0 at exactly 0, as torch and the repository."""
from __future__ import annotations

import random
from collections.abc import Callable
from types import SimpleNamespace

from micrograd_kata.checks.expect import fail, where
from micrograd_kata.checks.graphs import program
from micrograd_kata.checks.random_graphs import random_program

METHODS = {"relu"}
RANDOM_OPS = ["add", "mul", "relu", "relu", "add_k", "mul_k"]

SINGLE = [program({"a": x}, "r = a.relu()") for x in (-2.0, 0.0, 3.0)]
CHAIN = [program({"a": 1.5}, "r = a.relu()", "s = r * 3"), program({"a": -1.5}, "r = a.relu()", "s = r * 3")]
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
    expect([random_program(rng, RANDOM_OPS, 4) for _ in range(40)], what="random graphs")


def check_children_and_op(learner: SimpleNamespace) -> None:
    """r = a.relu() remembers a alone, and its op as 'ReLU', as the repository names it."""
    a = learner.Value(-1.0)
    r = a.relu()
    lines = ("a = Value(-1.0)", "r = a.relu()", "r._prev, r._op")
    if [id(c) for c in r._prev] != [id(a)] or r._op != "ReLU":
        fail("r = a.relu() does not remember a and 'ReLU'", expected="_prev = {a}, _op = 'ReLU'",
             got=f"_prev = {list(r._prev)!r}, _op = {r._op!r}", program=lines, where=where(learner.Value, "relu"),
             hint="out = Value(0 if self.data < 0 else self.data, (self,), 'ReLU')")
