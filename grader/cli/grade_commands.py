"""The grading commands: next, a single piece (`grade tanh`), --all and list."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from micrograd_kata import curriculum, grading
from micrograd_kata.cli import output
from micrograd_kata.cli.options import Settings, common_options, settings, speedrun_options
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner import progress
from micrograd_kata.learner.workspace import Workspace, WorkspaceError
from micrograd_kata.results import NO_TORCH, PieceResult, Run, Status, visible
from micrograd_kata.runner.failed import WorkerFailed
from micrograd_kata.wording import and_list

if TYPE_CHECKING:
    from rich.console import RenderableType


def check_speedrun_flags(s: Settings) -> None:
    """--once, --abandon and --level only mean something to a speedrun."""
    if (s.once or s.abandon or s.level) and not s.speedrun:
        raise click.UsageError("--once, --abandon and --level go with --speedrun, e.g. `grade --all --speedrun --once` "
                               "(`grade reset --all --level LEVEL` changes a workspace's level).")


def start_speedrun(ctx: click.Context, s: Settings, workspace: Workspace, pieces: tuple[Piece, ...] | None) -> None:
    """Hand over to the speedrun, and exit with its code."""
    from micrograd_kata.cli import speedrun_commands

    ctx.exit(speedrun_commands.speedrun(
        workspace, pieces=pieces, once=s.once, abandon=s.abandon, as_json=s.as_json, level=s.level,
        seed=s.seed, timeout=s.timeout or grading.DEFAULT_TIMEOUT, memory=s.memory or grading.DEFAULT_MEMORY))


def run_grading(s: Settings, workspace: Workspace, pieces: Sequence[Piece] | None = None, *,
                stop_at_first_failure: bool = False) -> Run:
    """Grade, after making sure the files are there; core errors become click errors."""
    needed = {p.file for p in pieces} if pieces else set(curriculum.files(workspace.track))
    missing = [f for f in workspace.missing_files() if f in needed]
    if missing:
        raise click.ClickException(
            f"{and_list(missing)} {'is' if len(missing) == 1 else 'are'} missing from {workspace.in_words()}. "
            "Put the stubs back with "
            "`grade reset --all`, or start a fresh workspace with `grade init DIR`.")
    with output.grading_status(not s.as_json) as on_result:
        try:
            return grading.grade(workspace, pieces, stop_at_first_failure=stop_at_first_failure, seed=s.seed,
                                 timeout=s.timeout or grading.DEFAULT_TIMEOUT, on_result=on_result,
                                 memory=s.memory or grading.DEFAULT_MEMORY)
        except WorkspaceError as e:
            raise click.ClickException(str(e)) from e
        except WorkerFailed as e:
            raise click.ClickException(  # its diagnostics may hold what learner code wrote to stderr
                f"the grader itself failed, not your code; please report it: {visible(str(e))}") from e


def current_piece(s: Settings, workspace: Workspace) -> Piece | None:
    """The first piece, in order, that does not pass, graded as `grade next` grades; None when every piece passes."""
    run = run_grading(s, workspace, stop_at_first_failure=True)
    stuck = next((r for r in run.results if r.status is not Status.PASSED), None)
    return curriculum.get(stuck.piece_id, workspace.track) if stuck else None


def show_run(s: Settings, workspace: Workspace, run: Run, *renderables: RenderableType | None,
             extra: dict[str, object] | None = None) -> None:
    """Print the renderables and the run's notes, or, with --json, the run as JSON (notes to stderr).

    The note that torch is missing is said once in a workspace, not on every command.
    """
    from micrograd_kata.grading import views

    said = {NO_TORCH} if NO_TORCH in run.notes and not progress.first_time(workspace, NO_TORCH) else set()
    if s.as_json:
        for run_note in run.notes:
            if run_note not in said:
                output.note(f"note: {run_note}")
        output.emit_json({**views.to_json(run, workspace.pieces), **(extra or {})})
    else:
        output.show(*renderables, views.notes_view(run, said=said))


def explain(workspace: Workspace, piece: Piece, result: PieceResult, *, passing: int | None,
            above: int = 0) -> RenderableType:
    """The panel for one piece, within the screen's height less `above` lines printed before it."""
    from micrograd_kata.grading import views
    from micrograd_kata.learner import hints

    here = workspace.root == Path.cwd().resolve()
    return views.next_panel(piece, result, location=result.look_at, total_pieces=len(workspace.pieces),
                             passing=passing, names=hints.names_shown(workspace, piece),
                             workspace=None if here else workspace.describe(), reserve=above + 1)  # and the prompt


