"""Every known learner bug fails first at its own piece, with a message that says where; every correct
alternative style passes every piece. The cases live in tests/learner_bugs.py."""
from __future__ import annotations

import ast
import io
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from micrograd_kata import curriculum
from micrograd_kata.grading.graph_views import MARK, graph_view
from micrograd_kata.learner import source, workspace
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.results import Failure, Run, Status
from tests.grading_pool import GradingPool, apply_edit, describe, edited_solutions, selected_params, symbol_range
from tests.learner_bugs import BUGS, ORDER_SENSITIVE, STYLES, Bug, Style

PIECES = curriculum.load()
SEEDS = (101, 202, 303)  # an order-sensitive bug is graded with all three, the others with the first

Graded = Callable[[Bug | Style, int], tuple[Workspace, Run]]

CASES: tuple[Bug | Style, ...] = (*BUGS, *STYLES)
# bugs that delete a method the checks call from their own expression (2.5 + a): bug id -> the method
MISSING_METHOD = {"radd-missing": "__radd__"}


def seeds_for(case: Bug | Style) -> tuple[int, ...]:
    return SEEDS if case.id in ORDER_SENSITIVE else SEEDS[:1]


@pytest.fixture(scope="module")
def graded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graded]:
    """graded(case, seed) -> (workspace, run); every selected case is submitted at once, two gradings at a time."""
    root = tmp_path_factory.mktemp("learner-bugs")
    pool = GradingPool()

    def job(case: Bug | Style, seed: int) -> tuple[tuple[str, int], Callable[[], Workspace], dict[str, Any]]:
        prepare = partial(edited_solutions, root / f"{case.id}-{seed}", case.edits)
        return (case.id, seed), prepare, {"stop_at_first_failure": isinstance(case, Bug), "seed": seed}

    def grade(case: Bug | Style, seed: int) -> tuple[Workspace, Run]:
        key, prepare, options = job(case, seed)
        return pool.result(key, prepare, **options)

    for _, params in selected_params(request):
        case: Bug | Style | None = params.get("bug") or params.get("style")
        if case is None:
            continue
        for seed in seeds_for(case):
            key, prepare, options = job(case, seed)
            pool.submit(key, prepare, **options)
    yield grade
    pool.close()


# the catalogue itself

def test_catalogue_covers_every_piece() -> None:
    assert len(BUGS) >= 32 and len(STYLES) >= 10
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids)), "ids must be unique: they are the test ids"
    assert {b.piece for b in BUGS} == {p.id for p in PIECES}, "every piece needs at least one known bug"
    assert ORDER_SENSITIVE <= {b.id for b in BUGS}


@pytest.mark.parametrize("bug", BUGS, ids=[b.id for b in BUGS])
def test_bug_edits_its_own_pieces_code(bug: Bug) -> None:
    """Each edit replaces text inside the functions and methods of the bug's piece, in that piece's file."""
    piece = curriculum.get(bug.piece)
    solutions = workspace.package_dir("solutions")
    for edit in bug.edits:
        assert edit.file == piece.file
        read = source.read(solutions / edit.file)
        assert read.text.count(edit.old) == 1, f"{edit.old!r} must occur exactly once in solutions/{edit.file}"
        first = read.text[:read.text.index(edit.old)].count("\n") + 1
        last = first + edit.old.rstrip("\n").count("\n")
        touched = {s.name for s in read.symbols.values() if s.start <= last and first <= s.end}
        assert touched and touched <= set(piece.symbols), f"{bug.id} edits {touched}, not only {piece.symbols}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_edits_apply_and_still_parse(case: Bug | Style, tmp_path: Path) -> None:
    """The edits apply in order, each `old` found exactly once, and leave valid Python: a runtime slip, not a typo."""
    ws = workspace.init(tmp_path / "ws", source="solutions")
    for edit in case.edits:
        apply_edit(ws, edit.file, edit.old, edit.new)
    for file in {edit.file for edit in case.edits}:
        ast.parse(ws.path(file).read_text(encoding="utf-8"))


# grading the bugs and the styles

