"""The engine's checks where the lecture's Value and the repository's agree: Value's children and op, the
operands of + and *, and backward()'s order and accumulation. Each track's check module runs these as checks of
its own (with its own docstring); what the two tracks word differently (int or float, the repr) stays there."""
from __future__ import annotations

import random
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from micrograd_kata.checks import engine_graphs, explain
from micrograd_kata.checks.compare import Difference, expect_programs
from micrograd_kata.checks.expect import fail, number, where
from micrograd_kata.checks.graphs import program
from micrograd_kata.checks.random_graphs import random_program
from micrograd_kata.checks.session import Audit
from micrograd_kata.results import Location


def attribute(learner: SimpleNamespace, v: Any, name: str, program: tuple[str, ...]) -> Any:
    """v.<name>, or a failure that says which attribute __init__ forgot."""
    missing = object()
    found = getattr(v, name, missing)
    if found is missing:
        fail(f"a Value has no attribute {name}", expected=f"self.{name} set in __init__", got="no such attribute",
             program=program, where=where(learner.Value, "__init__"),
             hint="__init__ stores data, grad, _prev, _op and _backward on self")
    return found


def keeps_children_and_op(learner: SimpleNamespace) -> None:
    """Value(-6.0, (a, b), '*') keeps exactly a and b in _prev and '*' in _op; a leaf has no children."""
    a, b = learner.Value(2.0), learner.Value(-3.0)
    program = ("a = Value(2.0)", "b = Value(-3.0)", "c = Value(-6.0, (a, b), '*')", "c._prev, c._op")
    c = learner.Value(-6.0, (a, b), "*")
    children = list(attribute(learner, c, "_prev", program))
    if sorted(map(id, children)) != sorted(map(id, (a, b))):
        fail("c._prev does not hold exactly the children a and b", expected="{a, b}", got=repr(children),
             program=program, where=where(learner.Value, "__init__"), hint="self._prev = set(_children)")
    op = attribute(learner, c, "_op", program)
    if op != "*":
        fail("c._op is not the op passed", expected="'*'", got=repr(op), program=program,
             where=where(learner.Value, "__init__"), hint="self._op = _op")
    leaf = list(attribute(learner, learner.Value(1.0), "_prev", ("v = Value(1.0)", "v._prev")))
    if leaf:
        fail("a Value made from a number has children", expected="no children", got=repr(leaf),
             program=("v = Value(1.0)", "v._prev"), where=where(learner.Value, "__init__"),
             hint="_children defaults to (): a leaf has nothing in _prev")


def backward_does_nothing(learner: SimpleNamespace) -> None:
    """A Value's own _backward, before any op sets one, can be called and changes no grad."""
    a = learner.Value(2.0)
    c = learner.Value(4.0, (a,), "")
    program = ("a = Value(2.0)", "c = Value(4.0, (a,), '')", "c._backward()")
    backward = attribute(learner, c, "_backward", program)
    if not callable(backward):
        fail("c._backward cannot be called", expected="a function that does nothing", got=repr(backward),
             program=program, where=where(learner.Value, "__init__"), hint="self._backward = lambda: None")
    backward()
    if a.grad != 0 or c.grad != 0:
        fail("the default _backward changed a grad", expected="a.grad = 0, c.grad = 0",
             got=f"a.grad = {number(a.grad)}, c.grad = {number(c.grad)}", program=program,
             where=where(learner.Value, "__init__"),
             hint="a Value not made by an op has nothing to pass back: self._backward = lambda: None")


def operands_and_op(learner: SimpleNamespace) -> None:
    """a + b and a * b keep their operands in _prev and '+' or '*' in _op; a number on the right is wrapped."""
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


def backward_order(learner: SimpleNamespace, reference: SimpleNamespace, audit: Audit) -> None:
    """The graphs on which a wrong topological order fails on every run."""
    expect_programs(engine_graphs.BACKWARD_ORDER, learner.Value, reference.Value, audit, what="graphs",
                    explain=explain.backward_order(learner.Value))


def backward_random_graphs(learner: SimpleNamespace, reference: SimpleNamespace, audit: Audit, rng: random.Random,
                           ops: Sequence[str]) -> None:
    """40 random graphs of the ops, four deep."""
    programs = [random_program(rng, ops, 4) for _ in range(40)]
    expect_programs(programs, learner.Value, reference.Value, audit, what="random graphs",
                    explain=explain.backward_order(learner.Value))


def gradients_accumulate(learner: SimpleNamespace, reference: SimpleNamespace, audit: Audit) -> None:
    """Calling backward() twice adds the gradients again: the leaves double, as in torch."""

    def hint(difference: Difference) -> tuple[Location | None, str | None]:
        return where(learner.Value, "backward"), ("a second backward() adds the same gradients again, as in torch: "
                                                 "do not reset grads inside backward() (that is zero_grad's job), "
                                                 "and set the output's grad to 1, not += 1")

    graph = program({"a": 2.0, "b": -3.0}, "c = a * b")
    expect_programs([graph], learner.Value, reference.Value, audit, explain=hint, backward_calls=2,
                    names=lambda p: [name for name, _ in p.inputs])
