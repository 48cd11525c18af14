"""`grade` with the real grader, on a workspace of stubs and on one of the model answers."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from micrograd_kata.cli import cli
from micrograd_kata.learner import workspace


def invoke(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def solved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace of the model answers, made the current directory."""
    root = tmp_path / "solved"
    workspace.init(root, source="solutions")
    monkeypatch.chdir(root)
    return root


def test_next_on_stubs_explains_the_first_piece(stub_workspace: Path) -> None:
    result = invoke("next")
    assert result.exit_code == 1
    for expected in ["The derivative, numerically", "derivative.py:4 in derivative", "still raises NotImplementedError",
                     "grade hint derivative", "0 of 17 pieces pass"]:
        assert expected in result.output, expected


def test_all_on_stubs_as_json(stub_workspace: Path) -> None:
    result = invoke("--all", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert len(data["pieces"]) == 17 and {p["status"] for p in data["pieces"]} == {"todo"}


def test_solutions_pass_everything(solved: Path) -> None:
    every = invoke("--all")
    assert every.exit_code == 0, every.output
    assert "17 of 17 pieces pass" in every.output
    after = invoke("next")
    assert after.exit_code == 0 and "All 17 pieces pass" in after.output


def test_a_classic_bug_is_explained(solved: Path) -> None:
    engine = solved / "engine.py"
    text = engine.read_text()
    assert "self.grad += other.data * out.grad" in text
    engine.write_text(text.replace("self.grad += other.data * out.grad", "self.grad = other.data * out.grad"))
    result = invoke("add-mul", "--seed", "3")
    assert result.exit_code == 1
    assert "failed" in result.output and "engine.py:" in result.output and "grade hint add-mul" in result.output


def test_grade_next_never_imports_torch_pytest_or_the_review_scheduler_in_the_parent(stub_workspace: Path) -> None:
    script = ("import sys\nfrom micrograd_kata.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
              "print([m for m in ('torch', 'pytest', 'numpy', 'fsrs') if m in sys.modules], file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", script, "next"], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.stderr.strip().splitlines()[-1] == "[]", done.stderr
