"""Backups of the learner's files, taken before anything rewrites them, and putting one back.

A backup is a folder .kata/backups/<time>-<reason>/ holding copies of the kata files; it is never overwritten.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from micrograd_kata import curriculum
from micrograd_kata.learner import lock, text
from micrograd_kata.learner.state import StateError, clean_stale_temps, os_errors
from micrograd_kata.learner.workspace import Workspace, kata_files

STAMP = "%Y%m%d-%H%M%S"
NAME = re.compile(r"(?P<stamp>\d{8}-\d{6})-(?P<reason>.+?)(?:\.\d+)?")   # new_folder may add .1, .2, ...
BEFORE_RESTORE = "before-restore"


class RestoreError(Exception):
    """A backup that cannot be restored: there is no such backup, or it is broken."""


@dataclass(frozen=True)
class Backup:
    """One backup folder: when it was taken, why, and which kata files it holds."""

    folder: Path
    taken: datetime | None   # None when the folder's name has no time stamp (made by hand)
    reason: str
    files: tuple[str, ...]
    every_file: bool = False   # it holds every file of the workspace's track

    @property
    def name(self) -> str:
        return self.folder.name


@dataclass(frozen=True)
class Restored:
    """What a restore did: the backup put back, and where the files it replaced were saved first."""

    backup: Backup
    saved: Path | None   # None when none of the backup's files existed in the workspace


def backups_dir(workspace: Workspace) -> Path:
    return workspace.state_dir / "backups"


def backup(workspace: Workspace, files: list[str], reason: str, *, now: float | None = None) -> Path | None:
    """Copy the named workspace files into .kata/backups/<time>-<reason>/; return that folder (None if no file exists)."""
    present = [f for f in files if workspace.path(f).is_file()]
    if not present:
        return None
    stamp = time.strftime(STAMP, time.localtime(now))
    with os_errors(backups_dir(workspace)):
        folder = new_folder(backups_dir(workspace) / f"{stamp}-{reason}")
        for file in present:
            shutil.copy2(workspace.path(file), folder / file)
    return folder


def backup_data(workspace: Workspace, datas: dict[str, bytes], reason: str, *, now: float | None = None) -> Path:
    """Keep these contents of kata files (as they were at some moment) in .kata/backups/<time>-<reason>/."""
    stamp = time.strftime(STAMP, time.localtime(now))
    with os_errors(backups_dir(workspace)):
        folder = new_folder(backups_dir(workspace) / f"{stamp}-{reason}")
        for file, data in datas.items():
            (folder / file).write_bytes(data)
    return folder


def new_folder(path: Path) -> Path:
    """Make path, or path.1, path.2, ... if taken: made with exist_ok=False, so two grades never share one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for n in range(10_000):
        candidate = path.with_name(f"{path.name}.{n}") if n else path
        try:
            candidate.mkdir()
            return candidate
        except FileExistsError:
            continue
    raise StateError(f"{path.parent} already holds 10000 backups named {path.name}: move some of them away")


def read_backup(folder: Path, track: str = curriculum.LECTURE) -> Backup:
    """A backup folder as a record: its time and reason from its name, and the track's kata files in it."""
    names = [f.name for f in kata_files(Path(), track)]
    match = NAME.fullmatch(folder.name)
    taken = datetime.strptime(match["stamp"], STAMP) if match else None
    files = tuple(n for n in names if (folder / n).is_file())
    return Backup(folder, taken, match["reason"] if match else folder.name, files, every_file=files == tuple(names))


def backups(workspace: Workspace) -> list[Backup]:
    """Every backup in the workspace, newest first (taken in the same second: the later-made first)."""
    root = backups_dir(workspace)
    with os_errors(root):   # a file where .kata/ or backups/ should be is said, not taken for "no backup yet"
        try:
            folders = [f for f in root.iterdir() if f.is_dir()]
        except FileNotFoundError:
            folders = []
    found = [read_backup(f, workspace.track) for f in folders]
    return sorted(found, key=lambda b: (b.taken or datetime.min, b.folder.stat().st_mtime_ns, b.name), reverse=True)


def choose(workspace: Workspace, which: str) -> Backup:
    """The backup named `which`, or numbered so (1 is the newest, as `grade restore` lists them)."""
    found = backups(workspace)
    if not found:
        raise RestoreError(f"there is no backup in {backups_dir(workspace)} yet: nothing has rewritten your files")
    if which.isdigit():
        number = int(which)
        if not 1 <= number <= len(found):
            raise RestoreError(f"there is no backup number {number}: they are numbered 1 (the newest) to "
                               f"{len(found)}; `grade restore` lists them")
        return found[number - 1]
    chosen = next((b for b in found if b.name == which.rstrip("/").rpartition("/")[2]), None)
    if chosen is None:
        raise RestoreError(f"there is no backup called {which!r} in {backups_dir(workspace)}: "
                           "`grade restore` lists them, newest first")
    return chosen


def restore(workspace: Workspace, chosen: Backup, *, now: float | None = None) -> Restored:
    """Put the backup's files back into the workspace, after backing up the files they replace.

    Every file is read before anything is written, so a broken backup changes nothing.
    """
    if workspace.is_stub_source:
        raise RestoreError(f"{workspace.root} is the kata's own exercises/, where the stubs come from: "
                           "nothing is restored into it")
    if not chosen.files:
        raise RestoreError(f"backup {chosen.name} is broken: it holds none of the kata's files, so there is "
                           "nothing to restore")
    with lock.held(workspace):
        return _restore(workspace, chosen, now)


def _restore(workspace: Workspace, chosen: Backup, now: float | None) -> Restored:
    """Read every file of the backup, back up what they replace, then write them: under the workspace's lock."""
    datas: dict[str, bytes] = {}   # the bytes as backed up: encoding, line ends and byte order mark as the learner wrote them
    for file in chosen.files:
        try:
            datas[file] = (chosen.folder / file).read_bytes()
            text.decode(datas[file])   # readable as Python reads it (its BOM, its coding line), else broken
        except (OSError, SyntaxError, UnicodeDecodeError) as e:
            raise RestoreError(f"backup {chosen.name} is broken: its {file} cannot be read ({e}); "
                               "nothing was restored") from e
    saved = backup(workspace, list(datas), BEFORE_RESTORE, now=now)
    for file, data in datas.items():
        with os_errors(workspace.path(file)):
            write_atomically(workspace.path(file), data)
    return Restored(chosen, saved)


def write_atomically(path: Path, data: bytes) -> None:
    """Write data to a temporary file beside path, then rename it over path: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_temps(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
