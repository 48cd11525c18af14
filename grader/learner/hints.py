"""The hints a learner has asked for: .kata/hints.json counts, per piece, how many have been shown."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from micrograd_kata import curriculum
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner import lock
from micrograd_kata.learner.fields import table, whole
from micrograd_kata.learner.state import Malformed, Recovered, read_json, write_json
from micrograd_kata.learner.workspace import Workspace

FILE = "hints.json"


@dataclass(frozen=True)
class HintProgress:
    """How far into a piece's hints the learner is: the first `shown` are to be shown now."""

    piece: Piece
    shown: int
    exhausted: bool                 # every hint had been shown already: there was no new one to give
    recovered: Recovered | None     # the state file could not be read and was moved aside

    @property
    def total(self) -> int:
        return len(self.piece.hints)

    @property
    def hints(self) -> tuple[str, ...]:
        return self.piece.hints[:self.shown]


@lock.changes_workspace()
def forget(workspace: Workspace, piece_ids: Collection[str] | None = None) -> None:
    """Start these pieces' hints over (every piece's when None): their code was put back to stubs."""
    path = workspace.state_dir / FILE
    if not path.exists():
        return
    seen, _ = read_json(path, default={})
    forgotten = set(seen) if piece_ids is None or not isinstance(seen, dict) else set(piece_ids)
    write_json(path, {k: v for k, v in seen.items() if k not in forgotten} if isinstance(seen, dict) else {})


@lock.changes_workspace()
def next_hint(workspace: Workspace, piece: Piece) -> HintProgress:
    """Show one more of the piece's hints than last time (all of them, once exhausted), and remember it."""
    path = workspace.state_dir / FILE
    seen, recovered = read_json(path, default={}, check=lambda data: counts(data, workspace.track))
    before = seen.get(piece.id, 0)
    shown = min(before + 1, len(piece.hints))
    write_json(path, {**seen, piece.id: shown})
    return HintProgress(piece, shown, exhausted=before >= len(piece.hints), recovered=recovered)


def counts(data: Any, track: str = curriculum.LECTURE) -> dict[str, int]:
    """hints.json checked: each piece of the workspace's track, with 0 up to as many hints as it has."""
    pieces = {p.id: p for p in curriculum.load(track)}
    for piece_id, shown in table(data, "the file").items():
        if piece_id not in pieces:
            raise Malformed(f"{piece_id!r} is not a piece of the kata")
        whole(shown, f"the hints shown for {piece_id}", high=len(pieces[piece_id].hints))
    return dict(data)
