"""Speedrun timing in LiveSplit's terms: attempts, splits, segments, personal best, gold segments, sum of best.

Pure logic on clock readings (clock.py): nothing here reads files or the real clock, so tests drive it with a fake.
A split is the elapsed time when a piece is first seen passing; its segment is the time since the split before it.
Pieces first seen passing in the same grading share that split and one combined segment (LiveSplit's skipped
splits): the records in speedrun_records.py never credit the combined time to any one of them alone.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace

from micrograd_kata.speedrun.category import ALL, Category
from micrograd_kata.speedrun.clock import Jump, Mark, Reading, since

__all__ = ["ALL", "Attempt", "Category", "History", "Segment", "SpeedrunError"]

RUNNING, FINISHED, ABANDONED = "running", "finished", "abandoned"


Now = Reading | float   # a bare float is a reading of the wall clock alone


def as_reading(now: Now) -> Reading:
    return now if isinstance(now, Reading) else Reading(float(now))


class SpeedrunError(Exception):
    """A speedrun action that cannot be done now (another run is active, no run to abandon, the code cannot be reset)."""


@dataclass(frozen=True)
class Segment:
    """The time between two splits, and the piece (or pieces, when first seen passing together) done in it."""

    pieces: tuple[str, ...]
    seconds: float


@dataclass(frozen=True)
class Attempt:
    """One run of a category: when it started, the split of each piece seen passing, and how it ended."""

    number: int                     # 1, 2, ... within its category
    category: Category
    pieces: tuple[str, ...]         # piece ids, in curriculum order
    started: float                  # wall-clock seconds
    splits: dict[str, float] = field(default_factory=dict)
    outcome: str = RUNNING
    ended: float | None = None      # elapsed seconds when it finished or was abandoned
    mark: Mark | None = None        # the reading its clock was last set from; None: its start, by the wall clock
    jumps: tuple[Jump, ...] = ()    # the wall clock's jumps seen while it was timed

    @property
    def active(self) -> bool:
        return self.outcome == RUNNING

    @property
    def final_time(self) -> float | None:
        """The run's time, for a finished run."""
        return self.ended if self.outcome == FINISHED else None

    def elapsed(self, now: Now) -> float:
        """Seconds on the run's clock: frozen once it ended, never negative."""
        return self.clocked(now)[0]

    def clocked(self, now: Now) -> tuple[float, Attempt]:
        """The time on the run's clock at now, and the attempt with its clock set from now (a jump noted).

        A reading no later than the last one leaves the clock where it was: the clock never goes backwards.
        """
        if self.ended is not None:
            return self.ended, self
        mark = self.mark or Mark(Reading(self.started), 0.0)
        elapsed, jump = since(mark, as_reading(now))
        if elapsed < mark.elapsed or (elapsed == mark.elapsed and jump is None):
            return elapsed, self
        jumps = self.jumps if jump is None else (*self.jumps, jump)
        return elapsed, replace(self, mark=Mark(as_reading(now), elapsed), jumps=jumps)

    def segments(self) -> tuple[Segment, ...]:
        """The run cut at its splits, in time order: each segment is the time since the previous split."""
        times = sorted(set(self.splits.values()))
        return tuple(Segment(pieces=tuple(p for p in self.pieces if self.splits.get(p) == t),
                             seconds=t - (times[i - 1] if i else 0.0))
                     for i, t in enumerate(times))


@dataclass(frozen=True)
class History:
    """Every attempt in a workspace, in the order they were started; at most one is running."""

    attempts: tuple[Attempt, ...] = ()

    def active(self) -> Attempt | None:
        return next((a for a in self.attempts if a.active), None)

    def of(self, category: Category) -> tuple[Attempt, ...]:
        return tuple(a for a in self.attempts if a.category == category)

    def latest(self, category: Category) -> Attempt | None:
        attempts = self.of(category)
        return attempts[-1] if attempts else None

    def categories(self) -> tuple[Category, ...]:
        """The categories run so far: by track and level, each one's whole-track runs first, then in order of first
        run."""
        seen = dict.fromkeys(a.category for a in self.attempts)
        order = {c: i for i, c in enumerate(seen)}
        return tuple(sorted(seen, key=lambda c: (c.track, c.level, c.scope != ALL, order[c])))


def start(history: History, category: Category, pieces: tuple[str, ...], now: Now) -> History:
    """Start a new attempt of category; only one run may be active in a workspace at a time."""
    active = history.active()
    if active is not None:
        raise SpeedrunError(f"a speedrun of {active.category} is already running")
    reading = as_reading(now)
    attempt = Attempt(number=len(history.of(category)) + 1, category=category, pieces=pieces, started=reading.wall,
                      mark=Mark(reading, 0.0))
    return History(history.attempts + (attempt,))


def record_passes(history: History, passing: Collection[str], now: Now) -> tuple[History, tuple[str, ...]]:
    """Give each newly passing piece of the active run its split; finish the run when all its pieces pass.

    Returns the new history and the pieces that got a split now. A piece that passed and then broke keeps its split.
    A grading that began before the last split was recorded (in another terminal) joins that split's segment.
    """
    active = history.active()
    if active is None:
        return history, ()
    elapsed, clocked = active.clocked(now)
    elapsed = max(elapsed, *active.splits.values(), 0.0)
    newly = tuple(p for p in active.pieces if p in passing and p not in active.splits)
    updated = replace(clocked, splits={**active.splits, **{p: elapsed for p in newly}})
    if all(p in passing for p in active.pieces):
        updated = replace(updated, outcome=FINISHED, ended=elapsed)
    return _replace_attempt(history, updated), newly


def abandon(history: History, now: Now) -> tuple[History, Attempt]:
    """End the active run without finishing it; its splits still count towards best segments."""
    active = history.active()
    if active is None:
        raise SpeedrunError("no speedrun is running")
    elapsed, clocked = active.clocked(now)
    ended = replace(clocked, outcome=ABANDONED, ended=max(elapsed, *active.splits.values(), 0.0))
    return _replace_attempt(history, ended), ended


def _replace_attempt(history: History, attempt: Attempt) -> History:
    return History(tuple(attempt if (a.category, a.number) == (attempt.category, attempt.number) else a
                         for a in history.attempts))
