"""The speedrun's splits table says, under the current piece's row, why that piece does not pass yet, and where."""
from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rich.console import Console

from micrograd_kata import curriculum
from micrograd_kata.cli import cli, output
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner import workspace
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.results import Location, PieceResult, Run, Status
from micrograd_kata.speedrun import session
from micrograd_kata.speedrun.live import live
from micrograd_kata.speedrun.session import Speedrun
from tests.fakes import FakeClock, stand_in
from tests.practice_fakes import StaticGrader, solve

SYNTAX_ERROR = PieceResult("tanh", Status.ERROR, message="SyntaxError: '(' was never closed",
                           where=Location("engine.py", 65, "Value.tanh"))


class BrokenTanh(StaticGrader):
    """Judges by the source, except that tanh has a syntax error."""

    def grade(self, workspace: Workspace, pieces: Sequence[Piece] | None = None, **options: Any) -> Run:
        run = super().grade(workspace, pieces, **options)
        return Run(tuple(SYNTAX_ERROR if r.piece_id == "tanh" else r for r in run.results), seed=run.seed)


@pytest.fixture
def solved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    ws = workspace.init(tmp_path / "kata", source="solutions")
    monkeypatch.chdir(ws.root)
    monkeypatch.setattr(session, "CLOCK", FakeClock())
    return ws


def the_row_and_the_line_under_it(out: str, piece: str) -> tuple[str, str]:
    lines = out.splitlines()
    at = max(i for i, line in enumerate(lines) if f"▸ {piece}" in line)   # the last drawn
    return lines[at], lines[at + 1]


def test_the_live_table_says_why_the_current_piece_fails(solved: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in(monkeypatch, BrokenTanh().grade)
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=80, height=30, color_system=None)
    run = Speedrun.of(solved, [curriculum.get("tanh")], output.note)
    run.start_or_resume()
    assert live(run, console, seed=1, timeout=5.0, batches=iter([{"engine.py"}, set()])) == 1
    row, under = the_row_and_the_line_under_it(screen.getvalue(), "tanh")
    assert under.startswith("│") and under.rstrip().endswith("│") and len(under) == len(row)
    assert "error" in under and "SyntaxError: '(' was never closed" in under and "engine.py:65" in under


def test_a_one_off_grading_says_it_too_with_real_grading(solved: Workspace) -> None:
    runner = CliRunner(env={"COLUMNS": "100"})
    assert runner.invoke(cli, ["tanh", "--speedrun", "--once"]).exit_code == 1
    engine = solved.path("engine.py")
    engine.write_text(engine.read_text().replace('        raise NotImplementedError("tanh: Value.tanh")',
                                                 "        t = (math.exp(2 * self.data)\n        return Value(t)"))
    result = runner.invoke(cli, ["tanh", "--speedrun", "--once"])
    assert result.exit_code == 1
    _, under = the_row_and_the_line_under_it(result.stdout, "tanh")
    assert "error" in under and "SyntaxError" in under and "engine.py:" in under


def test_no_line_once_the_piece_passes(solved: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in(monkeypatch, StaticGrader().grade)
    runner = CliRunner(env={"COLUMNS": "100"})
    assert "└ todo" in runner.invoke(cli, ["derivative", "--speedrun", "--once"]).stdout
    solve(solved, "derivative")
    finished = runner.invoke(cli, ["derivative", "--speedrun", "--once"])
    assert finished.exit_code == 0 and "└" not in finished.stdout.split("┡")[1].split("└─")[0]
