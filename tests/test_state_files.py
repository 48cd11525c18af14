"""State files that hold what they should not are moved aside with a one-line message, never a traceback."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from micrograd_kata.cli import cli
from micrograd_kata.learner import workspace
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.speedrun import session, store
from tests.fakes import FakeClock, stand_in
from tests.practice_fakes import StaticGrader

ATTEMPT = {"number": 1, "category": "all", "pieces": ["derivative", "value"], "started": 1_700_000_000.0,
           "splits": {"derivative": 4.0, "value": 9.0}, "outcome": "finished", "ended": 9.0}


def invoke(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "120"}).invoke(cli, list(args))


def one_line_error(result: Result) -> str:
    """The run ended with a message, not a traceback: the message."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.stderr


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """A workspace of solutions, made the current directory, with a fake grader and clock."""
    made = workspace.init(tmp_path / "kata", source="solutions")
    monkeypatch.chdir(made.root)
    monkeypatch.setattr(session, "CLOCK", FakeClock())
    stand_in(monkeypatch, StaticGrader().grade)
    return made


def history_with(**changes: object) -> str:
    return json.dumps({"version": 1, "attempts": [{**ATTEMPT, **changes}]})


MALFORMED = {
    "an attempt number of 1e999": history_with(number=float("inf")).replace("Infinity", "1e999"),
    "a NaN split": history_with(splits={"derivative": float("nan"), "value": 9.0}),
    "an infinite start": history_with(started=float("inf")),
    "a start past any clock": history_with(started=1e300),
    "a negative split": history_with(splits={"derivative": -4.0, "value": 9.0}),
    "a split after the run ended": history_with(splits={"derivative": 4.0, "value": 86_403.0}, ended=4.4),
    "an unknown outcome": history_with(outcome="won"),
    "a split of a piece not in the run": history_with(splits={"derivative": 4.0, "value": 9.0, "tanh": 5.0}),
    "a finished run without an end": history_with(ended=None),
    "a number that is text": history_with(number="1"),
    "a number that is true": history_with(number=True),
    "attempts out of order": json.dumps({"version": 1, "attempts": [{**ATTEMPT, "number": 2}, ATTEMPT]}),
    "two runs at once": json.dumps({"version": 1, "attempts": [
        {**ATTEMPT, "outcome": "running", "ended": None, "splits": {}},
        {**ATTEMPT, "category": "tanh", "pieces": ["tanh"], "outcome": "running", "ended": None, "splits": {}}]}),
    "a running attempt of no piece of the kata": history_with(category="nope", pieces=["nope"], outcome="running",
                                                              ended=None, splits={}),
    "a list": "[1, 2]",
    "nesting a million deep": "[" * 1_000_000 + "]" * 1_000_000,
}


@pytest.mark.parametrize("content", MALFORMED.values(), ids=MALFORMED.keys())
@pytest.mark.parametrize("command", [["stats"], ["--all", "--speedrun", "--once"], ["next", "--speedrun", "--once"],
                                     ["tanh", "--speedrun", "--abandon"], ["restore", "1"]])
def test_a_malformed_speedrun_file_is_moved_aside_in_one_line(ws: Workspace, content: str,
                                                               command: list[str]) -> None:
    store.path(ws).write_text(content)
    err = one_line_error(invoke(*command))
    assert "speedrun.json could not be read (" in err and "speedrun.json.corrupt" in err
    assert (ws.state_dir / "speedrun.json.corrupt").read_text() == content   # kept, for the learner to look at


def test_a_nan_split_no_longer_breaks_stats_nor_shows_a_personal_best_of_nothing(ws: Workspace) -> None:
    store.path(ws).write_text(history_with(splits={"derivative": float("nan"), "value": 9.0}))
    result = invoke("stats")
    assert result.exit_code == 0 and "PB 0:00.0" not in result.output and "0:00.0 (attempt" not in result.output
    assert "No speedrun yet" in result.output


def test_a_history_from_a_newer_grader_is_left_alone(ws: Workspace) -> None:
    store.path(ws).write_text(json.dumps({"version": 9, "attempts": []}))
    result = invoke("stats")
    assert result.exit_code == 1 and "written by a newer micrograd-kata (format 9)" in one_line_error(result)
    assert json.loads(store.path(ws).read_text())["version"] == 9


def test_a_history_written_by_format_1_is_still_read_and_goes_on(ws: Workspace) -> None:
    """What the grader wrote before the clock marks: a finished run and a running one, timed by the wall clock."""
    clock = session.CLOCK
    assert isinstance(clock, FakeClock)
    running = {**ATTEMPT, "number": 2, "started": clock.t - 30, "splits": {"derivative": 12.0},
               "outcome": "running", "ended": None}
    store.path(ws).write_text(json.dumps({"version": 1, "attempts": [ATTEMPT, running]}))
    history, recovered = store.load(ws)
    assert recovered is None and [a.number for a in history.attempts] == [1, 2]
    assert history.attempts[1].elapsed(clock.reading()) == 30
    stats = json.loads(invoke("stats", "--json").stdout)
    assert stats["category"] == "lecture/full/all" and stats["running"] == "lecture/full/all"
    assert stats["personal_best"]["time"] == 9.0 and stats["elapsed"] == 30.0 and stats["attempts"] == 2


@pytest.mark.parametrize("content", ['{"tanh": -5}', '{"tanh": 99}', '{"tanh": 1.5}', '{"tanh": true}',
                                     '{"tanh": NaN}', '{"nope": 1}', "[1, 2]", '"tanh"'])
def test_a_malformed_hints_file_is_moved_aside_and_counting_starts_again(ws: Workspace, content: str) -> None:
    (ws.state_dir / "hints.json").write_text(content)
    result = invoke("hint", "tanh")
    assert result.exit_code == 0
    assert "hints.json could not be read (" in one_line_error(result)
    assert "1 of 3" in result.stdout and "-4 of 3" not in result.stdout
    assert (ws.state_dir / "hints.json.corrupt").read_text() == content
    assert json.loads((ws.state_dir / "hints.json").read_text()) == {"tanh": 1}


def test_a_good_hints_file_is_kept_and_counted_on(ws: Workspace) -> None:
    (ws.state_dir / "hints.json").write_text('{"tanh": 1, "exp": 2}')
    assert "2 of 3" in invoke("hint", "tanh").stdout
    assert json.loads((ws.state_dir / "hints.json").read_text()) == {"tanh": 2, "exp": 2}
    assert not list(ws.state_dir.glob("*.corrupt"))
