"""Checks for `value`: Value(data, _children, _op) keeps its data, a grad of 0, its children and op."""
from __future__ import annotations

import numbers
from types import SimpleNamespace
from typing import Any

from micrograd_kata.checks.expect import fail, number, where


def attribute(learner: SimpleNamespace, v: Any, name: str, program: tuple[str, ...]) -> Any:
    """v.<name>, or a failure that says which attribute __init__ forgot."""
    missing = object()
    found = getattr(v, name, missing)
    if found is missing:
        fail(f"a Value has no attribute {name}", expected=f"self.{name} set in __init__", got="no such attribute",
             program=program, where=where(learner.Value, "__init__"),
             hint="__init__ stores data, grad, _prev, _op and _backward on self")
    return found


def check_keeps_data(learner: SimpleNamespace) -> None:
    for x in (2.0, -3.5, 0.0):
        program = (f"v = Value({x!r})", "v.data")
        data = attribute(learner, learner.Value(x), "data", program)
        if not isinstance(data, numbers.Real) or float(data) != x:
            fail("Value(x).data is not x", expected=number(x), got=repr(data), inputs=f"x = {x!r}", program=program,
                 where=where(learner.Value, "__init__"), hint="store the number: self.data = data")


def check_grad_starts_at_zero(learner: SimpleNamespace) -> None:
    program = ("v = Value(2.0)", "v.grad")
    grad = attribute(learner, learner.Value(2.0), "grad", program)
    if grad != 0:
        fail("a new Value's grad is not 0", expected="0.0", got=repr(grad), program=program,
             where=where(learner.Value, "__init__"),
             hint="grad is not an argument: nothing depends on a new Value yet, so self.grad = 0.0")


def check_keeps_children_and_op(learner: SimpleNamespace) -> None:
    """_prev holds exactly the children passed (as a set, tuple or list); _op the op passed."""
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


def check_backward_does_nothing(learner: SimpleNamespace) -> None:
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


def check_repr_shows_data(learner: SimpleNamespace) -> None:
    v = learner.Value(3.25)
    text = repr(v)
    if not any(str(shown) in text for shown in (repr(v.data), str(v.data))):
        fail("repr(Value(3.25)) does not show the data", expected="something like Value(data=3.25)",
             got=repr(text), program=("repr(Value(3.25))",), where=where(learner.Value, "__repr__"),
             hint='return f"Value(data={self.data})"')
