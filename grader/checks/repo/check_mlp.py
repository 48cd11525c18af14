"""Checks for `mlp`: MLP(nin, nouts) chains its layers, ReLU but the last, which is linear; parameters() layer by
layer; repr MLP of [...]."""
from __future__ import annotations

import random
from types import SimpleNamespace

from micrograd_kata.checks.expect import TOLERANCE, close, fail, number, where
from micrograd_kata.checks.networks import Shape, expect_network, parameters, random_values
from micrograd_kata.checks.repo_networks import mlp_repr, set_values

HINT = "feed x through each layer in turn; every layer is ReLU but the last: nonlin=i != len(nouts) - 1"


def check_last_layer_is_linear(learner: SimpleNamespace) -> None:
    """A score below 0 must come out: the demo's max-margin loss needs the sign."""
    model = learner.MLP(1, [2, 1])
    parameters(model, Shape("MLP", 1, (2, 1)), learner.Value)
    set_values(model, [1.0, 0.0, 1.0, 0.0, -1.0, -1.0, 0.5])
    got = float(model([1.5]).data)   # relu(1.5) = 1.5 twice, then -1.5 - 1.5 + 0.5 = -2.5
    if not close(got, -2.5):
        fail("MLP(1, [2, 1]) cannot give a negative score", expected="-2.5", got=number(got), tolerance=TOLERANCE,
             program=("model = MLP(1, [2, 1])",
                      "for p, v in zip(model.parameters(), [1, 0, 1, 0, -1, -1, 0.5]): p.data = v",
                      "model([1.5])"),
             where=where(learner.MLP, "__init__"),
             hint="the last layer is linear, the others ReLU: Layer(sz[i], sz[i+1], nonlin=i != len(nouts) - 1)"
             if close(got, 0.0) else HINT)


def check_outputs_and_gradients(learner: SimpleNamespace, reference: SimpleNamespace, rng: random.Random) -> None:
    for nin, nouts in ((2, (4, 4, 1)), (3, (3, 2)), (2, (16, 1))):
        shape = Shape("MLP", nin, nouts)
        for _ in range(2):
            xs = [[round(rng.uniform(-2, 2), 2) for _ in range(nin)] for _ in range(3)]
            expect_network(learner, reference, None, shape, random_values(rng, shape.count), xs, rng=rng,
                           as_values=True, hint=HINT)


def check_repr(learner: SimpleNamespace) -> None:
    expected = mlp_repr(2, [3, 2, 1])
    got = repr(learner.MLP(2, [3, 2, 1]))
    if got != expected:
        fail("repr(MLP(2, [3, 2, 1])) is not the repository's", expected=repr(expected), got=repr(got),
             program=("repr(MLP(2, [3, 2, 1]))",), where=where(learner.MLP, "__repr__"),
             hint="return f\"MLP of [{', '.join(str(layer) for layer in self.layers)}]\"")
