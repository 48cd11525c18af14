"""A track is nothing more than its files: a tiny one (tests/tiny_track/), laid into a copy of the package, is
graded end to end by `grade` in child processes, as a learner would use it: init --track, next, --all, list, hint,
diff, reset, drill, a speedrun and stats, each on the workspace's own track; and a module a piece may import."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TINY = Path(__file__).resolve().parent / "tiny_track"

Grade = Callable[..., subprocess.CompletedProcess[str]]


def linked(source: Path, target: Path) -> None:
    """target: a real folder whose entries are links to source's (so that files can be added beside them)."""
    target.mkdir(parents=True)
    for entry in source.iterdir():
        if entry.name != "__pycache__":
            (target / entry.name).symlink_to(entry)


def layout(tree: Path) -> Path:
    """The package as installed, micrograd_kata/, from links to the repository's files, with the tiny track added:
    tracks/tiny.toml, exercises/tiny/, solutions/tiny/, reference/tiny/ and checks/tiny/."""
    package = tree / "micrograd_kata"
    linked(ROOT / "grader", package)
    for name in ("tracks", "checks"):
        (package / name).unlink()
        linked(ROOT / "grader" / name, package / name)
    for name in ("exercises", "solutions", "reference"):
        linked(ROOT / name, package / name)
    shutil.copy(TINY / "tiny.toml", package / "tracks" / "tiny.toml")
    for name in ("exercises", "solutions", "reference", "checks"):
        shutil.copytree(TINY / name, package / name / "tiny")
    return tree


@pytest.fixture(scope="module")
def grade(tmp_path_factory: pytest.TempPathFactory) -> Grade:
    """Run `grade ARGS...` with the tiny track installed, in a folder of its own (or cwd)."""
    tree = layout(tmp_path_factory.mktemp("layout"))
    home = tmp_path_factory.mktemp("home")
    env = {**os.environ, "PYTHONPATH": str(tree), "COLUMNS": "120", "PYTHONDONTWRITEBYTECODE": "1"}

    def run(*args: str, cwd: Path = home) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "micrograd_kata.cli", *args], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=120)

    run.home = home  # type: ignore[attr-defined]
    return run


def as_json(done: subprocess.CompletedProcess[str]) -> dict:  # type: ignore[type-arg]
    assert done.stdout.strip(), done.stderr
    return json.loads(done.stdout)


def statuses(done: subprocess.CompletedProcess[str]) -> dict[str, str]:
    return {p["id"]: p["status"] for p in as_json(done)["pieces"]}


def solve(kata: Path, file: str) -> None:
    shutil.copy(TINY / "solutions" / file, kata / file)


def test_the_tiny_track_is_listed(grade: Grade) -> None:
    tracks = {t["name"]: t for t in as_json(grade("list", "--tracks", "--json"))["tracks"]}
    assert tracks["tiny"] == {"name": "tiny", "title": "A tiny track", "pieces": 3,
                              "description": "Three pieces in two files, for the tests."}
    assert "lecture" in tracks


