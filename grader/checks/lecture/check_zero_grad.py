"""Checks for `zero-grad`: Module.parameters() is [] and zero_grad() sets every parameter's grad to 0."""
from __future__ import annotations

import random
from types import SimpleNamespace

from micrograd_kata.checks.expect import fail, number, where
from micrograd_kata.checks.networks import LECTURE_XS, Shape, random_values, set_values
from micrograd_kata.learner.remote import subclass

HINT = "for p in self.parameters(): p.grad = 0.0"


def check_module_has_no_parameters(learner: SimpleNamespace) -> None:
    found = learner.Module().parameters()
    if not isinstance(found, (list, tuple)) or list(found) != []:
        fail("Module().parameters() is not empty", expected="[]", got=repr(found),
             program=("Module().parameters()",), where=where(learner.Module, "parameters"),
             hint="the base class has no parameters: return []; Neuron, Layer and MLP override it")


def check_zero_grad_uses_parameters(learner: SimpleNamespace) -> None:
    """On any Module: zero_grad resets what parameters() returns, and leaves the data alone."""
    params = [learner.Value(0.5), learner.Value(-1.5), learner.Value(2.0)]

    # a Module known only through its parameters(): zero_grad must work through them alone
    Three = subclass(learner.Module, "Three", parameters=params)
    for p, g in zip(params, (2.0, -1.0, 0.25)):
        p.grad = g
    Three().zero_grad()
    program = ("class Three(Module): parameters() returns [p, q, r], with grads 2.0, -1.0, 0.25",
               "Three().zero_grad()")
    if [float(p.grad) for p in params] != [0.0, 0.0, 0.0] or [float(p.data) for p in params] != [0.5, -1.5, 2.0]:
        fail("zero_grad() did not set every parameter's grad to 0 (and leave its data)",
             expected="grads 0.0, 0.0, 0.0; data 0.5, -1.5, 2.0",
             got=f"grads {', '.join(number(p.grad) for p in params)}; data {', '.join(number(p.data) for p in params)}",
             program=program, where=where(learner.Module, "zero_grad"), hint=HINT)


def check_zero_grad_after_backward(learner: SimpleNamespace, rng: random.Random) -> None:
    """After a backward pass through MLP(3, [4, 4, 1]), zero_grad() leaves all 41 grads at 0."""
    shape = Shape("MLP", 3, (4, 4, 1))
    model = shape.build(learner)
    set_values(model, random_values(rng, shape.count))
    model(LECTURE_XS[0]).backward()
    model.zero_grad()
    left = [(i, p.grad) for i, p in enumerate(model.parameters()) if float(p.grad) != 0]
    if left:
        i, grad = left[0]
        fail(f"zero_grad() left {len(left)} of {shape.count} grads of {shape} non-zero",
             expected="every grad 0.0", got=f"{shape.describe(i)} has grad {number(grad)}",
             program=(f"model = {shape}", f"model({LECTURE_XS[0]}).backward()", "model.zero_grad()"),
             node=shape.describe(i), where=where(learner.Module, "zero_grad"), hint=HINT)
