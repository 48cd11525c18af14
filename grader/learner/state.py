"""The workspace's state on disk: small JSON files under .kata/, written atomically, checked when read.

A file that cannot be parsed, or holds what it should not (wrong types, numbers out of range), is moved aside,
never deleted. Every OS error on the way (a file where a folder should be, a read-only workspace, a dangling
symbolic link, a full disk) becomes a StateError naming the path and what to do; only the CLI turns it into an
exit code.
"""
from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from micrograd_kata.learner.oserrors import describe

STALE_AFTER = 10.0   # seconds: a temporary file this old was left by a grade that was killed mid-write


class StateError(Exception):
    """A file or folder of the workspace that cannot be used: the message names it and says what to do."""


class Malformed(ValueError):
    """Valid JSON that is not what the file should hold: the reason, for the learner."""


@dataclass(frozen=True)
class Recovered:
    """A state file that could not be read and was moved aside."""

    path: Path
    moved_to: Path
    reason: str

    def message(self) -> str:
        return (f"{self.path} could not be read ({self.reason}); it was moved to {self.moved_to} "
                "and a fresh one will be started.")


@contextmanager
def os_errors(path: Path | None = None) -> Iterator[None]:
    """Turn any OS error inside into a StateError that names the path (the error's own, else this one)."""
    try:
        yield
    except OSError as e:
        raise StateError(describe(e, path)) from e


def write_json(path: Path, data: Any) -> None:
    """Write data as JSON: to a temporary file beside path, then rename, so a crash never leaves half a file."""
    with os_errors(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        clean_stale_temps(path)
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


def read_json(path: Path, default: Any, check: Callable[[Any], Any] | None = None) -> tuple[Any, Recovered | None]:
    """Read JSON from path, and check it (check raises Malformed, or returns what to use).

    A missing file gives default; one that cannot be parsed, or fails the check, is moved aside (never deleted).
    """
    clean_stale_temps(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        if path.is_symlink():   # a dangling link: writing would replace it, so ask first
            raise StateError(describe(e, path)) from e
        return default, None
    except UnicodeDecodeError as e:
        return default, _move_aside(path, f"not UTF-8 text: {e}")
    except OSError as e:
        raise StateError(describe(e, path)) from e
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as e:
        return default, _move_aside(path, f"not valid JSON: {e}")
    try:
        return (data if check is None else check(data)), None
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError, RecursionError) as e:
        return default, _move_aside(path, str(e) if isinstance(e, Malformed) else repr(e))


def clean_stale_temps(path: Path) -> None:
    """Remove the temporary files a killed write of path left behind (`.<name>.*.tmp` beside it, old enough)."""
    cutoff = time.time() - STALE_AFTER
    with suppress(OSError):
        for tmp in path.parent.glob(f".{path.name}.*.tmp"):
            with suppress(OSError):
                if tmp.stat().st_mtime < cutoff:
                    tmp.unlink()


def unused_path(path: Path) -> Path:
    """path itself if free, else path with .1, .2, ... appended: nothing is ever overwritten."""
    candidate, n = path, 0
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.name}.{n}")
    return candidate


def _move_aside(path: Path, reason: str) -> Recovered:
    moved_to = unused_path(path.with_name(path.name + ".corrupt"))
    try:
        os.replace(path, moved_to)
    except OSError as e:
        raise StateError(f"{path} could not be read ({reason}), nor moved aside: {describe(e, path)}") from e
    return Recovered(path=path, moved_to=moved_to, reason=reason)
