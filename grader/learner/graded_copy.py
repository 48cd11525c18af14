"""The copy of the workspace that learner code runs on while it is graded, and what the code changed, told after.

Learner code may write files: a log on purpose, `open("graph.py", "w")` by mistake, or `.kata/speedrun.json`
deleted in spite. The checks import a private copy of the workspace's Python files, and run there (the worker's
working folder and the files' `__file__` are the copy's), so a relative write never reaches the learner's files.
A write by full path still can: the workspace's kata files and its .kata/ state are read before the grading and
compared after it. The rules:

- what the code wrote, changed or deleted in the copy is said; the copy goes, with what it holds;
- a state file of .kata/ changed or deleted during the grading is put back as it was, and said;
- a kata file deleted during the grading is put back as graded, and said;
- a kata file changed during the grading is left as it is now (it may be a save from the learner's editor), and
  the version graded is backed up (.kata/backups/<time>-graded/), and said.

The workspace's lock is held shared meanwhile: no `grade` command changes .kata/ during a grading, so what changed
there was the code's doing.
"""
from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from micrograd_kata.learner import backup, lock, scratch
from micrograd_kata.learner import text as texts
from micrograd_kata.learner.source import SourceFile
from micrograd_kata.learner.state import StateError, os_errors
from micrograd_kata.learner.workspace import Workspace, kata_files, shown_path
from micrograd_kata.results import PieceResult
from micrograd_kata.wording import and_list

REASON = "graded"   # .kata/backups/<time>-graded/: the version graded of a file changed while it was graded


@dataclass
class GradedCopy:
    """The copy one grading runs on, and what to tell the learner once it is over."""

    yours: Workspace
    copy: Workspace
    notes: list[str] = field(default_factory=list)

    def as_yours(self, result: PieceResult) -> PieceResult:
        """The result with the copy's path, wherever the learner's code showed it (printed, in a message), as the
        workspace's: what the learner reads names their files."""
        if str(self.copy.root) not in repr(result):   # the common case, and a fifth of the cost of the JSON below
            return result
        old, new = (json.dumps(str(w.root))[1:-1] for w in (self.copy, self.yours))
        return PieceResult.from_dict(json.loads(json.dumps(result.to_dict()).replace(old, new)))


@contextmanager
def graded_copy(workspace: Workspace, files: Mapping[str, SourceFile]) -> Iterator[GradedCopy]:
    """A fresh copy of the workspace's Python files to grade, as the grader reads them (a function that does not
    parse stood in by a stub); after the grading, its notes say what the code changed and what was put back."""
    with ExitStack() as stack:
        _hold_shared(stack, workspace)
        root = stack.enter_context(scratch.folder("copy"))
        code = _python_files(workspace.root)
        state = _state_files(workspace)
        given = _fill(root, code, files)
        graded = GradedCopy(workspace, Workspace(root))
        try:
            yield graded
            graded.notes += _in_copy(root, given)
        finally:   # a grading stopped by Ctrl-C puts back what the code deleted all the same
            graded.notes += [*_put_back_state(workspace, state), *_kata_files(workspace, code)]


def _hold_shared(stack: ExitStack, workspace: Workspace) -> None:
    """The workspace's lock, shared, when it has a .kata/ that can hold one (a read-only one cannot, nor be changed)."""
    if not workspace.state_dir.is_dir():
        return
    try:
        stack.enter_context(lock.held(workspace, shared=True))
    except lock.WorkspaceBusy:
        raise
    except StateError:   # the lock file cannot be made (a read-only .kata/): nothing changes .kata/ then
        pass


def _python_files(root: Path) -> dict[str, bytes]:
    """The workspace's Python files at its top, by name: what the checks can import."""
    # an unreadable file or a dangling link is left out: the static read has said so
    return {path.name: data for path in sorted(root.glob("*.py")) if (data := _content(path)) is not None}


def _state_files(workspace: Workspace) -> dict[str, bytes]:
    """The files of .kata/ (not its folders, its lock or its temporary files), by name."""
    try:
        paths = [p for p in workspace.state_dir.iterdir() if p.name != lock.FILE and not p.name.endswith(".tmp")]
    except OSError:
        return {}
    return {path.name: data for path in paths if (data := _content(path)) is not None}


def _fill(root: Path, code: Mapping[str, bytes], files: Mapping[str, SourceFile]) -> dict[str, bytes]:
    """Write the copy; what each of its files holds."""
    for name, data in code.items():
        (root / name).write_bytes(data)
    for name, read in files.items():
        if read.stood_in:   # as written: its encoding and coding line agree
            texts.write(root / name, read.text, read.style)
    return {name: (root / name).read_bytes() for name in code}


def _in_copy(root: Path, given: Mapping[str, bytes]) -> list[str]:
    """What the code changed in the copy."""
    now = {path.name: path for path in root.iterdir()}
    deleted = [name for name in given if name not in now]
    changed = [name for name in given if name in now and _content(now[name]) != given[name]]
    made = sorted(set(now) - set(given))
    notes = []
    for verb, names in (("changed", changed), ("deleted", deleted)):
        if names:
            notes.append(f"your code {verb} {and_list(names)} while it was graded: it ran on a copy of your files, "
                         "so yours are as you left them")
    if made:
        notes.append(f"your code wrote {and_list(made)} while it was graded, in the copy of your files it ran on: "
                     f"{'it is' if len(made) == 1 else 'they are'} gone with the copy")
    return notes


def _put_back_state(workspace: Workspace, state: Mapping[str, bytes]) -> list[str]:
    """The state files changed or deleted during the grading, put back as they were."""
    notes = []
    for name, data in state.items():
        path = workspace.state_dir / name
        now = _content(path)
        if now == data:
            continue
        with os_errors(path):
            backup.write_atomically(path, data)
        notes.append(f"{'.kata/' + name} was {'deleted' if now is None else 'changed'} while your code was graded: "
                     "it is put back as it was (only `grade` changes .kata/)")
    return notes


def _kata_files(workspace: Workspace, code: Mapping[str, bytes]) -> list[str]:
    """The kata files deleted during the grading, put back; those changed, left as they are, the version graded
    backed up."""
    names = {path.name for path in kata_files(workspace.root, workspace.track)}
    notes: list[str] = []
    changed: dict[str, bytes] = {}
    for name, data in code.items():
        path = workspace.path(name)
        now = _content(path)
        if name not in names or now == data:
            continue
        if now is None and not path.is_symlink():
            with os_errors(path):
                backup.write_atomically(path, data)
            notes.append(f"{name} was deleted while your code was graded: it is put back as it was graded")
        else:
            changed[name] = data
    if changed and workspace.state_dir.is_dir() and not workspace.is_stub_source:
        folder = backup.backup_data(workspace, changed, REASON)
        notes.append(f"{and_list(list(changed))} changed while your code was graded (a save, or your code writing to "
                     f"it by its full path): {'it is' if len(changed) == 1 else 'they are'} left as now; the version "
                     f"graded is in {shown_path(folder)}: `grade restore {folder.name}` puts it back")
    elif changed:
        notes.append(f"{and_list(list(changed))} changed while your code was graded (a save, or your code writing "
                     "to it by its full path): it is left as it is now")
    return notes


def _content(path: Path) -> bytes | None:
    """What a file holds; None when it is gone (or is no longer a file)."""
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None
