"""Checking the JSON of a state file field by field: each helper returns the value, or raises Malformed naming it."""
from __future__ import annotations

import math
from typing import Any

from micrograd_kata.learner.state import Malformed


def table(value: Any, what: str) -> dict[str, Any]:
    """A JSON object."""
    if not isinstance(value, dict):
        raise Malformed(f"{what} is {_shown(value)}, not a table")
    return value


def entries(value: Any, what: str) -> list[Any]:
    """A JSON array."""
    if not isinstance(value, list):
        raise Malformed(f"{what} is {_shown(value)}, not a list")
    return value


def text(value: Any, what: str) -> str:
    """A string that is not empty."""
    if not isinstance(value, str) or not value:
        raise Malformed(f"{what} is {_shown(value)}, not a name")
    return value


def flag(value: Any, what: str) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        raise Malformed(f"{what} is {_shown(value)}, not true or false")
    return value


def whole(value: Any, what: str, *, low: int = 0, high: int = 10**9) -> int:
    """A whole number from low to high (true and false are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise Malformed(f"{what} is {_shown(value)}, not a whole number from {low} to {high}")
    return value


def finite(value: Any, what: str, *, low: float = 0.0, high: float) -> float:
    """A finite number from low to high (NaN and infinity, which Python's JSON reads, are not)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not low <= value <= high:
        raise Malformed(f"{what} is {_shown(value)}, not a number from {low:g} to {high:g}")
    return float(value)


def _shown(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."
