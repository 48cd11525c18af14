"""Networks for the nn checks: give every parameter a known value through parameters(), run the
same network on the learner's classes and the reference (torch checks the reference), and compare outputs and
gradients.

Never the learner's random init: every comparison first sets each parameter's data.
"""
from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType, SimpleNamespace
from typing import Any

from micrograd_kata.checks.expect import TOLERANCE, GraderBug, close, fail, number, running, where
from micrograd_kata.checks.session import Audit
from micrograd_kata.learner import remote
from micrograd_kata.results import Location

LECTURE_XS = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
LECTURE_YS = [1.0, -1.0, -1.0, 1.0]


@dataclass(frozen=True)
class Shape:
    """What to build: Neuron(3) is Shape("Neuron", 3, (1,)); MLP(3, [4, 4, 1]) is Shape("MLP", 3, (4, 4, 1))."""

    kind: str  # "Neuron", "Layer" or "MLP"
    nin: int
    nouts: tuple[int, ...]

    def __str__(self) -> str:
        if self.kind == "Neuron":
            return f"Neuron({self.nin})"
        if self.kind == "Layer":
            return f"Layer({self.nin}, {self.nouts[0]})"
        return f"MLP({self.nin}, {list(self.nouts)})"

    def build(self, classes: SimpleNamespace) -> Any:
        if self.kind == "Neuron":
            return classes.Neuron(self.nin)
        if self.kind == "Layer":
            return classes.Layer(self.nin, self.nouts[0])
        return classes.MLP(self.nin, list(self.nouts))

    @property
    def sizes(self) -> list[tuple[int, int]]:
        """(inputs, neurons) of each layer."""
        ins = [self.nin, *self.nouts]
        return list(zip(ins, self.nouts))

    @property
    def count(self) -> int:
        return sum((nin + 1) * nout for nin, nout in self.sizes)

    def describe(self, index: int) -> str:
        """parameters()[40] -> 'parameters()[40] (layer 2, neuron 0, bias)'."""
        rest = index
        for layer, (nin, nout) in enumerate(self.sizes):
            if rest < (nin + 1) * nout:
                neuron, slot = divmod(rest, nin + 1)
                parts = [f"layer {layer}"] if self.kind == "MLP" else []
                parts += [f"neuron {neuron}"] if self.kind != "Neuron" else []
                parts += ["bias" if slot == nin else f"weight {slot}"]
                return f"parameters()[{index}] ({', '.join(parts)})"
            rest -= (nin + 1) * nout
        raise IndexError(index)


def random_values(rng: random.Random, n: int) -> list[float]:
    """n numbers in [-1, 1], two decimals so that a learner can read them."""
    return [round(rng.uniform(-1, 1), 2) for _ in range(n)]


def parameters(model: Any, shape: Shape, Value: type) -> list[Any]:
    """model.parameters(), checked: one Value per weight and bias, the same objects every call."""
    found = list(model.parameters())
    program = (f"model = {shape}", "model.parameters()")
    if len(found) != shape.count or not all(isinstance(p, Value) for p in found):
        fail(f"{shape}.parameters() does not hold {shape.count} Values", expected=f"{shape.count} Values",
             got=f"{len(found)} items: {found[:4]!r}{' ...' if len(found) > 4 else ''}", program=program,
             where=where(model.__class__, "parameters"),
             hint="one Value per weight and one per bias: (nin + 1) Values per neuron")
    if [id(p) for p in model.parameters()] != [id(p) for p in found]:
        fail(f"{shape}.parameters() returns new Values on every call", expected="the model's own Values",
             got="copies", program=program, where=where(model.__class__, "parameters"),
             hint="return the Values the model computes with (each neuron's own w and b), not new ones")
    return found


def set_values(model: Any, values: Sequence[float]) -> None:
    remote.assign(model.parameters(), "data", values)


def outputs(model: Any, shape: Shape, Value: Any, x: Sequence[Any]) -> list[Any]:
    """model(x) as a list of Values, checked: a single Value when the last layer has one neuron, else a list."""
    result = model(x)
    one = shape.kind == "Neuron" or shape.nouts[-1] == 1
    program = (f"model = {shape}", f"model({[float(v.data) if isinstance(v, Value) else v for v in x]})")
    if one and not isinstance(result, Value):
        fail(f"{shape} did not return a single Value", expected="a Value", got=repr(result), program=program,
             where=where(model.__class__, "__call__"),
             hint="with one neuron (in the last layer) the output is that neuron's Value, not a list: "
                  "outs[0] if len(outs) == 1 else outs")
    if not one and not (isinstance(result, (list, tuple)) and len(result) == shape.nouts[-1]
                        and all(isinstance(v, Value) for v in result)):
        fail(f"{shape} did not return a list of {shape.nouts[-1]} Values", expected=f"{shape.nouts[-1]} Values",
             got=repr(result), program=program, where=where(model.__class__, "__call__"),
             hint="return one Value per neuron of the last layer")
    return [result] if one else list(result)


@dataclass(frozen=True)
class NetworkValues:
    """What a network computed: its outputs per example, and the gradients after loss.backward()."""

    outputs: list[list[float]]
    grads: list[float]           # in parameters() order
    input_grads: list[list[float]]


