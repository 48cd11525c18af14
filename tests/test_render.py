"""The pure renderers, printed to a StringIO console."""
from __future__ import annotations

import io
import json

from rich.console import Console, RenderableType

from micrograd_kata import curriculum
from micrograd_kata.grading import views
from micrograd_kata.grading.failure_views import brief_problem, failure_view, output_view, problem_view
from micrograd_kata.results import CheckResult, Failure, Location, PieceResult, Run, Status
from tests.fakes import PIECES, WRONG_GRAD, failed, passed, results_where, todo


def text(renderable: RenderableType | None, width: int = 100) -> str:
    console = Console(file=io.StringIO(), width=width)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_failure_view_shows_every_detail() -> None:
    out = text(failure_view(WRONG_GRAD, "add-mul"))
    for expected in ["c = a * a", "c.backward()", "a = 2.0", "a.grad = 4.0", "a.grad = 2.0", "first wrong grad",
                     "engine.py:27 in Value.__mul__", "+=", "1e-6", "grade add-mul --seed 1234"]:
        assert expected in out, expected


def test_failure_view_leaves_out_what_it_does_not_know_and_keeps_brackets() -> None:
    out = text(failure_view(Failure(summary="wrong output", expected="[1.0, 2.0]", got="[bold]x[/bold]")))
    assert "[1.0, 2.0]" in out and "[bold]x[/bold]" in out
    assert "replay" not in out and "program" not in out and "where" not in out


def test_problem_view_for_each_status() -> None:
    assert "All 3 checks pass" in text(problem_view(passed("tanh")))
    assert "Not written yet" in text(problem_view(todo("tanh")))
    blocked = text(problem_view(PieceResult("tanh", Status.BLOCKED, blocked_by="add-mul")))
    assert "add-mul" in blocked and "grade add-mul" in blocked
    error = text(problem_view(PieceResult("tanh", Status.ERROR, message="TypeError: bad operand", where=Location("engine.py", 3))))
    assert "Error: TypeError: bad operand" in error and "engine.py:3" in error
    assert "Too slow: still running" in text(problem_view(PieceResult("tanh", Status.TIMEOUT,
                                                                      message="still running after 5 s")))
    failing = text(problem_view(failed("tanh")))
    assert "2 of 3 checks pass" in failing and "check_reuse" in failing and "wrong gradient" in failing


def test_a_failed_check_without_details_falls_back_to_the_message() -> None:
    result = PieceResult("exp", Status.FAILED, message="exp(0) should be 1",
                         checks=(CheckResult("check_forward", Status.FAILED),))
    assert "exp(0) should be 1" in text(problem_view(result))


def test_output_is_cut_short() -> None:
    assert output_view("") is None
    out = text(output_view("x" * 5000))
    assert "cut short" in out and out.count("x") < 1500
    assert "cut short" not in text(output_view("hello\n"))


def test_next_panel_has_title_edit_goal_hint_and_progress() -> None:
    tanh = curriculum.get("tanh")
    out = text(views.next_panel(tanh, failed("tanh"), location=Location("engine.py", 40, "Value.tanh"), total_pieces=17,
                                 passing=6, workspace="../kata"))
    for expected in ["tanh (tanh)", "failed", "engine.py: Value.tanh", "engine.py:40 in Value.tanh",
                     "(1 - t**2)", "grade hint tanh", "6 of 17 pieces pass", "../kata"]:
        assert expected in out, expected
    place = text(views.next_panel(tanh, passed("tanh"), location=None, total_pieces=17))
    assert "piece 7 of 17" in place and "grade hint" not in place


def test_all_done_panel_suggests_what_next() -> None:
    run = Run(tuple(passed(p.id) for p in PIECES), seed=1)
    out = text(views.all_done_panel(run, 17))
    assert "All 17 pieces pass: 51 of 51 checks" in out
    assert "grade --all --speedrun" in out and "grade drill PIECE" in out and "grade init ../attempt-2" in out


