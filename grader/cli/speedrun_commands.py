"""The speedrun: `grade --all --speedrun`, `grade PIECE --speedrun`, `grade next --speedrun`, and `grade stats`."""
from __future__ import annotations

from collections.abc import Sequence

import click
from micrograd_kata import curriculum, grading
from micrograd_kata.cli import output
from micrograd_kata.cli.options import settings, workspace_option
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner.workspace import Workspace, WorkspaceError, find
from micrograd_kata.practice import reset
from micrograd_kata.results import Status
from micrograd_kata.runner.processes import WarmWorker
from micrograd_kata.speedrun import store, timing, views
from micrograd_kata.speedrun.report import report, stats_json, to_json
from micrograd_kata.speedrun.timing import ALL, Clock, History
from micrograd_kata.speedrun.views import format_time

CLOCK: Clock = timing.WallClock()  # wall-clock time, so a run's clock keeps going between invocations; tests swap it


def category_of(pieces: Sequence[Piece] | None) -> tuple[str, tuple[str, ...]]:
    """The category and its piece ids: 'all' for the whole library, else the piece's id."""
    everything = tuple(p.id for p in curriculum.load())
    ids = tuple(p.id for p in pieces) if pieces else everything
    return (ALL if ids == everything else ",".join(ids)), ids


def piece_ids(category: str) -> tuple[str, ...]:
    return tuple(p.id for p in curriculum.load()) if category == ALL else tuple(category.split(","))


def command_for(workspace: Workspace, category: str) -> str:
    """The command that goes on with a run of this category in this workspace."""
    command = "grade --all --speedrun" if category == ALL else f"grade {category} --speedrun"
    return command if find().root == workspace.root else f"{command} --workspace {workspace.describe()}"


def load(workspace: Workspace) -> History:
    history, recovered = store.load(workspace)
    if recovered is not None:
        output.note(recovered.message())
    return history


def start(workspace: Workspace, history: History, category: str, ids: tuple[str, ...]) -> History:
    """Back up and reset the run's code to stubs, then start the clock."""
    try:
        reset.ensure_not_stub_source(workspace)
        if category == ALL:
            folder = reset.reset_all(workspace, reason="speedrun-all")
            what = "every file is a stub again"
        else:
            done = [reset.reset_piece(workspace, curriculum.get(p), reason=f"speedrun-{p}") for p in ids]
            folder = next((d.backup for d in done if d.backup), None)
            what = f"{', '.join(ids)} {'is a stub' if len(ids) == 1 else 'are stubs'} again"
            for missing in (d.transplant.missing for d in done if d.transplant.missing):
                output.note(f"note: {', '.join(missing)} could not be put back: its class is not in your file.")
    except (reset.ResetError, WorkspaceError) as e:
        raise click.ClickException(f"cannot start the speedrun: {e}") from e
    saved = f"Your files are backed up in {folder}; " if folder else ""
    history = timing.start(history, category, ids, CLOCK.now())
    store.save(workspace, history)
    number = len(history.of(category))
    output.note(f"{saved}{what}. The clock is running: attempt #{number}.")
    return history


def grade_and_record(workspace: Workspace, ids: tuple[str, ...], category: str, *, seed: int | None,
                     timeout: float, warm: WarmWorker | None = None,
                     passes: grading.PassCache | None = None) -> tuple[History, tuple[str, ...]]:
    """Grade the run's pieces and give the newly passing ones their split, timed from when grading began."""
    began = CLOCK.now()
    pieces = None if category == ALL else [curriculum.get(p) for p in ids]
    try:
        run = grading.grade(workspace, pieces, seed=seed, timeout=timeout, warm=warm, passes=passes)
    except WorkspaceError as e:
        raise click.ClickException(str(e)) from e
    passing = {r.piece_id for r in run.results if r.status is Status.PASSED}
    history = load(workspace)  # afresh: the run may have been abandoned from another terminal meanwhile
    active = history.active()
    if active is None or active.category != category:
        return history, ()
    history, newly = timing.record_passes(history, passing, began)
    store.save(workspace, history)
    return history, newly


def speedrun(workspace: Workspace, pieces: Sequence[Piece] | None = None, *, once: bool = False,
             abandon: bool = False, as_json: bool = False, seed: int | None = None,
             timeout: float = grading.DEFAULT_TIMEOUT) -> int:
    """Start, go on with, or abandon a speedrun of the pieces (all by default); returns the exit code.

    Exit 0 when the run is finished (or abandoned as asked), 1 while pieces remain or after Ctrl-C
    (the run stays resumable: its clock keeps running).
    """
    category, ids = category_of(pieces)
    history = load(workspace)
    active = history.active()
    if abandon:
        if active is None or active.category != category:
            running = f" (the one running is {active.category!r})" if active else ""
            raise click.ClickException(f"no speedrun of {category!r} is running{running}.")
        history, ended = timing.abandon(history, CLOCK.now())
        store.save(workspace, history)
        output.note(f"Abandoned attempt #{ended.number} of {category} at {format_time(ended.ended)}. "
                    "Your files are as you left them; its segments still count towards your best segments.")
        if as_json:
            output.emit_json(to_json(report(history, category, ids, CLOCK.now())))
        return 0
    if active is not None and active.category != category:
        command = command_for(workspace, active.category)
        raise click.ClickException(
            f"a speedrun of {active.category!r} is running in this workspace, one at a time: go on with "
            f"`{command}`, or end it with `{command} --abandon`.")
    if active is None:
        history = start(workspace, history, category, ids)
    if once or as_json or not output.console().is_terminal:
        history, newly = grade_and_record(workspace, ids, category, seed=seed, timeout=timeout)
        rep = report(history, category, ids, CLOCK.now())
        if as_json:
            output.emit_json(to_json(rep))
        else:
            output.show(views.final_view(rep) if rep.finished else views.progress_view(rep, newly))
        return 0 if rep.finished else 1
    from micrograd_kata.speedrun.live import live

    return live(workspace, category, ids, seed=seed, timeout=timeout)


@click.command("stats")
@click.argument("category", required=False, metavar="[all|PIECE]")
@click.option("--json", "as_json", is_flag=True, help="Print the records as one JSON object.")
@workspace_option
@click.pass_context
def stats_command(ctx: click.Context, category: str | None, as_json: bool) -> None:
    """Speedrun records: attempts, personal best, sum of best, best segment per piece, a chart of finished times.

    With no argument, every category run so far: `all` (the whole library) and each piece timed alone.
    """
    if category not in (None, ALL):
        try:
            category = curriculum.get(category).id  # type: ignore[arg-type]
        except curriculum.UnknownPiece as e:
            raise click.BadParameter(str(e), param_hint="'[all|PIECE]'") from e
    workspace = settings(ctx).open_workspace()
    history, now = load(workspace), CLOCK.now()
    categories = (category,) if category else history.categories()
    reports = [report(history, c, piece_ids(c), now) for c in categories]
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
