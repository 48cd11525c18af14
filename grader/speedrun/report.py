"""What a speedrun's state says at a moment: one record that feeds both the rich views and --json."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from micrograd_kata.speedrun import records
from micrograd_kata.speedrun.category import Category
from micrograd_kata.speedrun.clock import Jump
from micrograd_kata.speedrun.timing import Attempt, History, Now, Segment


@dataclass(frozen=True)
class PieceRow:
    """One piece of the shown attempt: its split, its segment, against the personal best and its best segment."""

    piece_id: str
    split: float | None
    segment: Segment | None      # the segment it was done in; shared by pieces first seen passing together
    delta: float | None          # split - the personal best's split (negative: ahead)
    gold: bool                   # its segment beats the best earlier attempts had for the same piece(s)
    best_segment: float | None   # its best segment of its own, over every attempt, this one included

    @property
    def carries_segment(self) -> bool:
        """The row that shows the segment's time: the piece itself, or the last piece of a combined segment."""
        return self.segment is not None and self.segment.pieces[-1] == self.piece_id


@dataclass(frozen=True)
class Report:
    """A category's speedrun state: the latest attempt (running or not) and the records it is measured against."""

    category: Category
    attempt: Attempt | None
    elapsed: float | None
    rows: tuple[PieceRow, ...]
    personal_best: Attempt | None      # over every finished attempt, this one included
    previous_best: Attempt | None      # the personal best before the shown attempt: what deltas compare with
    sum_of_best: float | None
    attempts: tuple[Attempt, ...]
    clock_jumps: tuple[Jump, ...] = ()  # the wall clock's jumps while the shown attempt was timed, up to now

    @property
    def active(self) -> bool:
        return self.attempt is not None and self.attempt.active

    @property
    def finished(self) -> bool:
        return self.attempt is not None and self.attempt.final_time is not None

    @property
    def new_personal_best(self) -> bool:
        """The shown attempt finished faster than every earlier attempt."""
        return (self.finished and self.attempt is not None and self.personal_best is not None
                and self.personal_best.number == self.attempt.number)

    @property
    def current_piece(self) -> str | None:
        """The first piece, in curriculum order, without a split."""
        return next((r.piece_id for r in self.rows if r.split is None), None)


def report(history: History, category: Category, pieces: tuple[str, ...], now: Now) -> Report:
    """The state of category at time now; pieces name the category's pieces when it has no attempt yet."""
    attempt = history.latest(category)
    elapsed, clocked = attempt.clocked(now) if attempt else (None, None)
    pieces = attempt.pieces if attempt else pieces
    before = attempt.number if attempt else None
    previous_best = records.personal_best(history, category, before=before)
    best = records.best_segments(history, category)
    segments = {p: s for s in (attempt.segments() if attempt else ()) for p in s.pieces}
    deltas = records.deltas(attempt, previous_best) if attempt else {}
    gold = {p for s in (records.gold_segments(history, attempt) if attempt else ()) for p in s.pieces}
    alone = records.best_alone(best)
    rows = tuple(
        PieceRow(piece_id=p, split=attempt.splits.get(p) if attempt else None, segment=segments.get(p),
                 delta=deltas.get(p), gold=p in gold, best_segment=alone.get(p))
        for p in pieces)
    return Report(category=category, attempt=attempt, elapsed=elapsed, rows=rows,
                  personal_best=records.personal_best(history, category), previous_best=previous_best,
                  sum_of_best=records.best_cover(best, pieces), attempts=history.of(category),
                  clock_jumps=clocked.jumps if clocked else ())


@dataclass(frozen=True)
class CategoryBest:
    """A category in brief, for the list of the others: how many attempts, and its personal best (None: none
    finished)."""

    category: Category
    attempts: int
    best: float | None


def others(history: History, shown: Category) -> tuple[CategoryBest, ...]:
    """Every category run so far but the shown one, with its personal best."""
    return tuple(CategoryBest(c, len(history.of(c)), _final(records.personal_best(history, c)))
                 for c in history.categories() if c != shown)


def _final(attempt: Attempt | None) -> float | None:
    return None if attempt is None else attempt.final_time


def others_json(bests: tuple[CategoryBest, ...]) -> list[dict[str, Any]]:
    return [{"category": str(b.category), "attempts": b.attempts, "personal_best": _round(b.best)} for b in bests]


def _iso(seconds: float) -> str:
    return datetime.datetime.fromtimestamp(seconds).astimezone().isoformat(timespec="seconds")


def _round(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 3)


def to_json(rep: Report) -> dict[str, Any]:
    """The state as plain data: what `--speedrun --json` prints."""
    attempt, pb = rep.attempt, rep.personal_best
    return {
        "category": str(rep.category),
        "track": rep.category.track,
        "level": rep.category.level,
        "scope": rep.category.scope,
        "active": rep.active,
        "attempt": attempt.number if attempt else None,
        "outcome": attempt.outcome if attempt else None,
        "started": _iso(attempt.started) if attempt else None,
        "elapsed": _round(rep.elapsed),
        "finished": rep.finished,
        "final_time": _round(attempt.final_time) if attempt else None,
        "pieces": [{"id": r.piece_id, "split": _round(r.split),
                    "segment": _round(r.segment.seconds) if r.segment else None,
                    "segment_pieces": list(r.segment.pieces) if r.segment else None,
                    "delta": _round(r.delta), "gold": r.gold, "best_segment": _round(r.best_segment)}
                   for r in rep.rows],
        "personal_best": None if pb is None or pb.final_time is None else {
            "attempt": pb.number, "time": _round(pb.final_time), "started": _iso(pb.started),
            "splits": {p: _round(s) for p, s in pb.splits.items()}},
        "sum_of_best": _round(rep.sum_of_best),
        "clock_jumps": [{"at": _round(j.at), "seconds": _round(j.seconds), "steady": j.steady}
                        for j in rep.clock_jumps],
    }


def stats_json(rep: Report) -> dict[str, Any]:
    """The state plus the attempt history: what `grade stats --json` prints for one category."""
    return {**to_json(rep), "attempts": len(rep.attempts), "history": [
        {"attempt": a.number, "started": _iso(a.started), "outcome": a.outcome, "time": _round(a.ended),
         "pieces_split": len(a.splits)} for a in rep.attempts]}
