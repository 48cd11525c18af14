"""The learner's review cards: one FSRS card per piece of each track, in review.json, checked when read.

The file lives in the .kata/ of the workspace family (a drill made in .kata/drills/PIECE/ shares its workspace's
cards); with GRADE_REVIEW=shared in the environment it lives in the user's data directory instead, so that several
workspaces share one deck. Beside the cards it keeps the log of reviews (for the mastery view) and the slips of the
attempts going on: failed gradings, hints and peeks, which make a finish Hard.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fsrs import Card, Rating, Scheduler, State

from micrograd_kata.learner import lock
from micrograd_kata.learner.fields import entries, finite, flag, table, text, whole
from micrograd_kata.learner.rating import PieceAttempt, card_key, rate
from micrograd_kata.learner.state import Malformed, Recovered, StateError, read_json, write_json
from micrograd_kata.learner.workspace import MARKER, Workspace

FILE = "review.json"
VERSION = 1
SHARED = "GRADE_REVIEW"   # GRADE_REVIEW=shared: keep the cards in the user's data directory
LEVELS = ("full", "bare", "blank")   # scaffold levels, least to most from memory
LAST_TIME = 1e11                     # wall-clock seconds (the year 5138): later is no time the grader wrote
SLIP_KINDS = ("failed", "hints", "peeked")


@dataclass(frozen=True)
class Review:
    """One review in the log: which card, at which level, rated how, how long the piece took, when, in what run."""

    key: str
    level: str
    rating: Rating
    seconds: float | None
    at: float            # wall-clock seconds
    scope: str           # the speedrun's category it was timed in: 'all', a piece id, or several


@dataclass(frozen=True)
class Slips:
    """What went wrong so far in an attempt at one piece: failed gradings, hints, a peek at the solution."""

    failed: int = 0
    hints: int = 0
    peeked: bool = False


@dataclass(frozen=True)
class Deck:
    """Every card, the log of reviews, the slips of the attempts going on, and the review run going on, if any."""

    cards: dict[str, Card] = field(default_factory=dict)
    log: tuple[Review, ...] = ()
    slips: dict[str, Slips] = field(default_factory=dict)
    session: str | None = None   # the category of the run `grade review --start` began, while it runs


@dataclass(frozen=True)
class Recorded:
    """A review just recorded: the attempt, its rating and the card as the scheduler left it."""

    attempt: PieceAttempt
    rating: Rating
    card: Card


def scheduler() -> Scheduler:
    """FSRS with its own defaults, without the random fuzz on intervals: the same history gives the same dates."""
    return Scheduler(enable_fuzzing=False)


def moment(at: float) -> datetime:
    return datetime.fromtimestamp(at, UTC)


def data_dir() -> Path:
    """The user's data directory for the kata (XDG on Linux, Application Support on macOS, APPDATA on Windows)."""
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / "micrograd-kata"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "micrograd-kata"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "micrograd-kata"


def family_root(workspace: Workspace) -> Workspace:
    """The workspace whose cards this one uses: itself, or for a drill inside a workspace's .kata/, that workspace."""
    for folder in workspace.root.parents:
        if folder.name == MARKER:
            return Workspace(folder.parent)
    return workspace


def shared() -> bool:
    """Whether the cards live in the user's data directory, shared by every workspace: GRADE_REVIEW=shared."""
    return os.environ.get(SHARED, "").strip().lower() == "shared"


def path(workspace: Workspace) -> Path:
    """Where the workspace's cards are kept."""
    return data_dir() / FILE if shared() else family_root(workspace).state_dir / FILE


def load(workspace: Workspace) -> tuple[Deck, Recovered | None]:
    """The deck; a file that cannot be trusted is moved aside (and reported), and a fresh deck starts."""
    deck, recovered = read_json(path(workspace), default=None, check=from_data)
    return deck or Deck(), recovered


def save(workspace: Workspace, deck: Deck) -> None:
    write_json(path(workspace), to_data(deck))


def to_data(deck: Deck) -> dict[str, Any]:
    return {"version": VERSION, "cards": {k: dict(c.to_dict()) for k, c in deck.cards.items()},
            "log": [{"card": r.key, "level": r.level, "rating": r.rating.name, "seconds": r.seconds, "at": r.at,
                     "scope": r.scope} for r in deck.log],
            "slips": {k: {"failed": s.failed, "hints": s.hints, "peeked": s.peeked} for k, s in deck.slips.items()},
            "session": deck.session}


def from_data(data: Any) -> Deck:
    """The deck in data: raises Malformed saying what is wrong and where."""
    root = table(data, "the file")
    version = whole(root.get("version", VERSION), "version", low=1)
    if version > VERSION:
        raise StateError(f"{FILE} was written by a newer micrograd-kata (format {version}): upgrade it to read "
                         "your cards (`pip install -U micrograd-kata`)")
    cards = {text(k, "a card's name"): _card(c, f"card {k}") for k, c in table(root.get("cards", {}), "cards").items()}
    log = tuple(_review(r, f"review {i + 1}") for i, r in enumerate(entries(root.get("log", []), "log")))
    slips = {text(k, "a slip's card"): _slips(s, f"slips of {k}") for k, s in table(root.get("slips", {}), "slips").items()}
    session = root.get("session")
    return Deck(cards, log, slips, None if session is None else text(session, "session"))