def grade_next(ctx: click.Context, s: Settings) -> None:
    """Grade every piece and explain the first that does not pass.

    Every piece, not only those up to the first failure, so that the progress counts the pieces that pass
    (a drill passes all but one); later pieces that are still stubs cost nothing, the static read settles them.
    """
    from micrograd_kata.grading import views

    check_speedrun_flags(s)
    workspace = s.open_workspace()
    if s.speedrun:
        next_speedrun(ctx, s, workspace)
    run = run_grading(s, workspace)
    stuck = next((r for r in run.results if r.status is not Status.PASSED), None)
    passing = {r.piece_id for r in run.results if r.status is Status.PASSED}
    passed_now = views.moved_on_view(progress.moved_on(workspace, stuck.piece_id if stuck else None, passing))
    if stuck is None:
        show_run(s, workspace, run, passed_now, views.all_done_panel(run, len(workspace.pieces)),
                 extra={"next": None})
        ctx.exit(0)
    piece = curriculum.get(stuck.piece_id, workspace.track)
    show_run(s, workspace, run, passed_now,
             None if s.as_json else explain(workspace, piece, stuck, passing=len(passing), above=bool(passed_now)),
             extra={"next": piece.id})
    ctx.exit(1)


def next_speedrun(ctx: click.Context, s: Settings, workspace: Workspace) -> None:
    """`grade next --speedrun`: go on with the run in progress, so the same command finishes it; else time the
    first piece that does not pass.
    """
    from micrograd_kata.speedrun import session

    running = session.running_category(workspace, output.note)
    if running is not None:
        start_speedrun(ctx, s, workspace, session.pieces_of(running))
    run = run_grading(s, workspace, stop_at_first_failure=True)
    stuck = next((r for r in run.results if r.status is not Status.PASSED), None)
    if stuck is None:
        output.note("Every piece passes, so there is no next piece to speedrun: try `grade --all --speedrun`.")
        ctx.exit(0)
    start_speedrun(ctx, s, workspace, (curriculum.get(stuck.piece_id, workspace.track),))


def grade_piece(ctx: click.Context, s: Settings, piece: Piece) -> None:
    """Grade one piece and explain it."""
    check_speedrun_flags(s)
    workspace = s.open_workspace()
    if s.speedrun:
        start_speedrun(ctx, s, workspace, (piece,))
    run = run_grading(s, workspace, [piece])
    result = run.result(piece.id) or PieceResult(piece.id, Status.ERROR, message="the grader returned no result")
    show_run(s, workspace, run, None if s.as_json else explain(workspace, piece, result, passing=None))
    ctx.exit(0 if result.status is Status.PASSED else 1)


def grade_all(ctx: click.Context, s: Settings) -> None:
    """Grade every piece: the table, the score, and the first problem."""
    from micrograd_kata.grading import views

    check_speedrun_flags(s)
    workspace = s.open_workspace()
    if s.speedrun:
        start_speedrun(ctx, s, workspace, None)
    run = run_grading(s, workspace)
    show_run(s, workspace, run, None if s.as_json else views.all_view(run, workspace.pieces))
    ctx.exit(0 if run.all_passed else 1)


@click.command("next")
@common_options
@speedrun_options
@click.pass_context
def next_command(ctx: click.Context) -> None:
    """Grade the pieces in order and explain the first one that does not pass (the default)."""
    grade_next(ctx, settings(ctx))


def piece_command(piece: Piece) -> click.Command:
    """The hidden command behind `grade PIECE`, for one piece of the curriculum."""

    @click.command(piece.id, hidden=True, help=f"Grade {piece.id} ({piece.title}) and explain what is wrong.")
    @common_options
    @speedrun_options
    @click.pass_context
    def grade_one(ctx: click.Context) -> None:
        grade_piece(ctx, settings(ctx), piece)

    return grade_one


@click.command("list")
@click.option("--long", is_flag=True, help="Also where the lecture teaches each piece, with links to the video.")
@click.option("--tracks", "of_tracks", is_flag=True, help="List the tracks instead: each one's description and pieces.")
@common_options
@click.pass_context
def list_command(ctx: click.Context, long: bool, of_tracks: bool) -> None:
    """List the pieces of the workspace's track in order: number, id, title, file, the functions to write, and their
    status. With --tracks, the tracks there are.

    Exit status: 0 when every piece passes, else 1 (with --tracks, 0).
    """
    from micrograd_kata.grading import lecture, views

    s = settings(ctx)
    if of_tracks:
        list_tracks(s)
        return
    workspace = s.open_workspace()
    run = run_grading(s, workspace)
    pieces = workspace.pieces
    show_run(s, workspace, run, None if s.as_json else views.curriculum_table(pieces, run),
             lecture.chapters_table(pieces) if long and not s.as_json else None)
    ctx.exit(0 if run.all_passed else 1)



def list_tracks(s: Settings) -> None:
    """`grade list --tracks`: every track, the workspace's own marked (when there is a workspace)."""
    from micrograd_kata.grading import track_views

    try:
        current: str | None = s.open_workspace().track
    except click.ClickException:
        current = None
    tracks = curriculum.tracks()
    if s.as_json:
        output.emit_json(track_views.tracks_json(tracks, current))
    else:
        output.show(track_views.tracks_table(tracks, current))
