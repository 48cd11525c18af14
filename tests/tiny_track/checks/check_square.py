"""Checks for Num.square."""
from __future__ import annotations

from types import SimpleNamespace

from micrograd_kata.checks.expect import fail, where


def check_squares(learner: SimpleNamespace, reference: SimpleNamespace) -> None:
    for x in (4.0, -1.5):
        got, expected = learner.Num(x).square().x, reference.Num(x).square().x
        if got != expected:
            fail(f"Num({x}).square() is wrong", expected=repr(expected), got=repr(got), where=where(learner.Num, "square"))
