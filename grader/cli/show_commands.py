"""`grade show`: the graph of a piece's smallest failing program, as a picture in the lecture's draw_dot style."""
from __future__ import annotations

from pathlib import Path

import click

from micrograd_kata.cli import grade_commands, output
from micrograd_kata.cli.options import Settings, common_options, piece_argument, settings
from micrograd_kata.curriculum import Piece
from micrograd_kata.grading import picture
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.results import Failure, PieceResult, Status


@click.command("show")
@click.argument("piece_id", metavar="[PIECE]", required=False)
@click.option("--png", is_flag=True, help="Also write a PNG beside the SVG.")
@click.option("--output", "-o", "target", metavar="FILE", type=click.Path(path_type=Path),
              help=f"Where to write the SVG (default: {picture.FILE} in the workspace).")
@common_options
@click.pass_context
def show_command(ctx: click.Context, piece_id: str | None, png: bool, target: Path | None) -> None:
    """Draw the smallest failing program of PIECE (default: the current piece) as a picture, the lecture's
    draw_dot graph with the wrong nodes in red: expected and your grad side by side.

    Needs graphviz's `dot` program; without it the graph's .dot source is written instead.
    Exit status: 0 when the piece passes, 1 when it does not.
    """
    s = settings(ctx)
    workspace = s.open_workspace()
    piece = piece_argument(piece_id, workspace.track) if piece_id else None
    result = graded(s, workspace, piece)
    if result is None or result.status is Status.PASSED:
        say(s, f"{result.piece_id if result else 'Every piece'} passes: there is no failing graph to draw.",
            result)
        ctx.exit(0)
    problem = result.first_problem
    failure = problem.failure if problem else None
    if failure is None or not failure.graph:
        summary = failure.summary if failure else result.message or result.status.value
        say(s, f"{result.piece_id} has no graph to draw: its first problem is not a wrong value or gradient "
               f"of an expression ({summary}). `grade {result.piece_id}` explains it.", result)
        ctx.exit(1)
    made = draw(failure, target or workspace.root / picture.FILE, png=png)
    files = " and ".join(str(f) for f in made.files)
    say(s, f"Wrote {files}: {result.piece_id}'s smallest failing program, the wrong nodes in red." if made.drawn
        else None, result, made)
    ctx.exit(1)


def say(s: Settings, text: str | None, result: PieceResult | None, made: picture.Picture | None = None) -> None:
    """What `show` did, in words or, with --json, as {piece, status, files, drawn}."""
    if s.as_json:
        output.emit_json({"piece": result.piece_id if result else None,
                          "status": result.status.value if result else Status.PASSED.value,
                          "files": [str(f) for f in made.files] if made else [],
                          "drawn": bool(made and made.drawn)})
    elif text:
        output.show(text)


def graded(s: Settings, workspace: Workspace, piece: Piece | None) -> PieceResult | None:
    """The named piece's result, or the current piece's (the first that does not pass); None when all pass."""
    if piece is not None:
        run = grade_commands.run_grading(s, workspace, [piece])
        return run.result(piece.id)
    run = grade_commands.run_grading(s, workspace, stop_at_first_failure=True)
    return next((r for r in run.results if r.status is not Status.PASSED), None)


def draw(failure: Failure, target: Path, *, png: bool) -> picture.Picture:
    """Write the picture; without `dot`, say how to get it (the .dot source is written instead)."""
    try:
        made = picture.write(failure, target, png=png)
    except picture.PictureError as e:
        raise click.ClickException(str(e)) from e
    if not made.drawn:
        output.note(f"graphviz's `dot` program is not installed, so the graph's source was written to "
                    f"{made.files[0]} instead. Install graphviz to draw it: {picture.INSTALL}; then `grade show` "
                    "again.")
    return made


def register(cli: click.Group) -> None:
    """Add show to the grade command."""
    cli.add_command(show_command)