def expect_fails_first_at_its_piece(bug: Bug, ws: Workspace, run: Run) -> None:
    piece = curriculum.get(bug.piece)
    report = f"{bug.id} ({bug.why}):\n{describe(run)}"
    assert [r.piece_id for r in run.results] == [p.id for p in PIECES[:piece.index + 1]], report
    assert all(r.status is Status.PASSED for r in run.results[:-1]), f"an earlier piece did not pass: {report}"
    result = run.results[-1]
    assert result.status in (Status.FAILED, Status.ERROR), report

    # the message says what went wrong, and where: a line of the bug's piece in the bug's file
    problem = result.first_problem
    assert problem is not None and problem.failure is not None and problem.failure.summary, report
    assert result.message, report
    if problem.status is Status.FAILED:
        assert problem.failure.expected and problem.failure.got, f"a failure says expected and got: {report}"
    file = bug.edits[0].file
    if bug.id in MISSING_METHOD:  # no line of the learner's is at fault: the place is the class that lacks it
        assert str(problem.failure.where) == f"{file} in Value", report
        assert f"Value has no {MISSING_METHOD[bug.id]}" in problem.failure.summary and problem.failure.program, report
        return
    assert str(problem.failure.where).startswith(f"{file}:"), report
    where = result.where
    assert where and where.file == file and where.line is not None and where.name, \
        f"where should be {file}:LINE in NAME: {report}"
    name = where.name.split(".<locals>")[0]
    assert name in piece.symbols, f"where names {name}, not a symbol of {piece.id}: {report}"
    start, end = symbol_range(ws, file, name)
    assert start <= where.line <= end, report


@pytest.mark.parametrize("bug", BUGS, ids=[b.id for b in BUGS])
def test_bug_fails_first_at_its_piece(bug: Bug, graded: Graded) -> None:
    """Graded in curriculum order, stopping at the first piece that does not pass: the bug's piece is that piece.

    A bug whose effect could depend on the iteration order of a set `_prev` must fail on every run, not on
    some: it is graded with three seeds (in three processes, so with three memory layouts).
    """
    for seed in seeds_for(bug):
        ws, run = graded(bug, seed)
        expect_fails_first_at_its_piece(bug, ws, run)


@pytest.mark.parametrize("style", STYLES, ids=[s.id for s in STYLES])
def test_style_passes_every_piece(style: Style, graded: Graded) -> None:
    _, run = graded(style, SEEDS[0])
    assert [r.piece_id for r in run.results] == [p.id for p in PIECES]
    assert run.all_passed, f"{style.id} ({style.why}) is correct code:\n{describe(run)}"


def drawn_failure(bug: Bug, graded: Graded) -> Failure | None:
    """The failure of the bug's first failing check, when it comes with a graph to draw."""
    _, run = graded(bug, SEEDS[0])
    problem = run.results[-1].first_problem
    return problem.failure if problem is not None and problem.failure and problem.failure.graph else None


@pytest.mark.parametrize("bug", BUGS, ids=[b.id for b in BUGS])
def test_the_failing_graph_is_drawn_in_80_columns(bug: Bug, graded: Graded) -> None:
    """The smallest failing program of a wrong value or gradient, drawn from the output back: every line within 80
    columns, no node's label or number cut, and the first wrong node marked with the learner's number beside it."""
    failure = drawn_failure(bug, graded)
    if failure is None:
        pytest.skip("its first failure has no graph: not a wrong value or gradient of an expression")
    console = Console(file=io.StringIO(), width=80, color_system=None)
    console.print(graph_view(failure))
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    drawing = "\n".join(lines)
    assert all(len(line) <= 80 for line in lines), drawing
    assert all("…" not in line or "more node" in line for line in lines), f"a node was cut:\n{drawing}"
    output = failure.graph[-1]
    assert lines[1].startswith(output.name), f"the output {output.name} comes first:\n{drawing}"
    marked = [line for line in lines if MARK in line]
    wrong = next(n for n in failure.graph if n.name == failure.node)
    assert len(marked) == 1, drawing
    assert marked[0].lstrip("│├└─ ").startswith(wrong.name), drawing
    quantity = wrong.wrong[0]
    assert wrong.wrong and f"{getattr(wrong, quantity):.4f}"[:5] in marked[0], drawing


def test_wrong_gradients_of_many_bugs_are_drawn(graded: Graded) -> None:
    """The drawing is not a corner case: the failures of most bugs of the engine's pieces come with a graph."""
    drawn = [bug.id for bug in BUGS if drawn_failure(bug, graded) is not None]
    assert len(drawn) >= 12, drawn
