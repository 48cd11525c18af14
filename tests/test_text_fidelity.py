"""Learner files read as Python reads them (BOM, PEP 263), written back as they were written (line ends, tabs,
encoding); a dangling link stops `grade reset --all` before it writes anything."""
from __future__ import annotations

import ast
import codecs
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from micrograd_kata.cli import cli
from micrograd_kata.learner import source, workspace
from micrograd_kata.learner.workspace import Workspace, track_dir

SOLUTIONS = track_dir("solutions", "lecture")
LATIN = "# -*- coding: latin-1 -*-\n# café, écrit à la main\n"


def invoke(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args))


@pytest.fixture
def solved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    ws = workspace.init(tmp_path / "kata", source="solutions")
    monkeypatch.chdir(ws.root)
    return ws


def graded(piece: str) -> str:
    """The piece's status as `grade PIECE --json` says it."""
    result = invoke(piece, "--json")
    return str(next(p for p in json.loads(result.stdout)["pieces"] if p["id"] == piece)["status"])


def engine_text() -> str:
    return (SOLUTIONS / "engine.py").read_text(encoding="utf-8")


def test_reset_keeps_crlf_line_ends(solved: Workspace) -> None:
    engine = solved.path("engine.py")
    engine.write_bytes(engine_text().replace("\n", "\r\n").encode())
    result = invoke("reset", "tanh")
    assert result.exit_code == 0, result.output
    data = engine.read_bytes()
    assert b'raise NotImplementedError("tanh' in data
    assert data.count(b"\r\n") == data.count(b"\n") == engine_text().count("\n") - _lines_lost()


def _lines_lost() -> int:
    """How many fewer lines engine.py has once tanh is a stub again."""
    stub = source.segment(source.read(track_dir("exercises", "lecture") / "engine.py"), "Value.tanh")
    solution = source.segment(source.read(SOLUTIONS / "engine.py"), "Value.tanh")
    return solution.count("\n") - stub.count("\n")


def test_reset_in_a_tab_indented_file_puts_the_stub_back_with_tabs(solved: Workspace) -> None:
    engine = solved.path("engine.py")
    tabbed = "".join(_tabs(line) for line in engine_text().splitlines(keepends=True))
    engine.write_text(tabbed, encoding="utf-8")
    assert invoke("reset", "tanh").exit_code == 0
    after = engine.read_text(encoding="utf-8")
    compile(after, "engine.py", "exec")   # no TabError: "inconsistent use of tabs and spaces"
    stub = source.segment(source.read(engine), "Value.tanh")
    assert "NotImplementedError" in stub
    assert all(" " not in line[:len(line) - len(line.lstrip())] for line in stub.splitlines())   # tabs alone


def _tabs(line: str) -> str:
    spaces = len(line) - len(line.lstrip(" "))
    return "\t" * (spaces // 4) + " " * (spaces % 4) + line.lstrip(" ")


def test_a_file_with_a_byte_order_mark_is_read_and_graded_as_python_reads_it(solved: Workspace) -> None:
    engine = solved.path("engine.py")
    engine.write_bytes(codecs.BOM_UTF8 + engine_text().encode())
    read = source.read(engine)
    assert read.parse_error is None and "Value.tanh" in read.symbols
    assert graded("tanh") == "passed"
    assert invoke("reset", "tanh").exit_code == 0
    data = engine.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and ast.parse(data.decode("utf-8-sig"))


def test_a_latin_1_file_with_a_coding_line_is_read_graded_and_written_back_in_latin_1(solved: Workspace) -> None:
    engine = solved.path("engine.py")
    engine.write_bytes((LATIN + engine_text()).encode("latin-1"))
    read = source.read(engine)
    assert read.parse_error is None and "café" in read.text
    assert graded("tanh") == "passed"
    assert invoke("reset", "tanh").exit_code == 0
    after = engine.read_bytes().decode("latin-1")
    assert after.startswith(LATIN) and 'NotImplementedError("tanh' in after


def test_a_dangling_link_stops_reset_all_before_anything_is_written(solved: Workspace) -> None:
    engine = solved.path("engine.py")
    engine.unlink()
    engine.symlink_to(solved.root / "nowhere" / "engine.py")
    before = {p.name: p.read_bytes() for p in solved.root.glob("*.py") if p.exists()}
    result = invoke("reset", "--all")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "engine.py is a symbolic link" in result.output and len(result.output.strip().splitlines()) == 1
    assert {p.name: p.read_bytes() for p in solved.root.glob("*.py") if p.exists()} == before
    assert not (solved.state_dir / "backups").exists()


def test_restore_puts_back_the_bytes_as_backed_up(solved: Workspace) -> None:
    engine = solved.path("engine.py")
    written = (LATIN + engine_text()).replace("\n", "\r\n").encode("latin-1")
    engine.write_bytes(written)
    assert invoke("reset", "tanh").exit_code == 0
    assert invoke("restore", "1").exit_code == 0
    assert engine.read_bytes() == written
