"""How a check says what went wrong: raise CheckFailure with a Failure a learner can act on.

Also what most checks share to say it: numbers within the stated tolerance, numbers as a
learner reads them, file:line of the learner's code, and the smallest of many failing
programs. Comparing a whole expression program with the reference lives in compare.py.
"""
from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from micrograd_kata.checks import graphs
from micrograd_kata.results import Failure, Location

TOLERANCE = "|got - expected| <= 1e-6 + 1e-6·|expected|"


class CheckFailure(AssertionError):
    """A check found a wrong value or gradient; `failure` says expected, got, on which input, where.

    The check leaves the failure's seed out: the plugin stamps the run's seed on it, so that the
    learner can replay the same inputs, unless `replayable` is False.
    """

    def __init__(self, failure: Failure, *, replayable: bool = True) -> None:
        super().__init__(failure.summary)
        self.failure = failure
        self.replayable = replayable


class GraderBug(RuntimeError):
    """The reference engine and torch disagree: the grader is wrong, not the learner."""


def close(got: float, expected: float) -> bool:
    """Equal within TOLERANCE."""
    return abs(got - expected) <= 1e-6 + 1e-6 * abs(expected)


def number(x: Any) -> str:
    """A number as a learner reads it: 2.0, -0.7071067812."""
    try:
        text = f"{float(x):.10g}"
    except (TypeError, ValueError):
        return repr(x)
    return text if any(c in text for c in ".eni") else text + ".0"


def where(owner: Any, name: str | None = None) -> Location | None:
    """'engine.py:42 in Value.__mul__': the file and line where the code under test defines `name`.

    `owner` is a class (then `name` is looked up along its MRO, as Python does) or a function.
    """
    function = owner
    if name is not None:
        function = next((klass.__dict__[name] for klass in inspect.getmro(owner) if name in klass.__dict__), None)
    code = getattr(inspect.unwrap(function), "__code__", None) if callable(function) else None
    if code is None:
        return None
    return Location(os.path.basename(code.co_filename), code.co_firstlineno, function.__qualname__)


def fail(summary: str, *, replayable: bool = True, **fields: Any) -> None:
    """Raise CheckFailure; `fields` are the other fields of Failure but its seed."""
    raise CheckFailure(Failure(summary=summary, **fields), replayable=replayable)


def expect_each(programs: Sequence[graphs.Program], check: Callable[[graphs.Program], None], what: str) -> None:
    """Run `check` on every program; if some fail, fail on the smallest, saying how many failed."""
    failures = []
    for p in programs:
        try:
            check(p)
        except CheckFailure as failed:
            failures.append((p.size, failed))
    if failures:
        smallest = min(failures, key=lambda f: f[0])[1]
        failure = smallest.failure
        raise CheckFailure(replace(failure, summary=f"{failure.summary} ({len(failures)} of {len(programs)} {what} "
                                                    f"failed{'; the smallest' if len(failures) > 1 else ''})"),
                           replayable=smallest.replayable)
