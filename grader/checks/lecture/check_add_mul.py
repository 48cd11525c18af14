"""Checks for `add-mul`: a + b and a * b, with a plain number on the right too, and their _backward."""
from __future__ import annotations

import random
from collections.abc import Callable
from types import SimpleNamespace

from micrograd_kata.checks import engine_checks, engine_graphs
from micrograd_kata.checks.random_graphs import random_program

METHODS = {"__add__", "__mul__"}
RANDOM_OPS = ["add", "mul", "add", "mul", "add_k", "mul_k"]  # operations between two nodes twice as often


def check_forward_values(expect: Callable[..., None]) -> None:
    expect(engine_graphs.ADD_MUL, backward_calls=0)


def check_children_and_op(learner: SimpleNamespace) -> None:
    """The result remembers its operands in _prev (any collection) and its op as '+' or '*'."""
    engine_checks.operands_and_op(learner)


def check_lecture_gradients(expect: Callable[..., None]) -> None:
    expect([engine_graphs.LECTURE])


def check_reused_nodes(expect: Callable[..., None]) -> None:
    expect(engine_graphs.ADD_MUL_REUSE, what="graphs that reuse a node")


def check_random_graphs(expect: Callable[..., None], rng: random.Random) -> None:
    programs = [random_program(rng, RANDOM_OPS, 4) for _ in range(40)]
    expect(programs, what="random graphs")
