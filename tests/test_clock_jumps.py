"""Speedrun times stay truthful when the wall clock jumps: timed by the steady clock, the jump noted and shown."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from micrograd_kata import curriculum
from micrograd_kata.cli import cli
from micrograd_kata.learner import workspace
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.speedrun import session, store, timing
from micrograd_kata.speedrun.timing import History
from tests.fakes import ALL, FakeClock, stand_in
from tests.practice_fakes import StaticGrader, solve

HOUR, DAY = 3600.0, 86_400.0
IDS = tuple(p.id for p in curriculum.load())


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(session, "CLOCK", fake)
    return fake


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> Workspace:
    made = workspace.init(tmp_path / "kata", source="solutions")
    monkeypatch.chdir(made.root)
    stand_in(monkeypatch, StaticGrader().grade)
    return made


def speedrun(*args: str) -> dict[str, Any]:
    """One `--speedrun --once --json` grading: the state it prints."""
    result = CliRunner().invoke(cli, [*args, "--speedrun", "--once", "--json"], catch_exceptions=False)
    return json.loads(result.stdout)


def segments(state: dict[str, Any]) -> list[tuple[float, tuple[str, ...]]]:
    """Each segment's time once (pieces passing together share one)."""
    return sorted({(p["segment"], tuple(p["segment_pieces"])) for p in state["pieces"] if p["segment"] is not None})


def test_a_wall_clock_set_back_an_hour_mid_run_records_no_zero_segment(ws: Workspace, clock: FakeClock) -> None:
    speedrun("tanh")
    clock.advance(5)
    clock.jump(-HOUR)
    clock.advance(3)
    solve(ws, "tanh")
    state = speedrun("tanh")
    assert state["finished"] and state["final_time"] == 8.0 and [t for t, _ in segments(state)] == [8.0]
    assert state["clock_jumps"] == [{"at": 8.0, "seconds": -HOUR, "steady": True}]
    out = CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["stats", "tanh"]).stdout
    assert "Personal best  0:08.0 (attempt #1)" in out


def test_a_wall_clock_set_forward_a_day_fabricates_no_split_and_no_record(ws: Workspace, clock: FakeClock) -> None:
    speedrun("--all")
    clock.advance(3)
    solve(ws, IDS[0])
    assert speedrun("--all")["pieces"][0]["split"] == 3.0
    clock.jump(DAY)
    clock.advance(1.4)
    solve(ws, *IDS[1:])
    state = speedrun("--all")
    assert state["finished"] and state["final_time"] == 4.4 and state["sum_of_best"] == 4.4
    assert max(p["split"] for p in state["pieces"]) == 4.4 and [t for t, _ in segments(state)] == [1.4, 3.0]
    assert state["clock_jumps"] == [{"at": 4.4, "seconds": DAY, "steady": True}]
    assert state["personal_best"]["time"] == 4.4


def test_a_jump_is_shown_beside_the_clock(ws: Workspace, clock: FakeClock) -> None:
    speedrun("tanh")
    clock.advance(5)
    clock.jump(-HOUR)
    solve(ws, "tanh")
    out = CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["tanh", "--speedrun", "--once"]).stdout
    assert "Final time 0:05.0" in out
    assert "Clock: the wall clock jumped back 1:00:00.0 at 0:05.0, timed by the steady clock instead." in out


def test_a_jump_between_gradings_shows_on_the_running_clock(ws: Workspace, clock: FakeClock) -> None:
    speedrun("--all")
    clock.advance(20)
    clock.jump(DAY)
    state = speedrun("--all")
    assert state["active"] and state["elapsed"] == 20.0
    assert state["clock_jumps"] == [{"at": 20.0, "seconds": DAY, "steady": True}]
    clock.advance(10)
    assert json.loads(CliRunner().invoke(cli, ["stats", "--json"]).stdout)["elapsed"] == 30.0


def test_across_a_reboot_with_the_wall_clock_set_back_the_run_is_timed_from_the_boot(ws: Workspace,
                                                                                      clock: FakeClock) -> None:
    speedrun("tanh")
    clock.advance(10)
    clock.reboot(off_for=-HOUR)     # the machine restarts with its wall clock an hour behind
    clock.advance(2)
    solve(ws, "tanh")
    state = speedrun("tanh")
    assert state["final_time"] == 7.0   # up 5 s when the run went on, then 2 s: the time before the boot is lost
    # by the wall clock 12 s less an hour had passed; by the boot, at least 7 s: it went back at least 3595 s
    assert state["clock_jumps"] == [{"at": 7.0, "seconds": -3595.0, "steady": False}]


def test_across_a_reboot_the_wall_clock_times_the_run(ws: Workspace, clock: FakeClock) -> None:
    speedrun("tanh")
    clock.advance(10)
    clock.reboot(off_for=50)
    solve(ws, "tanh")
    state = speedrun("tanh")
    assert state["final_time"] == 60.0 and state["clock_jumps"] == []


def test_a_grading_begun_before_the_last_split_joins_it_never_goes_back(clock: FakeClock) -> None:
    history = timing.start(History(), ALL, ("a", "b", "c"), clock.reading())
    clock.advance(10)
    began_in_another_terminal = clock.reading()
    clock.advance(5)
    history, _ = timing.record_passes(history, {"a"}, clock.reading())
    history, newly = timing.record_passes(history, {"b"}, began_in_another_terminal)
    attempt = history.attempts[0]
    assert newly == ("b",) and attempt.splits == {"a": 15.0, "b": 15.0}
    assert [(s.pieces, s.seconds) for s in attempt.segments()] == [(("a", "b"), 15.0)]
    assert attempt.jumps == () and attempt.elapsed(clock.reading()) == 15.0


def test_the_clock_marks_and_jumps_are_kept_in_the_state_file(ws: Workspace, clock: FakeClock) -> None:
    speedrun("tanh")
    clock.advance(5)
    clock.jump(-HOUR)
    speedrun("tanh")
    saved = json.loads(store.path(ws).read_text())
    assert saved["version"] == 3
    attempt = saved["attempts"][0]
    assert attempt["mark"] == {"wall": clock.t, "steady": clock.steady, "boot": clock.boot, "elapsed": 5.0}
    assert attempt["clock_jumps"] == [{"at": 5.0, "seconds": -HOUR, "steady": True}]
    assert store.load(ws)[0].attempts[0].jumps[0].seconds == -HOUR
