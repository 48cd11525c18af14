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
TANH_LINE = "        t = (math.exp(2*x) - 1) / (math.exp(2*x) + 1)\n"
TORCH = "import torch"
ADD_LINE = "        out = Value(self.data + other.data, (self, other), '+')\n"
WRAP = "        other = other if isinstance(other, Value) else Value(other)\n"

# scenario -> the edits of the model answers that make it
SCENARIOS: dict[str, tuple[Edit, ...]] = {
    "tanh-drill": (Edit("engine.py", TANH_BODY, '        raise NotImplementedError("tanh: Value.tanh")\n'),),
    "relu-missing-paren": (Edit("engine.py", RELU_LINE, RELU_LINE.replace("'ReLU')", "'ReLU'")),),
    "rmul-missing": (Edit("engine.py", RMUL, ""),),
    "torch-in-tanh": (Edit("engine.py", TANH_LINE, f"        {TORCH}\n{TANH_LINE}"),),
    "add-does-not-wrap": (Edit("engine.py", WRAP + ADD_LINE, ADD_LINE),),
    "exp-without-out-grad": (Edit("engine.py", "self.grad += out.data * out.grad", "self.grad += out.data"),),
    "neuron-without-tanh": (Edit("nn.py", "out = act.tanh()", "out = act"),),
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
    assert "(tanh) todo" in result.output and "16 of 17 pieces pass" in result.output, result.output


def test_watch_counts_every_piece_that_passes(tmp_path: Path) -> None:
    ws = make("tanh-drill", tmp_path)
    verdict = watch.grade_current(ws, grading.grade, seed=7)
    assert verdict.piece is not None and verdict.piece.id == "tanh" and verdict.passing == 16
    assert "16 of 17 pieces pass" in rendered(practice_views.verdict_view(verdict, watching="the kata files"))


# 2. a syntax error costs only the piece it is in

def expect_only(run: Run, problems: dict[str, Status]) -> None:
    """Every piece was graded: those in `problems` have those statuses, every other piece passed."""
    assert {r.piece_id: r.status for r in run.results if r.status is not Status.PASSED} == problems, describe(run)
    assert len(run.results) == 17, describe(run)


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
    assert "(relu) error" in next_.output and "16 of 17 pieces pass" in next_.output, next_.output
    assert source in next_.output and caret in next_.output and "blocked" not in next_.output, next_.output
    every = invoke("--all", "--workspace", str(ws.root))
    assert "16 of 17 pieces pass" in every.output and "blocked" not in every.output, every.output
    assert "First problem: relu error" in every.output and source in every.output and caret in every.output
    verdict = watch.grade_current(ws, grading.grade, seed=7)
    assert verdict.piece is not None and verdict.piece.id == "relu" and verdict.passing == 16
    shown = rendered(practice_views.verdict_view(verdict, watching="the kata files"))
    assert source in shown and caret in shown, shown


def test_json_carries_the_broken_line_and_the_caret(tmp_path: Path) -> None:
    ws = make("relu-missing-paren", tmp_path)
    data = json.loads(invoke("relu", "--json", "--workspace", str(ws.root)).stdout)
    failure = data["pieces"][-1]["checks"][0]["failure"]
    assert failure["source_line"] == RELU_LINE.rstrip("\n").removesuffix(")")
    assert failure["column"] == RELU_LINE.index("(") + 1


# 5. the place is the check's expression, or the piece whose function holds the import

@pytest.mark.parametrize("scenario", ["rmul-missing"])
def test_a_missing_reflected_method_shows_the_expression_not_an_unrelated_line(scenario: str,
                                                                              graded: Callable[[str], Run]) -> None:
    """A method missing from its file is not written yet (todo, at every scaffold level, as in a blank file), named
    with its file, not charged to an unrelated line."""
    run = graded(scenario)
    expect_only(run, {"derived-ops": Status.TODO})
    result = result_of(run, "derived-ops")
    assert result.message == "engine.py has no Value.__rmul__", describe(run)
    assert result.where is not None and result.where.file == "engine.py" and result.where.name is None


@pytest.mark.parametrize("scenario", ["torch-in-tanh"])
def test_a_forbidden_import_in_a_function_is_charged_to_its_piece(scenario: str, graded: Callable[[str], Run],
                                                                  tmp_path: Path) -> None:
    run = graded(scenario)
    expect_only(run, {"tanh": Status.ERROR})
    tanh = result_of(run, "tanh")
    line = line_of(make(scenario, tmp_path), "engine.py", f"        {TORCH}\n")
    assert str(tanh.where) == f"engine.py:{line} in Value.tanh" and "imports torch" in tanh.message, describe(run)


# 6. an exception shows the program that raised it, its inputs and the count of checks

@pytest.mark.parametrize("scenario", ["add-does-not-wrap"])
def test_an_exception_shows_the_smallest_program_that_raised(scenario: str, graded: Callable[[str], Run]) -> None:
    run = graded(scenario)
    expect_only(run, {"add-mul": Status.ERROR})
    result = result_of(run, "add-mul")
    problem = result.first_problem
    assert problem is not None and problem.failure is not None
    failure = problem.failure
    assert failure.summary.startswith("AttributeError: 'float' object has no attribute 'data'"), failure
    assert failure.program == ("a = Value(2.0)", "c = a + 2.5") and failure.inputs == "a = 2.0", failure
    assert failure.where is not None and failure.where.name == "Value.__add__", failure
    shown = rendered(problem_view(result))
    for expected in (f"{result.passed} of {result.total} checks pass", "c = a + 2.5", "a = 2.0", "AttributeError"):
        assert expected in shown, shown


# 7. the headline names the first wrong thing, on the simplest graph that shows it

@pytest.mark.parametrize("scenario", ["exp-without-out-grad"])
def test_exp_without_out_grad_is_headed_by_the_chain_rule(scenario: str, graded: Callable[[str], Run]) -> None:
    run = graded(scenario)
    expect_only(run, {"exp": Status.FAILED})
    problem = result_of(run, "exp").first_problem
    assert problem is not None and problem.failure is not None and problem.name == "check_chain_rule"
    failure = problem.failure
    assert failure.summary == "wrong gradient for a, used in e = a.exp()", failure.summary
    assert failure.program == ("a = Value(0.7)", "e = a.exp()", "f = e * 3", "f.backward()")
    assert "multiply it by out.grad" in (failure.hint or "") and "+=" not in (failure.hint or ""), failure.hint


@pytest.mark.parametrize("scenario", ["neuron-without-tanh"])
def test_a_neuron_without_tanh_is_said_to_miss_the_tanh(scenario: str, graded: Callable[[str], Run]) -> None:
    run = graded(scenario)
    expect_only(run, {"neuron": Status.FAILED})
    problem = result_of(run, "neuron").first_problem
    assert problem is not None and problem.failure is not None
    assert problem.name == "check_output_is_tanh_of_weighted_sum", problem.name
    assert "without the tanh" in problem.failure.summary and "act.tanh()" in (problem.failure.hint or "")
    assert problem.failure.where is not None and problem.failure.where.name == "Neuron.__call__"
