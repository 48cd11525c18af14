"""The rough edges a newcomer met in the first hour (issue 8, item 13), each as its own small case."""
from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from micrograd_kata import curriculum
from micrograd_kata.cli import cli, output
from micrograd_kata.grading.failure_views import problem_view
from micrograd_kata.learner import workspace
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.practice import watch
from micrograd_kata.results import CheckResult, Failure, Location, PieceResult, Status
from micrograd_kata.speedrun import session
from tests.fakes import PIECES, FakeClock, FakeGrader, failed, passed, results_where, stand_in
from tests.practice_fakes import StaticGrader, solve

README = Path(__file__).resolve().parents[1] / "README.md"


def invoke(*args: str, columns: int = 80) -> Result:
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(cli, list(args))


# --- what is printed, at 80 columns -----------------------------------------------------------

def test_a_note_on_a_terminal_wraps_between_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = workspace.init(tmp_path / "a-workspace-with-a-rather-long-name" / "kata", source="solutions")
    monkeypatch.chdir(ws.root)
    monkeypatch.setattr(session, "CLOCK", FakeClock())
    stand_in(monkeypatch, StaticGrader().grade)
    monkeypatch.setattr(output, "note_width", lambda: 80)
    started = invoke("--all", "--speedrun", "--once")
    lines = started.stderr.splitlines()
    assert len(lines) > 1 and all(len(line) <= 80 or " " not in line for line in lines)
    assert "The clock is running: attempt #1." in " ".join(lines)
    words = " ".join(lines).split()
    assert "The" in words and "clock" in words      # no word cut in two ("Th|e clock")


def test_wrapped_why_usually_lines_keep_their_indent() -> None:
    hint = "a node used twice must accumulate its grad with += in _backward, never assign it with ="
    result = PieceResult("tanh", Status.ERROR, message="TypeError: bad operand", where=Location("engine.py", 3),
                         checks=(CheckResult("check_x", Status.ERROR, failure=Failure(summary="x", hint=hint)),))
    console = Console(file=io.StringIO(), width=50)
    console.print(problem_view(result))
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    start = next(i for i, line in enumerate(lines) if line.startswith("why, usually"))
    column = lines[start].index("a node")
    assert len(lines) > start + 1
    assert all(line[:column].strip() == "" for line in lines[start + 1:])


