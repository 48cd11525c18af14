"""The repo track end to end: its train piece's own time limit, the finish line `grade next` draws when every piece
passes, and `grade demo` (made small here: the command's flow, not its minutes)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from micrograd_kata import curriculum
from micrograd_kata.cli import cli
from micrograd_kata.grading import boundary_views, grade
from micrograd_kata.learner import workspace
from micrograd_kata.practice import demo
from micrograd_kata.results import Status

TERMINAL = {"COLUMNS": "80", "LINES": "60"}


def test_a_piece_may_ask_for_a_longer_time_limit() -> None:
    train = curriculum.get("train", "repo")
    assert train.timeout == 120 and train.time_limit(5.0) == 120 and train.time_limit(300.0) == 300
    value = curriculum.get("value", "repo")
    assert value.timeout is None and value.time_limit(5.0) == 5.0


def test_the_moons_train_within_the_pieces_own_limit_not_the_gradings(tmp_path: Path) -> None:
    """Graded with 2 s a piece, the demo piece still gets its own 120 s, and its passing check brings the picture."""
    ws = workspace.init(tmp_path / "kata", source="solutions", track="repo")
    run = grade(ws, [curriculum.get("train", "repo")], seed=11, timeout=2.0)
    result = run.results[0]
    assert result.status is Status.PASSED, result
    picture = boundary_views.trained(run)
    assert picture is not None and picture.title.startswith("MLP(2, [8, 8, 1]) after 40 steps on 60 moons")
    assert len(picture.points) == 60 and {label for *_, label in picture.points} == {-1, 1}


def test_grade_next_draws_the_finish_line_when_every_piece_passes(tmp_path: Path) -> None:
    ws = workspace.init(tmp_path / "kata", source="solutions", track="repo")
    done = CliRunner(env=TERMINAL).invoke(cli, ["next", "--workspace", str(ws.root), "--seed", "5"])
    assert done.exit_code == 0, done.output
    assert "All 12 pieces pass" in done.output and "after 40 steps on 60 moons" in done.output
    assert "░" in done.output and "label +1" in done.output and "grade demo" in done.output


def test_grade_demo_trains_the_workspaces_own_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = workspace.init(tmp_path / "kata", source="solutions", track="repo")
    monkeypatch.setattr(demo, "SIZES", [4, 1])
    monkeypatch.setattr(demo, "POINTS", 10)
    monkeypatch.setattr(demo, "STEPS", 3)
    done = CliRunner(env=TERMINAL).invoke(cli, ["demo", "--workspace", str(ws.root)])
    assert done.exit_code == 0, done.output
    assert "MLP(2, [4, 1]) on 10 moons for 3 steps" in done.output
    assert "step" in done.output and "accuracy" in done.output and "label -1" in done.output


def test_grade_demo_says_in_one_line_what_is_wrong(tmp_path: Path) -> None:
    lecture = workspace.init(tmp_path / "lecture", source="solutions")
    done = CliRunner(env=TERMINAL).invoke(cli, ["demo", "--workspace", str(lecture.root)])
    assert done.exit_code == 1 and "--track repo" in done.output and "Traceback" not in done.output

    stubs = workspace.init(tmp_path / "stubs", track="repo")
    done = CliRunner(env=TERMINAL).invoke(cli, ["demo", "--workspace", str(stubs.root)])
    assert done.exit_code == 1 and "NotImplementedError" in done.output and "nn.py:" in done.output
    assert "Traceback" not in done.output
