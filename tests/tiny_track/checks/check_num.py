"""Checks for Num.__init__."""
from __future__ import annotations

from types import SimpleNamespace

from micrograd_kata.checks.expect import fail, where


def check_keeps_x(learner: SimpleNamespace) -> None:
    n = learner.Num(3.0)
    if getattr(n, "x", None) != 3.0:
        fail("Num(3.0).x is not 3.0", expected="3.0", got=repr(getattr(n, "x", None)), where=where(learner.Num, "__init__"))
