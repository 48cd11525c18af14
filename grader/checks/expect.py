"""How a check says what went wrong: raise CheckFailure with a Failure a learner can act on.

Also what most checks share to say it: numbers within the stated tolerance, numbers as a
learner reads them, file:line of the learner's code, and the smallest of many failing
programs. Comparing a whole expression program with the reference lives in compare.py.
"""
from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from micrograd_kata.checks import graphs
from micrograd_kata.learner import remote
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


class CannotGrade(Exception):
    """A check that cannot run on this machine (torch is not installed): the piece is skipped, saying why."""


class GraderBug(RuntimeError):
    """The reference engine and torch disagree: the grader is wrong, not the learner."""


class ProgramError(Exception):
    """The code under test raised while a check ran one of its programs: what it raised (`error`, whose traceback
    says where), the program as a learner would type it, its inputs, and how many of the check's programs raised."""

    def __init__(self, error: Exception, program: tuple[str, ...], inputs: str | None = None,
                 counted: str = "") -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.error, self.program, self.inputs, self.counted = error, program, inputs, counted


@contextmanager
def running(program: tuple[str, ...], inputs: str | None = None) -> Iterator[None]:
    """Run the code under test on one program: an exception it raises becomes a ProgramError carrying the program."""
    try:
        yield
    except (CheckFailure, GraderBug, ProgramError, MemoryError):
        raise  # out of memory: the check ends at once, not after every program has filled memory again
    except Exception as error:
        raise ProgramError(error, program, inputs) from error


def counted(failed: int, total: int, what: str) -> str:
    """' (3 of 40 random graphs failed; the smallest)'; nothing for a check of one program."""
    if total <= 1:
        return ""
    return f" ({failed} of {total} {what} failed{'; the smallest' if failed > 1 else ''})"


def raise_smallest(raised: Sequence[tuple[int, ProgramError]], total: int, what: str) -> None:
    """Raise the ProgramError of the smallest program (by size) among those that raised, saying how many did."""
    smallest = min(raised, key=lambda r: r[0])[1]
    error = ProgramError(smallest.error, smallest.program, smallest.inputs, counted(len(raised), total, what))
    raise error from smallest.error


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
    if isinstance(owner, remote.Remote):
        return remote.defined_at(owner, name)
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
    """Run `check` on every program; if some raise or fail, report the smallest, saying how many did."""
    failures: list[tuple[int, CheckFailure]] = []
    raised: list[tuple[int, ProgramError]] = []
    for p in programs:
        try:
            check(p)
        except CheckFailure as failed:
            failures.append((p.size, failed))
        except ProgramError as error:
            raised.append((p.size, error))
    if raised:
        raise_smallest(raised, len(programs), what)
    if failures:
        smallest = min(failures, key=lambda f: f[0])[1]
        failure = smallest.failure
        raise CheckFailure(replace(failure, summary=failure.summary + counted(len(failures), len(programs), what)),
                           replayable=smallest.replayable)
