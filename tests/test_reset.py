"""`grade reset`: one piece's functions back to stubs, the rest of the code untouched; never losing a file."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from micrograd_kata import curriculum
from micrograd_kata.cli import cli
from micrograd_kata.learner import source, workspace
from micrograd_kata.learner.workspace import Workspace, track_dir
from micrograd_kata.practice import reset
from micrograd_kata.practice.reset import ResetError
from tests.practice_fakes import kata_texts

EXERCISES = track_dir("exercises", "lecture")
SOLUTIONS = track_dir("solutions", "lecture")


def invoke(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def solved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    ws = workspace.init(tmp_path / "kata", source="solutions")
    monkeypatch.chdir(ws.root)
    return ws


def segment_of(path: Path, name: str) -> str:
    return source.segment(source.read(path), name)


def test_reset_piece_restores_only_its_symbols(solved: Workspace) -> None:
    result = invoke("reset", "tanh")
    assert result.exit_code == 0
    engine = solved.path("engine.py")
    assert segment_of(engine, "Value.tanh") == segment_of(EXERCISES / "engine.py", "Value.tanh")
    for name in ("Value.__add__", "Value.exp", "Value.relu", "Value.backward"):
        assert segment_of(engine, name) == segment_of(SOLUTIONS / "engine.py", name)
    assert "Backed up engine.py to" in result.output and "the rest of engine.py is as you left it" in result.output
    folder = next((solved.state_dir / "backups").iterdir())
    assert (folder / "engine.py").read_text() == (SOLUTIONS / "engine.py").read_text()


def test_reset_keeps_the_learners_own_helpers_comments_and_formatting(solved: Workspace) -> None:
    engine = solved.path("engine.py")
    text = engine.read_text().replace("import math\n", "import math\n\nSCALE = 2  # my own constant\n")
    text = text.replace("    def exp(self):", "    def helper(self):  # mine\n        return 1\n\n    def exp(self):")
    engine.write_text(text)
    reset.reset_piece(solved, curriculum.get("exp"))
    after = engine.read_text()
    assert "SCALE = 2  # my own constant" in after and "def helper(self):  # mine" in after
    assert 'raise NotImplementedError("exp: Value.exp")' in after
    assert after.replace(segment_of(engine, "Value.exp"), "") == \
        text.replace(segment_of(SOLUTIONS / "engine.py", "Value.exp"), "")


def test_a_missing_method_gets_its_stub_inserted_in_its_class(solved: Workspace) -> None:
    engine = solved.path("engine.py")
    engine.write_text(engine.read_text().replace(segment_of(engine, "Value.__rsub__"), ""))
    done = reset.reset_piece(solved, curriculum.get("derived-ops"))
    assert done.transplant.inserted == ("Value.__rsub__",)
    after = source.read(engine)
    assert after.symbols["Value.__rsub__"].is_stub
    assert after.symbols["Value.__sub__"].end < after.symbols["Value.__rsub__"].start \
        < after.symbols["Value.__rmul__"].start    # where the stubs have it


def test_a_method_whose_class_is_gone_is_reported_not_guessed(solved: Workspace) -> None:
    solved.path("nn.py").write_text("import random\n")
    result = invoke("reset", "neuron")
    assert result.exit_code == 1
    assert "Could not restore Neuron.__init__, Neuron.__call__ and Neuron.parameters" in result.output
    assert "grade reset --all" in result.output


def test_a_file_with_a_syntax_error_refuses_a_piece_reset(solved: Workspace) -> None:
    engine = solved.path("engine.py")
    engine.write_text(engine.read_text() + "\n    def broken(:\n")
    before = engine.read_text()
    result = invoke("reset", "tanh")
    assert result.exit_code == 1
    assert "does not parse" in result.output and "grade reset --all" in result.output
    assert engine.read_text() == before


def test_resetting_a_stub_changes_nothing_and_takes_no_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = workspace.init(tmp_path / "kata")
    monkeypatch.chdir(ws.root)
    result = invoke("reset", "tanh")
    assert "already a stub" in result.output and not (ws.state_dir / "backups").exists()


def test_reset_all_backs_up_every_file_and_restores_the_stubs(solved: Workspace) -> None:
    before = kata_texts(solved.root)
    solved.path("graph.py").unlink()     # a deleted file comes back too
    result = invoke("reset", "--all")
    assert result.exit_code == 0 and "Backed up your files to" in result.output
    for name in ("__init__.py", *curriculum.files()):
        assert solved.path(name).read_text() == (EXERCISES / name).read_text()
    folder = next((solved.state_dir / "backups").iterdir())
    for name in ("engine.py", "nn.py", "train.py", "derivative.py"):
        assert (folder / name).read_text() == before[name]


def test_backups_are_never_overwritten(solved: Workspace) -> None:
    for _ in range(3):
        reset.reset_all(solved)
        reset.restore_piece(solved, curriculum.get("tanh"), donor="solutions")
    folders = list((solved.state_dir / "backups").iterdir())
    assert len(folders) == 6 and len({f.name for f in folders}) == 6


def test_reset_needs_a_piece_or_all_but_not_both(solved: Workspace) -> None:
    assert invoke("reset").exit_code == 2
    assert invoke("reset", "tanh", "--all").exit_code == 2
    result = invoke("reset", "tnah")
    assert result.exit_code == 2 and "tanh" in result.output


def test_the_kata_own_exercises_are_never_reset() -> None:
    with pytest.raises(ResetError, match="grade init DIR"):
        reset.reset_all(Workspace(EXERCISES))
