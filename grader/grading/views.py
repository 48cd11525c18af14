"""Turning grading results into rich renderables (and into JSON); nothing here prints."""
from __future__ import annotations

import shlex
from collections.abc import Collection, Sequence
from dataclasses import asdict
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from micrograd_kata.curriculum import Piece
from micrograd_kata.grading import boundary_views, lecture
from micrograd_kata.grading.failure_views import (
    STATUS_STYLE,
    brief_problem,
    facts_grid,
    in_brief,
    output_view,
    problem_view,
    status_text,
)
from micrograd_kata.grading.fitting import FULL, Detail, Fit
from micrograd_kata.results import CheckResult, Location, PieceResult, Run, Status
from micrograd_kata.wording import and_list

WHAT_NEXT = (
    ("grade --all --speedrun", "race the clock through the whole kata"),
    ("grade drill PIECE", "rewrite one piece from memory"),
    ("grade init ../attempt-2", "start again from scratch"),
)


def next_panel(piece: Piece, result: PieceResult, *, location: Location | None, total_pieces: int,
               passing: int | None = None, workspace: str | None = None, reserve: int = 0) -> Fit:
    """The piece to work on: what to edit, what it must do, what went wrong, how to get a hint, progress; at the
    fullest level of detail that fits the screen, less `reserve` lines for what is printed with it.

    passing: how many pieces pass, this one's later pieces included (`grade next`, `grade watch`); None shows
    the piece's place instead.
    """
    return Fit(lambda detail: piece_panel(piece, result, location=location, total_pieces=total_pieces,
                                          passing=passing, workspace=workspace, detail=detail), reserve=reserve)


def piece_panel(piece: Piece, result: PieceResult, *, location: Location | None, total_pieces: int,
                passing: int | None = None, workspace: str | None = None, detail: Detail = FULL) -> Panel:
    """next_panel at one level of detail."""
    facts = facts_grid()
    if workspace:
        facts.add_row("workspace", Text(workspace))
    facts.add_row("edit", Text.assemble((piece.file, "bold"), ": ", ", ".join(piece.symbols)))
    said_below = detail.spacing is False and result.status is not Status.TODO and location == in_brief(result)[1]
    if location and str(location) != piece.file and not said_below:   # compact: `where` below says it
        facts.add_row("look at", Text(str(location), style="bold"))
    if detail.goal:
        facts.add_row("goal", Text(piece.goal, no_wrap=detail.one_line, overflow="ellipsis"))
    gap = [Text("")] if detail.spacing else []
    parts: list[RenderableType] = [facts, *gap, problem_view(result, detail)]
    printed = output_view(result.output, detail)
    if printed is not None:
        parts += [*gap, printed]
    if result.status is not Status.PASSED and detail.stuck:
        parts += [*gap, Text.assemble("Stuck? ", (f"grade hint {piece.id}", "bold"), " shows a hint.")]
        parts += [lecture.rewatch(piece)] if piece.chapters and detail.lecture else []
    progress = (f"{passing} of {total_pieces} pieces pass" if passing is not None
                else f"piece {piece.index + 1} of {total_pieces}")
    return Panel(
        Group(*parts),
        title=Text.assemble((piece.title, "bold"), " (", piece.id, ") ", status_text(result.status)),
        title_align="left",
        subtitle=Text(progress),
        subtitle_align="right",
        border_style=STATUS_STYLE[result.status],
    )


def all_done_panel(run: Run, total_pieces: int) -> Panel:
    """Every piece passes: say so, and what to try next."""
    ideas = Table.grid(padding=(0, 2))
    for command, why in WHAT_NEXT:
        ideas.add_row(Text(command, style="bold"), Text(why))
    checks = f": {run.passed} of {run.total} checks" if run.total else ""
    finish = boundary_views.finish_line(run)   # the repo track's trained classifier, when its demo passed
    return Panel(
        Group(Text(f"All {total_pieces} pieces pass{checks}. You rebuilt micrograd.", style="bold green"),
              *([Text("")] + finish if finish else []), Text(""), Text("What next?"), ideas),
        title="micrograd kata", title_align="left", border_style="green",
    )


def score_text(run: Run) -> Text:
    """The overall score: checks passed over checks run, as a fraction and a percentage."""
    pieces = f"{sum(r.status is Status.PASSED for r in run.results)} of {len(run.results)} pieces pass"
    if not run.total:
        return Text(f"Score: no checks ran yet; {pieces}.", style="bold")
    return Text(f"Score: {run.passed}/{run.total} checks passed ({run.score:.0%}); {pieces}.", style="bold")


def results_table(run: Run, pieces: Sequence[Piece]) -> Table:
    """Every graded piece: status, checks passed out of run, time."""
    titles = {p.id: p for p in pieces}
    table = Table(title="micrograd kata", title_justify="left")
    table.add_column("#", justify="right", style="dim")
    table.add_column("piece")
    table.add_column("status")
    table.add_column("checks", justify="right")
    table.add_column("time", justify="right", style="dim")
    for result in run.results:
        piece = titles.get(result.piece_id)
        table.add_row(
            str(piece.index + 1) if piece else "",
            Text(result.piece_id),
            status_text(result.status),
            f"{result.passed}/{result.total}" if result.total else "–",
            f"{result.seconds:.2f} s",
        )
    return table