def run(model: Any, shape: Shape, Value: type, values: Sequence[float], xs: Sequence[Sequence[float]],
        weights: Sequence[Sequence[float]], as_values: bool) -> NetworkValues:
    """Set the parameters, feed each x (as floats, or as Values to see their gradients), backward a weighted sum."""
    params = parameters(model, shape, Value)
    set_values(model, values)
    inputs: list[list[Any]] = [[Value(v) for v in x] if as_values else list(x) for x in xs]
    outs = [outputs(model, shape, Value, x) for x in inputs]
    loss: Any = None
    for out, ws in zip(outs, weights):
        for o, w in zip(out, ws):
            loss = o * w if loss is None else loss + o * w
    loss.backward()
    return NetworkValues([[float(d) for d in remote.read(out, "data")] for out in outs],
                         [float(g) for g in remote.read(params, "grad")],
                         [[float(g) for g in remote.read(x, "grad")] if as_values else [] for x in inputs])


def run_torch(torch: ModuleType, shape: Shape, values: Sequence[float], xs: Sequence[Sequence[float]],
              weights: Sequence[Sequence[float]], as_values: bool) -> NetworkValues:
    """The same network as matrices: tanh(W @ x + b) layer after layer, parameters in micrograd's order."""
    layers, start = [], 0
    for nin, nout in shape.sizes:
        block = torch.tensor(values[start:start + (nin + 1) * nout], dtype=torch.float64).reshape(nout, nin + 1)
        layers.append((block[:, :nin].clone().requires_grad_(), block[:, nin].clone().requires_grad_()))
        start += (nin + 1) * nout
    inputs = [torch.tensor(x, dtype=torch.float64, requires_grad=as_values) for x in xs]
    outs = []
    for x in inputs:
        h = x
        for w, b in layers:
            h = torch.tanh(w @ h + b)
        outs.append(h)
    sum((out * torch.tensor(ws, dtype=torch.float64)).sum() for out, ws in zip(outs, weights)).backward()
    grads = []
    for w, b in layers:
        for row in range(w.shape[0]):
            grads += w.grad[row].tolist() + [b.grad[row].item()]
    return NetworkValues([out.tolist() for out in outs], grads, [x.grad.tolist() if as_values else [] for x in inputs])


def cross_check_network(torch: ModuleType, shape: Shape, values: Sequence[float], xs: Sequence[Sequence[float]],
                        weights: Sequence[Sequence[float]], as_values: bool, expected: NetworkValues) -> None:
    """torch gives the reference network's outputs and gradients (run by the auditor, runner/auditor.py)."""
    truth = run_torch(torch, shape, values, xs, weights, as_values)
    flat = [(a, b) for e, t in ((expected.outputs, truth.outputs), (expected.input_grads, truth.input_grads))
            for ea, ta in zip(e, t) for a, b in zip(ea, ta)]
    if not all(close(a, b) for a, b in flat + list(zip(expected.grads, truth.grads))):
        raise GraderBug(f"reference and torch disagree on {shape} with parameters {list(values)} and xs {xs}")


def cross_check_loss(torch: ModuleType, predictions: Sequence[float], order: Sequence[int], ys: Sequence[float],
                     expected: tuple[float, list[float]]) -> None:
    """torch gives the reference's loss and gradients of sum((p - y)**2) (run by the auditor)."""
    ps = torch.tensor(predictions, dtype=torch.float64, requires_grad=True)
    truth = ((ps[list(order)] - torch.tensor(ys, dtype=torch.float64)) ** 2).sum()
    truth.backward()
    if not close(expected[0], truth.item()) or not all(map(close, expected[1], ps.grad.tolist())):
        raise GraderBug(f"reference and torch disagree on the loss of {list(predictions)}")


def expect_network(learner: SimpleNamespace, reference: SimpleNamespace, audit: Audit | None, shape: Shape,
                   values: Sequence[float], xs: Sequence[Sequence[float]], *, rng: random.Random,
                   as_values: bool = False, hint: str, location: Location | None = None) -> None:
    """The learner's network gives the reference's outputs, parameter gradients and input gradients.
    audit: None where torch computes another network (the repository's ReLU neurons)."""
    weights = [random_values(rng, shape.nouts[-1]) for _ in xs]
    expected = run(shape.build(reference), shape, reference.Value, values, xs, weights, as_values)
    if audit is not None:
            audit(cross_check_network, shape, list(values), [list(x) for x in xs], weights, as_values, expected)
    inputs = f"parameters = {list(values)}; xs = {[list(x) for x in xs]}"
    program = (f"model = {shape}", "for p, v in zip(model.parameters(), parameters): p.data = v",
               f"loss = sum of c * output over xs and outputs, c = {weights}", "loss.backward()")
    with running(program, inputs):
        model = shape.build(learner)
        got = run(model, shape, learner.Value, values, xs, weights, as_values)
    context: dict[str, Any] = {"inputs": inputs, "program": program, "where": location or where(model.__class__, "__call__"),
                               "hint": hint, "tolerance": TOLERANCE}
    for x, e_out, g_out in zip(xs, expected.outputs, got.outputs):
        for i, (e, g) in enumerate(zip(e_out, g_out)):
            if not close(g, e):
                output = f" (output {i})" if len(e_out) > 1 else ""
                fail(f"wrong output of {shape} for x = {list(x)}{output}", expected=number(e), got=number(g),
                     node=f"output {i}", **context)
    # from the output back: the last layer's parameters first
    for index in reversed(range(shape.count)):
        if not close(got.grads[index], expected.grads[index]):
            fail(f"wrong gradient for {shape.describe(index)} of {shape}", expected=number(expected.grads[index]),
                 got=number(got.grads[index]), node=shape.describe(index), **context)
    for x, e_grads, g_grads in zip(xs, expected.input_grads, got.input_grads):
        for i, (e, g) in enumerate(zip(e_grads, g_grads)):
            if not close(g, e):
                fail(f"wrong gradient for input x[{i}] of {shape}, x = {list(x)}", expected=number(e), got=number(g),
                     node=f"x[{i}]", **context)
