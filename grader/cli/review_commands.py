"""Spaced review: `grade review` (what is due), `grade review --start` (review it, timed), and `grade stats --mastery`."""
from __future__ import annotations

from typing import TYPE_CHECKING

import click

from micrograd_kata import grading
from micrograd_kata.cli import output
from micrograd_kata.cli.options import Settings, common_options, settings
from micrograd_kata.learner import deck
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.review import agenda, mastery, views
from micrograd_kata.review import session as review_session
from micrograd_kata.speedrun import views as speedrun_views
from micrograd_kata.speedrun.report import to_json
from micrograd_kata.speedrun.session import Speedrun
from micrograd_kata.speedrun.timing import SpeedrunError

if TYPE_CHECKING:
    from rich.console import RenderableType


@click.command("review")
@click.option("--start", is_flag=True, help="Review the pieces due now: each is reset to its stub (backed up first) "
              "and timed as it passes; the same command goes on with the review.")
@click.option("--level", type=click.Choice(deck.LEVELS), help="With --start: the scaffold level to reset to.")
@click.option("--once", is_flag=True, help="With --start: grade once instead of on every save.")
@click.option("--abandon", is_flag=True, help="End the review going on; the piece it was on is rated Again.")
@common_options
@click.pass_context
def review_command(ctx: click.Context, start: bool, level: str | None, once: bool, abandon: bool) -> None:
    """The pieces due for review, most overdue first, with the chance each is still remembered and its last attempt.

    Every timed attempt at a piece is a review, rated from what happened: not finished (abandoned) is Again;
    finished after a failed grading, a hint or a peek at the solution is Hard; finished cleanly is Good; cleanly at
    or under the piece's best segment is Easy. The FSRS scheduler then dates the piece's next review.
    Set GRADE_REVIEW=shared to keep the cards in your data directory, shared by every workspace.
    """
    s = settings(ctx)
    if (level or once) and not start:
        raise click.UsageError("--level and --once go with --start, e.g. `grade review --start --once`.")
    if start and abandon:
        raise click.UsageError("--start and --abandon: one at a time.")
    workspace = s.open_workspace()
    if abandon:
        abandon_review(workspace, s)
    elif start:
        ctx.exit(start_review(workspace, s, level=level, once=once))
    else:
        show_agenda(workspace, s)


def show_agenda(workspace: Workspace, s: Settings) -> None:
    deck = review_session.load(workspace, output.note)
    due = review_session.now_agenda(workspace, deck)
    going = review_session.running(workspace, deck, output.note)
    if s.as_json:
        output.emit_json({**agenda.to_json(due), "running": going.category if going else None})
    else:
        output.show(views.agenda_view(due, running=",".join(going.category.piece_ids) if going else None))


def abandon_review(workspace: Workspace, s: Settings) -> None:
    going = review_session.running(workspace, review_session.load(workspace, output.note), output.note)
    if going is None:
        raise click.ClickException("no review is going on: `grade review --start` starts one.")
    try:
        going.abandon()
    except SpeedrunError as e:
        raise click.ClickException(str(e)) from e
    output.note("Abandoned the review. Your files are as you left them.")
    if s.as_json:
        output.emit_json(agenda.to_json(now_agenda(workspace)))


def start_review(workspace: Workspace, s: Settings, *, level: str | None, once: bool) -> int:
    """Start or go on with the review run; 0 once every piece of it has passed, else 1."""
    try:
        started = review_session.start(workspace, output.note, level=level)
    except review_session.NothingDue as e:
        if s.as_json:
            output.emit_json(agenda.to_json(e.agenda))
        else:
            output.show(views.agenda_view(e.agenda))
        return 0
    except SpeedrunError as e:
        raise click.ClickException(str(e)) from e
    run, timeout = started.run, s.timeout or grading.DEFAULT_TIMEOUT
    memory = s.memory or grading.DEFAULT_MEMORY
    if not (once or s.as_json) and output.console().is_terminal:
        from micrograd_kata.speedrun.live import live

        code = live(run, output.console(), seed=s.seed, timeout=timeout, memory=memory)
        if code == 0:
            output.show(next_due(run))
        return code
    graded = run.grade_and_record(seed=s.seed, timeout=timeout, memory=memory)
    report = run.report(graded.history)
    if s.as_json:
        due = now_agenda(workspace)
        output.emit_json({"speedrun": to_json(report), "next_due": agenda.to_json(due) if report.finished else None})
    elif report.finished:
        output.show(speedrun_views.final_view(report), next_due(run))
    else:
        output.show(speedrun_views.progress_view(report, graded.newly, graded.current))
    return 0 if report.finished else 1


def next_due(run: Speedrun) -> RenderableType:
    """When each piece of the finished review comes due again."""
    return views.next_due_view(now_agenda(run.workspace), run.ids)


def now_agenda(workspace: Workspace) -> agenda.Agenda:
    return review_session.now_agenda(workspace, review_session.load(workspace, output.note))


def show_mastery(workspace: Workspace, as_json: bool) -> None:
    """`grade stats --mastery`: how far each piece of the workspace's track is from recited."""
    m = mastery.mastery(review_session.load(workspace, output.note), workspace.track)
    if as_json:
        output.emit_json(mastery.to_json(m))
    else:
        output.show(views.mastery_view(m))


def register(cli: click.Group) -> None:
    """Add `review` to the grade command."""
    cli.add_command(review_command)
