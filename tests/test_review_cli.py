"""`grade review`, `grade review --start` and `grade stats --mastery` through click's CliRunner, on a fake clock."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from micrograd_kata.cli import cli
from micrograd_kata.learner import review, workspace
from micrograd_kata.learner.deck import FILE
from micrograd_kata.learner.workspace import Workspace
from tests.fakes import FakeClock, stand_in
from tests.practice_fakes import StaticGrader, solve

DAY = 86400.0


@pytest.fixture
def solved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> Workspace:
    monkeypatch.delenv(review.SHARED, raising=False)
    stand_in(monkeypatch, StaticGrader().grade)
    ws = workspace.init(tmp_path / "kata", source="solutions")
    monkeypatch.chdir(ws.root)
    return ws


def grade(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "120"}).invoke(cli, list(args), catch_exceptions=False)


def speedrun(ws: Workspace, clock: FakeClock, piece: str, seconds: float) -> Result:
    grade(piece, "--speedrun", "--once")
    clock.advance(seconds)
    solve(ws, piece)
    return grade(piece, "--speedrun", "--once")


def test_review_before_any_timed_attempt_says_how_reviews_begin(solved: Workspace) -> None:
    result = grade("review")
    assert result.exit_code == 0 and "No piece has been reviewed yet" in result.output
    data = json.loads(grade("review", "--json").stdout)
    assert data["due"] == [] and len(data["new"]) == 17 and data["running"] is None


def test_the_rating_is_shown_after_each_attempt(solved: Workspace, clock: FakeClock) -> None:
    result = speedrun(solved, clock, "tanh", 20)
    assert result.exit_code == 0 and "Review of tanh: Good (clean); next due in 10 minutes." in result.output


def test_review_lists_due_pieces_most_overdue_first_then_the_review_run_resets_times_and_dates_them(
        solved: Workspace, clock: FakeClock) -> None:
    speedrun(solved, clock, "value", 20)
    clock.advance(DAY)
    speedrun(solved, clock, "tanh", 20)
    clock.advance(DAY)
    listed = grade("review")
    assert listed.exit_code == 0
    assert listed.output.index("value") < listed.output.index("tanh") and "overdue" in listed.output
    assert "Good · 0:20.0 at full" in listed.output and "grade review --start" in listed.output
    assert [d["piece"] for d in json.loads(grade("review", "--json").stdout)["due"]] == ["value", "tanh"]

    started = grade("review", "--start", "--once")
    assert started.exit_code == 1 and "Your files are backed up in" in started.output
    assert "value and tanh are stubs again" in started.output
    assert "A review is going on (value,tanh)" in grade("review").output
    clock.advance(15)
    solve(solved, "value", "tanh")
    finished = grade("review", "--start", "--once")
    assert finished.exit_code == 0 and "Next reviews" in finished.output
    assert "Review of value:" in finished.output and "Review of tanh:" in finished.output
    nothing = grade("review", "--start", "--once")
    assert nothing.exit_code == 0 and "Nothing is due for review. Next:" in nothing.output


def test_review_start_json_is_one_object_with_the_run_and_the_next_dates(solved: Workspace, clock: FakeClock) -> None:
    speedrun(solved, clock, "tanh", 20)
    clock.advance(DAY)
    grade("review", "--start", "--once")
    solve(solved, "tanh")
    data = json.loads(grade("review", "--start", "--json").stdout)
    assert data["speedrun"]["finished"] and [c["piece"] for c in data["next_due"]["later"]] == ["tanh"]


def test_abandoning_a_review_rates_its_piece_again(solved: Workspace, clock: FakeClock) -> None:
    speedrun(solved, clock, "tanh", 20)
    clock.advance(DAY)
    grade("review", "--start", "--once")
    result = grade("review", "--abandon")
    assert result.exit_code == 0 and "Review of tanh: Again (not finished)" in result.output
    assert grade("review", "--abandon").exit_code == 1


def test_review_options_are_checked(solved: Workspace) -> None:
    assert grade("review", "--once").exit_code == 2
    assert grade("review", "--start", "--abandon").exit_code == 2
    assert grade("review", "--start", "--level", "huge").exit_code == 2


def test_stats_mastery_shows_each_piece_and_how_far_from_recited(solved: Workspace, clock: FakeClock) -> None:
    speedrun(solved, clock, "tanh", 20)
    shown = grade("stats", "--mastery")
    assert shown.exit_code == 0 and "Recited 0 of 17: 17 more to pass cleanly at the blank level" in shown.output
    data = json.loads(grade("stats", "--mastery", "--json").stdout)
    tanh = next(p for p in data["pieces"] if p["piece"] == "tanh")
    assert tanh["highest_clean_level"] == "full" and tanh["best_seconds"] == {"full": 20.0} and not data["done"]
    assert grade("stats", "tanh", "--mastery").exit_code == 2


def test_a_malformed_review_file_is_one_line_and_a_fresh_deck(solved: Workspace) -> None:
    (solved.state_dir / FILE).write_text('{"version": 1, "cards": []}')
    result = grade("review")
    assert result.exit_code == 0 and "review.json could not be read (cards is [], not a table)" in result.output
    assert (solved.state_dir / "review.json.corrupt").exists()


@pytest.mark.parametrize("slip", [("hint", "tanh"), ("diff", "tanh", "--peek")])
def test_a_hint_or_a_peek_during_a_timed_attempt_makes_it_hard(solved: Workspace, clock: FakeClock,
                                                                slip: tuple[str, ...]) -> None:
    grade("tanh", "--speedrun", "--once")
    assert grade(*slip).exit_code == 0
    solve(solved, "tanh")
    result = grade("tanh", "--speedrun", "--once")
    assert "Review of tanh: Hard (finished after a" in result.output
