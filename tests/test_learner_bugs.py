"""Every known learner bug fails first at its own piece, with a message that says where; every correct
alternative style passes every piece. On every track: the lecture's cases live in tests/learner_bugs.py, another
track's in tests/learner_bugs_<track>.py (the same Edit, Bug and Style; each Edit's file is in solutions/<track>/)."""
from __future__ import annotations

import ast
import importlib
import importlib.util
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
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
from tests.learner_bugs import Bug, Style

SEEDS = (101, 202, 303)  # an order-sensitive bug is graded with all three, the others with the first
# how many known bugs and correct styles a track needs at least (issue 9 asks 15 and 5 of a new track)
AT_LEAST = {"lecture": (32, 10)}
NEW_TRACK = (15, 5)


@dataclass(frozen=True)
class Catalogue:
    """A track's known bugs and styles, from its module of tests/: BUGS, STYLES, and optionally ORDER_SENSITIVE (bug
    ids graded with three seeds) and MISSING_METHOD (bugs that delete a method the checks call from their own
    expression, 2.5 + a: bug id -> the method)."""

    track: str
    bugs: tuple[Bug, ...] = ()
    styles: tuple[Style, ...] = ()
    order_sensitive: frozenset[str] = frozenset()
    missing_method: dict[str, str] = field(default_factory=dict)


def catalogue(track: str) -> Catalogue:
    """tests/learner_bugs.py for the lecture, tests/learner_bugs_<track>.py for another track (empty without one)."""
    name = "tests.learner_bugs" if track == curriculum.LECTURE else f"tests.learner_bugs_{track}"
    if importlib.util.find_spec(name) is None:
        return Catalogue(track)
    module = importlib.import_module(name)
    return Catalogue(track, tuple(module.BUGS), tuple(module.STYLES), frozenset(getattr(module, "ORDER_SENSITIVE", ())),
                     dict(getattr(module, "MISSING_METHOD", {})))


CATALOGUES = {track: catalogue(track) for track in curriculum.track_names()}
BUGS = [(c.track, bug) for c in CATALOGUES.values() for bug in c.bugs]
STYLES = [(c.track, style) for c in CATALOGUES.values() for style in c.styles]
CASES: list[tuple[str, Bug | Style]] = [*BUGS, *STYLES]

Graded = Callable[[str, Bug | Style, int], tuple[Workspace, Run]]


def ids(cases: list[tuple[str, Any]]) -> list[str]:
    return [f"{track}/{case.id}" for track, case in cases]


def seeds_for(track: str, case: Bug | Style) -> tuple[int, ...]:
    return SEEDS if case.id in CATALOGUES[track].order_sensitive else SEEDS[:1]


@pytest.fixture(scope="module")
def graded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graded]:
    """graded(track, case, seed) -> (workspace, run); every selected case is submitted at once, two gradings at a
    time."""
    root = tmp_path_factory.mktemp("learner-bugs")
    pool = GradingPool()

    def job(track: str, case: Bug | Style, seed: int) -> tuple[tuple[str, str, int], Callable[[], Workspace],
                                                                dict[str, Any]]:
        prepare = partial(edited_solutions, root / track / f"{case.id}-{seed}", case.edits, track)
        return (track, case.id, seed), prepare, {"stop_at_first_failure": isinstance(case, Bug), "seed": seed}

    def grade(track: str, case: Bug | Style, seed: int) -> tuple[Workspace, Run]:
        key, prepare, options = job(track, case, seed)
        return pool.result(key, prepare, **options)

    for _, params in selected_params(request):
        case: Bug | Style | None = params.get("bug") or params.get("style")
        if case is None:
            continue
        for seed in seeds_for(params["track"], case):
            key, prepare, options = job(params["track"], case, seed)
            pool.submit(key, prepare, **options)
    yield grade
    pool.close()


# the catalogue itself

@pytest.mark.parametrize("track", curriculum.track_names())
def test_catalogue_covers_every_piece(track: str) -> None:
    found = CATALOGUES[track]
    bugs, styles = AT_LEAST.get(track, NEW_TRACK)
    assert len(found.bugs) >= bugs and len(found.styles) >= styles
    names = [bug.id for bug in found.bugs] + [style.id for style in found.styles]
    assert len(names) == len(set(names)), "ids must be unique: they are the test ids"
    assert {b.piece for b in found.bugs} == {p.id for p in curriculum.load(track)}, "every piece needs a known bug"
    assert found.order_sensitive <= {b.id for b in found.bugs}


