"""`grade review --start`: a speedrun of the pieces due now, each reset to stubs (backed up first) and timed as it
passes; each split is a review (speedrun/session.py records it). The deck remembers which run is the review's, so
that the same command goes on with it until every piece has passed.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass, replace

from micrograd_kata.learner import review
from micrograd_kata.learner.deck import Deck
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.practice import reset
from micrograd_kata.review.agenda import Agenda, agenda
from micrograd_kata.speedrun import session
from micrograd_kata.speedrun.session import Note, Speedrun
from micrograd_kata.speedrun.timing import History, SpeedrunError


class NothingDue(SpeedrunError):
    """No card of the track is due: the agenda says when the next one is."""

    def __init__(self, due_later: Agenda) -> None:
        super().__init__("nothing is due for review now.")
        self.agenda = due_later


@dataclass(frozen=True)
class ReviewRun:
    """The review's speedrun, and whether this command started it (else it goes on with it)."""

    run: Speedrun
    history: History
    started: bool


def load(workspace: Workspace, note: Note) -> Deck:
    """The workspace's cards; a file that cannot be trusted is moved aside, with a note."""
    deck, recovered = review.load(workspace)
    if recovered is not None:
        note(recovered.message())
    return deck


def now_agenda(workspace: Workspace, deck: Deck) -> Agenda:
    """The workspace's track's agenda now (by the speedrun's clock)."""
    return agenda(deck, workspace.track, session.CLOCK.reading().wall)


def running(workspace: Workspace, deck: Deck, note: Note) -> Speedrun | None:
    """The review run going on in this workspace, if one is (the speedrun history is read only when one was begun)."""
    if deck.session is None:
        return None
    active = session.load(workspace, note).active()
    if active is None or deck.session != str(active.category):
        return None
    return Speedrun(workspace, active.category, active.pieces, note)


def start(workspace: Workspace, note: Note, *, level: str | None = None) -> ReviewRun:
    """Go on with the review run, or start one of the pieces due now, most overdue first.

    Raises NothingDue when no piece is due, SpeedrunError when another speedrun is going on.
    """
    deck = load(workspace, note)
    going = running(workspace, deck, note)
    if going is not None:
        return ReviewRun(going, going.start_or_resume(), started=False)
    due = now_agenda(workspace, deck)
    if not due.due:
        raise NothingDue(due)
    run = Speedrun.of(workspace, [s.piece for s in due.due], note)
    if level is not None and not reset_takes_level():
        note(f"--level {level}: this kata resets pieces to their full stubs only, so the review is at the full level.")
    elif level is not None:
        run = replace(run, level=level)
    history = run.start_or_resume()
    review.change(workspace, lambda deck: replace(deck, session=str(run.category)), note)
    return ReviewRun(run, history, started=True)


def reset_takes_level() -> bool:
    """Whether the reset can put a piece back at a scaffold level (full, bare, blank), as levels bring."""
    return "level" in inspect.signature(reset.reset_piece).parameters