def test_a_tiny_workspace_end_to_end(grade: Grade) -> None:
    home: Path = grade.home  # type: ignore[attr-defined]
    done = grade("init", "kata", "--track", "tiny")
    assert done.returncode == 0 and "on the tiny track" in done.stdout, done.stderr
    kata = home / "kata"
    assert sorted(p.name for p in kata.glob("*.py")) == ["__init__.py", "calc.py", "poly.py"]
    assert json.loads((kata / ".kata" / "workspace.json").read_text()) == {"track": "tiny"}

    # next: the first piece of the tiny track, out of its three
    done = grade("next", cwd=kata)
    assert done.returncode == 1 and "(num) todo" in done.stdout and "0 of 3 pieces pass" in done.stdout, done.stdout
    assert as_json(grade("next", "--json", cwd=kata))["next"] == "num"
    done = grade("hint", cwd=kata)
    assert done.returncode == 0 and "Store it: self.x = x." in done.stdout
    assert as_json(grade("hint", "--json", cwd=kata))["shown"] == 2

    # a piece of another track is no piece here
    done = grade("tanh", cwd=kata)
    assert done.returncode == 2 and "No piece or command called 'tanh'" in done.stderr

    # Num written, square wrong: poly still passes, graded with the tiny track's own reference for square
    solve(kata, "calc.py")
    calc = kata / "calc.py"
    calc.write_text(calc.read_text().replace("Num(self.x * self.x)", "Num(self.x * 2)"))
    solve(kata, "poly.py")
    done = grade("--all", "--json", "--seed", "1", cwd=kata)
    assert done.returncode == 1 and statuses(done) == {"num": "passed", "square": "failed", "poly": "passed"}
    square = next(p for p in as_json(done)["pieces"] if p["id"] == "square")
    assert "Num(4.0).square() is wrong" in square["message"], square
    done = grade("square", cwd=kata)
    assert done.returncode == 1 and "calc.py:" in done.stdout and "in Num.square" in done.stdout, done.stdout

    # list: the tiny track's pieces, with their status
    done = grade("list", cwd=kata)
    assert done.returncode == 1 and "the tiny track" in done.stdout
    assert all(piece in done.stdout for piece in ("num", "square", "poly")) and "tanh" not in done.stdout
    assert "00:08:08" not in done.stdout and "8:08" in grade("list", "--long", cwd=kata).stdout

    # diff, against solutions/tiny/
    done = grade("diff", "num", "--json", cwd=kata)
    assert done.returncode == 0 and as_json(done)["symbols"][0]["same"], done.stdout
    poly = kata / "poly.py"
    poly.write_text(poly.read_text().replace("n.square().x + 1", "1 + n.square().x"))
    done = grade("diff", "poly", "--layout", "side-by-side", cwd=kata)
    assert "solution: solutions/tiny/poly.py" in done.stdout and "1 + n.square().x" in done.stdout, done.stdout
    assert grade("diff", "square", cwd=kata).returncode == 1

    # reset: square back to its stub, from exercises/tiny/
    done = grade("reset", "square", cwd=kata)
    assert done.returncode == 0 and "Restored the stubs of Num.square" in done.stdout, done.stdout + done.stderr
    assert statuses(grade("--all", "--json", cwd=kata)) == {"num": "passed", "square": "todo", "poly": "passed"}

    # drill: the tiny track's solutions with poly a stub
    done = grade("drill", "poly", cwd=kata)
    assert done.returncode == 0, done.stdout + done.stderr
    drill = kata / ".kata" / "drills" / "poly"
    assert json.loads((drill / ".kata" / "workspace.json").read_text()) == {"track": "tiny"}
    assert statuses(grade("--all", "--json", cwd=drill)) == {"num": "passed", "square": "passed", "poly": "todo"}

    # a speedrun of the whole track, then its records
    done = grade("--all", "--speedrun", "--once", "--json", cwd=kata)
    assert done.returncode == 1 and as_json(done)["category"] == "all", done.stdout + done.stderr
    assert "NotImplementedError" in calc.read_text()   # a speedrun starts from the stubs
    solve(kata, "calc.py")
    solve(kata, "poly.py")
    done = grade("--all", "--speedrun", "--once", "--json", cwd=kata)
    assert done.returncode == 0 and as_json(done)["finished"], done.stdout + done.stderr
    stats = as_json(grade("stats", "--json", cwd=kata))
    assert stats["active"] is None and list(stats["categories"]) == ["all"]
    done = grade("next", cwd=kata)
    assert done.returncode == 0 and "All 3 pieces pass" in done.stdout, done.stdout

    # torch: forbidden, but where the track lets a piece's file use it (may_import)
    spare = "\n\ndef spare():\n    import torch\n    return torch\n"
    (kata / "poly.py").write_text((kata / "poly.py").read_text() + spare)
    assert grade("--all", cwd=kata).returncode == 0
    if importlib.util.find_spec("torch") is not None:  # imported when the file is: the import's check allows it too
        (kata / "poly.py").write_text("import torch\n" + (kata / "poly.py").read_text())
        assert grade("--all", cwd=kata).returncode == 0
    calc.write_text(calc.read_text() + spare)
    done = grade("--all", "--json", cwd=kata)
    assert statuses(done) == {"num": "error", "square": "error", "poly": "passed"}, done.stdout
    assert "calc.py:16 imports torch" in as_json(done)["pieces"][0]["message"]