def test_results_table_and_score() -> None:
    run = Run(tuple(results_where(2, failed("add-mul"))), seed=1)
    out = text(views.all_view(run, PIECES))
    assert "derivative" in out and "3/3" in out and "2/3" in out and "–" in out
    assert "Score: 8/9 checks passed (89%); 2 of 17 pieces pass." in out
    assert "First problem: add-mul failed" in out and "engine.py:27" in out


def test_score_when_no_check_ran() -> None:
    run = Run(tuple(todo(p.id) for p in PIECES), seed=1)
    assert "no checks ran yet" in text(views.score_text(run))


def test_brief_problem_for_a_blocked_piece() -> None:
    out = text(brief_problem(PieceResult("tanh", Status.BLOCKED, blocked_by="add-mul")))
    assert "blocked until add-mul passes" in out and "grade tanh" in out


def test_curriculum_table() -> None:
    run = Run(tuple(results_where(1)), seed=1)
    out = text(views.curriculum_table(PIECES, run), width=160)
    for piece in PIECES:
        assert piece.id in out and piece.file in out
    assert "Value.__rtruediv__" in out and "passed" in out and "todo" in out
    assert "status" not in text(views.curriculum_table(PIECES), width=160)


def test_hint_panel_counts_and_ends_with_diff() -> None:
    tanh = curriculum.get("tanh")
    first = text(views.hint_panel(tanh, 1))
    assert "1. tanh(x)" in first and "2. " not in first and "1 of 3" in first and "again" in first
    last = text(views.hint_panel(tanh, 3), width=200)
    assert "3. Return" in last and "That was the last hint" in last and "grade diff tanh --peek" in last
    assert "No more hints for tanh" in text(views.hint_panel(tanh, 3, exhausted=True), width=200)


def test_notes_view() -> None:
    assert views.notes_view(Run((), seed=1)) is None
    out = text(views.notes_view(Run((), seed=1, torch=False, notes=("slow machine",))))
    assert "torch is not installed" in out and "slow machine" in out


def test_init_view_quotes_the_directory() -> None:
    assert "cd 'my kata' && grade next" in text(views.init_view("my kata", None))
    assert "backed up to /tmp/b" in text(views.init_view("k", "/tmp/b"))


def test_to_json_is_plain_json_in_curriculum_order() -> None:
    run = Run(tuple(results_where(2, failed("add-mul"))), seed=7, torch=False)
    data = json.loads(json.dumps(views.to_json(run, PIECES)))
    assert data["score"] == round(8 / 9, 4) and data["passed"] == 8 and data["total"] == 9
    assert data["seed"] == 7 and data["torch"] is False
    assert [p["id"] for p in data["pieces"]] == [p.id for p in PIECES]
    add_mul = data["pieces"][2]
    assert add_mul == {**add_mul, "id": "add-mul", "file": "engine.py", "status": "failed", "passed": 2, "total": 3,
                       "symbols": ["Value.__add__", "Value.__mul__"], "message": WRONG_GRAD.summary}
    assert add_mul["checks"][2]["failure"]["where"] == "engine.py:27 in Value.__mul__"


def test_static_verdicts_read_as_todo_and_error_not_as_failed_checks() -> None:
    def static(status: Status, message: str) -> PieceResult:
        failure = Failure(summary=message, where=Location("engine.py", 8, "Value.__init__"))
        return PieceResult("value", status, message=message, where=failure.where,
                           checks=tuple(CheckResult(n, status, failure=failure) for n in ("check_a", "check_b")))

    todo_out = text(problem_view(static(Status.TODO, "Value.__init__ still raises NotImplementedError")))
    assert "Not written yet: Value.__init__ still raises" in todo_out and "checks pass" not in todo_out
    error_out = text(problem_view(static(Status.ERROR, "SyntaxError: invalid syntax (engine.py:9)")))
    assert "Error: SyntaxError" in error_out and "checks pass" not in error_out


def test_the_torch_note_is_not_repeated() -> None:
    given = ("torch is not installed: graded against the reference alone",)
    run = Run((), seed=1, torch=False, notes=given)
    assert run.notes == given
