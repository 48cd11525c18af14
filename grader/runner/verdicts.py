"""What a check's exception means for the learner: todo, failed, error or blocked, with where to look.

Each kind of exception has its own small explanation; `Verdicts.of` tries them in order.
"""
from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from types import TracebackType

from micrograd_kata import curriculum
from micrograd_kata.checks.expect import CannotGrade, CheckFailure, ProgramError
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner import remote, source
from micrograd_kata.results import Failure, Location, Status
from micrograd_kata.runner import frames
from micrograd_kata.runner.lending import ForbiddenImport, LearnerImportError, MissingClass

REFLECTED = {"+": "__radd__", "-": "__rsub__", "*": "__rmul__", "/": "__rtruediv__"}
UNSUPPORTED = re.compile(r"unsupported operand type\(s\) for (?P<op>[-+*/]): '(?:int|float)' and 'Value'")


@dataclass(frozen=True)
class Verdict:
    """How one check ended: its status, why, and the piece that blocks it."""

    status: Status
    failure: Failure | None = None
    blocked_by: str | None = None


PASSED = Verdict(Status.PASSED)

# (the piece graded, the exception, where it was raised in the learner's code) -> a verdict, or None: not this one
Explanation = Callable[["Verdicts", Piece, BaseException, Location], "Verdict | None"]


class Verdicts:
    """Classifies what a check raised, pointing into the learner's files under root."""

    def __init__(self, root: Path, seed: int, memory: int | None = None) -> None:
        self.root = root
        self.seed = seed  # the run's seed, stamped on every failure that it replays
        self.memory = memory  # MB the learner's code may allocate, for a MemoryError's verdict

    def of(self, piece: Piece, error: BaseException, tb: TracebackType | None) -> Verdict:
        """The verdict for a check that raised `error`."""
        if isinstance(error, MemoryError) and tb is not None:
            traceback.clear_frames(tb)  # let go of what the learner's code allocated: the verdict needs memory too
        where = remote.where_of(error) or frames.in_traceback(tb, self.root) or self.first_symbol(piece)
        for kind, explain in EXPLANATIONS:
            if isinstance(error, kind) and (verdict := explain(self, piece, error, where)) is not None:
                return verdict
        return Verdict(Status.ERROR, Failure(summary=f"{type(error).__name__}: {_text(error)}", where=where))

    def first_symbol(self, piece: Piece) -> Location:
        """The piece's first symbol in the learner's file; the file alone when it has none of them."""
        symbols = source.read(self.root / piece.file).symbols
        name = next((n for n in piece.symbols if n in symbols), None)
        return Location(piece.file, symbols[name].lineno, name) if name else Location(piece.file)

    def owner_at(self, where: Location, track: str) -> Piece | None:
        """The track's piece that owns a line of a learner's file (the file's first piece when no symbol holds it)."""
        symbol = source.read(self.root / where.file).symbol_at(where.line) if where.line is not None else None
        return curriculum.owner_in(where.file, symbol.name if symbol else None, track)


def blocked(owner: Piece, why: str, where: Location) -> Verdict:
    return Verdict(Status.BLOCKED, Failure(summary=f"blocked by {owner.id}: {why}", where=where), blocked_by=owner.id)


def _failed(verdicts: Verdicts, piece: Piece, error: BaseException, where: Location) -> Verdict:
    assert isinstance(error, CheckFailure)
    return Verdict(Status.FAILED, replace(error.failure, seed=verdicts.seed) if error.replayable else error.failure)


def _not_written(verdicts: Verdicts, piece: Piece, error: BaseException, where: Location) -> Verdict:
    return Verdict(Status.TODO, Failure(summary=f"still raises NotImplementedError({_text(error)})", where=where))


def _skipped(verdicts: Verdicts, piece: Piece, error: BaseException, where: Location) -> Verdict:
    return Verdict(Status.SKIPPED, Failure(summary=str(error)))


def _missing_class(verdicts: Verdicts, piece: Piece, error: BaseException, where: Location) -> Verdict:
    assert isinstance(error, MissingClass)
    owner = curriculum.owner_in(error.file, error.name, piece.track)
    if owner is None or owner.id == piece.id:
        return Verdict(Status.TODO, Failure(summary=str(error), where=Location(error.file)))
    return blocked(owner, str(error), Location(error.file))


def _import_failed(verdicts: Verdicts, piece: Piece, error: BaseException, where: Location) -> Verdict:
    assert isinstance(error, LearnerImportError)
    place = error.where or Location(f"{error.module}.py")
    owner = verdicts.owner_at(place, piece.track)
    summary = f"{type(error.error).__name__} while importing {error.module}.py: {_text(error.error)}"
    if owner is not None and owner.id != piece.id:
        return blocked(owner, summary, place)
    syntax = error.error if isinstance(error.error, SyntaxError) and error.error.text else None
    return Verdict(Status.ERROR, Failure(summary=summary, where=place,
                                         source_line=syntax.text.rstrip("\n") if syntax and syntax.text else None,
                                         column=syntax.offset if syntax else None))


