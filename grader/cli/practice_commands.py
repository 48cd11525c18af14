"""The practice loop: `grade watch`, `grade reset`, `grade drill` and `grade diff`."""
from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import click

from micrograd_kata import grading
from micrograd_kata.cli import output
from micrograd_kata.cli.options import common_options, piece_argument, settings, speedrun_options, workspace_option
from micrograd_kata.learner.workspace import WorkspaceError, shown_path
from micrograd_kata.practice import diff, drill, reset, watch
from micrograd_kata.results import Status
from micrograd_kata.runner.processes import WarmWorker
from micrograd_kata.wording import and_list


@click.command("watch")
@click.argument("piece_id", metavar="[PIECE]", required=False)
@click.option("--show", "show_picture", is_flag=True,
              help="Also keep failing-graph.svg in the workspace drawn from the last failing graph (see `grade show`).")
@common_options
@click.pass_context
def watch_command(ctx: click.Context, piece_id: str | None, show_picture: bool) -> None:
    """Re-grade the current piece (the first that does not pass), or PIECE, on every save, in place.

    Ctrl-C stops watching.
    """
    from micrograd_kata.practice.live import watch_loop

    s = settings(ctx)
    if s.as_json:
        raise click.UsageError("watch shows a live view; --json goes with one-off commands such as `grade next`.")
    workspace = s.open_workspace()
    piece = piece_argument(piece_id, workspace.track) if piece_id else None
    try:
        # a warm worker: pytest, the checks and torch are loaded once, so each save is graded at once
        with WarmWorker() as warm:
            watch_loop(workspace, piece, seed=s.seed, timeout=s.timeout or grading.DEFAULT_TIMEOUT,
                       batches=watch.saves(workspace), console=output.console(),
                       grade=functools.partial(grading.grade, warm=warm, passes=grading.PassCache(),
                                               memory=s.memory or grading.DEFAULT_MEMORY),
                       after=picture_keeper(workspace.root) if show_picture else None)
    except KeyboardInterrupt:
        output.note("Stopped watching.")


def picture_keeper(root: Path) -> Callable[[watch.Verdict], None]:
    """`watch --show`: redraw the failing graph's picture after each re-grade; a picture that cannot be made is said
    once, in a note, and watching goes on."""
    from micrograd_kata.grading import picture

    said: set[str] = set()

    def keep(verdict: watch.Verdict) -> None:
        problem = verdict.result.first_problem if verdict.result else None
        try:
            made = picture.keep(problem.failure if problem else None, root / picture.FILE)
        except picture.PictureError as e:
            message = f"--show: {e}"
        else:
            message = "" if made is None or made.drawn else (
                f"--show: graphviz's `dot` program is not installed, so {picture.FILE} is written as its .dot source. "
                f"Install graphviz to draw it: {picture.INSTALL}.")
        if message and message not in said:
            said.add(message)
            output.note(message)

    return keep


@click.command("reset")
@click.argument("piece_id", metavar="PIECE", required=False)
@click.option("--all", "every_file", is_flag=True, help="Restore every file to its stubs.")
@workspace_option
@click.pass_context
def reset_command(ctx: click.Context, piece_id: str | None, every_file: bool) -> None:
    """Put PIECE's functions and methods back to their stubs, leaving the rest of your code untouched.

    With --all, every file goes back to its stubs. Either way your files are backed up first.
    """
    if bool(piece_id) == every_file:
        raise click.UsageError("name one piece (`grade reset tanh`) or pass --all, not both.")
    workspace = settings(ctx).open_workspace()
    try:
        if every_file:
            folder = reset.reset_all(workspace)
            saved = f"Backed up your files to {shown_path(folder)}. " if folder else ""
            output.show(f"{saved}Every file in {workspace.in_words()} is a stub again.")
            return
        done = reset.reset_piece(workspace, piece_argument(piece_id or "", workspace.track))
    except (reset.ResetError, WorkspaceError) as e:
        raise click.ClickException(str(e)) from e
    output.show(reset_message(done))
    if done.transplant.missing:
        ctx.exit(1)


