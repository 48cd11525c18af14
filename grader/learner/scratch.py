"""Temporary folders of a grading, where the next run cleans them: nothing piles up in the temp dir after kills.

Each folder is named after the process that made it (`micrograd-kata-<pid>-<what>-XXXX`); making one first
removes those whose process no longer runs (a grade SIGKILLed mid-grading never cleaned its own).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PREFIX = "micrograd-kata-"


@contextmanager
def folder(what: str) -> Iterator[Path]:
    """A fresh temporary folder for `what`, removed on the way out (or by a later run if this one is killed)."""
    clean_stale()
    path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-{what}-")).resolve()
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def clean_stale(base: Path | None = None) -> None:
    """Remove the folders left by processes that no longer run."""
    for path in (base or Path(tempfile.gettempdir())).glob(f"{PREFIX}*"):
        pid = path.name[len(PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