def test_list_shows_every_symbol_whole_at_80_columns(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    out = invoke("list").output
    for piece in PIECES:
        for symbol in piece.symbols:
            assert symbol in out, symbol
    assert "…" not in out


def test_help_gives_each_command_its_whole_description(fake_grader: FakeGrader) -> None:
    out = invoke("--help").output
    commands = out[out.index("Commands:"):]
    assert "..." not in commands
    assert "once PIECE passes (or now, with --peek)" in " ".join(commands.split())


# --- pieces by number, hints for the current piece ---------------------------------------------

def test_a_piece_by_its_number_in_the_list(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    fake_grader.results = results_where(6, failed("tanh"))
    result = invoke("7")
    assert result.exit_code == 1 and fake_grader.calls[0]["pieces"] == (curriculum.get("tanh"),)
    assert "(tanh)" in result.output
    assert curriculum.get("17").id == "train"
    with pytest.raises(curriculum.UnknownPiece):
        curriculum.get("18")


def test_hint_without_a_piece_is_for_the_current_piece(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    fake_grader.results = results_where(6, failed("tanh"))
    result = invoke("hint")
    assert result.exit_code == 0, result.output
    assert "Hints: tanh" in result.output and "1. tanh(x)" in result.output
    assert fake_grader.calls[0]["stop_at_first_failure"] is True


def test_hint_without_a_piece_when_every_piece_passes(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    result = invoke("hint")
    assert result.exit_code == 2 and "Every piece passes" in result.output and "grade hint tanh" in result.output


def test_hints_start_over_for_what_is_reset(stub_workspace: Path) -> None:
    for piece in ("tanh", "tanh", "exp"):
        invoke("hint", piece)
    hints = stub_workspace / ".kata" / "hints.json"
    assert json.loads(hints.read_text()) == {"tanh": 2, "exp": 1}
    assert invoke("reset", "tanh").exit_code == 0
    assert json.loads(hints.read_text()) == {"exp": 1}
    assert invoke("reset", "--all").exit_code == 0
    assert json.loads(hints.read_text()) == {}
    invoke("hint", "relu")
    assert invoke("init", str(stub_workspace), "--force").exit_code == 0
    assert "1 of 3" in invoke("hint", "relu").output


def test_init_inside_a_file_is_a_message_not_a_traceback(stub_workspace: Path) -> None:
    result = invoke("init", "engine.py/sub")
    assert result.exit_code == 1 and not isinstance(result.exception, OSError)
    assert "Traceback" not in result.output
    assert "engine.py is a file where a folder should be" in result.output


# --- moving on, notes said once, exit codes ---------------------------------------------------

def test_next_says_which_pieces_passed_when_it_moves_on(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    fake_grader.results = results_where(6, failed("tanh"))
    assert "passed" not in invoke("next").output.split("╭")[0]
    fake_grader.results = results_where(8, failed("pow"))
    assert "✓ tanh and exp passed" in invoke("next").output
    assert "✓" not in invoke("next").output          # still on pow: nothing new to say
    fake_grader.results = results_where(17)
    assert "✓ pow, derived-ops, relu, neuron, layer, mlp, zero-grad, loss and train passed" in \
        " ".join(invoke("next").output.split())


def test_watch_says_which_piece_passed_when_it_moves_on(stub_workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in(monkeypatch, StaticGrader().grade)
    learner = Workspace(stub_workspace)

    def saves(ws: Workspace):
        solve(ws, "derivative")
        yield {"derivative.py"}

    monkeypatch.setattr(watch, "saves", saves)
    out = invoke("watch").output
    first, second = out.split("Graded at")[:2]
    assert "✓" not in first and "✓ derivative passed" in second
    assert watch.grade_current(learner, StaticGrader().grade).passed_now == ()


def test_the_torch_note_is_said_once_in_a_workspace(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    fake_grader.torch = False
    assert "torch is not installed" in invoke("next").output
    assert "torch is not installed" not in invoke("next").output
    assert "torch is not installed" not in invoke("--all", "--json").stderr


def test_list_exits_1_while_a_piece_does_not_pass(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    fake_grader.results = [passed(p.id) for p in PIECES[:-1]] + [failed("train")]
    assert invoke("list").exit_code == 1
    fake_grader.results = [passed(p.id) for p in PIECES]
    assert invoke("list").exit_code == 0


# --- wording ------------------------------------------------------------------------------------

def test_lists_in_messages_read_as_english(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    for name in ("derivative.py", "engine.py", "nn.py"):
        (stub_workspace / name).unlink()
    missing = invoke("next").output
    assert "derivative.py, engine.py and nn.py are missing from this workspace" in " ".join(missing.split())
    assert "Every file in this workspace is a stub again." in " ".join(invoke("reset", "--all").output.split())


def test_the_readme_says_what_json_does_to_a_speedrun() -> None:
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert "`--json` changes only the format" in text
    assert "`grade stats --json` reads the state without changing it" in text


def test_stats_as_json_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = workspace.init(tmp_path / "kata", source="solutions")
    monkeypatch.chdir(ws.root)
    monkeypatch.setattr(session, "CLOCK", FakeClock())
    stand_in(monkeypatch, StaticGrader().grade)
    invoke("tanh", "--speedrun", "--once")
    state = {p: p.read_bytes() for p in ws.state_dir.rglob("*") if p.is_file()}
    data = json.loads(invoke("stats", "--json").stdout)
    assert data["active"] == "tanh"
    assert {p: p.read_bytes() for p in ws.state_dir.rglob("*") if p.is_file()} == state


def test_a_folder_without_kata_state_is_never_written_to(fake_grader: FakeGrader, tmp_path: Path) -> None:
    """Like the kata's own exercises/, which may be an installed package: nothing is remembered there."""
    root = workspace.init(tmp_path / "plain").root
    shutil.rmtree(root / ".kata")   # its workspace.json with it
    fake_grader.torch = False
    fake_grader.results = results_where(6, failed("tanh"))
    for _ in range(2):
        assert "torch is not installed" in invoke("next", "--workspace", str(root)).output
    assert not (root / ".kata").exists()
