"""`grade diff PIECE`: the learner's code beside the solution's, locked until the piece passes."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from micrograd_kata import curriculum
from micrograd_kata.cli import cli
from micrograd_kata.learner import workspace
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.practice import diff, views
from tests.fakes import stand_in
from tests.practice_fakes import StaticGrader, solve


def invoke(*args: str, columns: int = 200) -> Result:
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def learner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    ws = workspace.init(tmp_path / "kata")
    monkeypatch.chdir(ws.root)
    stand_in(monkeypatch, StaticGrader().grade)
    return ws


def my_tanh(ws: Workspace) -> None:
    """A tanh that passes, written with math.tanh rather than the solution's exponentials."""
    solve(ws, "tanh")
    engine = ws.path("engine.py")
    engine.write_text(engine.read_text().replace(
        "t = (math.exp(2*x) - 1) / (math.exp(2*x) + 1)", "t = math.tanh(x)"))


def render(renderable: object, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_locked_until_the_piece_passes(learner: Workspace) -> None:
    result = invoke("diff", "tanh")
    assert result.exit_code == 1
    assert "tanh does not pass yet (todo)" in result.output and "grade diff tanh --peek" in result.output
    assert "math.exp(2*x)" not in result.output


def test_peek_shows_the_solution_before_it_passes(learner: Workspace) -> None:
    result = invoke("diff", "tanh", "--peek", "--layout", "unified")
    assert result.exit_code == 0
    assert "+        t = (math.exp(2*x) - 1) / (math.exp(2*x) + 1)" in result.output
    assert '-        raise NotImplementedError("tanh: Value.tanh")' in result.output
    assert "Return tanh(self)" not in result.output   # the docstring is no difference


def test_a_docstring_of_ones_own_is_no_difference(learner: Workspace) -> None:
    solve(learner, "tanh")
    engine = learner.path("engine.py")
    engine.write_text(engine.read_text().replace('"""Return tanh(self); d/dx tanh(x) = 1 - tanh(x)**2."""',
                                                 '"""My own words,\n        over two lines."""'))
    comparison = diff.compare(learner, curriculum.get("tanh"))
    assert comparison.pairs[0].same and comparison.unified() == ""
    assert "Your function is the solution's, docstrings aside." in invoke("diff", "tanh", "--layout", "unified").output


def test_side_by_side_on_a_wide_terminal(learner: Workspace) -> None:
    my_tanh(learner)
    result = invoke("diff", "tanh", columns=160)
    assert result.exit_code == 0
    assert "yours: engine.py" in result.output and "solution: solutions/lecture/engine.py" in result.output
    line = next(line for line in result.output.splitlines() if "math.tanh(x)" in line)
    assert "math.exp(2*x)" in line      # the two versions on the same row
    assert "Your function differs from the solution's (docstrings aside)" in result.output


def test_unified_when_narrow() -> None:
    ws_root = Path(__file__).resolve().parents[1] / "solutions" / "lecture"
    comparison = diff.compare(Workspace(ws_root), curriculum.get("derived-ops"))
    out = render(views.comparison_view(comparison, width=100), 100)
    assert "All 7 functions are the solution's, docstrings aside." in out


def test_a_missing_method_is_shown_as_missing(learner: Workspace) -> None:
    solve(learner, "derived-ops")
    engine = learner.path("engine.py")
    engine.write_text(engine.read_text().replace("    def __rsub__(self, other):  # other - self\n", "    def _gone(self, other):\n"))
    comparison = diff.compare(learner, curriculum.get("derived-ops"))
    out = render(views.side_by_side(comparison), 160)
    assert "Value.__rsub__ is not in your file" in out
    assert "(missing)" in comparison.unified()


def test_a_file_that_does_not_parse_is_an_error(learner: Workspace) -> None:
    learner.path("engine.py").write_text("def broken(:\n")
    result = invoke("diff", "tanh", "--peek")
    assert result.exit_code == 1 and "does not parse" in result.output


def test_json(learner: Workspace) -> None:
    my_tanh(learner)
    data = json.loads(invoke("diff", "tanh", "--json").stdout)
    assert data["unlocked"] and data["symbols"][0]["name"] == "Value.tanh" and not data["symbols"][0]["same"]
    assert "math.tanh(x)" in data["symbols"][0]["yours"]


def test_an_escape_written_into_ones_own_code_is_shown_not_sent_to_the_terminal(learner: Workspace) -> None:
    my_tanh(learner)
    engine = learner.path("engine.py")
    engine.write_text(engine.read_text().replace("t = math.tanh(x)", 't = math.tanh(x)  # "\x1b[2J"'))
    result = invoke("diff", "tanh", "--layout", "unified")
    assert "\x1b" not in result.output and r"\x1b[2J" in result.output
