"""The speedrun history on disk: .kata/speedrun.json, written atomically, moved aside when it cannot be read."""
from __future__ import annotations

import os
from pathlib import Path

from micrograd_kata.learner.state import Recovered, read_json, unused_path, write_json
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.speedrun.timing import History

FILE = "speedrun.json"


def path(workspace: Workspace) -> Path:
    return workspace.state_dir / FILE


def load(workspace: Workspace) -> tuple[History, Recovered | None]:
    """The workspace's speedrun history; a corrupt file is moved aside (and reported) and an empty history starts."""
    file = path(workspace)
    data, recovered = read_json(file, default=None)
    if data is None:
        return History(), recovered
    try:
        return History.from_dict(data), None
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        # Valid JSON in the wrong shape is as unreadable as broken JSON: keep it for the learner, start afresh.
        moved_to = unused_path(file.with_name(file.name + ".corrupt"))
        os.replace(file, moved_to)
        return History(), Recovered(path=file, moved_to=moved_to, reason=f"not a speedrun history: {e!r}")


def save(workspace: Workspace, history: History) -> None:
    """Write the history atomically: a kill mid-write leaves the previous file whole."""
    write_json(path(workspace), history.to_dict())
