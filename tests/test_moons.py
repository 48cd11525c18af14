"""The repo track's moons: the same construction as scikit-learn's make_moons, checked against its formula, and
against scikit-learn itself when it is installed."""
from __future__ import annotations

import math

import numpy as np
import pytest

from micrograd_kata.checks.moons import DEMO_SEED, make_moons


def test_without_noise_the_points_lie_on_the_two_half_circles() -> None:
    moons = make_moons(11, noise=None, seed=3)
    upper = [p for p, label in zip(moons.X, moons.y) if label == -1]
    lower = [p for p, label in zip(moons.X, moons.y) if label == 1]
    assert (len(upper), len(lower)) == (5, 6)   # n // 2 on the upper moon, the rest on the lower
    for x, y in upper:                           # (cos t, sin t)
        assert math.isclose(x * x + y * y, 1.0) and y >= -1e-12
    for x, y in lower:                           # (1 - cos t, 0.5 - sin t)
        assert math.isclose((1 - x) ** 2 + (0.5 - y) ** 2, 1.0) and y <= 0.5 + 1e-12
    # t evenly spaced over [0, pi], both ends included
    angles = sorted(math.atan2(y, x) for x, y in upper)
    assert np.allclose(angles, np.linspace(0, math.pi, 5))


def test_the_points_are_shuffled_then_noised_from_one_seeded_generator() -> None:
    clean, noisy = make_moons(40, noise=None, seed=7), make_moons(40, noise=0.1, seed=7)
    assert clean.y == noisy.y   # the same shuffle
    assert len(set(map(tuple, clean.X))) == 40 and clean.y != sorted(clean.y)
    gaps = np.array(noisy.X) - np.array(clean.X)
    generator = np.random.RandomState(7)
    generator.shuffle(np.arange(40))
    assert np.allclose(gaps, generator.normal(scale=0.1, size=(40, 2)))   # drawn after the shuffle
    assert make_moons(40, noise=0.1, seed=7) == noisy and make_moons(40, noise=0.1, seed=8) != noisy


def test_labels_are_minus_one_and_plus_one_as_the_demo_makes_them() -> None:
    moons = make_moons(100)
    assert sorted(set(moons.y)) == [-1, 1] and moons.y.count(1) == 50
    assert all(isinstance(v, float) for p in moons.X for v in p) and all(type(v) is int for v in moons.y)


@pytest.mark.parametrize("n, noise, seed", [(100, 0.1, DEMO_SEED), (60, 0.1, 0), (7, 0.3, 123), (10, None, 5)])
def test_the_same_points_as_scikit_learn(n: int, noise: float | None, seed: int) -> None:
    datasets = pytest.importorskip("sklearn.datasets")
    X, y = datasets.make_moons(n_samples=n, noise=noise, random_state=seed)
    moons = make_moons(n, noise=noise, seed=seed)
    assert np.array_equal(np.array(moons.X), X)
    assert moons.y == list(y * 2 - 1)
