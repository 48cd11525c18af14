"""Questions other features ask of a workspace's speedrun records (the spaced review asks for best segments)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.speedrun import records, store
from micrograd_kata.speedrun.category import Category


def best_segment(root: Path, category: Category, piece_id: str, *,
                 note: Callable[[str], None] | None = None) -> float | None:
    """The piece's best segment of its own (seconds) over every attempt of category recorded in the workspace at
    root (a drill's records are in the drill's workspace); None when it never had one. A segment shared with other
    pieces, first seen passing together, is no piece's own. A records file that cannot be trusted is moved aside as
    on every read, and said through note."""
    history, recovered = store.load(Workspace(root))
    if recovered is not None and note is not None:
        note(recovered.message())
    return records.best_alone(records.best_segments(history, category)).get(piece_id)
