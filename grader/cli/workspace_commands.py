"""Commands that work on the workspace without grading it: hint and init."""
from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

import click

from micrograd_kata import curriculum
from micrograd_kata.cli import grade_commands, output
from micrograd_kata.cli.options import json_option, piece_argument, settings, workspace_option
from micrograd_kata.learner.workspace import Workspace, WorkspaceError, kata_files, shown_path
from micrograd_kata.learner.workspace import init as init_workspace


@click.command("hint")
@click.argument("piece_id", metavar="[PIECE]", required=False)
@workspace_option
@json_option
@click.pass_context
def hint_command(ctx: click.Context, piece_id: str | None) -> None:
    """Show the next hint for PIECE, or for the current piece (each call shows one more)."""
    from micrograd_kata.grading import views
    from micrograd_kata.learner.hints import next_hint

    s = settings(ctx)
    workspace = s.open_workspace()
    piece = piece_argument(piece_id, workspace.track) if piece_id else grade_commands.current_piece(s, workspace)
    if piece is None:
        raise click.UsageError("Every piece passes, so there is no current piece: name one, e.g. `grade hint tanh`.")
    progress = next_hint(workspace, piece)
    if progress.recovered is not None:
        output.note(progress.recovered.message())
    if s.as_json:
        output.emit_json({"id": piece.id, "shown": progress.shown, "total": progress.total,
                          "hints": list(progress.hints), "exhausted": progress.exhausted})
    else:
        output.show(views.hint_panel(piece, progress.shown, exhausted=progress.exhausted))


def track_option(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """A track name; one there is not is a usage error that lists the tracks."""
    try:
        return curriculum.get_track(value).name
    except curriculum.UnknownTrack as e:
        raise click.BadParameter(str(e), ctx, param) from e


@click.command("init")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--track", default=curriculum.LECTURE, show_default=True, callback=track_option, metavar="TRACK",
              help=f"Which track to follow: {', '.join(curriculum.track_names())} (`grade list --tracks`).")
@click.option("--force", is_flag=True, help="Replace kata files already there (they are backed up first).")
def init_command(directory: Path, track: str, force: bool) -> None:
    """Make DIRECTORY a fresh workspace of stubs to fill in, for one track (the lecture by default)."""
    from micrograd_kata.grading import views
    from micrograd_kata.learner import lock
    from micrograd_kata.learner.backup import backup
    from micrograd_kata.learner.hints import forget as forget_hints

    backed_up = None
    target = directory.expanduser().resolve()
    replacing = force and target.is_dir()
    try:
        with lock.held(Workspace(target)) if replacing else nullcontext():
            if replacing:
                backed_up = backup(Workspace(target), [p.name for p in kata_files(target, track)], "init")
            forget_hints(init_workspace(directory, force=force, track=track))
    except WorkspaceError as e:
        raise click.ClickException(str(e)) from e
    output.show(views.init_view(str(directory), shown_path(backed_up) if backed_up else None, track))
