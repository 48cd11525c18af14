"""The review cards on disk: review.json's records (the deck, its log of reviews, the slips of the attempts going
on) and their JSON, checked field by field when read."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fsrs import Card, Rating, State

from micrograd_kata.learner.fields import entries, finite, flag, table, text, whole
from micrograd_kata.learner.scaffold import LEVELS  # least to most from memory
from micrograd_kata.learner.state import Malformed, StateError

FILE = "review.json"
VERSION = 1
LAST_TIME = 1e11                     # wall-clock seconds (the year 5138): later is no time the grader wrote


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