def reset_message(done: reset.PieceReset) -> str:
    """What a piece reset did, and where the old code went."""
    piece, moved = done.piece, done.transplant
    if done.whole_file:
        return f"{piece.file} was missing: the stub file was put back."
    lines = []
    if done.backup is not None:   # changed: the file was there, so it was backed up first
        restored = and_list(moved.replaced + moved.inserted)
        lines += [f"Backed up {piece.file} to {shown_path(done.backup)}.",
                  f"Restored the stubs of {restored}; the rest of {piece.file} is as you left it."]
        if moved.inserted:
            lines.append(f"Not in your file, so added: {and_list(moved.inserted)}.")
    elif not moved.missing:
        lines.append(f"{piece.id} is already a stub in {piece.file}: nothing to reset.")
    if moved.missing:
        lines.append(f"Could not restore {and_list(moved.missing)}: its class is not in {piece.file}. "
                     "`grade reset --all` restores whole files (backed up first).")
    return "\n".join(lines)


@click.command("drill")
@click.argument("piece_id", metavar="PIECE")
@click.argument("directory", metavar="[DIR]", required=False, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace a drill already there (its files are backed up first).")
@common_options
@speedrun_options
@click.pass_context
def drill_command(ctx: click.Context, piece_id: str, directory: Path | None, force: bool) -> None:
    """Practise PIECE alone: a workspace where every other piece is solved (default: .kata/drills/PIECE).

    With --speedrun the drill is timed; a timed drill goes on in the drill already there.
    """
    from micrograd_kata.cli import speedrun_commands

    s = settings(ctx)
    if (s.once or s.abandon) and not s.speedrun:
        raise click.UsageError("--once and --abandon go with --speedrun, e.g. `grade drill tanh --speedrun --once`.")
    piece = piece_argument(piece_id, s.track())
    try:
        dest = directory or drill.default_location(s.open_workspace(), piece)
        made = (drill.open_existing(piece, dest) if s.speedrun and not force else None) \
            or drill.make(piece, dest, force=force)
    except WorkspaceError as e:
        raise click.ClickException(str(e)) from e
    if made.backup:
        output.note(f"Backed up the drill's earlier files to {shown_path(made.backup)}.")
    where = made.workspace.describe()
    if s.speedrun:
        output.note(f"Drill of {piece.id} in {where}: edit {shown_path(made.file)}.")
        ctx.exit(speedrun_commands.speedrun(made.workspace, (piece,), once=s.once, abandon=s.abandon,
                                            as_json=s.as_json, seed=s.seed,
                                            timeout=s.timeout or grading.DEFAULT_TIMEOUT))
    output.show(
        f"Drill ready in {where}: every piece is solved except {piece.id}.\n"
        f"Write {and_list(piece.symbols)} in {shown_path(made.file)}, then grade it with\n"
        f"  grade {piece.id} --workspace {where}    (or `grade watch {piece.id}` from inside {where})")


@click.command("diff")
@click.argument("piece_id", metavar="PIECE")
@click.option("--peek", is_flag=True, help="Show the solution even though the piece does not pass yet.")
@click.option("--layout", type=click.Choice(["auto", "side-by-side", "unified"]), default="auto",
              show_default=True, help="Side by side needs a wide terminal; auto picks unified when narrow.")
@common_options
@click.pass_context
def diff_command(ctx: click.Context, piece_id: str, peek: bool, layout: str) -> None:
    """Show your code for PIECE beside the solution's, once PIECE passes (or now, with --peek)."""
    from micrograd_kata.practice import views

    s = settings(ctx)
    workspace = s.open_workspace()
    piece = piece_argument(piece_id, workspace.track)
    if not peek:
        run = grading.grade(workspace, [piece], seed=s.seed, timeout=s.timeout or grading.DEFAULT_TIMEOUT,
                            memory=s.memory or grading.DEFAULT_MEMORY)
        result = run.result(piece.id)
        status = result.status if result else Status.ERROR
        if status is not Status.PASSED:
            if s.as_json:
                output.emit_json({"piece": piece.id, "unlocked": False, "status": status.value})
            else:
                output.show(views.locked_view(piece.id, status))
            ctx.exit(1)
    try:
        comparison = diff.compare(workspace, piece)
    except diff.DiffError as e:
        raise click.ClickException(str(e)) from e
    if s.as_json:
        output.emit_json({"piece": piece.id, "unlocked": True, "symbols": [
            {"name": p.name, "yours": p.mine, "solution": p.solution, "same": p.same} for p in comparison.pairs]})
        return
    output.show(views.comparison_view(comparison, width=output.console().width, layout=layout))


def register(cli: click.Group) -> None:
    """Add watch, reset, drill and diff to the grade command."""
    for command in (watch_command, reset_command, drill_command, diff_command):
        cli.add_command(command)
