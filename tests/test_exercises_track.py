"""The exercises track's own behaviour beyond the self-check and the known bugs: torch is allowed in torch_check.py
alone, the torch piece is skipped with a note where torch is not installed, and a softmax that overflows is told
so in a failure, not a traceback."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from micrograd_kata import curriculum, grading
from micrograd_kata.cli import cli
from micrograd_kata.learner import source, workspace
from micrograd_kata.results import Status
from tests.grading_pool import apply_edit, edited_solutions, result_of
from tests.learner_bugs_exercises import BUGS

TRACK = "exercises"
TERMINAL = {"COLUMNS": "80", "LINES": "60"}


@pytest.fixture
def no_torch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A `torch` package that fails to import, first on the worker's path: as if torch were absent."""
    shadow = tmp_path / "shadow" / "torch"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text('raise ImportError("No module named torch (hidden by the test)")\n')
    monkeypatch.setenv("PYTHONPATH", str(shadow.parent))


def test_torch_is_allowed_in_torch_check_alone() -> None:
    assert "torch" not in source.forbidden_imports("torch_check.py", TRACK)
    assert "torch" in source.forbidden_imports("softmax.py", TRACK)
    assert "torch" in source.forbidden_imports("engine.py", "lecture")
    assert "solutions" in source.forbidden_imports("torch_check.py", TRACK)


def test_torch_in_another_file_of_the_track_does_not_pass(tmp_path: Path) -> None:
    ws = workspace.init(tmp_path / "ws", source="solutions", track=TRACK)
    apply_edit(ws, "softmax.py", "    return -probs[label].log()", "    import torch\n    return -probs[label].log()")
    run = grading.grade(ws, [curriculum.get("nll", TRACK)], seed=3)
    result = result_of(run, "nll")
    assert result.status is Status.ERROR and "imports torch" in result.message, result.message


def test_without_torch_the_torch_piece_is_skipped_with_a_note(tmp_path: Path, no_torch: None) -> None:
    ws = workspace.init(tmp_path / "ws", source="solutions", track=TRACK)
    run = grading.grade(ws, seed=5)
    assert run.torch is False
    assert {r.piece_id: r.status for r in run.results if r.status is not Status.PASSED} == {"torch": Status.SKIPPED}
    assert "torch is not installed" in result_of(run, "torch").message
    result = CliRunner(env=TERMINAL).invoke(cli, ["--workspace", str(ws.root), "torch"])
    assert "Skipped: torch is not installed" in result.output and "Traceback" not in result.output, result.output


def test_an_overflowing_softmax_is_told_what_happened(tmp_path: Path) -> None:
    bug = next(b for b in BUGS if b.id == "softmax-overflows")
    ws = edited_solutions(tmp_path / "ws", bug.edits, track=TRACK)
    result = result_of(grading.grade(ws, [curriculum.get("softmax", TRACK)], seed=3), "softmax")
    problem = result.first_problem
    assert result.status is Status.FAILED and problem is not None and problem.failure is not None
    failure = problem.failure
    assert failure.summary == "softmax overflowed on large logits" and failure.got == "OverflowError: math range error"
    assert failure.expected and failure.expected.startswith("probs = [0.574096993,") and failure.inputs
    assert str(failure.where) == "softmax.py:4 in softmax" and "subtract the largest logit" in (failure.hint or "")


def test_the_track_file_names_its_given_code_and_its_torch_piece() -> None:
    track = curriculum.get_track(TRACK)
    assert ("engine.py", "Value.backward") in track.given and ("derivatives.py", "f") in track.given
    assert [p.id for p in track.pieces if p.may_import] == ["torch"]
    assert curriculum.may_import("torch_check.py", TRACK) == {"torch"}


@pytest.mark.parametrize("given", ['given = "engine.py:Value.__add__"', 'given = ["Value.__add__"]', "given = [1]"])
def test_a_broken_given_list_says_so_in_one_line(tmp_path: Path, given: str) -> None:
    text = (Path(__file__).parent / "tiny_track" / "tiny.toml").read_text(encoding="utf-8")
    path = tmp_path / "tiny.toml"
    path.write_text(text.replace("[track]\n", f"[track]\n{given}\n", 1), encoding="utf-8")
    with pytest.raises(curriculum.CurriculumError, match=r"^tiny.toml: \[track\] given must be a list of strings"):
        curriculum.read(path)
