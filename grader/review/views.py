"""Rich renderables for spaced review: the pieces due, the next due dates after a review, and the mastery view."""
from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from micrograd_kata.learner.deck import LEVELS, Review
from micrograd_kata.learner.review import moment, until
from micrograd_kata.review.agenda import Agenda, CardState
from micrograd_kata.review.mastery import RECITED, Mastery
from micrograd_kata.speedrun.views import format_time
from micrograd_kata.wording import and_list

RATING_STYLE = {"Again": "red", "Hard": "yellow", "Good": "green", "Easy": "bold cyan"}


def when(at: float) -> str:
    """A date and time, to the minute, in UTC: the same on every machine."""
    return moment(at).strftime("%Y-%m-%d %H:%M UTC")


def ago(seconds: float) -> str:
    """'3 days ago', 'just now'."""
    words = until(seconds)
    return "just now" if words == "now" else words.removeprefix("in ") + " ago"


def last_attempt(last: Review | None, at: float) -> Text:
    """'Good · 0:09.0 at full · 3 days ago'."""
    if last is None:
        return Text("—")
    timed = f" · {format_time(last.seconds)}" if last.seconds is not None else ""
    return Text.assemble((last.rating.name, RATING_STYLE[last.rating.name]), f"{timed} at {last.level} · {ago(at - last.at)}")


def agenda_table(states: tuple[CardState, ...], at: float, *, title: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("Piece")
    table.add_column("Due", justify="right")
    table.add_column("Recall", justify="right")
    table.add_column("Last attempt")
    for s in states:
        due = "now" if abs(s.overdue(at)) < 30 else (f"{ago(s.overdue(at)).removesuffix(' ago')} overdue"
                                                     if s.overdue(at) > 0 else until(-s.overdue(at)))
        table.add_row(s.piece.id, due, f"{s.retrievability:.0%}", last_attempt(s.last, at))
    return table


def agenda_view(a: Agenda, *, running: str | None = None) -> RenderableType:
    """The pieces due now, most overdue first, then when the next comes due and which pieces have no card yet."""
    parts: list[RenderableType] = []
    if a.due:
        parts.append(agenda_table(a.due, a.at, title=f"Due for review · {a.track}"))
        parts.append(Text("Review them with `grade review --start`: each is reset to its stub (your files are backed "
                          "up first) and timed as it passes."))
    elif a.later:
        soon = a.later[0]
        parts.append(Text(f"Nothing is due for review. Next: {soon.piece.id}, {until(soon.due - a.at)} "
                          f"({when(soon.due)})."))
    else:
        parts.append(Text("No piece has been reviewed yet: every timed attempt at a piece (`grade PIECE --speedrun`, "
                          "a drill with --speedrun, a split of `grade --all --speedrun`) is a review."))
    if a.new and (a.due or a.later):
        parts.append(Text(f"Not timed yet, so not scheduled: {and_list([p.id for p in a.new])}.", style="dim"))
    if running:
        parts.append(Text(f"A review is going on ({running}): go on with `grade review --start`.", style="bold"))
    return Group(*parts)


def next_due_view(a: Agenda, pieces: tuple[str, ...]) -> RenderableType:
    """After a review run: when each of its pieces comes due again."""
    table = Table(title="Next reviews", title_justify="left")
    table.add_column("Piece")
    table.add_column("Rated")
    table.add_column("Next due", justify="right")
    table.add_column("Date", style="dim")
    for s in sorted((*a.due, *a.later), key=lambda s: pieces.index(s.piece.id) if s.piece.id in pieces else len(pieces)):
        if s.piece.id in pieces:
            rated = Text(s.last.rating.name, RATING_STYLE[s.last.rating.name]) if s.last else Text("—")
            table.add_row(s.piece.id, rated, until(s.due - a.at), when(s.due))
    return table


def mastery_view(m: Mastery) -> RenderableType:
    """Per piece: the highest level passed cleanly, the best time at each level, the scheduler's stability."""
    table = Table(title=f"Mastery · {m.track}", title_justify="left")
    table.add_column("Piece")
    table.add_column("Clean at", justify="center")
    for level in LEVELS:
        table.add_column(f"Best {level}", justify="right")
    table.add_column("Stability", justify="right")
    for p in m.pieces:
        clean = Text(p.highest or "—", style="bold green" if p.recited else "")
        stability = "—" if p.stability is None else f"{p.stability:.1f} d"
        table.add_row(p.piece.id, clean, *(format_time(p.best.get(level)) for level in LEVELS), stability)
    left = len(m.pieces) - m.recited
    summary = (Text("Recited: every piece passed cleanly at the blank level.", style="bold green") if m.done else
               Text(f"Recited {m.recited} of {len(m.pieces)}: {left} more to pass cleanly at the {RECITED} level "
                    "(no failed grading, hint or peek)."))
    return Panel(Group(table, summary), title="From memory", expand=False)
