"""How far each piece is from recited: the highest level passed cleanly, the best time per level, the stability.

The track is recited when every piece has passed cleanly at the blank level: written from an empty file, with no
failed grading, hint or peek.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fsrs import Rating

from micrograd_kata import curriculum
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner.deck import LEVELS, Deck
from micrograd_kata.learner.rating import card_key

RECITED = LEVELS[-1]   # blank: the file empty but for its name
CLEAN = (Rating.Good, Rating.Easy)


@dataclass(frozen=True)
class PieceMastery:
    """One piece: the highest level passed cleanly, the best time at each level, the card's stability in days."""

    piece: Piece
    highest: str | None
    best: dict[str, float]
    stability: float | None
    reviews: int

    @property
    def recited(self) -> bool:
        return self.highest == RECITED


@dataclass(frozen=True)
class Mastery:
    """Every piece of a track, and how many of them are recited."""

    track: str
    pieces: tuple[PieceMastery, ...]

    @property
    def recited(self) -> int:
        return sum(p.recited for p in self.pieces)

    @property
    def done(self) -> bool:
        return self.recited == len(self.pieces)


def mastery(deck: Deck, track: str) -> Mastery:
    """The track's mastery from the deck's log of reviews."""
    keys = {card_key(track, p.id): p for p in curriculum.load(track)}
    highest: dict[str, int] = {}
    best: dict[str, dict[str, float]] = {k: {} for k in keys}
    reviews: dict[str, int] = {}
    for r in deck.log:
        if r.key not in keys:
            continue
        reviews[r.key] = reviews.get(r.key, 0) + 1
        if r.rating in CLEAN:
            highest[r.key] = max(highest.get(r.key, -1), LEVELS.index(r.level))
        if r.seconds is not None:
            best[r.key][r.level] = min(r.seconds, best[r.key].get(r.level, r.seconds))
    return Mastery(track, tuple(
        PieceMastery(piece, LEVELS[highest[k]] if k in highest else None,
                     {level: best[k][level] for level in LEVELS if level in best[k]},
                     deck.cards[k].stability if k in deck.cards else None, reviews.get(k, 0))
        for k, piece in keys.items()))


def to_json(m: Mastery) -> dict[str, Any]:
    """The mastery view for --json."""
    return {"track": m.track, "recited": m.recited, "pieces_total": len(m.pieces), "done": m.done,
            "pieces": [{"piece": p.piece.id, "highest_clean_level": p.highest, "best_seconds": p.best,
                        "stability_days": p.stability, "reviews": p.reviews} for p in m.pieces]}
