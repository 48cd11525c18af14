"""Checks for `mlp`: MLP(nin, nouts) chains layers of the sizes in nouts, the first taking nin inputs."""
from __future__ import annotations

import random
from types import SimpleNamespace

from micrograd_kata.checks.expect import TOLERANCE, close, fail, number, where
from micrograd_kata.checks.networks import LECTURE_XS, Shape, expect_network, outputs, parameters, random_values, set_values
from micrograd_kata.checks.session import Audit

SHAPES = [Shape("MLP", 3, (4, 4, 1)), Shape("MLP", 2, (3,)), Shape("MLP", 1, (2, 2))]


def check_parameter_count(learner: SimpleNamespace) -> None:
    """MLP(3, [4, 4, 1]) has 4*(3+1) + 4*(4+1) + 1*(4+1) = 41 parameters."""
    for shape in SHAPES:
        model = shape.build(learner)
        count = len(list(model.parameters()))
        if count != shape.count:
            fail(f"{shape} has {count} parameters", expected=str(shape.count), got=str(count),
                 program=(f"model = {shape}", "len(model.parameters())"), where=where(learner.MLP, "__init__"),
                 hint="sz = [nin] + nouts; layer i maps sz[i] inputs to sz[i+1] outputs, one layer per entry of nouts")
        parameters(model, shape, learner.Value)


def check_output_shape(learner: SimpleNamespace) -> None:
    """One Value when the last layer has one neuron, else a list."""
    for shape in (Shape("MLP", 3, (4, 4, 1)), Shape("MLP", 2, (3, 2))):
        outputs(shape.build(learner), shape, learner.Value, [0.5, -1.0, 2.0][:shape.nin])


def check_parameters_layer_by_layer(learner: SimpleNamespace, reference: SimpleNamespace) -> None:
    """Distinct values set through parameters() give the reference's output only in the reference's order."""
    shape, x = Shape("MLP", 2, (2, 1)), [0.5, -1.0]
    values = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8, 0.9]  # layer 0: 2 neurons of 2 weights and a bias
    model = shape.build(learner)
    parameters(model, shape, learner.Value)
    set_values(model, values)
    got = float(outputs(model, shape, learner.Value, x)[0].data)

    def reference_output(order: list[float]) -> float:
        twin = shape.build(reference)
        set_values(twin, order)
        return float(twin(x).data)

    expected = reference_output(values)
    if close(got, expected):
        return
    # listing the last layer first hands the first three values to the last layer's neuron
    reordered = close(got, reference_output(values[3:] + values[:3]))
    fail(f"wrong output of {shape} for x = {x} with parameters() = {values}", expected=number(expected),
         got=number(got), inputs=f"x = {x}",
         program=(f"model = {shape}", f"for p, v in zip(model.parameters(), {values}): p.data = v", f"model({x})"),
         where=where(learner.MLP, "parameters" if reordered else "__call__"), tolerance=TOLERANCE,
         hint="parameters() lists layer by layer, from the input: [p for layer in self.layers for p in "
              "layer.parameters()]" if reordered else "__call__ feeds x through each layer in turn: "
              "for layer in self.layers: x = layer(x)")


def check_lecture_network(learner: SimpleNamespace, reference: SimpleNamespace, audit: Audit,
                          rng: random.Random) -> None:
    """MLP(3, [4, 4, 1]) on the lecture's four examples: outputs and all 41 gradients."""
    shape = SHAPES[0]
    expect_network(learner, reference, audit, shape, random_values(rng, shape.count), LECTURE_XS, rng=rng,
                   hint="__call__ feeds x through each layer in turn: for layer in self.layers: x = layer(x)")
