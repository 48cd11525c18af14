"""What the grader remembers between commands, in .kata/progress.json: the current piece it last showed, and the
notes it says only once in a workspace. Only a workspace with a .kata/ folder remembers: the kata's own exercises/,
where `grade` looks when there is no workspace, may be an installed package, never written to."""
from __future__ import annotations

from collections.abc import Collection
from typing import Any

from micrograd_kata.learner.state import read_json, write_json
from micrograd_kata.learner.workspace import Workspace

FILE = "progress.json"
DONE = ""   # remembered as the current piece when every piece passes


def _read(workspace: Workspace) -> dict[str, Any]:
    data, _ = read_json(workspace.state_dir / FILE, default={})  # unreadable: moved aside, and we start again
    return data if isinstance(data, dict) else {}


def moved_on(workspace: Workspace, current: str | None, passing: Collection[str]) -> tuple[str, ...]:
    """Remember `current` (None: every piece passes) as the current piece; return the pieces that now pass from
    the one remembered before up to this one: what the learner just got past, in order (often none)."""
    if not workspace.state_dir.is_dir():
        return ()
    data = _read(workspace)
    before = data.get("current")
    now = DONE if current is None else current
    if before != now:
        write_json(workspace.state_dir / FILE, {**data, "current": now})
    ids = [p.id for p in workspace.pieces]
    if not isinstance(before, str) or before not in ids:
        return ()
    end = len(ids) if current is None else ids.index(current)
    return tuple(i for i in ids[ids.index(before):end] if i in passing)


def first_time(workspace: Workspace, note: str) -> bool:
    """True the first time a note is said in this workspace; it is remembered as said (where it can be)."""
    if not workspace.state_dir.is_dir():
        return True
    data = _read(workspace)
    said = data.get("said")
    said = said if isinstance(said, list) else []
    if note in said:
        return False
    write_json(workspace.state_dir / FILE, {**data, "said": [*said, note]})
    return True
