"""The hints a learner has asked for: .kata/hints.json counts, per piece, how many have been shown."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from micrograd_kata import curriculum
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner import lock, scaffold
from micrograd_kata.learner.fields import table, whole
from micrograd_kata.learner.state import Malformed, Recovered, read_json, write_json
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.wording import and_list

FILE = "hints.json"


@dataclass(frozen=True)
class HintProgress:
    """How far into a piece's hints the learner is: the first `shown` are to be shown now."""

    piece: Piece
    shown: int
    exhausted: bool                 # every hint had been shown already: there was no new one to give
    recovered: Recovered | None     # the state file could not be read and was moved aside
    texts: tuple[str, ...] = ()     # every hint of the piece at the workspace's level, in order

    @property
    def total(self) -> int:
        return len(self.texts)

    @property
    def hints(self) -> tuple[str, ...]:
        return self.texts[:self.shown]


def naming_hint(piece: Piece) -> str:
    """Which names a piece needs, and in which file: the first hint at the blank level, where the files are empty."""
    classes = dict.fromkeys(s.split(".")[0] for s in piece.symbols if "." in s)
    functions = [s for s in piece.symbols if "." not in s]
    parts = [f"class {c}'s {and_list([s.split('.', 1)[1] for s in piece.symbols if s.startswith(c + '.')])}"
             for c in classes]
    if functions:
        parts.append(f"the function{'s' if len(functions) > 1 else ''} {and_list(functions)}")
    return f"Write {and_list(parts)} in {piece.file}."


def texts_for(piece: Piece, level: str) -> tuple[str, ...]:
    """A piece's hints at a scaffold level: at blank, which names it needs first, then its own."""
    return (naming_hint(piece), *piece.hints) if level == scaffold.BLANK else piece.hints


def names_shown(workspace: Workspace, piece: Piece) -> bool:
    """Whether to name what the piece needs (`grade next`, `grade watch`): always, but at the blank level until the
    learner asks for a hint (the first hint there says the names)."""
    return workspace.level != scaffold.BLANK or shown(workspace, piece) > 0


def shown(workspace: Workspace, piece: Piece) -> int:
    """How many of the piece's hints the learner has asked for (without changing anything)."""
    path = workspace.state_dir / FILE
    if not path.is_file():
        return 0
    seen, _ = read_json(path, default={}, check=lambda data: counts(data, workspace.track))
    return int(seen.get(piece.id, 0))


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
    texts = texts_for(piece, workspace.level)
    before = seen.get(piece.id, 0)
    now = min(before + 1, len(texts))
    write_json(path, {**seen, piece.id: now})
    return HintProgress(piece, now, exhausted=before >= len(texts), recovered=recovered, texts=texts)


def counts(data: Any, track: str = curriculum.LECTURE) -> dict[str, int]:
    """hints.json checked: each piece of the workspace's track, with 0 up to as many hints as it has (one more at the
    blank level, where the first says which names to write)."""
    pieces = {p.id: p for p in curriculum.load(track)}
    for piece_id, count in table(data, "the file").items():
        if piece_id not in pieces:
            raise Malformed(f"{piece_id!r} is not a piece of the kata")
        whole(count, f"the hints shown for {piece_id}", high=len(pieces[piece_id].hints) + 1)
    return dict(data)
