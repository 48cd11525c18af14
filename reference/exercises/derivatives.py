"""The reference for the notebook's derivatives: f, its exact gradient, and the two difference quotients."""
from __future__ import annotations

import math
from collections.abc import Callable

Function = Callable[[float, float, float], float]


def f(a: float, b: float, c: float) -> float:
    return -a**3 + math.sin(3 * b) - 1.0 / c + b**2.5 - a**0.5


def gradf(a: float, b: float, c: float) -> list[float]:
    return [-3 * a**2 - 0.5 / math.sqrt(a), 3 * math.cos(3 * b) + 2.5 * b**1.5, 1 / c**2]


def _steps(a: float, b: float, c: float, h: float) -> list[tuple[tuple[float, float, float], tuple[float, float, float]]]:
    """For each input, the point nudged forward by h and the point nudged back by h."""
    return [((a + h, b, c), (a - h, b, c)), ((a, b + h, c), (a, b - h, c)), ((a, b, c + h), (a, b, c - h))]


def numerical_grad(f: Function, a: float, b: float, c: float, h: float) -> list[float]:
    y = f(a, b, c)
    return [(f(*forward) - y) / h for forward, _ in _steps(a, b, c, h)]


def symmetric_grad(f: Function, a: float, b: float, c: float, h: float) -> list[float]:
    return [(f(*forward) - f(*back)) / (2 * h) for forward, back in _steps(a, b, c, h)]
