"""What a newcomer met in the first hour (issue 8): progress that counts every piece that passes, a syntax error
that costs only its own piece, and messages that point at the right place and show the input that went wrong.

Each scenario is a workspace of the model answers with one small edit, graded for real.
"""
from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from micrograd_kata import grading
from micrograd_kata.cli import cli
from micrograd_kata.grading.failure_views import problem_view
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.practice import views as practice_views
from micrograd_kata.practice import watch
from micrograd_kata.results import Run, Status
from tests.grading_pool import GradingPool, describe, edited_solutions, line_of, result_of, selected_params
from tests.learner_bugs import Edit

TANH_BODY = '''        x = self.data
        t = (math.exp(2*x) - 1) / (math.exp(2*x) + 1)
        out = Value(t, (self, ), 'tanh')

        def _backward():
            self.grad += (1 - t**2) * out.grad
        out._backward = _backward

        return out
'''
RELU_LINE = "        out = Value(0 if self.data < 0 else self.data, (self, ), 'ReLU')\n"
RMUL = '''    def __rmul__(self, other):  # other * self
        """Return other * self."""
        return self * other
'''

# scenario -> the edits of the model answers that make it
SCENARIOS: dict[str, tuple[Edit, ...]] = {
    "tanh-drill": (Edit("engine.py", TANH_BODY, '        raise NotImplementedError("tanh: Value.tanh")\n'),),
    "relu-missing-paren": (Edit("engine.py", RELU_LINE, RELU_LINE.replace("'ReLU')", "'ReLU'")),),
}


def make(name: str, root: Path) -> Workspace:
    return edited_solutions(root / name, SCENARIOS[name])


@pytest.fixture(scope="module")
def graded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Run]]:
    """graded(scenario) -> the run of every piece; the scenarios this module's selected tests use are graded at once."""
    root = tmp_path_factory.mktemp("newcomer")
    pool = GradingPool()

    def submit(name: str):  # type: ignore[no-untyped-def]
        return pool.submit(name, partial(make, name, root), seed=7)

    for _, params in selected_params(request):
        if params.get("scenario") in SCENARIOS:
            submit(params["scenario"])
    yield lambda name: submit(name).result()[1]
    pool.close()


def invoke(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "100"}).invoke(cli, list(args), catch_exceptions=False)


def rendered(renderable: object, width: int = 80) -> str:
    console = Console(file=io.StringIO(), width=width, height=24)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


# 1. progress counts every piece that passes

def test_next_in_a_drill_counts_every_piece_that_passes(tmp_path: Path) -> None:
    """A drill of tanh: fifteen pieces pass, though grading in order reaches tanh after five of them."""
    ws = make("tanh-drill", tmp_path)
    result = invoke("next", "--workspace", str(ws.root))
    assert result.exit_code == 1
    assert "(tanh) todo" in result.output and "15 of 16 pieces pass" in result.output, result.output


def test_watch_counts_every_piece_that_passes(tmp_path: Path) -> None:
    ws = make("tanh-drill", tmp_path)
    verdict = watch.grade_current(ws, grading.grade, seed=7)
    assert verdict.piece is not None and verdict.piece.id == "tanh" and verdict.passing == 15
    assert "15 of 16 pieces pass" in rendered(practice_views.verdict_view(verdict, watching="the kata files"))


# 2. a syntax error costs only the piece it is in

def expect_only(run: Run, problems: dict[str, Status]) -> None:
    """Every piece was graded: those in `problems` have those statuses, every other piece passed."""
    assert {r.piece_id: r.status for r in run.results if r.status is not Status.PASSED} == problems, describe(run)
    assert len(run.results) == 16, describe(run)


def caret_lines(ws: Workspace) -> tuple[str, str]:
    """The line of relu that lost its `)`, as a learner reads it under the message, and the caret under the `(`."""
    line = line_of(ws, "engine.py", "        out = Value(0 if self.data < 0")
    written = RELU_LINE.strip().removesuffix(")")
    return f"{line} | {written}", "|" + " " * (written.index("(") + 1) + "^"


@pytest.mark.parametrize("scenario", ["relu-missing-paren"])
def test_a_syntax_error_inside_a_function_costs_that_piece_alone(scenario: str, graded: Callable[[str], Run],
                                                                   tmp_path: Path) -> None:
    run = graded(scenario)
    expect_only(run, {"relu": Status.ERROR})
    relu = result_of(run, "relu")
    ws = make(scenario, tmp_path)
    line = line_of(ws, "engine.py", "        out = Value(0 if self.data < 0")
    assert str(relu.where) == f"engine.py:{line} in Value.relu" and "SyntaxError" in relu.message, describe(run)
    failure = relu.checks[0].failure
    assert failure is not None and failure.source_line == RELU_LINE.rstrip("\n").removesuffix(")")
    assert failure.column == RELU_LINE.index("(") + 1  # Python points at the `(` that is never closed
    source, caret = caret_lines(ws)
    shown = rendered(problem_view(relu))
    assert source in shown and caret in shown, shown


def test_next_and_all_show_the_broken_line_of_relu(tmp_path: Path) -> None:
    ws = make("relu-missing-paren", tmp_path)
    source, caret = caret_lines(ws)
    next_ = invoke("next", "--workspace", str(ws.root))
    assert next_.exit_code == 1
    assert "(relu) error" in next_.output and "15 of 16 pieces pass" in next_.output, next_.output
    assert source in next_.output and caret in next_.output and "blocked" not in next_.output, next_.output
    every = invoke("--all", "--workspace", str(ws.root))
    assert "15 of 16 pieces pass" in every.output and "blocked" not in every.output, every.output
    assert "First problem: relu error" in every.output and source in every.output and caret in every.output
    verdict = watch.grade_current(ws, grading.grade, seed=7)
    assert verdict.piece is not None and verdict.piece.id == "relu" and verdict.passing == 15
    shown = rendered(practice_views.verdict_view(verdict, watching="the kata files"))
    assert source in shown and caret in shown, shown


def test_json_carries_the_broken_line_and_the_caret(tmp_path: Path) -> None:
    ws = make("relu-missing-paren", tmp_path)
    data = json.loads(invoke("relu", "--json", "--workspace", str(ws.root)).stdout)
    failure = data["pieces"][-1]["checks"][0]["failure"]
    assert failure["source_line"] == RELU_LINE.rstrip("\n").removesuffix(")")
    assert failure["column"] == RELU_LINE.index("(") + 1
