"""Torch is optional when grading: without it the grader says so once and grades against the reference alone."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from micrograd_kata import grading
from micrograd_kata.cli import cli
from micrograd_kata.learner import workspace
from tests.grading_pool import result_of


@pytest.fixture
def no_torch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A `torch` package that fails to import, first on the worker's path: as if torch were broken or absent."""
    shadow = tmp_path / "shadow" / "torch"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text('raise ImportError("No module named torch (hidden by the test)")\n')
    monkeypatch.setenv("PYTHONPATH", str(shadow.parent))


def test_solutions_pass_against_the_reference_alone(tmp_path: Path, no_torch: None) -> None:
    ws = workspace.init(tmp_path / "ws", source="solutions")
    run = grading.grade(ws, seed=5)
    assert run.all_passed
    assert run.torch is False
    assert any("torch" in note and "reference" in note for note in run.notes)


def test_bugs_still_fail_without_torch(tmp_path: Path, no_torch: None) -> None:
    ws = workspace.init(tmp_path / "ws", source="solutions")
    engine = ws.path("engine.py")
    engine.write_text(engine.read_text().replace("self.grad += out.data * out.grad", "self.grad = out.data * out.grad"))
    run = grading.grade(ws, seed=5)
    assert result_of(run, "exp").status.value == "failed"
    assert [r.piece_id for r in run.results if r.status.value != "passed"] == ["exp"]


def test_the_cli_says_so_once(tmp_path: Path, no_torch: None) -> None:
    ws = workspace.init(tmp_path / "ws", source="solutions")
    result = CliRunner().invoke(cli, ["--all", "--workspace", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert result.output.count("torch is not installed") == 1
