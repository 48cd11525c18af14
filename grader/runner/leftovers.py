"""Threads and timers a piece's code leaves running: waited for or cancelled when the piece ends, and charged to it.

Without this, a thread or a signal.alarm started in tanh that ends the process a moment later would be blamed on
whichever piece runs then.
"""
from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from micrograd_kata.results import CheckResult, Failure, Location, PieceResult, Status
from micrograd_kata.runner import frames

WAIT = 1.0  # seconds a piece's threads get to end after its checks, before they are charged to it
GRADER_THREAD = "kata-"  # the grader's own threads are named so


class Leftovers:
    """Notes the threads alive when a piece starts and where its code sets timers; charges what is left at its end."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.before: set[threading.Thread] = set()
        self.timer_set_at: Location | None = None
        self.setitimer = signal.setitimer  # the real one, to cancel with
        for name in ("alarm", "setitimer"):
            setattr(signal, name, self._watched(getattr(signal, name)))

    def _watched(self, set_timer: Callable[..., Any]) -> Callable[..., Any]:
        def watched(*args: Any) -> Any:
            self.timer_set_at = frames.in_stack(sys._getframe(1), self.root) or self.timer_set_at
            return set_timer(*args)
        return watched

    def start(self) -> None:
        self.before = set(threading.enumerate())
        self.timer_set_at = None

    def charge(self, result: PieceResult) -> PieceResult:
        """The piece's result, as an error when its code left a timer pending or a thread running."""
        failure = self._timer() or self._threads()
        if failure is None or not result.checks:
            return result
        checks = (*result.checks[:-1], CheckResult(result.checks[-1].name, Status.ERROR, 0.0, failure))
        return replace(result, status=Status.ERROR, checks=checks, message=failure.summary, where=failure.where)

    def _timer(self) -> Failure | None:
        pending = self.setitimer(signal.ITIMER_REAL, 0)[0]  # signal.alarm sets the same timer
        if not pending:
            return None
        return Failure(summary=f"your code set a timer (signal.alarm or setitimer) still pending {pending:g} s after "
                               "the checks ended: it would end the process later; it is cancelled",
                       where=self.timer_set_at, hint="cancel it before returning: signal.alarm(0)")

    def _threads(self) -> Failure | None:
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
        where = next((w for t in alive if (w := frames.in_stack(stacks.get(t.ident or 0), self.root))), None)
        return Failure(summary=f"your code started {len(alive)} thread{'s' * (len(alive) > 1)} still running "
                               f"{WAIT:g} s after the checks ended" + (f", at {where}" if where else ""),
                       where=where, hint="a function must finish its work before it returns: join the thread")
