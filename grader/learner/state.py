"""The workspace's state on disk: small JSON files under .kata/, written atomically, recovered when corrupt."""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Recovered:
    """A state file that could not be read and was moved aside."""

    path: Path
    moved_to: Path
    reason: str

    def message(self) -> str:
        return (f"{self.path} could not be read ({self.reason}); it was moved to {self.moved_to} "
                "and a fresh one will be started.")


def write_json(path: Path, data: Any) -> None:
    """Write data as JSON: to a temporary file beside path, then rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=2, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_json(path: Path, default: Any) -> tuple[Any, Recovered | None]:
    """Read JSON from path; a missing file gives default, a corrupt one is moved aside (never deleted)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return default, None
    except (OSError, UnicodeDecodeError) as e:
        return default, _move_aside(path, str(e))
    try:
        return json.loads(text), None
    except json.JSONDecodeError as e:
        return default, _move_aside(path, f"not valid JSON: {e}")


def unused_path(path: Path) -> Path:
    """path itself if free, else path with .1, .2, ... appended: nothing is ever overwritten."""
    candidate, n = path, 0
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.{n}")
    return candidate


def _move_aside(path: Path, reason: str) -> Recovered:
    moved_to = unused_path(path.with_name(path.name + ".corrupt"))
    os.replace(path, moved_to)
    return Recovered(path=path, moved_to=moved_to, reason=reason)
