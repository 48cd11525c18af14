"""The speedrun: `grade --all --speedrun`, `grade PIECE --speedrun`, `grade next --speedrun`, and `grade stats`."""
from __future__ import annotations

from collections.abc import Sequence

import click

from micrograd_kata import curriculum, grading
from micrograd_kata.cli import output
from micrograd_kata.cli.options import settings, workspace_option
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.speedrun import session, views
from micrograd_kata.speedrun.report import report, stats_json, to_json
from micrograd_kata.speedrun.session import Speedrun
from micrograd_kata.speedrun.timing import ALL, SpeedrunError
from micrograd_kata.speedrun.views import format_time


def speedrun(workspace: Workspace, pieces: Sequence[Piece] | None = None, *, once: bool = False,
             abandon: bool = False, as_json: bool = False, seed: int | None = None,
             timeout: float = grading.DEFAULT_TIMEOUT, memory: int = grading.DEFAULT_MEMORY) -> int:
    """Start, go on with, or abandon a speedrun of the pieces (all by default); returns the exit code.

    Exit 0 when the run is finished (or abandoned as asked), 1 while pieces remain or after Ctrl-C
    (the run stays resumable: its clock keeps running).
    """
    run = Speedrun.of(workspace, pieces, note=output.note)
    try:
        if abandon:
            return abandon_run(run, as_json=as_json)
        run.start_or_resume()
        if once or as_json or not output.console().is_terminal:
            return grade_once(run, as_json=as_json, seed=seed, timeout=timeout, memory=memory)
        from micrograd_kata.speedrun.live import live

        return live(run, output.console(), seed=seed, timeout=timeout, memory=memory)
    except SpeedrunError as e:
        raise click.ClickException(str(e)) from e


def abandon_run(run: Speedrun, *, as_json: bool) -> int:
    """Abandon the run and say so; with --json, its report."""
    history, ended = run.abandon()
    output.note(f"Abandoned attempt #{ended.number} of {run.category} at {format_time(ended.ended)}. "
                "Your files are as you left them; its segments still count towards your best segments.")
    if as_json:
        output.emit_json(to_json(run.report(history)))
    return 0


def grade_once(run: Speedrun, *, as_json: bool, seed: int | None, timeout: float,
               memory: int = grading.DEFAULT_MEMORY) -> int:
    """Grade the run once and show where it stands: 0 when it is finished, else 1."""
    graded = run.grade_and_record(seed=seed, timeout=timeout, memory=memory)
    rep = run.report(graded.history)
    if as_json:
        output.emit_json(to_json(rep))
    else:
        output.show(views.final_view(rep) if rep.finished else views.progress_view(rep, graded.newly, graded.current))
    return 0 if rep.finished else 1


@click.command("stats")
@click.argument("category", required=False, metavar="[all|PIECE]")
@click.option("--json", "as_json", is_flag=True, help="Print the records as one JSON object.")
@workspace_option
@click.pass_context
def stats_command(ctx: click.Context, category: str | None, as_json: bool) -> None:
    """Speedrun records: attempts, personal best, sum of best, best segment per piece, a chart of finished times.

    With no argument, every category run so far: `all` (the whole library) and each piece timed alone.
    """
    workspace = settings(ctx).open_workspace()
    if category not in (None, ALL):
        try:
            category = curriculum.get(category, workspace.track).id  # type: ignore[arg-type]
        except curriculum.UnknownPiece as e:
            raise click.BadParameter(str(e), param_hint="'[all|PIECE]'") from e
    history, now = session.load(workspace, output.note), session.CLOCK.reading()
    categories = (category,) if category else history.categories()
    reports = [report(history, c, session.piece_ids(c, workspace.track), now) for c in categories]
    if as_json or settings(ctx).as_json:
        active = history.active()
        output.emit_json({"active": active.category if active else None,
                          "categories": {r.category: stats_json(r) for r in reports}})
        return
    if not reports:
        output.show(f"No speedrun yet in {workspace.describe()}: start one with `grade --all --speedrun`.")
        return
    output.show(*(views.stats_view(r) for r in reports))


def register(cli: click.Group) -> None:
    """Add `stats` to the grade command (the speedrun itself is the --speedrun flag of grade, next and PIECE)."""
    cli.add_command(stats_command)
