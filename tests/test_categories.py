"""Speedrun categories: runs filed by track, level and scope, old state read as lecture/full, and `grade stats`."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from micrograd_kata import curriculum
from micrograd_kata.cli import cli
from micrograd_kata.learner import workspace
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.practice import drill
from micrograd_kata.speedrun import category as categories
from micrograd_kata.speedrun import queries, session, store, timing
from micrograd_kata.speedrun.category import Category
from tests.fakes import ALL, FakeClock, alone, stand_in
from tests.practice_fakes import StaticGrader, solve

OLD_STATE = Path(__file__).parent / "old_state" / "speedrun_v2.json"   # written by the grader before categories
BLANK = Category("lecture", "blank", "all")


def invoke(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args))


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    made = workspace.init(tmp_path / "kata", source="solutions")
    monkeypatch.chdir(made.root)
    return made


def finished_run(history: timing.History, category: Category, clock: FakeClock, seconds: float) -> timing.History:
    """A run of category that passes all its pieces in one grading after seconds."""
    pieces = session.piece_ids(category)
    history = timing.start(history, category, pieces, clock.reading())
    clock.advance(seconds)
    return timing.record_passes(history, pieces, clock.reading())[0]


def test_a_category_is_named_track_level_scope_and_parsed_back() -> None:
    assert str(ALL) == "lecture/full/all" and str(alone("tanh")) == "lecture/full/piece:tanh"
    drilled = categories.of_pieces("repo", "blank", ("mlp",), drill=True)
    assert str(drilled) == "repo/blank/drill:mlp" and categories.parse("repo/blank/drill:mlp") == drilled
    assert drilled.piece_ids == ("mlp",) and drilled.kind == "drill" and not drilled.whole_track
    for bad in ("lecture/full", "lecture/full/tanh", "lecture//all", "lecture/full/piece:", "a/b/c/d"):
        with pytest.raises(categories.BadCategory):
            categories.parse(bad)


def test_old_state_is_read_as_lecture_full_and_kept(ws: Workspace) -> None:
    shutil.copy(OLD_STATE, store.path(ws))
    history, recovered = store.load(ws)
    assert recovered is None and store.path(ws).read_text() == OLD_STATE.read_text()   # kept as it was
    assert history.categories() == (ALL, alone("tanh"))
    assert [(str(a.category), a.number, a.outcome) for a in history.attempts] == [
        ("lecture/full/all", 1, "finished"), ("lecture/full/all", 2, "abandoned"),
        ("lecture/full/piece:tanh", 1, "finished"), ("lecture/full/piece:tanh", 2, "finished")]
    assert history.attempts[1].jumps[0].seconds == -3600
    store.save(ws, history)   # the next save writes format 3, every attempt kept
    saved = json.loads(store.path(ws).read_text())
    assert saved["version"] == 3 and [a["category"] for a in saved["attempts"]] == [
        "lecture/full/all", "lecture/full/all", "lecture/full/piece:tanh", "lecture/full/piece:tanh"]
    assert store.load(ws) == (history, None)


def test_old_state_of_a_drill_is_filed_as_the_drill(ws: Workspace) -> None:
    made = drill.make(curriculum.get("tanh"), ws.state_dir / "drills" / "tanh")
    old = json.loads(OLD_STATE.read_text())
    old["attempts"] = [a for a in old["attempts"] if a["category"] == "tanh"]
    store.path(made.workspace).write_text(json.dumps(old))
    (made.workspace.state_dir / drill.MARKER).unlink()   # a drill made before drills were marked: found by its place
    history, _ = store.load(made.workspace)
    assert history.categories() == (categories.of_pieces("lecture", "full", ("tanh",), drill=True),)


def test_a_category_that_names_no_category_is_moved_aside_with_a_message(ws: Workspace) -> None:
    attempt = {"number": 1, "category": "tanh", "pieces": ["tanh"], "started": 1_700_000_000.0, "splits": {},
               "outcome": "abandoned", "ended": 1.0, "mark": None, "clock_jumps": []}
    store.path(ws).write_text(json.dumps({"version": 3, "attempts": [attempt]}))
    result = invoke("stats")
    assert result.exit_code == 0
    error = [line for line in result.stderr.splitlines() if "could not be read" in line]
    assert len(error) == 1 and "attempt 1: 'tanh' is not a category" in error[0]
    assert list(ws.state_dir.glob("speedrun.json.corrupt*"))


def test_a_blank_level_run_is_timed_apart_from_the_full_level_pb(ws: Workspace, clock: FakeClock,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    history = finished_run(timing.History(), ALL, clock, 100)
    store.save(ws, history)
    ws = workspace.set_level(ws, "blank")
    assert session.current(ws) == BLANK
    stand_in(monkeypatch, StaticGrader().grade)
    assert invoke("--all", "--speedrun", "--once").exit_code == 1
    clock.advance(7)
    for path in workspace.kata_files(workspace.track_dir("solutions", ws.track), ws.track):  # the whole library,
        ws.path(path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")    # written from memory
    result = invoke("--all", "--speedrun", "--once")
    assert result.exit_code == 0 and "Your first finished run: it is your personal best." in result.stdout
    assert "Speedrun lecture/blank/all · attempt #1" in result.stdout
    full = json.loads(invoke("stats", "--category", "lecture/full/all", "--json").stdout)
    assert full["personal_best"]["time"] == 100 and full["attempts"] == 1   # 7 s at blank beats nothing at full


def test_stats_shows_the_current_category_and_lists_the_others(ws: Workspace, clock: FakeClock) -> None:
    history = finished_run(timing.History(), ALL, clock, 100)
    history = finished_run(history, alone("tanh"), clock, 12)
    history = finished_run(history, BLANK, clock, 300)
    store.save(ws, history)
    out = invoke("stats").stdout
    assert "Speedrun of the whole track · lecture/full/all" in out and "1:40.0 (attempt #1)" in out
    assert "Other categories" in out
    assert "lecture/full/piece:tanh │        1 │        0:12.0" in out
    assert "lecture/blank/all       │        1 │        5:00.0" in out
    data = json.loads(invoke("stats", "--json").stdout)
    assert (data["category"], data["track"], data["level"], data["scope"]) == ("lecture/full/all", "lecture", "full", "all")
    assert data["others"] == [{"category": "lecture/blank/all", "attempts": 1, "personal_best": 300.0},
                              {"category": "lecture/full/piece:tanh", "attempts": 1, "personal_best": 12.0}]
    blank = json.loads(invoke("stats", "--category", "lecture/blank/all", "--json").stdout)
    assert blank["category"] == "lecture/blank/all" and blank["personal_best"]["time"] == 300
    assert "lecture/full/all" in [o["category"] for o in blank["others"]]


def test_stats_refuses_a_category_it_cannot_read(ws: Workspace) -> None:
    for args in (["--category", "lecture/full"], ["--category", "nope/full/all"], ["tanh", "--category", BLANK.scope]):
        result = invoke("stats", *args)
        assert result.exit_code == 2 and "Traceback" not in result.output


def test_the_running_run_is_the_category_stats_shows(ws: Workspace, clock: FakeClock,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in(monkeypatch, StaticGrader().grade)
    assert invoke("tanh", "--speedrun", "--once").exit_code == 1
    data = json.loads(invoke("stats", "--json").stdout)
    assert data["category"] == data["running"] == "lecture/full/piece:tanh" and data["active"]


def test_a_drill_is_filed_under_its_drill_scope(ws: Workspace, clock: FakeClock,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in(monkeypatch, StaticGrader().grade)
    assert invoke("drill", "exp", "--speedrun", "--once").exit_code == 1
    made = Workspace(drill.default_location(ws, curriculum.get("exp")))
    clock.advance(20)
    solve(made, "exp")
    monkeypatch.chdir(made.root)
    assert invoke("exp", "--speedrun", "--once").exit_code == 0   # from inside the drill: the same run goes on
    exp_drill = categories.of_pieces("lecture", "full", ("exp",), drill=True)
    assert [a.category for a in store.load(made)[0].attempts] == [exp_drill]
    assert json.loads(invoke("stats", "--json").stdout)["category"] == "lecture/full/drill:exp"
    assert queries.best_segment(made.root, exp_drill, "exp") == 20
    assert queries.best_segment(made.root, alone("exp"), "exp") is None


def test_best_segment_is_the_pieces_own_best_in_that_category(ws: Workspace, clock: FakeClock) -> None:
    history = finished_run(timing.History(), ALL, clock, 100)   # every piece in one segment: no piece's own
    history = finished_run(history, alone("tanh"), clock, 12)
    history = finished_run(history, alone("tanh"), clock, 9.5)
    history = finished_run(history, Category("lecture", "blank", "piece:tanh"), clock, 4)
    store.save(ws, history)
    assert queries.best_segment(ws.root, alone("tanh"), "tanh") == 9.5
    assert queries.best_segment(ws.root, Category("lecture", "blank", "piece:tanh"), "tanh") == 4
    assert queries.best_segment(ws.root, ALL, "tanh") is None
    assert queries.best_segment(ws.root, alone("exp"), "exp") is None
