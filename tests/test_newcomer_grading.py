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
from micrograd_kata.results import PieceResult, Run, Status
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
