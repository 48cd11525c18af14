"""Threads and timers a piece's code leaves running: waited for or cancelled when the piece ends, and charged to it.

Without this, a thread or a signal.alarm started in tanh that ends the process a moment later would be blamed on
whichever piece runs then. Runs in the agent (runner/agent_server.py loads this file by its path): standard
library only; what it finds crosses to the judge as a Left, which charges it to the piece's result.
"""
from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

WAIT = 1.0  # seconds a piece's threads get to end after its checks, before they are charged to it
GRADER_THREAD = "kata-"  # the grader's own threads are named so

# (file, line, name) of the learner's code from a frame outwards, or None
StackPlace = Callable[[FrameType | None], "tuple[str, int, str] | None"]


@dataclass(frozen=True)
class Left:
    """What a piece's code left behind: the error to charge to the piece."""

    summary: str
    where: tuple[str, int, str] | None
    hint: str


class Leftovers:
    """Notes the threads alive when a piece starts and where its code sets timers; says what is left at its end."""

    def __init__(self, root: Path, in_stack: StackPlace) -> None:
        self.root = root
        self.in_stack = in_stack
        self.before: set[threading.Thread] = set()
        self.timer_set_at: tuple[str, int, str] | None = None
        self.setitimer = signal.setitimer  # the real one, to cancel with
        for name in ("alarm", "setitimer"):
            setattr(signal, name, self._watched(getattr(signal, name)))

    def _watched(self, set_timer: Callable[..., Any]) -> Callable[..., Any]:
        def watched(*args: Any) -> Any:
            self.timer_set_at = self.in_stack(sys._getframe(1)) or self.timer_set_at
            return set_timer(*args)
        return watched

    def start(self) -> None:
        self.before = set(threading.enumerate())
        self.timer_set_at = None

    def left(self) -> Left | None:
        """A timer still pending or a thread still running (cancelled, or waited for a moment first)."""
        return self._timer() or self._threads()

    def _timer(self) -> Left | None:
        pending = self.setitimer(signal.ITIMER_REAL, 0)[0]  # signal.alarm sets the same timer
        if not pending:
            return None
        return Left(f"your code set a timer (signal.alarm or setitimer) still pending {pending:g} s after "
                    "the checks ended: it would end the process later; it is cancelled",
                    self.timer_set_at, "cancel it before returning: signal.alarm(0)")

    def _threads(self) -> Left | None:
        started = [t for t in threading.enumerate()
                   if t not in self.before and t is not threading.current_thread()
                   and not t.name.startswith(GRADER_THREAD)]
        deadline = time.monotonic() + WAIT
        for thread in started:
            thread.join(max(0.0, deadline - time.monotonic()))
        alive = [t for t in started if t.is_alive()]
        if not alive:
            return None
        stacks = sys._current_frames()
        where = next((w for t in alive if (w := self.in_stack(stacks.get(t.ident or 0)))), None)
        place = f", at {where[0]}:{where[1]} in {where[2]}" if where else ""
        return Left(f"your code started {len(alive)} thread{'s' * (len(alive) > 1)} still running "
                    f"{WAIT:g} s after the checks ended" + place,
                    where, "a function must finish its work before it returns: join the thread")
