"""`grade restore`: the backups listed newest first with what they hold, and one put back after a backup."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from micrograd_kata.cli import cli
from micrograd_kata.learner import backup, workspace
from micrograd_kata.learner.workspace import Workspace, kata_files, track_dir
from micrograd_kata.speedrun import session
from tests.fakes import FakeClock, stand_in
from tests.practice_fakes import StaticGrader, kata_texts

SOLUTIONS = track_dir("solutions", "lecture")


def invoke(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "100"}).invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def solved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """A workspace where the learner has written everything, made the current directory."""
    ws = workspace.init(tmp_path / "kata", source="solutions")
    monkeypatch.chdir(ws.root)
    monkeypatch.setattr(session, "CLOCK", FakeClock())
    stand_in(monkeypatch, StaticGrader().grade)
    return ws


def mine(ws: Workspace) -> dict[str, str]:
    """The learner's files, without the .kata/ state."""
    return {f.name: f.read_text(encoding="utf-8") for f in kata_files(ws.root, ws.track)}


def test_after_an_abandoned_speedrun_restore_brings_the_code_back(solved: Workspace) -> None:
    written = mine(solved)
    invoke("--all", "--speedrun", "--once")
    assert invoke("--all", "--speedrun", "--abandon").exit_code == 0
    stubs = mine(solved)
    assert stubs != written
    result = invoke("restore")
    assert result.exit_code == 0
    assert "1 │" in result.output and "speedrun-all" in result.output and "every file" in result.output
    result = invoke("restore", "1")
    assert result.exit_code == 0, result.output
    assert mine(solved) == written
    assert "Backed up your current files to" in result.output and "To undo: grade restore " in result.output
    listed = json.loads(invoke("restore", "--json").stdout)["backups"]
    assert [b["reason"] for b in listed] == ["before-restore", "speedrun-all"]
    assert listed[0]["files"] == ["__init__.py", "derivative.py", "engine.py", "graph.py", "nn.py", "train.py"]
    assert invoke("restore", listed[0]["name"]).exit_code == 0   # the undo: the stubs again
    assert mine(solved) == stubs


def test_backups_are_listed_newest_first_with_their_files(solved: Workspace) -> None:
    backup.backup(solved, ["engine.py"], "reset-tanh", now=1_700_000_000)
    backup.backup(solved, ["nn.py", "train.py"], "drill-mlp", now=1_700_000_100)
    backup.backup(solved, ["nn.py"], "reset-mlp", now=1_700_000_100)   # the same second: made later, listed first
    found = backup.backups(solved)
    assert [(b.reason, b.files) for b in found] == [
        ("reset-mlp", ("nn.py",)), ("drill-mlp", ("nn.py", "train.py")), ("reset-tanh", ("engine.py",))]
    assert found[0].taken is not None and found[0].taken.timestamp() == 1_700_000_100
    assert backup.choose(solved, "3") == found[2] and backup.choose(solved, str(found[1].folder)) == found[1]


def test_a_missing_backup_is_refused_clearly_and_nothing_changes(solved: Workspace) -> None:
    before = kata_texts(solved.root)
    result = invoke("restore", "1")
    assert result.exit_code == 1 and "no backup in" in result.output
    backup.backup(solved, ["engine.py"], "reset-tanh")
    before = kata_texts(solved.root)
    for which, message in (("2", "no backup number 2: they are numbered 1 (the newest) to 1"),
                           ("20200101-000000-nope", "no backup called '20200101-000000-nope'")):
        result = invoke("restore", which)
        assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1
    assert kata_texts(solved.root) == before


def test_a_broken_backup_is_refused_and_nothing_changes(solved: Workspace) -> None:
    empty = solved.state_dir / "backups" / "20200101-000000-empty"
    empty.mkdir(parents=True)
    before = kata_texts(solved.root)
    result = invoke("restore", "20200101-000000-empty")
    assert result.exit_code == 1 and "is broken: it holds none of the kata's files" in result.output
    assert kata_texts(solved.root) == before
    assert "none (broken)" in invoke("restore").output

    folder = backup.backup(solved, ["derivative.py", "engine.py"], "reset-all")
    assert folder is not None
    (folder / "derivative.py").write_text("def derivative(f, x, h): return 0\n")
    (folder / "engine.py").write_bytes(b"\xff\xfe not text")
    before = mine(solved)
    result = invoke("restore", folder.name)
    assert result.exit_code == 1 and "its engine.py cannot be read" in result.output
    assert "nothing was restored" in result.output
    assert mine(solved) == before   # not even derivative.py
    assert [b.reason for b in backup.backups(solved)] == ["reset-all", "empty"]   # and no before-restore backup


def test_restore_refuses_while_a_speedrun_is_running(solved: Workspace) -> None:
    invoke("tanh", "--speedrun", "--once")
    before = kata_texts(solved.root)
    result = invoke("restore", "1")
    assert result.exit_code == 1 and "a speedrun of 'tanh' is running" in result.output
    assert "`grade tanh --speedrun --abandon`" in result.output
    assert kata_texts(solved.root) == before


def test_nothing_is_restored_into_the_kata_s_own_exercises(solved: Workspace) -> None:
    chosen = backup.read_backup(solved.state_dir)   # any folder will do: the refusal comes first
    with pytest.raises(backup.RestoreError, match="kata's own exercises"):
        backup.restore(Workspace(track_dir("exercises", "lecture")), chosen)


def test_no_backups_yet(solved: Workspace) -> None:
    result = invoke("restore")
    assert result.exit_code == 0 and "No backups yet" in result.output
