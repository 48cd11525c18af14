"""The pytest plugin that turns check outcomes into piece verdicts, reporting each piece as soon as it is done."""
from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

import pytest

from micrograd_kata import curriculum
from micrograd_kata.checks.expect import GraderBug
from micrograd_kata.curriculum import Piece
from micrograd_kata.results import Boundary, CheckResult, PieceResult, Status
from micrograd_kata.runner.verdicts import PASSED, Verdict, Verdicts

# When a piece's checks disagree, the verdict is the first of these that any check has.
PRECEDENCE = (Status.BLOCKED, Status.ERROR, Status.TIMEOUT, Status.FAILED, Status.TODO, Status.SKIPPED)


class VerdictPlugin:
    """Gathers each check's verdict; when a piece's last check is in, hands the PieceResult to `report`."""

    def __init__(self, root: Path, report: Callable[[PieceResult], None], *, seed: int, stop_at_first_failure: bool,
                 memory: int | None = None, on_piece_start: Callable[[Piece], None], take_output: Callable[[], str],
                 grader_broke: Callable[[str], None], waited: Callable[[], float] = lambda: 0.0) -> None:
        self.verdicts = Verdicts(root, seed, memory)
        self.report = report
        self.stop_at_first_failure = stop_at_first_failure
        self.on_piece_start = on_piece_start
        self.take_output = take_output
        self.grader_broke = grader_broke
        self.waited = waited  # seconds spent waiting for torch so far, left out of a piece's time
        self.passed: set[str] = set()
        self.remaining: dict[str, int] = {}
        self.checks: list[CheckResult] = []
        self.blocked_by: str | None = None
        self.out_of_memory: Verdict | None = None  # the verdict of the piece's check that ran out of memory
        self.current: Piece | None = None
        self.started = 0.0

    # hooks, in the order pytest calls them

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        self.session = session

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            piece = curriculum.graded_by(str(item.path))
            self.remaining[piece.id] = self.remaining.get(piece.id, 0) + 1

    def pytest_runtest_logstart(self, nodeid: str, location: tuple[str, int | None, str]) -> None:
        piece = curriculum.graded_by(location[0])
        if self.current is None or piece.id != self.current.id:
            self.current, self.checks, self.blocked_by, self.out_of_memory = piece, [], None, None
            self.started = time.perf_counter() - self.waited()
            self.on_piece_start(piece)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_call(self, item: pytest.Item) -> None:
        if self.out_of_memory is not None:  # each check would fill memory again, for the same verdict
            raise _SameAsBefore()

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
        memory = call.excinfo is not None and _release_memory(call.excinfo.value)
        report = yield
        if call.excinfo is not None and isinstance(call.excinfo.value, GraderBug):
            self.grader_broke(str(call.excinfo.value))  # the grader is wrong, not the learner: nothing to judge
            self.session.shouldstop = "the grader found itself wrong"
        elif call.excinfo is not None and isinstance(call.excinfo.value, _SameAsBefore):
            report.kata_verdict = self.out_of_memory
        elif call.excinfo is not None:
            piece = curriculum.graded_by(str(item.path))
            report.kata_verdict = self.verdicts.of(piece, call.excinfo.value, call.excinfo.tb)
            self.out_of_memory = report.kata_verdict if memory else None
        elif call.when == "call":
            report.kata_verdict = PASSED
        return report

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        verdict = getattr(report, "kata_verdict", None)
        if verdict is not None and (report.when == "call" or verdict.status is not Status.PASSED):
            name = report.nodeid.rsplit("::", 1)[-1]
            if not any(c.name == name for c in self.checks):
                # a passing check may leave a picture of what the learner's code did (see checks/repo/check_train.py)
                found = dict(report.user_properties).get("boundary") if verdict.status is Status.PASSED else None
                boundary = found if isinstance(found, Boundary) else None
                self.checks.append(CheckResult(name, verdict.status, report.duration, verdict.failure, boundary))
                self.blocked_by = verdict.blocked_by or self.blocked_by
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
            blocked_by=self.blocked_by if status is Status.BLOCKED else None,
            where=failure.where if failure else None,
        )
        if status is Status.PASSED:
            self.passed.add(piece.id)
        self.current = None
        self.report(result)
        if self.stop_at_first_failure and status is not Status.PASSED:
            self.session.shouldstop = "stopped at the first piece that does not pass"


class _SameAsBefore(Exception):
    """A check not run: an earlier check of its piece ran out of memory, and this one gets that verdict."""


def _release_memory(error: BaseException) -> bool:
    """After a MemoryError, let go of what the learner's code allocated (the locals of its frames, which the
    tracebacks keep) before pytest builds its report and the verdict is written: both need memory too.
    True when it was a MemoryError."""
    chain: list[BaseException | None] = [error]
    seen: list[BaseException] = []
    while chain:
        e = chain.pop()
        if e is not None and all(e is not s for s in seen):
            seen.append(e)
            chain += [getattr(e, "error", None), e.__cause__, e.__context__]  # type: ignore[list-item]
    if not any(isinstance(e, MemoryError) for e in seen):
        return False
    for e in seen:
        traceback.clear_frames(e.__traceback__)
    return True
