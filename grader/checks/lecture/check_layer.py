"""Checks for `layer`: Layer(nin, nout) holds nout neurons; its output is one Value per neuron."""
from __future__ import annotations

import math
import random
from types import SimpleNamespace

from micrograd_kata.checks.expect import TOLERANCE, close, fail, number, where
from micrograd_kata.checks.networks import Shape, expect_network, outputs, parameters, random_values, set_values
from micrograd_kata.checks.session import Audit

HINT = "a layer's outputs are [n(x) for n in self.neurons]: each neuron sees the same x"


def check_parameter_count_and_range(learner: SimpleNamespace) -> None:
    for nin, nout in ((3, 4), (2, 1)):
        shape = Shape("Layer", nin, (nout,))
        data = [float(p.data) for p in parameters(learner.Layer(nin, nout), shape, learner.Value)]
        if not all(-1 <= d <= 1 for d in data):
            fail(f"{shape} has parameters outside [-1, 1]", expected="numbers in [-1, 1]",
                 got=", ".join(number(d) for d in data), program=(f"layer = {shape}", "layer.parameters()"),
                 where=where(learner.Layer, "__init__"), hint="self.neurons = [Neuron(nin) for _ in range(nout)]")


def check_one_neuron_gives_a_value(learner: SimpleNamespace) -> None:
    """Layer(3, 1)(x) is a single Value; Layer(3, 2)(x) a list of two."""
    for nout in (1, 2):
        shape = Shape("Layer", 3, (nout,))
        outputs(learner.Layer(3, nout), shape, learner.Value, [2.0, 3.0, -1.0])


def check_parameters_neuron_by_neuron(learner: SimpleNamespace) -> None:
    """With x = 0 each output is tanh of its neuron's bias: the third, sixth and ninth parameter."""
    shape = Shape("Layer", 2, (3,))
    values = [0.1, 0.2, 0.3, -0.4, -0.5, -0.6, 0.7, 0.8, 0.9]
    layer = learner.Layer(2, 3)
    parameters(layer, shape, learner.Value)
    set_values(layer, values)
    got = [float(o.data) for o in outputs(layer, shape, learner.Value, [0.0, 0.0])]
    expected = [math.tanh(values[2]), math.tanh(values[5]), math.tanh(values[8])]
    if not all(close(g, e) for g, e in zip(got, expected)):
        fail(f"{shape}([0.0, 0.0]) is not the tanh of each neuron's bias with parameters() = {values}",
             expected=", ".join(number(e) for e in expected), got=", ".join(number(g) for g in got),
             inputs="x = [0.0, 0.0]",
             program=(f"layer = {shape}", f"for p, v in zip(layer.parameters(), {values}): p.data = v",
                      "layer([0.0, 0.0])"),
             where=where(learner.Layer, "parameters"),
             hint="parameters() lists neuron by neuron, each neuron's weights then its bias: "
                  "[p for n in self.neurons for p in n.parameters()]", tolerance=TOLERANCE)


def check_outputs_and_gradients(learner: SimpleNamespace, reference: SimpleNamespace, audit: Audit,
                                rng: random.Random) -> None:
    for nin, nout in ((3, 4), (2, 1), (4, 2)):
        shape = Shape("Layer", nin, (nout,))
        expect_network(learner, reference, audit, shape, random_values(rng, shape.count),
                       [[round(rng.uniform(-2, 2), 2) for _ in range(nin)]], rng=rng, as_values=True, hint=HINT)
