"""Backups of the learner's files, taken before anything rewrites them; a backup is never overwritten."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

from micrograd_kata.learner.state import unused_path
from micrograd_kata.learner.workspace import Workspace


def backup(workspace: Workspace, files: list[str], reason: str, *, now: float | None = None) -> Path | None:
    """Copy the named workspace files into .kata/backups/<time>-<reason>/; return that folder (None if no file exists)."""
    present = [f for f in files if workspace.path(f).is_file()]
    if not present:
        return None
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    folder = unused_path(workspace.state_dir / "backups" / f"{stamp}-{reason}")
    folder.mkdir(parents=True)
    for file in present:
        shutil.copy2(workspace.path(file), folder / file)
    return folder
