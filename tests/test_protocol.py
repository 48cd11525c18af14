"""The worker's events: every one survives the pipe, and the supervisor acts on each as the grader's or the learner's."""
from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from micrograd_kata import curriculum
from micrograd_kata.checks.expect import GraderBug
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.results import CheckResult, Failure, Location, PieceResult, Status
from micrograd_kata.runner import protocol, supervisor
from micrograd_kata.runner.plugin import VerdictPlugin
from micrograd_kata.runner.protocol import Done, Ended, Event, Exited, Finished, Forked, GraderBroke, Started

RESULT = PieceResult("tanh", Status.FAILED, (CheckResult("check_x", Status.FAILED, 0.5, Failure(
    "wrong gradient", program=("a = Value(1.0)",), where=Location("engine.py", 40, "Value.tanh"), seed=3)),),
    message="wrong gradient", where=Location("engine.py", 40, "Value.tanh"))

EVENTS: list[Event] = [Started("tanh"), Finished(RESULT), Exited(3, Location("engine.py", 7, "Value.exp")),
                       Exited(0, None), GraderBroke("reference a.grad = 1.0 but torch says 2.0"),
                       Done(0, "", True), Done(3, "INTERNALERROR", None), Forked(123), Ended(-9)]


@pytest.mark.parametrize("event", EVENTS, ids=[type(e).__name__ for e in EVENTS])
def test_every_event_survives_the_pipe(event: Event) -> None:
    line = protocol.encode(event)
    assert line.endswith("\n") and line.count("\n") == 1
    assert protocol.decode(line.encode()) == event


class PipeJob:
    """A cold job whose worker is this test: it writes the events into the pipe itself."""

    def __init__(self, events: list[Event]) -> None:
        read_fd, write_fd = os.pipe()
        self.fd = read_fd
        os.write(write_fd, "".join(map(protocol.encode, events)).encode())
        os.close(write_fd)

    def ends_with(self, event: Event) -> bool:
        return isinstance(event, Done)

    def kill(self) -> None:
        pass

    def finish(self) -> int | None:
        return 0

    def diagnostics(self) -> str:
        return ""


def read(events: list[Event], tmp_path: Path) -> list[PieceResult]:
    request = supervisor.Request(Workspace(tmp_path), seed=1, timeout=1.0, stop_at_first_failure=False, torch=False)
    with (tmp_path / "dump").open("w+", encoding="utf-8") as dump:
        return supervisor._read_events(PipeJob(events), dump, [curriculum.get("tanh")], request,
                                       supervisor.Graded(), None)


def test_results_come_back_whole(tmp_path: Path) -> None:
    assert read([Started("tanh"), Finished(RESULT), Done(0, "", True)], tmp_path) == [RESULT]


def test_an_os_exit_is_the_learners_error_with_its_line(tmp_path: Path) -> None:
    [result] = read([Started("tanh"), Exited(3, Location("engine.py", 7, "Value.tanh"))], tmp_path)
    assert result.status is Status.ERROR and "os._exit(3)" in result.message
    assert result.where == Location("engine.py", 7, "Value.tanh")


def test_a_grader_bug_is_the_graders_failure_not_the_learners(tmp_path: Path) -> None:
    with pytest.raises(supervisor.WorkerFailed, match="reference engine and torch disagree: reference a.grad"):
        read([Started("tanh"), GraderBroke("reference a.grad = 1.0 but torch says 2.0")], tmp_path)


def test_the_plugin_reports_a_grader_bug_instead_of_judging_the_check(tmp_path: Path) -> None:
    said: list[str] = []
    plugin = VerdictPlugin(tmp_path, lambda result: None, seed=1, stop_at_first_failure=False, on_piece_start=lambda p: None,
                           take_output=lambda: "", grader_broke=said.append)
    plugin.session = SimpleNamespace(shouldstop=False)  # type: ignore[assignment]
    item: Any = SimpleNamespace(path=tmp_path / "check_tanh.py")
    call: Any = SimpleNamespace(when="call", excinfo=SimpleNamespace(value=GraderBug("torch says 2.0"), tb=None))
    hook = plugin.pytest_runtest_makereport(item, call)
    next(hook)
    report = SimpleNamespace()
    with pytest.raises(StopIteration):
        hook.send(report)
    assert said == ["torch says 2.0"] and plugin.session.shouldstop
    assert not hasattr(report, "kata_verdict")
