"""Where a speedrun's time comes from: the wall clock, checked against a steady clock that cannot be set.

A run's clock keeps going between invocations, so it needs the wall clock (time.time()); but the wall clock can
be set back or forward (by hand, by NTP, by a time zone mistake). Each reading also takes the steady clock
(CLOCK_BOOTTIME: seconds since boot, counting suspend, the same in every process) and the boot it counts from.
Between two readings of the same boot the steady clock is trusted, and a wall clock that disagrees has jumped;
across boots the wall clock is all there is, and it never counts less time than the machine has been up since.
"""
from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

JUMP_TOLERANCE = 2.0   # seconds the two clocks may drift apart (NTP slewing) before it counts as a jump
BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


@dataclass(frozen=True)
class Reading:
    """One look at the clocks: wall-clock seconds, and the steady clock's with the boot it counts from."""

    wall: float
    steady: float | None = None   # None, or boot None: only the wall clock was read
    boot: str | None = None


@dataclass(frozen=True)
class Jump:
    """The wall clock jumped while a run was timed: by how much (negative: back), at what time on the run's clock."""

    at: float
    seconds: float
    steady: bool   # the steady clock timed the run across it; False: across a reboot, timed from the boot on


@dataclass(frozen=True)
class Mark:
    """The latest reading a run's clock was set from, and the time on the run's clock then."""

    reading: Reading
    elapsed: float


def since(mark: Mark, reading: Reading) -> tuple[float, Jump | None]:
    """The time on the run's clock at reading, set from mark, and the wall clock's jump if there was one.

    In the same boot, by the steady clock. Across a reboot, by the wall clock, but never less than the new boot's
    uptime (the mark came before the boot): a wall clock set back across a reboot takes no time off the run.
    """
    wall = reading.wall - mark.reading.wall
    known = reading.boot is not None and mark.reading.boot is not None
    if known and reading.boot == mark.reading.boot and reading.steady is not None and mark.reading.steady is not None:
        steady = reading.steady - mark.reading.steady
        elapsed = max(0.0, mark.elapsed + steady)
        jumped = abs(wall - steady) > JUMP_TOLERANCE
        return elapsed, Jump(at=elapsed, seconds=wall - steady, steady=True) if jumped else None
    floor = reading.steady if known and reading.steady is not None else 0.0
    elapsed = mark.elapsed + max(floor, wall)
    return elapsed, Jump(at=elapsed, seconds=wall - floor, steady=False) if wall < floor - JUMP_TOLERANCE else None


class Clock(Protocol):
    """Where the time comes from; tests swap in a fake that can jump."""

    def now(self) -> float: ...

    def reading(self) -> Reading: ...


class SystemClock:
    """The real clocks: time.time(), and CLOCK_BOOTTIME (monotonic where there is none) with the boot id."""

    def now(self) -> float:
        return time.time()

    def reading(self) -> Reading:
        steady = time.clock_gettime(time.CLOCK_BOOTTIME) if hasattr(time, "CLOCK_BOOTTIME") else time.monotonic()
        return Reading(time.time(), steady, boot_id())


@functools.cache
def boot_id() -> str:
    """This boot's id where the system says it (Linux); else one for this process, whose steady clock it trusts."""
    try:
        return BOOT_ID.read_text(encoding="ascii").strip()
    except OSError:
        return f"process-{os.getpid()}-{time.time()}"
