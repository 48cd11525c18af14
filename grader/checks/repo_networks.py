"""What the repo track's network checks share: the reprs the repository gives, and setting parameters."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from micrograd_kata.learner import remote


def neuron_repr(nin: int, nonlin: bool = True) -> str:
    return f"{'ReLU' if nonlin else 'Linear'}Neuron({nin})"


def layer_repr(nin: int, nout: int, nonlin: bool = True) -> str:
    return f"Layer of [{', '.join([neuron_repr(nin, nonlin)] * nout)}]"


def mlp_repr(nin: int, nouts: Sequence[int]) -> str:
    sizes = [nin, *nouts]
    layers = [layer_repr(a, b, i != len(nouts) - 1) for i, (a, b) in enumerate(zip(sizes, nouts))]
    return f"MLP of [{', '.join(layers)}]"


def set_values(model: Any, values: Sequence[float]) -> None:
    remote.assign(model.parameters(), "data", values)  # the learner's model: in one round trip
