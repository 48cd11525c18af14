"""Speedrun categories, as on a speedrun leaderboard: every run is filed under its track, its level and its scope.

The scope is what was timed: `all` (a run through the whole track), `piece:<id>` (one piece timed alone in the
learner's workspace) or `drill:<id>` (one piece timed in a drill, where every other piece is solved). Records
(personal best, sum of best, best segments, gold splits) are only ever compared within one category: a run at
the `blank` level never competes with one at `full`, and a piece timed alone never touches the whole track's PB.
"""
from __future__ import annotations

from dataclasses import dataclass

from micrograd_kata.learner.scaffold import FULL

ALL = "all"           # the scope of a run through the whole track
PIECE = "piece"       # piece:<id>, one piece (or, in old state, pieces joined by commas) timed alone
DRILL = "drill"       # drill:<id>, one piece timed in a drill workspace
DEFAULT_LEVEL = FULL     # the level of every run made before there were levels


class BadCategory(ValueError):
    """Text that does not name a category: the reason, for the learner."""


@dataclass(frozen=True, order=True)
class Category:
    """Where a run is filed: its track, its scaffold level and its scope ('all', 'piece:<id>', 'drill:<id>')."""

    track: str
    level: str
    scope: str

    def __str__(self) -> str:
        return f"{self.track}/{self.level}/{self.scope}"

    @property
    def kind(self) -> str:
        """'all', 'piece' or 'drill'."""
        return self.scope.split(":", 1)[0]

    @property
    def piece_ids(self) -> tuple[str, ...]:
        """The pieces the scope names: none for the whole track (its pieces come from the curriculum)."""
        return () if self.scope == ALL else tuple(self.scope.split(":", 1)[1].split(","))

    @property
    def whole_track(self) -> bool:
        return self.scope == ALL

    def with_scope(self, scope: str) -> Category:
        return Category(self.track, self.level, scope)

    def in_words(self) -> str:
        """What was timed, for the views (the name says the track and level): 'the whole track', 'the piece tanh'."""
        if self.whole_track:
            return "the whole track"
        return f"{'the drill of' if self.kind == DRILL else 'the piece'} {', '.join(self.piece_ids)}"


def whole(track: str, level: str = DEFAULT_LEVEL) -> Category:
    return Category(track, level, ALL)


def of_pieces(track: str, level: str, ids: tuple[str, ...], *, drill: bool = False) -> Category:
    """The category of these pieces timed alone, in a drill or not."""
    return Category(track, level, f"{DRILL if drill else PIECE}:{','.join(ids)}")


def parse(text: str) -> Category:
    """A category from its name, 'lecture/full/all' or 'repo/blank/piece:mlp'; raises BadCategory."""
    parts = text.strip().split("/")
    if len(parts) != 3 or not all(parts):
        raise BadCategory(f"{text!r} is not a category: write TRACK/LEVEL/SCOPE, as lecture/full/all, "
                          "lecture/blank/piece:tanh or lecture/full/drill:tanh")
    track, level, scope = parts
    kind, _, ids = scope.partition(":")
    if scope != ALL and (kind not in (PIECE, DRILL) or not ids or not all(ids.split(","))):
        raise BadCategory(f"{scope!r} is not a scope: write all, piece:<id> or drill:<id>")
    return Category(track, level, scope)


def from_old(scope: str, track: str = "lecture", *, drill_of: str | None = None) -> Category:
    """The category of a run recorded before there were categories: the workspace's track (the lecture for every
    workspace made before there were tracks) at the full level, with the run's old category ('all', a piece id, or
    ids joined by commas) as its scope; drill_of names the drill's piece when the state is a drill's."""
    if scope == ALL:
        return whole(track)
    return of_pieces(track, DEFAULT_LEVEL, tuple(scope.split(",")), drill=scope == drill_of)