def all_view(run: Run, pieces: Sequence[Piece]) -> Group:
    """The --all view: the table, the score, and the first problem in brief."""
    parts: list[RenderableType] = [results_table(run, pieces), score_text(run)]
    first = next((r for r in run.results if r.status is not Status.PASSED), None)
    if first is not None:
        parts.append(brief_problem(first))
    return Group(*parts)


def curriculum_table(pieces: Sequence[Piece], run: Run | None = None) -> Table:
    """The curriculum in order, with each piece's status when a run is given."""
    track = pieces[0].track if pieces else "lecture"
    table = Table(title=f"micrograd kata, the {track} track: the pieces, in order", title_justify="left")
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("piece")   # the id, and the title below it: the one column that may wrap
    table.add_column("file", no_wrap=True)
    table.add_column("symbols", no_wrap=True)
    if run is not None:
        table.add_column("status", no_wrap=True)
    for piece in pieces:
        name = Text(piece.id, style="bold")
        if piece.title.lower() != piece.id:
            name.append(f"\n{piece.title}", style="dim")
        row: list[RenderableType] = [str(piece.index + 1), name, Text(piece.file), Text("\n".join(piece.symbols))]
        if run is not None:
            result = run.result(piece.id)
            row.append(status_text(result.status) if result else Text("–", style="dim"))
        table.add_row(*row)
    return table


def hint_panel(piece: Piece, shown: int, *, exhausted: bool = False) -> Panel:
    """The first `shown` hints of a piece, numbered; after the last, where to look instead."""
    total = len(piece.hints)
    parts: list[RenderableType] = [Text(f"{n}. {hint}") for n, hint in enumerate(piece.hints[:shown], 1)]
    if shown >= total:
        lead = f"No more hints for {piece.id}." if exhausted else "That was the last hint."
        parts += [Text(""), Text.assemble(lead, " To compare with the model answer: ",
                                          (f"grade diff {piece.id} --peek", "bold"))]
        parts += [Text(""), lecture.rewatch(piece, address=True)] if piece.chapters else []
    else:
        parts += [Text(""), Text.assemble("Run ", (f"grade hint {piece.id}", "bold"), " again for the next.",
                                          style="dim")]
    name = piece.id if piece.title.lower() == piece.id else f"{piece.title} ({piece.id})"
    return Panel(Group(*parts), title=Text.assemble(("Hints: ", "bold"), name),
                 title_align="left", subtitle=f"{min(shown, total)} of {total}", subtitle_align="right",
                 border_style="cyan")


def notes_view(run: Run, *, said: Collection[str] = ()) -> Text | None:
    """Run.notes (torch missing among them) but those already said; None when there is nothing to say."""
    notes = [n for n in run.notes if n not in said]
    return Text("\n".join(f"note: {n}" for n in notes), style="dim") if notes else None


def moved_on_view(passed_now: Sequence[str]) -> Text | None:
    """'✓ tanh passed' when the current piece has moved past pieces that now pass; None when it has not."""
    return Text(f"✓ {and_list(passed_now)} passed", style="bold green") if passed_now else None


def init_view(directory: str, backed_up: str | None, track: str = "lecture") -> Text:
    """What `grade init` did, and the next steps."""
    text = Text()
    if backed_up:
        text.append(f"Your old files were backed up to {backed_up}\n", style="yellow")
    text.append(f"Made a fresh workspace of stubs in {directory}, on the {track} track\n", style="green")
    text.append("Next: ")
    text.append(f"cd {shlex.quote(directory)} && grade next", style="bold")
    return text


def to_json(run: Run, pieces: Sequence[Piece]) -> dict[str, Any]:
    """The run as one JSON-ready object: the score, then each graded piece in curriculum order."""
    by_id = {p.id: p for p in pieces}
    return {
        "score": round(run.score, 4),
        "passed": run.passed,
        "total": run.total,
        "all_passed": run.all_passed,
        "seed": run.seed,
        "torch": run.torch,
        "notes": list(run.notes),
        "pieces": [_piece_json(result, by_id.get(result.piece_id)) for result in run.results],
    }


def _piece_json(result: PieceResult, piece: Piece | None) -> dict[str, Any]:
    return {
        "id": result.piece_id,
        "title": piece.title if piece else None,
        "file": piece.file if piece else None,
        "symbols": list(piece.symbols) if piece else [],
        "status": result.status.value,
        "passed": result.passed,
        "total": result.total,
        "message": result.message,
        "seconds": round(result.seconds, 3),
        "where": _text(result.where),
        "blocked_by": result.blocked_by,
        "output": result.output,
        "checks": [_check_json(check) for check in result.checks],
    }


def _check_json(check: CheckResult) -> dict[str, Any]:
    failure = None if check.failure is None else {**asdict(check.failure), "where": _text(check.failure.where)}
    boundary = None if check.boundary is None else asdict(check.boundary)   # the repo track's trained classifier
    return {"name": check.name, "status": check.status.value, "seconds": check.seconds, "failure": failure,
            "boundary": boundary}


def _text(where: Location | None) -> str | None:
    return None if where is None else str(where)
