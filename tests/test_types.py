"""The package and the tests type-check (mypy, configured in pyproject.toml) and lint clean (ruff)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# micrograd_kata as pip installs it: grader/ is the package, exercises/, solutions/ and reference/ its subpackages
SUBPACKAGES = ("exercises", "solutions", "reference")


def installed_layout(tree: Path) -> Path:
    """A tree of links that lays the repository out as the installed package, for mypy (which reads no
    editable-install hooks): tree/micrograd_kata/<each entry of grader/> and tree/micrograd_kata/<subpackage>."""
    package = tree / "micrograd_kata"
    package.mkdir(parents=True)
    for entry in (ROOT / "grader").iterdir():
        if entry.name != "__pycache__":
            (package / entry.name).symlink_to(entry)
    for name in SUBPACKAGES:
        (package / name).symlink_to(ROOT / name)
    return tree


def test_mypy(tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy comes with the dev extras: pip install -e '.[dev]'")
    tree = installed_layout(tmp_path / "layout")
    done = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache")], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "MYPYPATH": str(tree)})
    assert done.returncode == 0, (done.stdout + done.stderr).replace(str(tree / "micrograd_kata"), "grader")
    assert "no issues found in" in done.stdout


def test_ruff() -> None:
    pytest.importorskip("ruff", reason="ruff comes with the dev extras: pip install -e '.[dev]'")
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "grader", "reference", "tests", "benchmarks"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