@pytest.mark.parametrize(("track", "bug"), BUGS, ids=ids(BUGS))
def test_bug_edits_its_own_pieces_code(track: str, bug: Bug) -> None:
    """Each edit replaces text inside the functions and methods of the bug's piece, in that piece's file."""
    piece = curriculum.get(bug.piece, track)
    solutions = workspace.track_dir("solutions", track)
    for edit in bug.edits:
        assert edit.file == piece.file
        read = source.read(solutions / edit.file)
        assert read.text.count(edit.old) == 1, f"{edit.old!r} must occur exactly once in solutions/{track}/{edit.file}"
        first = read.text[:read.text.index(edit.old)].count("\n") + 1
        last = first + edit.old.rstrip("\n").count("\n")
        touched = {s.name for s in read.symbols.values() if s.start <= last and first <= s.end}
        assert touched and touched <= set(piece.symbols), f"{bug.id} edits {touched}, not only {piece.symbols}"


@pytest.mark.parametrize(("track", "case"), CASES, ids=ids(CASES))
def test_edits_apply_and_still_parse(track: str, case: Bug | Style, tmp_path: Path) -> None:
    """The edits apply in order, each `old` found exactly once, and leave valid Python: a runtime slip, not a typo."""
    ws = workspace.init(tmp_path / "ws", source="solutions", track=track)
    for edit in case.edits:
        apply_edit(ws, edit.file, edit.old, edit.new)
    for file in {edit.file for edit in case.edits}:
        ast.parse(ws.path(file).read_text(encoding="utf-8"))


# grading the bugs and the styles

def expect_fails_first_at_its_piece(track: str, bug: Bug, ws: Workspace, run: Run) -> None:
    piece = curriculum.get(bug.piece, track)
    report = f"{track}/{bug.id} ({bug.why}):\n{describe(run)}"
    assert [r.piece_id for r in run.results] == [p.id for p in curriculum.load(track)[:piece.index + 1]], report
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
    missing = CATALOGUES[track].missing_method
    if bug.id in missing:  # no line of the learner's is at fault: the place is the class that lacks it
        assert str(problem.failure.where) == f"{file} in Value", report
        assert f"Value has no {missing[bug.id]}" in problem.failure.summary and problem.failure.program, report
        return
    assert str(problem.failure.where).startswith(f"{file}:"), report
    where = result.where
    assert where and where.file == file and where.line is not None and where.name, \
        f"where should be {file}:LINE in NAME: {report}"
    name = where.name.split(".<locals>")[0]
    assert name in piece.symbols, f"where names {name}, not a symbol of {piece.id}: {report}"
    start, end = symbol_range(ws, file, name)
    assert start <= where.line <= end, report


@pytest.mark.parametrize(("track", "bug"), BUGS, ids=ids(BUGS))
def test_bug_fails_first_at_its_piece(track: str, bug: Bug, graded: Graded) -> None:
    """Graded in curriculum order, stopping at the first piece that does not pass: the bug's piece is that piece.

    A bug whose effect could depend on the iteration order of a set `_prev` must fail on every run, not on
    some: it is graded with three seeds (in three processes, so with three memory layouts).
    """
    for seed in seeds_for(track, bug):
        ws, run = graded(track, bug, seed)
        expect_fails_first_at_its_piece(track, bug, ws, run)


@pytest.mark.parametrize(("track", "style"), STYLES, ids=ids(STYLES))
def test_style_passes_every_piece(track: str, style: Style, graded: Graded) -> None:
    _, run = graded(track, style, SEEDS[0])
    assert [r.piece_id for r in run.results] == [p.id for p in curriculum.load(track)]
    assert run.all_passed, f"{style.id} ({style.why}) is correct code:\n{describe(run)}"


def drawn_failure(track: str, bug: Bug, graded: Graded) -> Failure | None:
    """The failure of the bug's first failing check, when it comes with a graph to draw."""
    _, run = graded(track, bug, SEEDS[0])
    problem = run.results[-1].first_problem
    return problem.failure if problem is not None and problem.failure and problem.failure.graph else None


@pytest.mark.parametrize(("track", "bug"), BUGS, ids=ids(BUGS))
def test_the_failing_graph_is_drawn_in_80_columns(track: str, bug: Bug, graded: Graded) -> None:
    """The smallest failing program of a wrong value or gradient, drawn from the output back: every line within 80
    columns, no node's label or number cut, and the first wrong node marked with the learner's number beside it."""
    failure = drawn_failure(track, bug, graded)
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
    """The drawing is not a corner case: the failures of most bugs of the lecture's engine pieces come with a graph."""
    drawn = [bug.id for bug in CATALOGUES["lecture"].bugs if drawn_failure("lecture", bug, graded) is not None]
    assert len(drawn) >= 12, drawn
