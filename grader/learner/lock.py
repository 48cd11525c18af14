"""One `grade` at a time changes a workspace: an exclusive lock on .kata/lock around every change of state.

The lock is flock(2) on an open file, so the system lets go of it when its process ends, however it ends: a
killed grade never leaves the workspace locked. A second grade waits a few seconds for the first to finish its
change, then says the workspace is busy. Taken again by the same thread (a speedrun's start resets the code,
which takes it too), it is simply held on. A grading holds it shared (`shared=True`): gradings run side by side,
and a change of state waits until the gradings running end, so that what a grading puts back in .kata/ (see
learner/graded_copy.py) is never another command's change.
"""
from __future__ import annotations

import fcntl
import functools
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Concatenate, ParamSpec, TypeVar

from micrograd_kata.learner.state import StateError, os_errors
from micrograd_kata.learner.workspace import Workspace

FILE = "lock"
WAIT = 10.0     # seconds a second grade waits for the first one's change
POLL = 0.02

P = ParamSpec("P")
R = TypeVar("R")
Change = Callable[Concatenate[Workspace, P], R]

_held: dict[tuple[str, int], int] = {}   # (lock file, thread) -> how many times taken


class WorkspaceBusy(StateError):
    """Another grade kept the workspace locked for longer than we wait."""


@contextmanager
def held(workspace: Workspace, *, wait: float | None = None, shared: bool = False) -> Iterator[None]:
    """Hold the workspace's lock inside the block: wait for it up to `wait` seconds (WAIT), else raise WorkspaceBusy.
    shared: held beside other shared holders (gradings), never beside an exclusive one (a change of state)."""
    path = workspace.state_dir / FILE
    key = (str(path.absolute()), threading.get_ident())
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    with os_errors(path):
        workspace.state_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        with os_errors(path):
            _acquire(fd, workspace, WAIT if wait is None else wait, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        _held[key] = 1
        try:
            yield
        finally:
            del _held[key]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, workspace: Workspace, wait: float, how: int) -> None:
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, how | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise WorkspaceBusy(
                    f"another `grade` is changing the workspace {workspace.describe()} and did not finish within "
                    f"{wait:g} s: let it finish, then run the command again") from None
            time.sleep(POLL)


def changes_workspace(*, first: Callable[[Workspace], None] | None = None) -> Callable[[Change[P, R]], Change[P, R]]:
    """Make change(workspace, ...) hold the workspace's lock and say its OS errors as StateErrors; `first`
    checks the workspace before the lock is taken (a refusal leaves no .kata/ behind)."""
    def decorate(change: Change[P, R]) -> Change[P, R]:
        @functools.wraps(change)
        def locked(workspace: Workspace, /, *args: P.args, **kwargs: P.kwargs) -> R:
            if first is not None:
                first(workspace)
            with held(workspace), os_errors():
                return change(workspace, *args, **kwargs)
        return locked
    return decorate
