"""The speedrun end to end through CliRunner: solution pieces are copied in between invocations, on a fake clock."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from micrograd_kata import curriculum
from micrograd_kata.cli import cli, output
from micrograd_kata.learner import workspace
from micrograd_kata.learner.workspace import Workspace, track_dir
from micrograd_kata.speedrun import store
from micrograd_kata.speedrun.live import live
from micrograd_kata.speedrun.session import Speedrun
from micrograd_kata.speedrun.timing import ALL
from tests.fakes import FakeClock, stand_in
from tests.practice_fakes import StaticGrader, solve

ALL_IDS = tuple(p.id for p in curriculum.load())


def invoke(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def static_grader(monkeypatch: pytest.MonkeyPatch) -> StaticGrader:
    grader = StaticGrader()
    stand_in(monkeypatch, grader.grade)
    return grader


@pytest.fixture
def solved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """A workspace where the learner has written everything, made the current directory."""
    ws = workspace.init(tmp_path / "kata", source="solutions")
    monkeypatch.chdir(ws.root)
    return ws


def attempts(ws: Workspace) -> list[dict]:
    return json.loads(store.path(ws).read_text())["attempts"]


def test_a_whole_speedrun_then_a_faster_one(solved: Workspace, clock: FakeClock,
                                            static_grader: StaticGrader) -> None:
    before = solved.path("engine.py").read_text()
    result = invoke("--all", "--speedrun", "--once")
    assert result.exit_code == 1
    assert "backed up in" in result.stderr and "every file is a stub again" in result.stderr
    backups = list((solved.state_dir / "backups").iterdir())
    assert len(backups) == 1 and (backups[0] / "engine.py").read_text() == before
    for name in ("engine.py", "nn.py", "train.py"):
        assert solved.path(name).read_text() == (track_dir("exercises", "lecture") / name).read_text()
    assert "0/17 pieces split" in result.stdout and "attempt #1" in result.stdout

    clock.advance(60)
    solve(solved, "derivative", "value")
    result = invoke("--all", "--speedrun", "--once")
    assert result.exit_code == 1
    assert "New splits: derivative and value" in result.stdout and "1:00.0" in result.stdout
    clock.advance(30)
    solve(solved, "add-mul")
    data = json.loads(invoke("--all", "--speedrun", "--json").stdout)
    assert data["active"] and data["elapsed"] == 90 and not data["finished"]
    by_id = {p["id"]: p for p in data["pieces"]}
    assert by_id["value"]["split"] == 60 and by_id["value"]["segment_pieces"] == ["derivative", "value"]
    assert by_id["add-mul"] == {"id": "add-mul", "split": 90, "segment": 30, "segment_pieces": ["add-mul"],
                                "delta": None, "gold": False, "best_segment": 30}
    assert by_id["tanh"]["split"] is None

    clock.advance(100)
    solve(solved, *ALL_IDS[3:])
    result = invoke("--all", "--speedrun", "--once")
    assert result.exit_code == 0
    assert "Final time 3:10.0" in result.stdout and "first finished run" in result.stdout
    assert attempts(solved)[0]["outcome"] == "finished"

    # Attempt 2 starts on the next invocation: the finished code is backed up again, never overwritten.
    result = invoke("--all", "--speedrun", "--once")
    assert "attempt #2" in result.stderr
    assert len(list((solved.state_dir / "backups").glob("*-speedrun-all*"))) == 2
    clock.advance(40)
    solve(solved, *ALL_IDS[:3])
    invoke("--all", "--speedrun", "--once")
    clock.advance(50)
    solve(solved, *ALL_IDS[3:])
    result = invoke("--all", "--speedrun", "--once")
    assert result.exit_code == 0
    assert "Final time 1:30.0" in result.stdout and "New personal best!" in result.stdout
    assert "2 gold segments" in result.stdout   # 40 s for the first three beats 60 + 30; 50 s for the rest, 100

    stats = json.loads(invoke("stats", "--json").stdout)
    assert stats["active"] is None
    assert stats["categories"]["all"]["personal_best"]["time"] == 90
    assert stats["categories"]["all"]["sum_of_best"] == 40 + 50
    assert stats["categories"]["all"]["attempts"] == 2


def test_one_piece_is_timed_alone_with_its_own_records(solved: Workspace, clock: FakeClock,
                                                        static_grader: StaticGrader) -> None:
    nn_before = solved.path("nn.py").read_text()
    result = invoke("tanh", "--speedrun", "--once")
    assert result.exit_code == 1 and "tanh is a stub again" in result.stderr
    assert 'raise NotImplementedError("tanh: Value.tanh")' in solved.path("engine.py").read_text()
    assert "def exp(self):\n        \"\"\"Return e**self" in solved.path("engine.py").read_text()
    assert solved.path("nn.py").read_text() == nn_before
    assert static_grader.calls[-1] == ("tanh",)
    clock.advance(42)
    solve(solved, "tanh")
    result = invoke("tanh", "--speedrun", "--once")
    assert result.exit_code == 0 and "Final time 0:42.0" in result.stdout
    assert attempts(solved)[0]["category"] == "tanh"


def test_next_speedrun_times_the_first_piece_that_does_not_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                clock: FakeClock,
                                                                static_grader: StaticGrader) -> None:
    ws = workspace.init(tmp_path / "kata")
    monkeypatch.chdir(ws.root)
    solve(ws, "derivative", "value")
    result = invoke("next", "--speedrun", "--once")
    assert result.exit_code == 1 and "add-mul" in result.stdout
    assert attempts(ws)[0]["category"] == "add-mul"


def test_next_speedrun_run_again_records_the_split_and_finishes(solved: Workspace, clock: FakeClock,
                                                                  static_grader: StaticGrader) -> None:
    assert invoke("reset", "tanh").exit_code == 0
    result = invoke("next", "--speedrun", "--once")
    assert result.exit_code == 1 and "tanh is a stub again" in result.stderr
    clock.advance(30)
    solve(solved, "tanh")   # every piece passes now: the same command still finds the run of tanh
    result = invoke("next", "--speedrun", "--once")
    assert result.exit_code == 0, result.output
    assert "Final time 0:30.0" in result.stdout and "no next piece" not in result.stderr
    assert [(a["category"], a["outcome"]) for a in attempts(solved)] == [("tanh", "finished")]


def test_next_speedrun_goes_on_with_its_run_while_a_later_piece_fails(solved: Workspace, clock: FakeClock,
                                                                      static_grader: StaticGrader) -> None:
    invoke("reset", "mlp")
    invoke("reset", "tanh")
    assert invoke("next", "--speedrun", "--once").exit_code == 1
    clock.advance(20)
    solve(solved, "tanh")   # mlp is now the first piece that fails, but the run going on is tanh's
    result = invoke("next", "--speedrun", "--once")
    assert result.exit_code == 0 and "Final time 0:20.0" in result.stdout, result.output
    result = invoke("next", "--speedrun", "--once")   # no run now: the next one times mlp
    assert result.exit_code == 1 and "mlp is a stub again" in result.stderr
    assert [(a["category"], a["outcome"]) for a in attempts(solved)] == [("tanh", "finished"), ("mlp", "running")]
    assert invoke("next", "--speedrun", "--abandon").exit_code == 0
    assert attempts(solved)[1]["outcome"] == "abandoned"


def test_only_one_run_at_a_time_and_abandon_ends_it(solved: Workspace, clock: FakeClock,
                                                    static_grader: StaticGrader) -> None:
    invoke("--all", "--speedrun", "--once")
    result = invoke("tanh", "--speedrun", "--once")
    assert result.exit_code == 1
    assert "a speedrun of 'all' is running" in result.stderr and "grade --all --speedrun --abandon" in result.stderr
    clock.advance(12)
    solve(solved, "derivative")
    engine = solved.path("derivative.py").read_text()
    result = invoke("--all", "--speedrun", "--abandon")
    assert result.exit_code == 0 and "Abandoned attempt #1 of all at 0:12.0" in result.stderr
    assert solved.path("derivative.py").read_text() == engine    # abandoning touches no file
    assert attempts(solved)[0]["outcome"] == "abandoned"
    assert invoke("--all", "--speedrun", "--abandon").exit_code == 1


def test_live_mode_regrades_on_each_save_until_every_piece_passes(solved: Workspace, clock: FakeClock,
                                                                  static_grader: StaticGrader,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert invoke("--all", "--speedrun", "--once").exit_code == 1

    def saves():  # the learner writes a few pieces, saves, and so on
        for chunk in (ALL_IDS[:5], ALL_IDS[5:10], ALL_IDS[10:]):
            clock.advance(20)
            solve(solved, *chunk)
            yield {"engine.py"}

    code = live(Speedrun(solved, ALL, ALL_IDS, output.note), Console(), seed=None, timeout=5.0, batches=saves())
    out = capsys.readouterr().out
    assert code == 0 and "Final time 1:00.0" in out
    assert attempts(solved)[0]["splits"]["pow"] == 40  # pow is in the second chunk of pieces


def test_ctrl_c_in_live_mode_leaves_the_run_resumable(solved: Workspace, clock: FakeClock,
                                                      static_grader: StaticGrader,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    invoke("--all", "--speedrun", "--once")

    def interrupted():
        yield {"engine.py"}
        raise KeyboardInterrupt

    assert live(Speedrun(solved, ALL, ALL_IDS, output.note), Console(), seed=None, timeout=5.0, batches=interrupted()) == 1
    captured = capsys.readouterr()
    assert "Paused: the clock keeps running" in captured.err and "--abandon" in captured.err
    assert attempts(solved)[0]["outcome"] == "running"


def test_a_piece_run_refuses_to_start_in_a_file_that_does_not_parse(solved: Workspace, clock: FakeClock,
                                                                    static_grader: StaticGrader) -> None:
    solved.path("engine.py").write_text("def broken(:\n")
    result = invoke("tanh", "--speedrun", "--once")
    assert result.exit_code == 1 and "does not parse" in result.stderr and "grade reset --all" in result.stderr
    assert not store.path(solved).exists()


def test_a_piece_speedrun_with_real_grading(solved: Workspace, clock: FakeClock) -> None:
    assert invoke("derivative", "--speedrun", "--once").exit_code == 1
    clock.advance(7)
    solve(solved, "derivative")
    result = invoke("derivative", "--speedrun", "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["finished"] and data["final_time"] == 7


def test_a_whole_library_speedrun_with_real_grading(solved: Workspace, clock: FakeClock) -> None:
    assert invoke("--all", "--speedrun", "--once").exit_code == 1
    clock.advance(20)
    solve(solved, "derivative", "value", "add-mul")
    data = json.loads(invoke("--all", "--speedrun", "--json").stdout)
    splits = {p["id"]: p["split"] for p in data["pieces"]}
    assert splits["derivative"] == splits["value"] == splits["add-mul"] == 20 and splits["backward"] is None
    clock.advance(40)
    solve(solved, *ALL_IDS[3:])
    result = invoke("--all", "--speedrun", "--once")
    assert result.exit_code == 0, result.output
    assert "Final time 1:00.0" in result.stdout
