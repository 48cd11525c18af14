"""Checks for `add-mul`: a + b and a * b, with a plain number on the right too, and their _backward."""
from __future__ import annotations

import random
from collections.abc import Callable
from types import SimpleNamespace

from micrograd_kata.checks import engine_graphs
from micrograd_kata.checks.expect import fail, where
from micrograd_kata.checks.random_graphs import random_program

METHODS = {"__add__", "__mul__"}
RANDOM_OPS = ["add", "mul", "add", "mul", "add_k", "mul_k"]  # operations between two nodes twice as often


def check_forward_values(expect: Callable[..., None]) -> None:
    expect(engine_graphs.ADD_MUL, backward_calls=0)


def check_children_and_op(learner: SimpleNamespace) -> None:
    """The result remembers its operands in _prev and its op as '+' or '*'; a number on the right is wrapped."""
    a, b = learner.Value(2.0), learner.Value(-3.0)
    for text, out, children, op in (("c = a + b", a + b, [a, b], "+"), ("c = a * b", a * b, [a, b], "*"),
                                    ("c = a * a", a * a, [a], "*")):
        program_lines = ("a = Value(2.0)", "b = Value(-3.0)", text, "c._prev, c._op")
        method = "__add__" if op == "+" else "__mul__"
        if {id(child) for child in out._prev} != {id(child) for child in children}:
            fail(f"c._prev does not hold the operands of {text[4:]}", expected=repr(children),
                 got=repr(list(out._prev)), program=program_lines, where=where(learner.Value, method),
                 hint=f"out = Value(..., (self, other), '{op}')")
        if out._op != op:
            fail(f"c._op is not '{op}' for {text[4:]}", expected=repr(op), got=repr(out._op), program=program_lines,
                 where=where(learner.Value, method), hint=f"out = Value(..., (self, other), '{op}')")
    c = a + 2.5
    others = [child for child in c._prev if child is not a]
    if len(others) != 1 or not isinstance(others[0], learner.Value) or float(others[0].data) != 2.5:
        fail("c = a + 2.5 does not wrap 2.5 in a Value among its children", expected="_prev = {a, Value(data=2.5)}",
             got=repr(list(c._prev)), program=("a = Value(2.0)", "c = a + 2.5", "c._prev"),
             where=where(learner.Value, "__add__"),
             hint="other = other if isinstance(other, Value) else Value(other)")


def check_gradients(expect: Callable[..., None]) -> None:
    expect(engine_graphs.ADD_MUL)


def check_reused_nodes(expect: Callable[..., None]) -> None:
    expect(engine_graphs.ADD_MUL_REUSE, what="graphs that reuse a node")


def check_random_graphs(expect: Callable[..., None], rng: random.Random) -> None:
    expect([random_program(rng, RANDOM_OPS, 4) for _ in range(40)], what="random graphs")
