"""What learner code prints, raises and returns is shown with its control characters made visible, never
as rich markup, and cut in the middle when it is long: on the terminal and in --json."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from micrograd_kata.cli import cli
from micrograd_kata.grading.failure_views import problem_view
from micrograd_kata.learner import workspace
from micrograd_kata.results import SHOWN_LIMIT, CheckResult, Failure, Location, PieceResult, Status, visible

ESCAPES = "\\x1b[2J\\x1b[?1049h\\x1b]0;pwned\\x07\\x9b31m"   # clear, alternate screen, title, C1 CSI: as Python source


def invoke(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "100"}).invoke(cli, list(args))


@pytest.fixture
def solved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "kata"
    workspace.init(root, source="solutions")
    monkeypatch.chdir(root)
    return root


def rewrite(root: Path, old: str, new: str) -> None:
    engine = root / "engine.py"
    text = engine.read_text()
    assert old in text
    engine.write_text(text.replace(old, new))


def hostile_tanh(root: Path) -> None:
    rewrite(root, "        x = self.data\n        t = (math.exp(2*x) - 1)",
            f'        print("{ESCAPES} [bold]loud[/bold]")\n'
            f'        raise ValueError("{ESCAPES} [red]boom[/red]")\n'
            "        x = self.data\n        t = (math.exp(2*x) - 1)")


def test_escapes_printed_or_raised_by_learner_code_reach_the_terminal_made_visible(solved: Path) -> None:
    hostile_tanh(solved)
    result = invoke("tanh")
    assert result.exit_code == 1, result.output
    assert not any(c in result.output for c in "\x1b\x07\x9b")
    assert r"\x1b[2J\x1b[?1049h\x1b]0;pwned\x07\x9b31m" in result.output
    assert "[bold]loud[/bold]" in result.output and "[red]boom[/red]" in result.output   # never markup


def test_escapes_are_made_visible_in_json_too(solved: Path) -> None:
    hostile_tanh(solved)
    piece = json.loads(invoke("tanh", "--json").stdout)["pieces"][0]
    for text in (piece["output"], piece["message"], piece["checks"][0]["failure"]["summary"]):
        assert "\x1b" not in text and r"\x1b[2J" in text


def test_a_20_mb_repr_is_cut_in_the_middle_before_it_reaches_json(solved: Path) -> None:
    rewrite(solved, 'return f"Value(data={self.data})"', 'return "<" + "9" * 20_000_000 + ">"')
    result = invoke("value", "--json")
    assert len(result.stdout) < 50_000
    got = json.loads(result.stdout)["pieces"][0]["checks"][-1]["failure"]["got"]
    assert got.startswith("'<999") and got.endswith("999>'") and "characters cut" in got


def test_visible_keeps_lines_and_tabs_and_changes_nothing_the_second_time() -> None:
    text = "a\tb\r\nc\x1b[0m\x00\x7f\x85"
    assert visible(text) == "a\tb\nc\\x1b[0m\\x00\\x7f\\x85"
    assert visible(visible(text)) == visible(text)
    long = visible("x" * 10 * SHOWN_LIMIT)
    assert len(long) <= SHOWN_LIMIT and visible(long) == long
    assert " … 36,040 characters cut … " in long   # 40,000 less 1,980 kept at each end


def test_records_hold_their_learner_text_made_visible() -> None:
    failure = Failure(summary="\x1b[2J", got="\x07", program=("a = \x1b",), where=Location("engine.py", 3, "\x1bx"))
    result = PieceResult("tanh", Status.ERROR, message="\x1b]0;t\x07", output="\x1bc")
    assert (failure.summary, failure.got, failure.program, str(failure.where)) == \
        (r"\x1b[2J", r"\x07", (r"a = \x1b",), r"engine.py:3 in \x1bx")
    assert (result.message, result.output, result.status) == (r"\x1b]0;t\x07", r"\x1bc", Status.ERROR)


def test_a_name_in_brackets_is_shown_as_written_not_as_markup() -> None:
    where = Location("engine.py", 3, "[bold]Value.tanh[/bold]")
    check = CheckResult("check_values", Status.ERROR, failure=Failure(summary="ValueError: [red]x[/red]"))
    result = PieceResult("tanh", Status.ERROR, checks=(check,), message="ValueError: [red]x[/red]", where=where)
    out = io.StringIO()
    Console(file=out, width=80, height=24).print(problem_view(result))
    assert "[bold]Value.tanh[/bold]" in out.getvalue() and "[red]x[/red]" in out.getvalue()


def test_grade_run_shows_an_error_s_escapes_made_visible(solved: Path) -> None:
    script = solved / "scratch.py"
    script.write_text(f'raise ValueError("{ESCAPES}")\n')
    result = invoke("run", str(script))
    assert result.exit_code == 1 and "\x1b" not in result.output and r"\x1b[2J" in result.output