def _forbidden(verdicts: Verdicts, piece: Piece, error: BaseException, where: Location) -> Verdict:
    assert isinstance(error, ForbiddenImport)
    owner = curriculum.owner_in(error.file, track=piece.track)
    if owner is not None and owner.file != piece.file:  # another file's fault: fix that first
        return blocked(owner, str(error), Location(error.file))
    return Verdict(Status.ERROR, Failure(summary=str(error), where=Location(error.file)))


def _undefined_class(verdicts: Verdicts, piece: Piece, error: BaseException, where: Location) -> Verdict | None:
    """MLP using a Layer class the learner has not written: blocked by the piece that owns Layer."""
    assert isinstance(error, NameError)
    owner = curriculum.owner(error.name, piece.track) if error.name in _classes(piece.track) else None
    if owner is None or owner.id == piece.id or owner.index > piece.index:
        return None
    return blocked(owner, f"{type(error).__name__}: {_text(error)}", where)


def _exited(verdicts: Verdicts, piece: Piece, error: BaseException, where: Location) -> Verdict:
    assert isinstance(error, SystemExit)
    return Verdict(Status.ERROR, Failure(
        summary=f"your code called sys.exit({error.code!r}): it must return, not end the program", where=where))


def _reflected(verdicts: Verdicts, piece: Piece, error: BaseException, where: Location) -> Verdict | None:
    """`2 + v` failing with TypeError: Python looked for Value.__radd__. When the class has none, the fault is
    the missing method, not any line of the learner's: the place is the class, and the program shows `2 + v`."""
    match = UNSUPPORTED.search(str(error))
    if match is None:
        return None
    method = REFLECTED[match["op"]]
    file = curriculum.file_of("Value", piece.track) or "engine.py"
    symbol = source.read(verdicts.root / file).symbols.get(f"Value.{method}")
    return Verdict(Status.ERROR, Failure(
        summary=f"{type(error).__name__}: {_text(error)}" + ("" if symbol else f" (Value has no {method})"),
        where=Location(file, symbol.lineno, f"Value.{method}") if symbol else Location(file, name="Value"),
        hint=(f"with a number on the left, Python calls Value.{method}: "
              + ("it returned NotImplemented or failed" if symbol else "write it"))))


def _in_program(verdicts: Verdicts, piece: Piece, error: BaseException, where: Location) -> Verdict:
    """The code under test raised while a check ran one program: the verdict for what it raised, with that program,
    its inputs, and how many of the check's programs raised."""
    assert isinstance(error, ProgramError)
    inner = verdicts.of(piece, error.error, error.error.__traceback__)
    if inner.failure is None or inner.status is Status.BLOCKED:
        return inner
    return replace(inner, failure=replace(inner.failure, summary=inner.failure.summary + error.counted,
                                          program=error.program, inputs=error.inputs, seed=verdicts.seed))


def _recursion(verdicts: Verdicts, piece: Piece, error: BaseException, where: Location) -> Verdict:
    return Verdict(Status.ERROR, Failure(
        summary="RecursionError: the code calls itself without end (or the graph is cyclic)", where=where))


def _memory(verdicts: Verdicts, piece: Piece, error: BaseException, where: Location) -> Verdict:
    limit = f"the limit of {verdicts.memory:,} MB" if verdicts.memory else "the memory limit"
    return Verdict(Status.ERROR, Failure(
        summary=f"MemoryError: your code used more memory than {limit}, at {where}",
        where=where, hint=("a loop that keeps allocating (a list that grows without end, a graph rebuilt each step); "
                           "if the code really needs more, give it more: --memory MB")))


EXPLANATIONS: tuple[tuple[type[BaseException], Explanation], ...] = (
    (ProgramError, _in_program),
    (CheckFailure, _failed),
    (NotImplementedError, _not_written),
    (CannotGrade, _skipped),
    (MissingClass, _missing_class),
    (LearnerImportError, _import_failed),
    (ForbiddenImport, _forbidden),
    (NameError, _undefined_class),
    (SystemExit, _exited),
    (TypeError, _reflected),
    (RecursionError, _recursion),
    (MemoryError, _memory),
)


@cache
def _classes(track: str) -> frozenset[str]:
    """The classes a track's curriculum names: Value, Module, Neuron, Layer, MLP."""
    return frozenset(s.split(".")[0] for p in curriculum.load(track) for s in p.symbols if "." in s)


def _text(error: BaseException) -> str:
    text = str(error)
    return text if len(text) <= 300 else text[:300] + "…"
