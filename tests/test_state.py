"""The speedrun state on disk: atomic writes, and a corrupt file moved aside with a message while the grader goes on."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from micrograd_kata.cli import cli
from micrograd_kata.learner import state, workspace
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.speedrun import session, store, timing
from micrograd_kata.speedrun.timing import History
from tests.fakes import ALL, FakeClock, stand_in
from tests.practice_fakes import StaticGrader


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return workspace.init(tmp_path / "kata", source="solutions")


def a_history() -> History:
    return timing.start(History(), ALL, ("derivative",), 1000.0)


def test_save_then_load(ws: Workspace) -> None:
    store.save(ws, a_history())
    assert store.load(ws) == (a_history(), None)
    assert json.loads(store.path(ws).read_text())["version"] == 3   # 3: with categories (formats 1 and 2 are read too)


def test_no_file_is_an_empty_history(ws: Workspace) -> None:
    assert store.load(ws) == (History(), None)


@pytest.mark.parametrize("content", ['{"attempts": [', "\x00\xff garbage", '{"attempts": [{"number": "x"}]}',
                                     '[1, 2, 3]', '{"version": 1}'])
def test_a_corrupt_file_is_moved_aside_never_deleted(ws: Workspace, content: str) -> None:
    path = store.path(ws)
    path.write_text(content, encoding="latin-1")
    history, recovered = store.load(ws)
    assert history == History() and recovered is not None
    assert recovered.moved_to.read_text(encoding="latin-1") == content and not path.exists()
    assert "could not be read" in recovered.message() and str(recovered.moved_to) in recovered.message()


def test_moved_aside_files_never_overwrite_each_other(ws: Workspace) -> None:
    path = store.path(ws)
    for n in range(3):
        path.write_text(f"broken {n}")
        store.load(ws)
    kept = sorted(p.read_text() for p in ws.state_dir.glob("speedrun.json.corrupt*"))
    assert kept == ["broken 0", "broken 1", "broken 2"]


def test_a_crash_mid_write_leaves_the_old_file_whole(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save(ws, a_history())
    before = store.path(ws).read_text()

    def dies(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt   # killed half way through writing

    monkeypatch.setattr(state.json, "dump", dies)
    with pytest.raises(KeyboardInterrupt):
        store.save(ws, History())
    assert store.path(ws).read_text() == before
    assert [p.name for p in ws.state_dir.iterdir() if p.name.endswith(".tmp")] == []


def test_the_speedrun_goes_on_after_a_corrupt_state_file(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ws.root)
    monkeypatch.setattr(session, "CLOCK", FakeClock())
    stand_in(monkeypatch, StaticGrader().grade)
    store.path(ws).write_text('{"attempts": [{"number": 1, "categ')
    result = CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["--all", "--speedrun", "--once"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "speedrun.json could not be read (not valid JSON" in result.stderr and "speedrun.json.corrupt" in result.stderr
    assert "attempt #1" in result.stderr
    assert (ws.state_dir / "speedrun.json.corrupt").read_text().startswith('{"attempts"')
    assert store.load(ws)[0].active() is not None
