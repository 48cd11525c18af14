"""Checks for `module`: Module().parameters() is [], and zero_grad() zeroes every parameter a subclass lists."""
from __future__ import annotations

from types import SimpleNamespace

from micrograd_kata.checks.expect import fail, number, where


def check_bare_module_has_no_parameters(learner: SimpleNamespace) -> None:
    found = learner.Module().parameters()
    if list(found) != []:
        fail("Module().parameters() is not empty", expected="[]", got=repr(found),
             program=("Module().parameters()",), where=where(learner.Module, "parameters"),
             hint="the base class has no parameters: return []; Neuron, Layer and MLP list their own")


def check_zero_grad_zeroes_every_parameter(learner: SimpleNamespace) -> None:
    """On an MLP, whose parameters() lists its own Values: every grad back to 0, no data changed."""
    model = learner.MLP(2, [3, 1])
    params = model.parameters()
    for i, p in enumerate(params):
        p.data, p.grad = 0.1 * i, 5.0
    model.zero_grad()
    program = ("model = MLP(2, [3, 1])", "for i, p in enumerate(model.parameters()): p.data, p.grad = 0.1 * i, 5.0",
               "model.zero_grad()")
    for i, p in enumerate(params):
        if p.grad != 0:
            fail(f"after zero_grad(), parameters()[{i}].grad is not 0", expected="0", got=number(p.grad),
                 program=program, node=f"parameters()[{i}]", where=where(learner.Module, "zero_grad"),
                 hint="for p in self.parameters(): p.grad = 0")
        if p.data != 0.1 * i:
            fail(f"zero_grad() changed parameters()[{i}].data", expected=number(0.1 * i), got=number(p.data),
                 program=program, node=f"parameters()[{i}]", where=where(learner.Module, "zero_grad"),
                 hint="zero_grad resets the gradients only: p.grad = 0, never p.data")
