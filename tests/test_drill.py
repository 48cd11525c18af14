"""`grade drill PIECE`: every piece solved but one; an existing drill is never replaced without --force and a backup."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from micrograd_kata import curriculum
from micrograd_kata.cli import cli
from micrograd_kata.learner import source, workspace
from micrograd_kata.learner.workspace import Workspace, track_dir
from micrograd_kata.practice import drill
from micrograd_kata.speedrun import session
from tests.fakes import FakeClock, stand_in
from tests.practice_fakes import StaticGrader, kata_texts, solve

SOLUTIONS = track_dir("solutions", "lecture")


def invoke(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def learner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    ws = workspace.init(tmp_path / "kata")
    solve(ws, "derivative", "value")
    monkeypatch.chdir(ws.root)
    return ws


def test_a_drill_is_the_solutions_with_one_piece_stubbed(learner: Workspace) -> None:
    before = kata_texts(learner.root)
    result = invoke("drill", "backward")
    assert result.exit_code == 0 and "every piece is solved except backward" in result.output
    made = Workspace(drill.default_location(learner, curriculum.get("backward")))
    engine = source.read(made.path("engine.py"))
    assert engine.symbols["Value.backward"].is_stub
    assert not any(s.is_stub for name, s in engine.symbols.items() if name != "Value.backward")
    for name in ("nn.py", "train.py", "graph.py", "derivative.py"):
        assert made.path(name).read_text() == (SOLUTIONS / name).read_text()
    assert made.state_dir.is_dir()
    assert {k: v for k, v in kata_texts(learner.root).items() if not k.startswith(".kata/drills")} == before


def test_the_drill_passes_everything_but_its_piece(learner: Workspace) -> None:
    made = drill.make(curriculum.get("relu"), learner.root / "relu-drill")
    run = StaticGrader().grade(made.workspace)
    assert [r.piece_id for r in run.results if r.status.value != "passed"] == ["relu"]


def test_an_existing_drill_is_kept_without_force(learner: Workspace) -> None:
    invoke("drill", "tanh", "my-drill")
    work = learner.root / "my-drill" / "engine.py"
    work.write_text(work.read_text() + "# my attempt\n")
    result = invoke("drill", "tanh", "my-drill")
    assert result.exit_code == 1 and "--force" in result.output
    assert work.read_text().endswith("# my attempt\n")


def test_force_backs_up_the_old_drill_first_and_keeps_its_records(learner: Workspace) -> None:
    invoke("drill", "tanh", "my-drill")
    dest = learner.root / "my-drill"
    (dest / "engine.py").write_text((dest / "engine.py").read_text() + "# my attempt\n")
    (dest / ".kata" / "speedrun.json").write_text('{"version": 1, "attempts": []}')
    result = invoke("drill", "tanh", "my-drill", "--force")
    assert result.exit_code == 0 and "Backed up the drill's earlier files" in result.output
    backup = next((dest / ".kata" / "backups").iterdir())
    assert (backup / "engine.py").read_text().endswith("# my attempt\n")
    assert not (dest / "engine.py").read_text().endswith("# my attempt\n")
    assert (dest / ".kata" / "speedrun.json").exists()


def test_a_drill_into_the_learners_own_workspace_needs_force_and_loses_nothing(learner: Workspace) -> None:
    before = kata_texts(learner.root)
    assert invoke("drill", "tanh", str(learner.root)).exit_code == 1
    assert kata_texts(learner.root) == before
    assert invoke("drill", "tanh", str(learner.root), "--force").exit_code == 0
    backup = next((learner.state_dir / "backups").glob("*-drill-tanh"))
    for name in ("engine.py", "derivative.py", "nn.py"):
        assert (backup / name).read_text() == before[name]


def test_a_timed_drill(learner: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FakeClock()
    monkeypatch.setattr(session, "CLOCK", clock)
    stand_in(monkeypatch, StaticGrader().grade)
    result = invoke("drill", "exp", "--speedrun", "--once")
    assert result.exit_code == 1 and "Drill of exp" in result.output
    made = Workspace(drill.default_location(learner, curriculum.get("exp")))
    clock.advance(33)
    solve(made, "exp")
    data = json.loads(invoke("drill", "exp", "--speedrun", "--json").stdout)   # goes on in the same drill
    assert data["finished"] and data["final_time"] == 33 and data["category"] == "exp"
    assert not (learner.state_dir / "speedrun.json").exists()   # the drill keeps its own records
