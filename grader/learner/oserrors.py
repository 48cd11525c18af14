"""What an OS error on one of the workspace's paths means, in one line: the path, what is wrong, what to do."""
from __future__ import annotations

import errno
import os
from pathlib import Path

AGAIN = "then run the command again"


def describe(error: OSError, path: Path | None = None) -> str:
    """One line for an OS error met on path (the error's own filename when it has one)."""
    named = [Path(f) for f in (error.filename, error.filename2) if f]
    where = named[0] if named else path
    if where is None:
        return f"{error.strerror or error}: {AGAIN}"
    link = next(filter(None, map(dangling_link, named or [where])), None)
    if link is not None:
        return (f"{link} is a symbolic link to {os.readlink(link)}, which does not exist: remove the link or "
                f"put back what it points to, {AGAIN}")
    blocker = next(filter(None, map(file_in_the_way, named or [where])), None)
    if blocker is not None and isinstance(error, (NotADirectoryError, FileExistsError)):
        return f"{blocker} is a file where a folder should be: move it away or rename it, {AGAIN}"
    code = error.errno
    if code in (errno.EACCES, errno.EPERM):
        return (f"{where}: permission denied: make it yours to read and write (`chmod -R u+rwX "
                f"{nearest_folder(where)}`), or work in a copy of the workspace")
    if code == errno.EROFS:
        return f"{where} is on a read-only file system: work in a copy of the workspace on a writable disk"
    if code in (errno.ENOSPC, errno.EDQUOT):
        return f"no space left on the disk for {where}: free some space, {AGAIN}"
    if code == errno.EISDIR:
        return f"{where} is a folder where a file should be: move it away or rename it, {AGAIN}"
    if code == errno.ELOOP:
        return f"{where} is a loop of symbolic links: remove the link, {AGAIN}"
    return f"{where}: {error.strerror or error}: check that path, {AGAIN}"


def file_in_the_way(path: Path) -> Path | None:
    """The first of path's folders (or path itself) that exists but is not a folder, from the root down."""
    for ancestor in reversed((path, *path.parents)):
        if ancestor.exists() and not ancestor.is_dir():
            return ancestor
    return None


def dangling_link(path: Path) -> Path | None:
    """The path, or a folder on the way to it, that is a symbolic link pointing nowhere."""
    for ancestor in reversed((path, *path.parents)):
        if ancestor.is_symlink() and not ancestor.exists():
            return ancestor
    return None


def nearest_folder(path: Path) -> Path:
    """The closest existing folder at or above path: the one to give permissions to."""
    for ancestor in (path, *path.parents):
        if ancestor.is_dir():
            return ancestor
    return path