def _card(data: Any, where: str) -> Card:
    c = table(data, where)
    whole(c.get("card_id"), f"{where}: card_id", high=2**63)
    state = whole(c.get("state"), f"{where}: state", low=1, high=3)
    step = c.get("step")
    if step is not None or state != State.Review:
        whole(step, f"{where}: step", high=1000)
    for name in ("stability", "difficulty"):
        if c.get(name) is not None:
            finite(c.get(name), f"{where}: {name}", high=1e9)
    for name in ("due", "last_review"):
        if c.get(name) is not None or name == "due":
            _date(c.get(name), f"{where}: {name}")
    return Card.from_dict(c)   # type: ignore[arg-type]   # checked above, field by field


def _date(value: Any, what: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text(value, what))
    except ValueError as e:
        raise Malformed(f"{what} is {value!r}, not a date") from e
    if moment.tzinfo is None:
        raise Malformed(f"{what} is {value!r}, a date without its time zone")
    return moment


def _review(data: Any, where: str) -> Review:
    r = table(data, where)
    level, rating = text(r.get("level"), f"{where}: level"), text(r.get("rating"), f"{where}: rating")
    seconds = r.get("seconds")
    if level not in LEVELS:
        raise Malformed(f"{where}: level {level!r} is not one of {', '.join(LEVELS)}")
    if rating not in Rating.__members__:
        raise Malformed(f"{where}: rating {rating!r} is not one of {', '.join(Rating.__members__)}")
    return Review(key=text(r.get("card"), f"{where}: card"), level=level, rating=Rating[rating],
                  seconds=None if seconds is None else finite(seconds, f"{where}: seconds", high=1e9),
                  at=finite(r.get("at"), f"{where}: at", high=LAST_TIME), scope=text(r.get("scope"), f"{where}: scope"))


def _slips(data: Any, where: str) -> Slips:
    s = table(data, where)
    return Slips(whole(s.get("failed", 0), f"{where}: failed"), whole(s.get("hints", 0), f"{where}: hints"),
                 flag(s.get("peeked", False), f"{where}: peeked"))


def review(deck: Deck, attempt: PieceAttempt, rating: Rating, at: float, scope: str) -> tuple[Deck, Card]:
    """The deck after the scheduler has seen this review of the attempt's card (a new card for a first review)."""
    card = deck.cards.get(attempt.key) or Card(card_id=len(deck.cards) + 1, due=moment(at))
    card, _ = scheduler().review_card(card, rating, moment(at))
    logged = Review(attempt.key, attempt.level, rating, attempt.seconds if attempt.finished else None, at, scope)
    slips = {k: s for k, s in deck.slips.items() if k != attempt.key}
    return replace(deck, cards={**deck.cards, attempt.key: card}, log=(*deck.log, logged), slips=slips), card


def with_slips(deck: Deck, attempt: PieceAttempt) -> PieceAttempt:
    """The attempt with the slips noted for its piece since it began."""
    s = deck.slips.get(attempt.key, Slips())
    return replace(attempt, failed_gradings=s.failed, hints=s.hints, peeked=s.peeked)


def add_slip(deck: Deck, key: str, kind: str) -> Deck:
    """The deck with one more slip of this kind (failed, hints, peeked) for the card."""
    s = deck.slips.get(key, Slips())
    more = {"failed": replace(s, failed=s.failed + 1), "hints": replace(s, hints=s.hints + 1),
            "peeked": replace(s, peeked=True)}[kind]
    return replace(deck, slips={**deck.slips, key: more})


def forget_slips(deck: Deck, keys: Iterable[str]) -> Deck:
    """The deck without these cards' slips: their attempts start afresh."""
    gone = set(keys)
    return replace(deck, slips={k: s for k, s in deck.slips.items() if k not in gone})


def change(workspace: Workspace, how: Callable[[Deck], Deck], note: Callable[[str], None]) -> Deck:
    """Load the deck, change it and save it, under the family workspace's lock; a bad file is moved aside, noted."""
    with lock.held(family_root(workspace)):
        deck, recovered = load(workspace)
        if recovered is not None:
            note(recovered.message())
        deck = how(deck)
        save(workspace, deck)
    return deck


def record(workspace: Workspace, attempts: Iterable[PieceAttempt], best: Callable[[str], float | None], at: float,
           scope: str, note: Callable[[str], None]) -> list[Recorded]:
    """Rate each attempt (best: the piece's best segment at its level before it), review its card and save."""
    recorded: list[Recorded] = []

    def apply(deck: Deck) -> Deck:
        for bare in attempts:
            attempt = with_slips(deck, bare)
            rating = rate(attempt, best(attempt.piece))
            deck, card = review(deck, attempt, rating, at, scope)
            recorded.append(Recorded(attempt, rating, card))
        return deck

    change(workspace, apply, note)
    return recorded


def in_words(recorded: Recorded, at: float) -> str:
    """The note after an attempt: 'Review of tanh: Good (clean); next due in 10 minutes.'"""
    from micrograd_kata.learner.rating import reason

    due = until(recorded.card.due.timestamp() - at)
    return (f"Review of {recorded.attempt.piece}: {recorded.rating.name} ({reason(recorded.attempt, recorded.rating)}); "
            f"next due {due}.")


def until(seconds: float) -> str:
    """A wait in words, rounded to its largest unit: 'now', 'in 10 minutes', 'in 3 days'."""
    if seconds < 30:
        return "now"
    unit, size = ("day", 86400) if seconds >= 86400 else ("hour", 3600) if seconds >= 3600 else ("minute", 60)
    n = max(1, round(seconds / size))
    return f"in {n} {unit}{'s' if n != 1 else ''}"


def slip(workspace: Workspace, piece: str, kind: str, note: Callable[[str], None]) -> None:
    """Note a hint or a peek at the solution (kind 'hints' or 'peeked') for the piece's attempt going on."""
    key = card_key(workspace.track, piece)
    change(workspace, lambda deck: add_slip(deck, key, kind), note)
