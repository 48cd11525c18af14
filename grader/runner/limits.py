"""What bounds the learner's code inside the worker: a time limit per piece, a memory limit, a cap on what it prints."""
from __future__ import annotations

import faulthandler
import io
import os
import time
from typing import IO

OUTPUT_LIMIT = 2000  # characters of the learner's printed output kept per piece
DEFAULT_MEMORY = 1024  # MB the learner's code may allocate, beyond what the grader's worker holds already
TORCH_ROOM = 1024  # MB of address space for torch's import when it is still to come (about 700 measured)
MB = 1024 * 1024


def limit_memory(megabytes: int, *, torch_to_load: bool) -> None:
    """Cap this process's address space at what it maps now, plus `megabytes` (and room for torch, still to load).

    Past the cap an allocation fails, and the learner's code raises MemoryError where it allocated, long
    before the machine would swap. Only on Linux, where /proc tells what the process maps already.
    """
    try:
        import resource
        with open("/proc/self/statm", encoding="ascii") as statm:
            mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (ImportError, OSError, ValueError):
        return
    limit = mapped + (megabytes + TORCH_ROOM * torch_to_load) * MB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


class BoundedOutput(io.TextIOBase):
    """Stands in for stdout and stderr: keeps the first characters the learner prints, counts the rest.

    What is kept is also written through to `mirror`, so the parent can show it even when the
    process is ended mid-piece (a timeout, os._exit, a crash).
    """

    def __init__(self, mirror: IO[str], limit: int = OUTPUT_LIMIT) -> None:
        self.mirror = mirror
        self.limit, self.dropped = limit, 0
        self.kept: list[str] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        room = self.limit - self.size
        if room > 0:
            self.kept.append(text[:room])
            self.size += min(room, len(text))
            self.mirror.write(text[:room])
            self.mirror.flush()
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def take(self) -> str:
        """What was printed since the last take, with a note of how much was cut."""
        text = "".join(self.kept)
        if self.dropped:
            text += f"\n… {self.dropped:,} more characters cut"
        self.kept, self.size, self.dropped = [], 0, 0
        self.mirror.seek(0)
        self.mirror.truncate()
        return text


class Timer:
    """Ends the process with a traceback dump when a piece runs past its time; pauses while torch loads."""

    def __init__(self, seconds: float, dump: IO[str]) -> None:
        self.seconds, self.dump = seconds, dump
        self.deadline = 0.0

    def start(self, seconds: float | None = None) -> None:
        """Start timing a piece, for `seconds` (a piece's own longer limit) or the grading's."""
        seconds = seconds or self.seconds
        self.deadline = time.monotonic() + seconds
        faulthandler.dump_traceback_later(seconds, exit=True, file=self.dump)

    def pause(self) -> float:
        faulthandler.cancel_dump_traceback_later()
        return max(0.05, self.deadline - time.monotonic())

    def resume(self, left: float) -> None:
        self.deadline = time.monotonic() + left
        faulthandler.dump_traceback_later(left, exit=True, file=self.dump)

    def cancel(self) -> None:
        faulthandler.cancel_dump_traceback_later()
