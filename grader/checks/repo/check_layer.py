"""Checks for `layer`: Layer(nin, nout, **kwargs) holds nout neurons made with kwargs; its output is a list, or a
single Value when nout is 1; parameters() neuron by neuron; repr Layer of [...]."""
from __future__ import annotations

import random
from types import SimpleNamespace

from micrograd_kata.checks.expect import TOLERANCE, close, fail, number, where
from micrograd_kata.checks.networks import Shape, expect_network, parameters, random_values
from micrograd_kata.checks.repo_networks import layer_repr, set_values

HINT = "each neuron sees the same x: out = [n(x) for n in self.neurons]; return out[0] if len(out) == 1 else out"


def check_outputs_and_gradients(learner: SimpleNamespace, reference: SimpleNamespace, rng: random.Random) -> None:
    for nin, nout in ((3, 4), (2, 1), (4, 2)):
        shape = Shape("Layer", nin, (nout,))
        for _ in range(3):
            xs = [[round(rng.uniform(-2, 2), 2) for _ in range(nin)] for _ in range(2)]
            expect_network(learner, reference, None, shape, random_values(rng, shape.count), xs, rng=rng,
                           as_values=True, hint=HINT)


def check_kwargs_reach_the_neurons(learner: SimpleNamespace) -> None:
    """Layer(2, 2, nonlin=False) is linear: a negative sum stays negative."""
    layer = learner.Layer(2, 2, nonlin=False)
    parameters(layer, Shape("Layer", 2, (2,)), learner.Value)
    set_values(layer, [1.0, 1.0, 0.0, -1.0, -1.0, 0.0])
    out = layer([-1.0, -2.0])
    got = [float(v.data) for v in out] if isinstance(out, (list, tuple)) else [float(out.data)]
    if len(got) != 2 or not all(close(g, e) for g, e in zip(got, [-3.0, 3.0])):
        fail("Layer(2, 2, nonlin=False) is not linear", expected="[-3.0, 3.0]", got=", ".join(map(number, got)),
             program=("layer = Layer(2, 2, nonlin=False)",
                      "for p, v in zip(layer.parameters(), [1, 1, 0, -1, -1, 0]): p.data = v", "layer([-1.0, -2.0])"),
             where=where(learner.Layer, "__init__"), tolerance=TOLERANCE,
             hint="pass the keyword arguments on to every neuron: Neuron(nin, **kwargs)")


def check_repr(learner: SimpleNamespace) -> None:
    for made, expected in (("Layer(2, 3)", layer_repr(2, 3)), ("Layer(3, 1, nonlin=False)", layer_repr(3, 1, False))):
        layer = learner.Layer(2, 3) if made == "Layer(2, 3)" else learner.Layer(3, 1, nonlin=False)
        if repr(layer) != expected:
            fail(f"repr({made}) is not the repository's", expected=repr(expected), got=repr(repr(layer)),
                 program=(f"repr({made})",), where=where(learner.Layer, "__repr__"),
                 hint="return f\"Layer of [{', '.join(str(n) for n in self.neurons)}]\"")
