"""`grade watch`: re-grading on every save, with a fake stream of saves and with real file writes."""
from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import pytest
import watchfiles
from click.testing import CliRunner
from rich.console import Console

from micrograd_kata import curriculum
from micrograd_kata.cli import cli
from micrograd_kata.learner import workspace
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.practice import watch
from micrograd_kata.practice.live import watch_loop
from tests.fakes import stand_in
from tests.practice_fakes import StaticGrader, solve


@pytest.fixture
def learner(tmp_path: Path) -> Workspace:
    return workspace.init(tmp_path / "kata")


def test_grades_once_then_after_each_batch_of_saves() -> None:
    shown: list[int] = []
    count = iter(range(100))
    result = watch.on_every_save([{"engine.py"}, set(), {"nn.py", "engine.py"}], lambda: next(count), shown.append)
    assert shown == [0, 1, 2] and result == 2    # an empty batch grades nothing


def test_stops_when_done() -> None:
    shown: list[int] = []
    count = iter(range(100))
    watch.on_every_save(iter(lambda: {"engine.py"}, None), lambda: next(count), shown.append, done=lambda n: n == 3)
    assert shown == [0, 1, 2, 3]


def test_the_current_piece_is_the_first_that_does_not_pass(learner: Workspace) -> None:
    grader = StaticGrader()
    solve(learner, "derivative", "value")
    verdict = watch.grade_current(learner, grader.grade)
    assert verdict.piece is not None and verdict.piece.id == "add-mul" and verdict.passing == 2
    assert grader.calls == [None]
    solve(learner, *(p for p in ("add-mul", "backward", "trace", "draw-dot", "tanh", "exp", "pow", "derived-ops", "relu",
                                 "neuron", "layer", "mlp", "zero-grad", "loss", "train")))
    assert watch.grade_current(learner, grader.grade).piece is None     # every piece passes


def test_a_named_piece_is_graded_alone_even_when_it_passes(learner: Workspace) -> None:
    grader = StaticGrader()
    solve(learner, "tanh")
    verdict = watch.grade_current(learner, grader.grade, piece=curriculum.get("tanh"))
    assert grader.calls == [("tanh",)]
    assert verdict.result is not None and verdict.result.status.value == "passed"


def test_only_kata_files_at_the_top_count_as_saves(learner: Workspace) -> None:
    accept = watch.kata_filter(learner)
    root = learner.root
    assert accept(watchfiles.Change.modified, str(root / "engine.py"))
    assert accept(watchfiles.Change.added, str(root / "nn.py"))     # an editor's save by rename
    for ignored in (".kata/speedrun.json", "engine.py.swp", ".engine.py.tmp", "notes.txt", "sub/engine.py"):
        assert not accept(watchfiles.Change.modified, str(root / ignored)), ignored


def test_the_watch_command_shows_each_verdict(learner: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in(monkeypatch, StaticGrader().grade)

    def saves(ws: Workspace):
        solve(ws, "derivative")
        yield {"derivative.py"}

    monkeypatch.setattr(watch, "saves", saves)
    result = CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["watch", "--workspace", str(learner.root)],
                                                      catch_exceptions=False)
    assert result.exit_code == 0
    first, second = result.output.split("Graded at")[:2]
    assert "(derivative)" in first and "(value)" in second and "1 of 17 pieces pass" in second
    assert "save the kata files to re-grade, Ctrl-C to stop" in result.output


def test_writing_a_file_triggers_a_regrade(learner: Workspace) -> None:
    """The real thing: watchfiles sees a write to derivative.py and the verdict moves on to the next piece."""
    grader = StaticGrader()
    verdicts: list[watch.Verdict] = []
    graded = threading.Condition()
    stop = threading.Event()

    def show(verdict: watch.Verdict) -> None:
        with graded:
            verdicts.append(verdict)
            graded.notify_all()

    thread = threading.Thread(target=watch.on_every_save, daemon=True, args=(
        watch.saves(learner, stop_event=stop), lambda: watch.grade_current(learner, grader.grade), show))
    thread.start()
    try:
        with graded:
            assert graded.wait_for(lambda: len(verdicts) == 1, timeout=10)
        assert verdicts[0].piece is not None and verdicts[0].piece.id == "derivative"
        time.sleep(0.3)   # let the watcher settle before the write
        written = time.perf_counter()
        solve(learner, "derivative")
        with graded:
            assert graded.wait_for(lambda: len(verdicts) >= 2, timeout=10), "no re-grade after the write"
        assert time.perf_counter() - written < 5
        assert verdicts[-1].piece is not None and verdicts[-1].piece.id == "value"
        (learner.state_dir / "speedrun.json").write_text("{}")   # state writes are not saves
        time.sleep(0.5)
        assert len(verdicts) == 2
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_on_a_terminal_the_verdict_is_redrawn_in_place(learner: Workspace) -> None:
    def saves():
        solve(learner, "derivative")
        yield {"derivative.py"}

    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    watch_loop(learner, None, seed=1, timeout=5.0, batches=saves(), console=console, grade=StaticGrader().grade)
    drawn = screen.getvalue()
    assert drawn.count("Graded at") >= 2 and "(value)" in drawn
    assert drawn.index("(derivative)") < drawn.rindex("(value)")
