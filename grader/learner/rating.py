"""How well a timed attempt at a piece was remembered: the FSRS rating, read from what happened, never asked.

    failed to finish, or gave up                                  -> Again
    finished after failed gradings, hints or a peek at the answer -> Hard
    finished cleanly                                              -> Good
    finished cleanly at or under the piece's best segment         -> Easy

Pure: the attempt is a record, the best segment a number, so tests drive it with fakes.
"""
from __future__ import annotations

from dataclasses import dataclass

from fsrs import Rating


@dataclass(frozen=True)
class PieceAttempt:
    """One timed attempt at one piece (a drill, a piece speedrun, a split of a full run, a review), as it ended."""

    track: str
    piece: str
    level: str                    # the scaffold level it was written at: full, bare or blank
    finished: bool                # False: abandoned, or the run ended before this piece passed
    seconds: float | None = None  # the piece's own segment; None when unfinished or split together with others
    failed_gradings: int = 0      # gradings of the piece, during the attempt, where its code ran and was wrong
    hints: int = 0                # hints asked for during the attempt
    peeked: bool = False          # the solution was shown during the attempt (`grade diff --peek`)

    @property
    def key(self) -> str:
        """The card's name: one card per piece of each track."""
        return card_key(self.track, self.piece)

    @property
    def clean(self) -> bool:
        """Finished without a failed grading, a hint or a peek."""
        return self.finished and not (self.failed_gradings or self.hints or self.peeked)


def card_key(track: str, piece: str) -> str:
    return f"{track}/{piece}"


def rate(attempt: PieceAttempt, best_segment: float | None) -> Rating:
    """The rating of the attempt; best_segment is the piece's best at that level before it (None: none yet)."""
    if not attempt.finished:
        return Rating.Again
    if not attempt.clean:
        return Rating.Hard
    if attempt.seconds is not None and best_segment is not None and attempt.seconds <= best_segment:
        return Rating.Easy
    return Rating.Good


def reason(attempt: PieceAttempt, rating: Rating) -> str:
    """Why the attempt got its rating, in a few words: 'gave up', '2 failed gradings and a hint', 'clean'."""
    if rating is Rating.Again:
        return "not finished"
    if rating is Rating.Hard:
        slips = [_count(attempt.failed_gradings, "failed grading"), _count(attempt.hints, "hint"),
                 "a peek at the solution" if attempt.peeked else ""]
        return "finished after " + " and ".join(s for s in slips if s)
    return "clean, at or under your best segment" if rating is Rating.Easy else "clean"


def _count(n: int, what: str) -> str:
    return "" if n == 0 else f"a {what}" if n == 1 else f"{n} {what}s"
