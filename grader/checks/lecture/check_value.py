"""Checks for `value`: Value(data, _children, _op) keeps its data, a grad of 0, its children and op."""
from __future__ import annotations

import numbers
from types import SimpleNamespace

from micrograd_kata.checks import engine_checks
from micrograd_kata.checks.engine_checks import attribute
from micrograd_kata.checks.expect import fail, number, where


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
    engine_checks.keeps_children_and_op(learner)


def check_backward_does_nothing(learner: SimpleNamespace) -> None:
    engine_checks.backward_does_nothing(learner)


def check_repr_shows_data(learner: SimpleNamespace) -> None:
    v = learner.Value(3.25)
    text = repr(v)
    if not any(str(shown) in text for shown in (repr(v.data), str(v.data))):
        fail("repr(Value(3.25)) does not show the data", expected="something like Value(data=3.25)",
             got=repr(text), program=("repr(Value(3.25))",), where=where(learner.Value, "__repr__"),
             hint='return f"Value(data={self.data})"')
