"""The repo track's data: two interleaving half-moons with noise, made as scikit-learn's make_moons makes them.

The same construction, step for step: the upper moon is (cos t, sin t), the lower one (1 - cos t, 0.5 - sin t),
t evenly spaced over [0, pi]; the points are shuffled, then Gaussian noise is added, both drawn from
numpy's RandomState(seed) in the same order. With scikit-learn installed, make_moons(n, noise=..., random_state=seed)
gives the same points (tests/test_moons.py checks it); here it is not needed. Labels are -1 (upper) and +1 (lower),
as the repository's demo makes them with y*2 - 1.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from micrograd_kata.results import Boundary

DEMO_SEED = 1337   # the demo notebook's np.random.seed(1337)


@dataclass(frozen=True)
class Moons:
    """Points as lists of two floats, and their labels, -1 or +1."""

    X: list[list[float]]
    y: list[int]


def make_moons(n_samples: int = 100, noise: float | None = 0.1, seed: int = DEMO_SEED) -> Moons:
    """Two interleaving half-moons of n_samples points, shuffled, with Gaussian noise of standard deviation noise."""
    n_out = n_samples // 2
    n_in = n_samples - n_out
    generator = np.random.RandomState(seed)
    t_out, t_in = np.linspace(0, np.pi, n_out), np.linspace(0, np.pi, n_in)
    X = np.vstack([np.append(np.cos(t_out), 1 - np.cos(t_in)),
                   np.append(np.sin(t_out), 1 - np.sin(t_in) - 0.5)]).T
    y = np.hstack([np.zeros(n_out, dtype=np.intp), np.ones(n_in, dtype=np.intp)])
    order = np.arange(n_samples)
    generator.shuffle(order)   # sklearn.utils.shuffle: a permutation of the indices, from the same generator
    X, y = X[order], y[order]
    if noise is not None:
        X += generator.normal(scale=noise, size=X.shape)
    return Moons([[float(a), float(b)] for a, b in X], [int(label) * 2 - 1 for label in y])


def grid(moons: Moons, *, columns: int = 40, rows: int = 12, margin: float = 0.5) -> list[list[list[float]]]:
    """The centres of a grid covering the points (with a margin), row by row from the top."""
    xs, ys = [p[0] for p in moons.X], [p[1] for p in moons.X]
    x_range = (min(xs) - margin, max(xs) + margin)
    y_range = (min(ys) - margin, max(ys) + margin)
    return [[[x_range[0] + (col + 0.5) * (x_range[1] - x_range[0]) / columns,
              y_range[1] - (row + 0.5) * (y_range[1] - y_range[0]) / rows] for col in range(columns)]
            for row in range(rows)]


def boundary(score: Callable[[float, float], float], moons: Moons, *, columns: int = 40, rows: int = 12,
             title: str = "", margin: float = 0.5) -> Boundary:
    """The sign of score over a grid covering the points (with a margin), rows from the top, and the points."""
    xs, ys = [p[0] for p in moons.X], [p[1] for p in moons.X]
    x_range = (min(xs) - margin, max(xs) + margin)
    y_range = (min(ys) - margin, max(ys) + margin)
    cells = grid(moons, columns=columns, rows=rows, margin=margin)
    signs = tuple("".join("+" if score(x, y) > 0 else "-" for x, y in row) for row in cells)
    points = tuple((x, y, label) for (x, y), label in zip(moons.X, moons.y))
    return Boundary(title=title, x_range=x_range, y_range=y_range, signs=signs, points=points)


def accuracy(score: Callable[[float, float], float], X: Sequence[Sequence[float]], y: Sequence[int]) -> float:
    """The share of points whose score is on their label's side, a score of 0 counting as -1 (as the demo)."""
    return sum((label > 0) == (score(a, b) > 0) for (a, b), label in zip(X, y)) / len(y)
