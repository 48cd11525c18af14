"""`grade stats` and the speedrun renderers, printed to Console(file=io.StringIO(), width=100)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from micrograd_kata.cli import cli
from micrograd_kata.learner import workspace
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.speedrun import store, timing, views
from micrograd_kata.speedrun.report import report
from micrograd_kata.speedrun.timing import History
from tests.fakes import ALL, FakeClock

PIECES = ("derivative", "value", "add-mul")


def render(renderable: object) -> str:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def runs(times: list[list[float]], *, finish_last: bool = True) -> History:
    """Attempts passing the pieces after the given gaps; an attempt with fewer gaps is left running or abandoned."""
    clock, history = FakeClock(), History()
    for n, gaps in enumerate(times):
        history = timing.start(history, ALL, PIECES, clock.now())
        for i, gap in enumerate(gaps):
            clock.advance(gap)
            history, _ = timing.record_passes(history, PIECES[:i + 1], clock.now())
        if history.active() is not None and (n < len(times) - 1 or not finish_last):
            history, _ = timing.abandon(history, clock.now())
    return history


def test_format_time() -> None:
    assert views.format_time(12.34) == "0:12.3"
    assert views.format_time(3725) == "1:02:05.0"
    assert views.format_time(None) == "—"
    assert views.format_delta(-2.5).plain == "-0:02.5" and views.format_delta(61).plain == "+1:01.0"


def test_stats_view_has_attempts_pb_sum_of_best_best_segments_and_a_chart() -> None:
    history = runs([[10, 20, 30], [5], [8, 25, 20], [9, 9, 9]])
    out = render(views.stats_view(report(history, ALL, PIECES, 0)))
    assert "4 (3 finished" in out
    assert "Personal best  0:27.0 (attempt #4)" in out
    assert "Sum of best    0:23.0" in out          # 5 (abandoned run) + 9 + 9
    assert "Finished runs" in out and "attempt" in out
    chart = out[out.index("Finished runs"):]
    assert "1:00.0" in chart and "██" in chart     # the slowest run reaches the top


def test_time_chart_draws_one_column_per_finished_run() -> None:
    history = runs([[10, 10, 10], [20, 20, 20], [5, 5, 5]])
    chart = views.time_chart(history.of(ALL), height=4).plain.splitlines()
    assert len(chart) == 4 + 2
    top, bottom = chart[0], chart[3]
    assert top.count("██") == 1                    # only the 60 s run is full height
    assert bottom.count(" ") < len(bottom)         # every run has a bar at the bottom
    assert chart[-1].split()[:3] == ["1", "2", "3"]


def test_a_chart_without_finished_runs_says_so() -> None:
    assert "No finished run yet" in views.time_chart(runs([[5]], finish_last=False).of(ALL)).plain


def test_live_view_shows_the_clock_the_splits_and_the_status() -> None:
    history = runs([[10, 10, 10], [8]], finish_last=False)
    history = History(history.attempts[:-1] + (timing.Attempt(
        number=2, category=ALL, pieces=PIECES, started=history.attempts[-1].started, splits={"derivative": 8.0}),))
    rep = report(history, ALL, PIECES, history.attempts[-1].started + 12.5)
    out = render(views.live_view(rep, "Save to re-grade"))
    assert "0:12.5" in out and "PB 0:30.0" in out and "-0:02.0" in out and "Save to re-grade" in out
    assert "▸ value" in out


def test_final_view_says_new_personal_best() -> None:
    history = runs([[10, 10, 10], [5, 5, 5]])
    out = render(views.final_view(report(history, ALL, PIECES, 0)))
    assert "Final time 0:15.0" in out and "New personal best! The last one was 0:30.0 (attempt #1)" in out
    assert "3 gold segments" in out


def invoke(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    made = workspace.init(tmp_path / "kata")
    monkeypatch.chdir(made.root)
    return made


def test_stats_command(ws: Workspace) -> None:
    assert "No speedrun yet" in invoke("stats").output
    store.save(ws, runs([[10, 20, 30], [5, 5, 5]]))
    result = invoke("stats")
    assert result.exit_code == 0 and "Personal best" in result.output and "0:15.0 (attempt #2)" in result.output
    data = json.loads(invoke("stats", "--json").stdout)
    assert data["running"] is None and data["category"] == "lecture/full/all" and data["attempts"] == 2
    assert [h["time"] for h in data["history"]] == [60, 15]
    assert invoke("stats", "tnah").exit_code == 2
    tanh = json.loads(invoke("stats", "tanh", "--json").stdout)
    assert tanh["category"] == "lecture/full/piece:tanh" and tanh["scope"] == "piece:tanh"
    assert tanh["others"] == [{"category": "lecture/full/all", "attempts": 2, "personal_best": 15.0}]
    assert tanh["attempts"] == 0 and tanh["pieces"] == [{"id": "tanh", "split": None, "segment": None,
                                                         "segment_pieces": None, "delta": None, "gold": False,
                                                         "best_segment": None}]


def test_final_view_of_a_slower_run_says_how_far_behind() -> None:
    history = runs([[5, 5, 5], [6, 7, 7]])
    out = render(views.final_view(report(history, ALL, PIECES, 0)))
    assert "Final time 0:20.0" in out and "Personal best 0:15.0 (attempt #1): +0:05.0" in out
    assert "gold" not in out
