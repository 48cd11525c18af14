"""The failing program drawn in the terminal: a tree from the output back, the first wrong node marked, within 80
columns; it travels with the failure over the pipe and into --json, and is dropped first when a panel is short."""
from __future__ import annotations

import io
import json
from dataclasses import replace

from rich.console import Console, RenderableType

from micrograd_kata import curriculum
from micrograd_kata.checks import graphs
from micrograd_kata.checks.compare import ProgramValues, describe, first_difference, program_values
from micrograd_kata.grading import views
from micrograd_kata.grading.graph_views import MARK, MAX_ROWS, graph_view
from micrograd_kata.reference.engine import Value
from micrograd_kata.results import CheckResult, Failure, Location, PieceResult, Status

SHARED = graphs.program({"a": 2.0, "b": -1.0, "c": 1.5}, "x = a * b", "y = x + c", "z = y * c", "w = x * z")


def failing(program: graphs.Program, grads: dict[str, float], data: dict[str, float] | None = None) -> Failure:
    """The Failure a check reports when the learner's engine gets these grads (and data) wrong on the program."""
    expected = program_values(program, Value)
    got = ProgramValues({**expected.data, **(data or {})}, {**expected.grad, **grads})
    difference = first_difference(program, got, expected)
    assert difference is not None
    return replace(describe(difference, lambda d: (Location("engine.py", 27, "Value.__mul__"), "use +=")), seed=7)


def lines(renderable: RenderableType | None, width: int = 80, height: int | None = None) -> list[str]:
    console = Console(file=io.StringIO(), width=width, height=height, color_system=None)
    console.print(renderable)
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


def test_a_failure_carries_every_node_of_its_program() -> None:
    failure = failing(SHARED, {"x": 4.0, "a": 7.0})
    assert [n.name for n in failure.graph] == ["a", "b", "c", "x", "y", "z", "w"]
    x = failure.graph[3]
    assert (x.expression, x.op, x.operands) == ("a * b", "*", ("a", "b"))
    assert (x.data, x.grad, x.got_grad, x.wrong) == (-2.0, -3.75, 4.0, ("grad",))
    assert failure.graph[0].expression is None and failure.graph[-1].wrong == ()


def test_the_tree_starts_at_the_output_and_marks_the_first_wrong_node() -> None:
    drawn = lines(graph_view(failing(SHARED, {"x": 4.0, "a": 7.0})))
    assert drawn[1].startswith("w = x * z")
    marked = [line for line in drawn if MARK in line]
    assert len(marked) == 1 and "├── x = a * b" in marked[0] and "-3.7500" in marked[0] and "4.0000" in marked[0]
    assert any("x ↑" in line for line in drawn), "a node used twice is drawn once, then pointed back to"
    assert all(len(line) <= 80 for line in drawn)


def test_a_wrong_value_shows_the_learners_data() -> None:
    failure = failing(SHARED, {}, data={"y": 9.0})
    marked = next(line for line in lines(graph_view(failure)) if MARK in line)
    assert "y = x + c" in marked and "data 9.0000" in marked and failure.node == "y"


def test_numbers_that_differ_after_four_decimals_are_told_apart() -> None:
    failure = failing(SHARED, {"w": 1.00003})
    marked = next(line for line in lines(graph_view(failure)) if MARK in line)
    assert marked.count("1.00003") == 1 and "1.000000" in marked, marked


def test_a_tall_graph_keeps_the_path_to_the_wrong_node_and_counts_the_rest() -> None:
    chain = [f"n{i} = n{i - 1} + k{i}" for i in range(1, 12)]
    program = graphs.program({"n0": 1.0, **{f"k{i}": float(i) for i in range(1, 12)}}, *chain)
    drawn = lines(graph_view(failing(program, {"n3": 5.0})))
    assert len(drawn) <= MAX_ROWS + 2 and any("more node" in line for line in drawn)
    assert drawn[1].startswith("n11 = n10 + k11")
    assert any(MARK in line and "n3 = n2 + k3" in line for line in drawn)
    assert any("n2 = n1 + k2" in line for line in drawn) and any("k3" in line for line in drawn)


def test_the_graph_travels_over_the_pipe_and_into_json() -> None:
    failure = failing(SHARED, {"x": 4.0, "a": 7.0})
    result = PieceResult("add-mul", Status.FAILED, checks=(CheckResult("check_x", Status.FAILED, failure=failure),))
    assert PieceResult.from_dict(json.loads(json.dumps(result.to_dict()))) == result
    run = views.Run((result,), seed=7)
    graph = json.loads(json.dumps(views.to_json(run, curriculum.load())))["pieces"][0]["checks"][0]["failure"]["graph"]
    assert graph[3] == {"name": "x", "expression": "a * b", "op": "*", "operands": ["a", "b"], "data": -2.0,
                        "grad": -3.75, "got_data": -2.0, "got_grad": 4.0, "wrong": ["grad"]}


def test_the_panel_draws_the_graph_when_there_is_room_and_drops_it_when_not() -> None:
    failure = failing(SHARED, {"x": 4.0, "a": 7.0})
    result = PieceResult("add-mul", Status.FAILED, checks=(CheckResult("check_x", Status.FAILED, failure=failure),),
                         message=failure.summary, look_at=failure.where)
    panel = views.next_panel(curriculum.get("add-mul"), result, location=failure.where, total_pieces=16, passing=1)
    tall = lines(panel, height=80)
    assert any(MARK in line for line in tall) and any("where" in line for line in tall)
    short = lines(panel, height=24)
    assert len(short) <= 24 and not any(MARK in line for line in short)
    assert any("engine.py:27" in line for line in short)
