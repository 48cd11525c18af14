"""What to review now: the track's pieces whose cards are due, most overdue first, and when the others come due."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fsrs import Card

from micrograd_kata import curriculum
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner.deck import Deck, Review
from micrograd_kata.learner.rating import card_key
from micrograd_kata.learner.review import moment, scheduler


@dataclass(frozen=True)
class CardState:
    """One piece's card as of now: when it is due, how likely it is still remembered, and its last review."""

    piece: Piece
    card: Card
    due: float              # wall-clock seconds
    retrievability: float   # the scheduler's chance that the piece is still remembered now, 0 to 1
    last: Review | None

    def overdue(self, at: float) -> float:
        """Seconds since it came due (negative: not due yet)."""
        return at - self.due


@dataclass(frozen=True)
class Agenda:
    """A track's cards at one moment: due (most overdue first), later (soonest first), and pieces without a card."""

    track: str
    at: float
    due: tuple[CardState, ...]
    later: tuple[CardState, ...]
    new: tuple[Piece, ...]      # never timed: their first timed attempt starts their schedule


def agenda(deck: Deck, track: str, at: float) -> Agenda:
    """The track's cards in the deck at `at` (wall-clock seconds)."""
    fsrs, now = scheduler(), moment(at)
    last = {r.key: r for r in deck.log}   # the log is in time order: the last one wins
    states, new = [], []
    for piece in curriculum.load(track):
        key = card_key(track, piece.id)
        card = deck.cards.get(key)
        if card is None:
            new.append(piece)
            continue
        states.append(CardState(piece, card, card.due.timestamp(), fsrs.get_card_retrievability(card, now),
                                last.get(key)))
    states.sort(key=lambda s: s.due)
    return Agenda(track, at, tuple(s for s in states if s.due <= at), tuple(s for s in states if s.due > at),
                  tuple(new))


def to_json(a: Agenda) -> dict[str, Any]:
    """The agenda for `grade review --json`."""
    def card(s: CardState) -> dict[str, Any]:
        last = None if s.last is None else {"at": moment(s.last.at).isoformat(), "rating": s.last.rating.name,
                                            "level": s.last.level, "seconds": s.last.seconds, "scope": s.last.scope}
        return {"piece": s.piece.id, "due": moment(s.due).isoformat(), "overdue_seconds": round(s.overdue(a.at), 3),
                "retrievability": round(s.retrievability, 4), "stability": s.card.stability, "last": last}

    return {"track": a.track, "at": moment(a.at).isoformat(), "due": [card(s) for s in a.due],
            "later": [card(s) for s in a.later], "new": [p.id for p in a.new]}
