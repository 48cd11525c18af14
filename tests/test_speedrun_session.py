"""The speedrun session without the CLI: what it notes, what it refuses with a SpeedrunError, what it records."""
from __future__ import annotations

from pathlib import Path

import pytest

from micrograd_kata import curriculum
from micrograd_kata.learner import workspace
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.speedrun.session import Speedrun
from micrograd_kata.speedrun.timing import SpeedrunError
from tests.fakes import ALL, FakeClock, alone, stand_in
from tests.practice_fakes import StaticGrader, solve


@pytest.fixture
def solved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> Workspace:
    stand_in(monkeypatch, StaticGrader().grade)
    ws = workspace.init(tmp_path / "kata", source="solutions")
    monkeypatch.chdir(ws.root)
    return ws


def test_starting_notes_the_backup_then_a_second_start_resumes(solved: Workspace, clock: FakeClock) -> None:
    notes: list[str] = []
    run = Speedrun.of(solved, [curriculum.get("tanh")], notes.append)
    assert (run.category, run.ids) == (alone("tanh"), ("tanh",))
    history = run.start_or_resume()
    assert len(notes) == 1 and notes[0].startswith("Your files are backed up in ")
    assert notes[0].endswith("; tanh is a stub again. The clock is running: attempt #1.")
    assert run.start_or_resume() == history and len(notes) == 1     # going on starts nothing
    clock.advance(9)
    solve(solved, "tanh")
    graded = run.grade_and_record(seed=1, timeout=5.0)
    history, newly = graded.history, graded.newly
    assert newly == ("tanh",) and run.report(history).finished and history.of(alone("tanh"))[0].final_time == 9


def test_one_run_at_a_time_and_only_the_running_one_can_be_abandoned(solved: Workspace) -> None:
    every = Speedrun.of(solved, None, lambda _: None)
    assert every.category == ALL and every.command() == "grade --all --speedrun"
    every.start_or_resume()
    tanh = Speedrun.of(solved, [curriculum.get("tanh")], lambda _: None)
    with pytest.raises(SpeedrunError, match="a speedrun of lecture/full/all is running"):
        tanh.start_or_resume()
    with pytest.raises(SpeedrunError, match=r"no speedrun of lecture/full/piece:tanh is running \(the one running is lecture/full/all\)"):
        tanh.abandon()
    history, ended = every.abandon()
    assert ended.outcome == "abandoned" and history.active() is None


def test_code_that_cannot_be_reset_is_a_speedrun_error(solved: Workspace) -> None:
    solved.path("engine.py").write_text("def broken(:\n")
    with pytest.raises(SpeedrunError, match="cannot start the speedrun: engine.py does not parse"):
        Speedrun.of(solved, [curriculum.get("tanh")], lambda _: None).start_or_resume()
