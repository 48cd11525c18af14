"""The pytest plugin that turns check outcomes into piece verdicts, reporting each piece as soon as it is done."""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Generator
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest
from micrograd_kata import curriculum
from micrograd_kata.checks.expect import CheckFailure
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner import source
from micrograd_kata.results import CheckResult, Failure, PieceResult, Status
from micrograd_kata.runner.lending import ForbiddenImport, LearnerImportError, MissingClass

# When a piece's checks disagree, the verdict is the first of these that any check has.
PRECEDENCE = (Status.BLOCKED, Status.ERROR, Status.TIMEOUT, Status.FAILED, Status.TODO)


def piece_of(item: pytest.Item) -> Piece:
    """The piece a check belongs to, from its module: check_add_mul.py grades add-mul."""
    return curriculum.get(Path(str(item.path)).stem.removeprefix("check_").replace("_", "-"))


class Verdict:
    """How one check ended, worked out from its exception (None: it passed)."""

    def __init__(self, status: Status, failure: Failure | None = None, blocked_by: str | None = None) -> None:
        self.status, self.failure, self.blocked_by = status, failure, blocked_by


class Collector:
    """Gathers each check's verdict; when a piece's last check is in, hands the PieceResult to `report`."""

    def __init__(self, root: Path, report: Callable[[PieceResult], None], *, seed: int, stop_at_first_failure: bool,
                 on_piece_start: Callable[[Piece], None], take_output: Callable[[], str],
                 waited: Callable[[], float] = lambda: 0.0) -> None:
        self.root = root
        self.seed = seed  # the run's seed, stamped on every failure that it replays
        self.report = report
        self.stop_at_first_failure = stop_at_first_failure
        self.on_piece_start = on_piece_start
        self.take_output = take_output
        self.waited = waited  # seconds spent waiting for torch so far, left out of a piece's time
        self.passed: set[str] = set()
        self.remaining: dict[str, int] = {}
        self.checks: list[CheckResult] = []
        self.extra: dict[str, Any] = {}
        self.current: Piece | None = None
        self.started = 0.0
        # the piece that owns each class: the first piece with a method of it (Value: value, Layer: layer)
        self.class_owners: dict[str, Piece] = {}
        for p in curriculum.load():
            for symbol in p.symbols:
                if "." in symbol:
                    self.class_owners.setdefault(symbol.split(".")[0], p)

    # hooks, in the order pytest calls them

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        self.session = session

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            piece = piece_of(item)
            self.remaining[piece.id] = self.remaining.get(piece.id, 0) + 1

    def pytest_runtest_logstart(self, nodeid: str, location: tuple[str, int | None, str]) -> None:
        piece = curriculum.get(Path(location[0]).stem.removeprefix("check_").replace("_", "-"))
        if self.current is None or piece.id != self.current.id:
            self.current, self.checks, self.extra = piece, [], {}
            self.started = time.perf_counter() - self.waited()
            self.on_piece_start(piece)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
        report = yield
        if call.excinfo is not None:
            report.kata_verdict = self.verdict(piece_of(item), call.excinfo.value, call.excinfo.tb)
        elif call.when == "call":
            report.kata_verdict = Verdict(Status.PASSED)
        return report

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        verdict = getattr(report, "kata_verdict", None)
        if verdict is not None and (report.when == "call" or verdict.status is not Status.PASSED):
            name = report.nodeid.rsplit("::", 1)[-1]
            if not any(c.name == name for c in self.checks):
                self.checks.append(CheckResult(name, verdict.status, report.duration, verdict.failure))
                if verdict.blocked_by:
                    self.extra["blocked_by"] = verdict.blocked_by
        if report.when == "teardown" and self.current is not None:
            self.remaining[self.current.id] -= 1
            if self.remaining[self.current.id] == 0:
                self.finish_piece()

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:  # a check module that does not import: the grader's own bug, not the learner's
            raise RuntimeError(f"the grader's checks failed to load: {report.longreprtext}")

    # piece verdicts

    def finish_piece(self) -> None:
        assert self.current is not None
        piece, checks = self.current, tuple(self.checks)
        statuses = {c.status for c in checks}
        status = next((s for s in PRECEDENCE if s in statuses), Status.PASSED)
        problem = next((c for c in checks if c.status is status), None)
        failure = problem.failure if problem else None
        result = PieceResult(
            piece_id=piece.id,
            status=status,
            checks=checks,
            message=failure.summary if failure else "",
            seconds=round(time.perf_counter() - self.waited() - self.started, 4),
            output=self.take_output(),
            blocked_by=self.extra.get("blocked_by") if status is Status.BLOCKED else None,
            where=failure.where if failure else None,
        )
        if status is Status.PASSED:
            self.passed.add(piece.id)
        self.current = None
        self.report(result)
        if self.stop_at_first_failure and status is not Status.PASSED:
            self.session.shouldstop = "stopped at the first piece that does not pass"

    def verdict(self, piece: Piece, error: BaseException, tb: TracebackType | None) -> Verdict:
        """Classify what a check raised: todo, failed, error or blocked, with where it happened."""
        where = self.learner_where(tb) or self.symbol_where(piece)
        if isinstance(error, CheckFailure):
            return Verdict(Status.FAILED, replace(error.failure, seed=self.seed) if error.replayable else error.failure)
        if isinstance(error, NotImplementedError):
            return Verdict(Status.TODO, Failure(summary=f"still raises NotImplementedError({_text(error)})",
                                                where=where))
        if isinstance(error, MissingClass):
            owner = self.owner_of(error.file, None, error.name)
            if owner is None or owner.id == piece.id:
                return Verdict(Status.TODO, Failure(summary=str(error), where=error.file))
            return self.blocked(owner, str(error), error.file)
        if isinstance(error, LearnerImportError):
            place = f"{error.file}:{error.line}" if error.file else f"{error.module}.py"
            owner = self.owner_of(error.file or f"{error.module}.py", error.line, None)
            summary = f"{type(error.error).__name__} while importing {error.module}.py: {_text(error.error)}"
            if owner is not None and owner.id != piece.id:
                return self.blocked(owner, summary, place)
            return Verdict(Status.ERROR, Failure(summary=summary, where=place))
        if isinstance(error, ForbiddenImport):
            owner = self.owner_of(error.file, None, None)
            if owner is not None and owner.file != piece.file:  # another file's fault: fix that first
                return self.blocked(owner, str(error), error.file)
            return Verdict(Status.ERROR, Failure(summary=str(error), where=error.file))
        if isinstance(error, NameError) and error.name in self.class_owners:
            owner = self.class_owners[error.name]  # e.g. MLP using a Layer class the learner has not written
            if owner.id != piece.id and owner.index < piece.index:
                return self.blocked(owner, f"{type(error).__name__}: {_text(error)}", where or owner.file)
        if isinstance(error, SystemExit):
            return Verdict(Status.ERROR, Failure(
                summary=f"your code called sys.exit({error.code!r}): it must return, not end the program",
                where=where))
        reflected = _reflected(error)
        if reflected is not None:
            read = source.read(self.root / "engine.py")
            symbol = read.symbols.get(f"Value.{reflected}")
            return Verdict(Status.ERROR, Failure(
                summary=f"{type(error).__name__}: {_text(error)}",
                where=f"engine.py:{symbol.lineno} in Value.{reflected}" if symbol else where,  # else: the piece's first method
                hint=(f"with a number on the left, Python calls Value.{reflected}: "
                      + ("it returned NotImplemented or failed" if symbol else "write it"))))
        if isinstance(error, RecursionError):
            return Verdict(Status.ERROR, Failure(
                summary="RecursionError: the code calls itself without end (or the graph is cyclic)",
                where=where))
        return Verdict(Status.ERROR, Failure(summary=f"{type(error).__name__}: {_text(error)}", where=where))

    def blocked(self, owner: Piece, why: str, where: str) -> Verdict:
        return Verdict(Status.BLOCKED, Failure(summary=f"blocked by {owner.id}: {why}", where=where),
                       blocked_by=owner.id)

    def owner_of(self, file: str | None, line: int | None, class_name: str | None) -> Piece | None:
        """The piece that owns a line (or a class) of a learner's file; the file's first piece otherwise."""
        pieces = [p for p in curriculum.load() if p.file == file]
        if class_name is not None:
            return next((p for p in pieces if any(s.startswith(class_name + ".") for s in p.symbols)),
                        pieces[0] if pieces else None)
        if file is not None and line is not None:
            symbol = source.read(self.root / file).symbol_at(line)
            if symbol is not None:
                return next((p for p in pieces if symbol.name in p.symbols), pieces[0] if pieces else None)
        return pieces[0] if pieces else None

    def learner_where(self, tb: TracebackType | None) -> str | None:
        """file:line of the innermost frame in the learner's files."""
        found = None
        while tb is not None:
            code = tb.tb_frame.f_code
            if Path(code.co_filename).parent == self.root:
                found = f"{Path(code.co_filename).name}:{tb.tb_lineno} in {code.co_qualname}"
            tb = tb.tb_next
        return found

    def symbol_where(self, piece: Piece) -> str | None:
        """file:line of the piece's first symbol in the learner's file."""
        read = source.read(self.root / piece.file)
        for name in piece.symbols:
            if name in read.symbols:
                return f"{piece.file}:{read.symbols[name].lineno} in {name}"
        return piece.file


REFLECTED = {"+": "__radd__", "-": "__rsub__", "*": "__rmul__", "/": "__rtruediv__"}
UNSUPPORTED = re.compile(r"unsupported operand type\(s\) for (?P<op>[-+*/]): '(?:int|float)' and 'Value'")


def _reflected(error: BaseException) -> str | None:
    """The reflected method behind `2 + v` failing with TypeError (__radd__ missing), if that is what happened."""
    match = UNSUPPORTED.search(str(error)) if isinstance(error, TypeError) else None
    return REFLECTED[match["op"]] if match else None


def _text(error: BaseException) -> str:
    text = str(error)
    return text if len(text) <= 300 else text[:300] + "…"
