"""No process the learner's code starts outlives its piece, nor any worker the grade that started it.

A worker (cold, warm, or a warm worker's child) is made a child subreaper: what the learner's code starts, and
every orphan of it, stays below the worker, which ends them all when a piece ends. Each worker also asks the
kernel for a signal when its parent dies (grade ended by Ctrl-C, SIGTERM, SIGHUP or SIGKILL), and then ends
everything below it before it goes. Linux only: elsewhere these are left undone.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import time
from types import FrameType

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
ROUNDS = 50  # kill-and-look rounds, for code that forks while it is being ended
_exit = os._exit  # the real one: the agent watches os._exit for the learner's calls


def guard(parent: int | None = None) -> None:
    """Keep this process's descendants below it, and end them and it when its parent dies.

    parent: the pid that started this process, when known: if it is already gone, end at once.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        signal.signal(signal.SIGUSR2, _parent_died)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGUSR2), 0, 0, 0)
    except (OSError, AttributeError, ValueError):  # no prctl here, or not the main thread
        return
    if parent is not None and os.getppid() != parent:  # the parent died before the signal was asked for
        _parent_died(signal.SIGUSR2, None)


def _parent_died(signum: int, frame: FrameType | None) -> None:
    end_descendants()
    _exit(128 + signum)


def end_descendants(spare: int | None = None) -> int:
    """SIGKILL every process below this one and reap them; how many there were. spare: a child to leave running
    (the warm worker's template agent), though not what is below it."""
    if not sys.platform.startswith("linux"):
        return 0
    ended: set[int] = set()
    for _ in range(ROUNDS):
        below = [pid for pid in descendants(os.getpid()) if pid != spare]
        if not below:
            break
        for pid in below:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        ended.update(below)
        time.sleep(0.005)  # the killed go; their orphans come to this process, to be reaped
        _reap()
    _reap()
    return len(ended)


def descendants(root: int) -> list[int]:
    """The live pids below root (zombies left out: they are only waiting to be reaped), read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            parent, zombie = _parent_of(entry)
            if parent is not None:
                children.setdefault(parent, []).append(-int(entry) if zombie else int(entry))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child > 0:
                found.append(child)
                todo.append(child)
    return found


def _parent_of(pid: str) -> tuple[int | None, bool]:
    """The parent's pid, and whether the process is a zombie."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()  # the name, in parentheses, may hold spaces
    except OSError:
        return None, False
    return int(fields[1]), fields[0] == b"Z"


def _reap() -> None:
    """Collect the exit status of every child that has ended, so none stays a zombie."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
