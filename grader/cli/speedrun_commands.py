"""The speedrun: `grade --all --speedrun`, `grade PIECE --speedrun`, `grade next --speedrun`, and `grade stats`."""
from __future__ import annotations

from collections.abc import Sequence

import click

from micrograd_kata import curriculum, grading
from micrograd_kata.cli import output
from micrograd_kata.cli.options import settings, workspace_option
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner.workspace import Workspace, set_level
from micrograd_kata.speedrun import category as categories
from micrograd_kata.speedrun import session, views
from micrograd_kata.speedrun.category import Category
from micrograd_kata.speedrun.report import others as stats_others
from micrograd_kata.speedrun.report import others_json, report, stats_json, to_json
from micrograd_kata.speedrun.session import Speedrun
from micrograd_kata.speedrun.timing import ALL, History, SpeedrunError
from micrograd_kata.speedrun.views import format_time


def speedrun(workspace: Workspace, pieces: Sequence[Piece] | None = None, *, once: bool = False,
             abandon: bool = False, as_json: bool = False, seed: int | None = None, level: str | None = None,
             timeout: float = grading.DEFAULT_TIMEOUT, memory: int = grading.DEFAULT_MEMORY) -> int:
    """Start, go on with, or abandon a speedrun of the pieces (all by default); returns the exit code.

    A run starts from the stubs of the workspace's level, or of `level`, which the workspace then keeps.
    Exit 0 when the run is finished (or abandoned as asked), 1 while pieces remain or after Ctrl-C
    (the run stays resumable: its clock keeps running).
    """
    before = workspace
    if level is not None and level != workspace.level and not abandon:
        if session.running_category(workspace, output.note) is None:
            workspace = set_level(workspace, level)   # first: the run is filed, and its stubs made, at this level
        else:
            output.note(f"note: --level {level} is for a run that starts; the one going on keeps {workspace.level}.")
    run = Speedrun.of(workspace, pieces, note=output.note)
    try:
        if abandon:
            return abandon_run(run, as_json=as_json)
        try:
            run.start_or_resume()
        except SpeedrunError:
            if workspace is not before:   # no run started: the workspace keeps its level
                set_level(workspace, before.level)
            raise
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
@click.argument("scope", required=False, metavar="[all|PIECE]")
@click.option("--category", "name", metavar="TRACK/LEVEL/SCOPE",
              help="The category to show, as lecture/full/all, lecture/blank/piece:tanh or lecture/full/drill:tanh.")
@click.option("--json", "as_json", is_flag=True, help="Print the records as one JSON object.")
@click.option("--mastery", is_flag=True, help="Per piece: the highest scaffold level passed cleanly, the best time at "
              "each level and the review scheduler's stability; how far the track is from recited.")
@workspace_option
@click.pass_context
def stats_command(ctx: click.Context, scope: str | None, name: str | None, as_json: bool, mastery: bool) -> None:
    """Speedrun records of one category: attempts, personal best, sum of best, best segment per piece, a chart of
    finished times; then the other categories run here, with their personal best.

    A run is filed under its track, its level and its scope (the whole track, one piece, a drill), and is only ever
    compared with runs of the same category. Shown by default: the run going on, else the workspace's whole track
    at its level (in a drill's workspace, the drill). `all` or PIECE picks that scope at the same track and level;
    --category any category.
    """
    workspace = settings(ctx).open_workspace()
    if mastery:
        from micrograd_kata.cli.review_commands import show_mastery

        if scope is not None or name is not None:
            raise click.UsageError("--mastery covers every piece of the track: give it no category.")
        show_mastery(workspace, as_json or settings(ctx).as_json)
        return
    history, now = session.load(workspace, output.note), session.CLOCK.reading()
    shown = chosen_category(workspace, history, scope, name)
    rep = report(history, shown, session.piece_ids(shown), now)
    others = stats_others(history, shown)
    if as_json or settings(ctx).as_json:
        running = history.active()
        output.emit_json({**stats_json(rep), "running": str(running.category) if running else None,
                          "others": others_json(others)})
        return
    if not history.attempts:
        output.show(f"No speedrun yet in {workspace.describe()}: start one with `grade --all --speedrun`.")
        return
    output.show(views.stats_view(rep), *((views.others_table(others),) if others else ()))


def chosen_category(workspace: Workspace, history: History, scope: str | None, name: str | None) -> Category:
    """The category `grade stats` shows: --category's, the scope's at the workspace's track and level, or the
    current one (the run going on, else the workspace's own)."""
    if scope is not None and name is not None:
        raise click.UsageError("give a scope or --category, not both: `grade stats tanh` is the piece at your "
                               "workspace's level, `grade stats --category lecture/blank/piece:tanh` any category.")
    if name is not None:
        try:
            category = categories.parse(name)
        except categories.BadCategory as e:
            raise click.BadParameter(str(e), param_hint="'--category'") from e
        if category.track not in curriculum.track_names():
            raise click.BadParameter(f"there is no track {category.track!r}: the tracks are "
                                     f"{', '.join(curriculum.track_names())}", param_hint="'--category'")
        return category
    if scope is None:
        running = history.active()
        return running.category if running is not None else session.current(workspace)
    if scope == ALL:
        return session.category_of(workspace, None)[0]
    try:
        piece = curriculum.get(scope, workspace.track)
    except curriculum.UnknownPiece as e:
        raise click.BadParameter(str(e), param_hint="'[all|PIECE]'") from e
    return session.category_of(workspace, (piece,))[0]


def register(cli: click.Group) -> None:
    """Add `stats` to the grade command (the speedrun itself is the --speedrun flag of grade, next and PIECE)."""
    cli.add_command(stats_command)
