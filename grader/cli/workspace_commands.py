"""Commands that work on the workspace without grading it: hint and init."""
from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

import click

from micrograd_kata import curriculum
from micrograd_kata.cli import output
from micrograd_kata.cli.options import json_option, settings, workspace_option
from micrograd_kata.learner.workspace import Workspace, WorkspaceError, kata_files
from micrograd_kata.learner.workspace import init as init_workspace


@click.command("hint")
@click.argument("piece_id", metavar="PIECE")
@workspace_option
@json_option
@click.pass_context
def hint_command(ctx: click.Context, piece_id: str) -> None:
    """Show the next hint for PIECE (each call shows one more)."""
    from micrograd_kata.grading import views
    from micrograd_kata.learner.hints import next_hint

    try:
        piece = curriculum.get(piece_id)
    except curriculum.UnknownPiece as e:
        raise click.BadParameter(str(e), param_hint="'PIECE'") from e
    s = settings(ctx)
    progress = next_hint(s.open_workspace(), piece)
    if progress.recovered is not None:
        output.note(progress.recovered.message())
    if s.as_json:
        output.emit_json({"id": piece.id, "shown": progress.shown, "total": progress.total,
                          "hints": list(progress.hints), "exhausted": progress.exhausted})
    else:
        output.show(views.hint_panel(piece, progress.shown, exhausted=progress.exhausted))


@click.command("init")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace kata files already there (they are backed up first).")
def init_command(directory: Path, force: bool) -> None:
    """Make DIRECTORY a fresh workspace of stubs to fill in."""
    from micrograd_kata.grading import views
    from micrograd_kata.learner import lock
    from micrograd_kata.learner.backup import backup

    backed_up = None
    target = directory.expanduser().resolve()
    replacing = force and target.is_dir()
    try:
        with lock.held(Workspace(target)) if replacing else nullcontext():
            if replacing:
                backed_up = backup(Workspace(target), [p.name for p in kata_files(target)], "init")
            init_workspace(directory, force=force)
    except WorkspaceError as e:
        raise click.ClickException(str(e)) from e
    output.show(views.init_view(str(directory), str(backed_up) if backed_up else None))
