"""Checks for `value`: Value(data, _children, _op) keeps its data, a grad of 0, its children and op; the repository's
repr, Value(data=..., grad=...)."""
from __future__ import annotations

import numbers
from types import SimpleNamespace

from micrograd_kata.checks import engine_checks
from micrograd_kata.checks.engine_checks import attribute
from micrograd_kata.checks.expect import fail, where


def check_keeps_data(learner: SimpleNamespace) -> None:
    for x in (2.0, -3.5, 0.0, 4):
        program = (f"v = Value({x!r})", "v.data")
        data = attribute(learner, learner.Value(x), "data", program)
        if not isinstance(data, numbers.Real) or data != x:
            fail("Value(x).data is not x", expected=repr(x), got=repr(data), inputs=f"x = {x!r}", program=program,
                 where=where(learner.Value, "__init__"), hint="store the number as it is: self.data = data")


def check_grad_starts_at_zero(learner: SimpleNamespace) -> None:
    program = ("v = Value(2.0)", "v.grad")
    grad = attribute(learner, learner.Value(2.0), "grad", program)
    if grad != 0:
        fail("a new Value's grad is not 0", expected="0", got=repr(grad), program=program,
             where=where(learner.Value, "__init__"),
             hint="grad is not an argument: nothing depends on a new Value yet, so self.grad = 0")


def check_keeps_children_and_op(learner: SimpleNamespace) -> None:
    """_prev holds exactly the children passed; _op the op passed; a leaf has no children."""
    engine_checks.keeps_children_and_op(learner)


def check_backward_does_nothing(learner: SimpleNamespace) -> None:
    engine_checks.backward_does_nothing(learner)


def check_repr_as_the_repository(learner: SimpleNamespace) -> None:
    """Exactly the repository's Value(data=..., grad=...), with the Value's own data and grad, a new grad too."""
    for data, grad in ((3.25, None), (-2.0, 1.5)):
        v = learner.Value(data)
        program = (f"v = Value({data!r})", *((f"v.grad = {grad!r}",) if grad is not None else ()), "repr(v)")
        if grad is not None:
            v.grad = grad
        expected = f"Value(data={v.data}, grad={v.grad})"
        text = repr(v)
        if text != expected:
            fail("repr(v) is not the repository's", expected=repr(expected), got=repr(text), program=program,
                 where=where(learner.Value, "__repr__"),
                 hint='return f"Value(data={self.data}, grad={self.grad})" -- data and grad, in that order')
