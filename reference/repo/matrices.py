"""The repo track's demo as matrices (numpy): the same numbers as demo.loss and demo.train, in milliseconds.

The final check trains the learner's network in pure Python once; its reference loss curve comes from here, from
the same initial parameters (tests/test_repo_track.py holds it to demo.train's curve). After a step at lr 1.0 whole
layers of ReLUs may die, and a score is then the last bias alone, some 1e-17 from 0 after rounding: its sign, and
so the accuracy, depends on the order of the sums. `unsure` counts those points.
Parameters are in micrograd's order: layer by layer, neuron by neuron, each neuron's weights, then its bias.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

UNSURE = 1e-9   # a score this close to 0 has no sign to speak of: rounding decides it, in any engine


@dataclass(frozen=True)
class Training:
    """Each step's (loss, accuracy) before its update; how many scores of that step were within UNSURE of 0 (their
    points may count either way in another engine's accuracy); the parameters after the last step."""

    history: list[tuple[float, float]]
    unsure: list[int]
    after: list[float]


def unpack(nin: int, nouts: Sequence[int], values: Sequence[float]) -> list[tuple[np.ndarray, np.ndarray]]:
    """The flat parameters as (W, b) per layer, W of shape (nout, nin)."""
    layers, start = [], 0
    for a, b in zip([nin, *nouts], nouts):
        block = np.array(values[start:start + (a + 1) * b], dtype=np.float64).reshape(b, a + 1)
        layers.append((block[:, :a].copy(), block[:, a].copy()))
        start += (a + 1) * b
    return layers


def pack(layers: Sequence[tuple[np.ndarray, np.ndarray]]) -> list[float]:
    return [float(v) for W, b in layers for row, bias in zip(W, b) for v in (*row, bias)]


def train(nin: int, nouts: Sequence[int], values: Sequence[float], X: Sequence[Sequence[float]], y: Sequence[int],
          steps: int, alpha: float = 1e-4) -> Training:
    """demo.train from these parameters: see Training."""
    layers = unpack(nin, nouts, values)
    inputs, labels = np.array(X, dtype=np.float64), np.array(y, dtype=np.float64)
    n, history, unsure = len(labels), [], []
    for k in range(steps):
        # forward: every layer but the last through relu
        hs = [inputs]
        for i, (W, b) in enumerate(layers):
            z = hs[-1] @ W.T + b
            hs.append(np.maximum(z, 0.0) if i < len(layers) - 1 else z)
        scores = hs[-1][:, 0]
        margins = 1 - labels * scores
        data_loss = np.sum(np.maximum(margins, 0.0)) * (1.0 / n)
        reg_loss = alpha * sum(np.sum(W * W) + np.sum(b * b) for W, b in layers)
        accuracy = float(np.mean((labels > 0) == (scores > 0)))
        history.append((float(data_loss + reg_loss), accuracy))
        unsure.append(int(np.sum(np.abs(scores) <= UNSURE)))
        # backward
        grad = (-(labels * (margins > 0)) / n)[:, None]
        grads = []
        for i in reversed(range(len(layers))):
            W, b = layers[i]
            grads.append((grad.T @ hs[i] + 2 * alpha * W, grad.sum(axis=0) + 2 * alpha * b))
            grad = (grad @ W) * (hs[i] > 0) if i > 0 else grad
        lr = 1.0 - 0.9 * k / steps
        layers = [(W - lr * gW, b - lr * gb) for (W, b), (gW, gb) in zip(layers, reversed(grads))]
    return Training(history, unsure, pack(layers))
