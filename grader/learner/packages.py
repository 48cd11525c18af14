"""Where the kata's own packages are (exercises, solutions, reference), each with a folder per track."""
from __future__ import annotations

import importlib.util
from pathlib import Path


class WorkspaceError(Exception):
    """A workspace that cannot be used as asked (missing, not empty, not a directory)."""


def package_dir(name: str) -> Path:
    """The directory of one of this project's packages (exercises, solutions, reference), without importing it."""
    spec = importlib.util.find_spec(f"micrograd_kata.{name}")
    if spec is None or not spec.submodule_search_locations:
        raise WorkspaceError(f"the {name}/ package is not installed: run `pip install -e .` in the kata repository")
    return Path(next(iter(spec.submodule_search_locations)))


def track_dir(name: str, track: str) -> Path:
    """One track's folder of exercises, solutions or reference: exercises/lecture/."""
    return package_dir(name) / track
