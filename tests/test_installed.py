"""Outside a workspace: a development checkout falls back to its own exercises/, an installed kata never does.

Nothing ever writes into the kata's own exercises/: drills, resets and speedruns refuse it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from micrograd_kata.cli import cli
from micrograd_kata.learner import workspace
from micrograd_kata.learner.workspace import (
    NoWorkspace,
    Workspace,
    find,
    is_development_checkout,
    package_dir,
    track_dir,
)
from tests.fakes import FakeGrader
from tests.practice_fakes import kata_texts

EXERCISES = track_dir("exercises", "lecture")
REPOSITORY = Path(__file__).resolve().parent.parent


def invoke(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The kata as a plain `pip install` leaves it (not a checkout), run from a folder that is no workspace."""
    monkeypatch.setattr(workspace, "is_development_checkout", lambda exercises: False)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return elsewhere


def test_a_checkout_and_an_installed_package_are_told_apart(tmp_path: Path) -> None:
    checkout = tmp_path / "micrograd-kata"
    (checkout / "grader").mkdir(parents=True)
    (checkout / "exercises").mkdir()
    (checkout / "pyproject.toml").write_text("[project]\n")
    (checkout / "grader" / "tracks").mkdir()
    (checkout / "grader" / "tracks" / "lecture.toml").write_text("")
    installed = tmp_path / "lib" / "python3.11" / "site-packages" / "micrograd_kata"
    (installed / "exercises").mkdir(parents=True)
    (installed / "tracks").mkdir()
    (installed / "tracks" / "lecture.toml").write_text("")
    assert is_development_checkout(checkout / "exercises")
    assert not is_development_checkout(installed / "exercises")
    assert is_development_checkout(package_dir("exercises"))   # the tests run from a checkout


@pytest.mark.parametrize("command", [["next"], ["--all"], ["tanh"], ["list"], ["hint", "tanh"], ["drill", "tanh"],
                                     ["reset", "tanh"], ["next", "--speedrun"], ["stats"], ["watch"]])
def test_an_installed_grade_outside_a_workspace_says_how_to_make_one(installed: Path, fake_grader: FakeGrader,
                                                                     command: list[str]) -> None:
    before = kata_texts(EXERCISES)
    result = invoke(*command)
    assert result.exit_code == 2, result.output
    assert "no kata workspace in" in result.output and "grade init DIR" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    assert not fake_grader.calls
    assert kata_texts(EXERCISES) == before and not (EXERCISES / ".kata" / "drills" / "tanh").exists()


def test_an_installed_kata_s_stubs_are_refused_by_name_too(installed: Path, fake_grader: FakeGrader) -> None:
    result = invoke("next", "--workspace", str(EXERCISES))
    assert result.exit_code == 2 and "installed kata's own stubs" in result.output and "grade init DIR" in result.output
    assert not fake_grader.calls


def test_an_installed_grade_inside_a_workspace_works(installed: Path, fake_grader: FakeGrader) -> None:
    assert invoke("init", "kata").exit_code == 0
    os.chdir(installed / "kata")
    assert invoke("next").exit_code == 0
    assert fake_grader.calls[0]["workspace"] == Workspace((installed / "kata").resolve())


def test_a_development_checkout_falls_back_to_its_exercises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            fake_grader: FakeGrader) -> None:
    monkeypatch.chdir(tmp_path)
    assert find() == Workspace(EXERCISES)
    assert invoke("next").exit_code == 0 and fake_grader.calls[0]["workspace"] == Workspace(EXERCISES)
    monkeypatch.setattr(workspace, "is_development_checkout", lambda exercises: False)
    with pytest.raises(NoWorkspace):
        find()


def test_a_drill_never_goes_inside_the_kata_s_own_exercises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    before = kata_texts(EXERCISES)
    result = invoke("drill", "tanh")
    assert result.exit_code == 1 and "kata's own exercises/" in result.output
    assert "`grade drill tanh DIR`" in result.output and "grade init DIR" in result.output
    assert kata_texts(EXERCISES) == before and not (EXERCISES / ".kata" / "drills" / "tanh").exists()
    result = invoke("drill", "tanh", "my-drill")   # a folder of its own is fine
    assert result.exit_code == 0 and (tmp_path / "my-drill" / "engine.py").is_file()


def test_a_plain_pip_install_end_to_end(tmp_path: Path) -> None:
    """A real, non-editable `pip install` (into a folder, to stay fast): its `grade` needs a workspace."""
    source = tmp_path / "source"
    for name in ("grader", "exercises", "solutions", "reference"):
        shutil.copytree(REPOSITORY / name, source / name, ignore=shutil.ignore_patterns("__pycache__", ".kata"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPOSITORY / name, source / name)
    site = tmp_path / "site-packages"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                    "--target", str(site), str(source)], check=True, capture_output=True, timeout=120)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "COLUMNS": "100"}

    def grade(*args: str, cwd: Path = elsewhere) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "micrograd_kata.cli", *args], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=60)

    where = subprocess.run([sys.executable, "-c", "import micrograd_kata; print(micrograd_kata.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(site))
    for args in (("next",), ("drill", "tanh")):
        done = grade(*args)
        assert done.returncode == 2 and "grade init DIR" in done.stderr and "Traceback" not in done.stderr
    assert not list(site.rglob(".kata"))
    assert grade("init", "kata").returncode == 0
    done = grade("next", cwd=elsewhere / "kata")
    assert done.returncode == 1 and "derivative" in done.stdout and "workspace" not in done.stdout
