"""Checks for poly."""
from __future__ import annotations

from types import SimpleNamespace

from micrograd_kata.checks.expect import fail, where


def check_poly_of_two(learner: SimpleNamespace) -> None:
    got = learner.poly(learner.Num(2.0))
    if got != 5.0:
        fail("poly(Num(2.0)) is not 5.0", expected="5.0", got=repr(got), where=where(learner.poly))
