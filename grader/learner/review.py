"""The learner's review cards: one FSRS card per piece of each track, reviewed by the scheduler and kept on disk.

The file (review.json, its format in deck.py) lives in the .kata/ of the workspace family (a drill made in
.kata/drills/PIECE/ shares its workspace's cards); with GRADE_REVIEW=shared in the environment it lives in the
user's data directory instead, so that several workspaces share one deck. Beside the cards it keeps the log of
reviews (for the mastery view) and the slips of the attempts going on: failed gradings, hints and peeks, which make a
finish Hard.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from fsrs import Card, Rating, Scheduler

from micrograd_kata.learner import lock
from micrograd_kata.learner.deck import FILE, Deck, Review, Slips, from_data, to_data
from micrograd_kata.learner.rating import PieceAttempt, card_key, rate
from micrograd_kata.learner.state import Recovered, read_json, write_json
from micrograd_kata.learner.workspace import MARKER, Workspace

SHARED = "GRADE_REVIEW"   # GRADE_REVIEW=shared: keep the cards in the user's data directory


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
