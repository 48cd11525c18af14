"""The processes a grading runs in: a fresh one per grading, or a warm worker that forks one per grading.

Either way the learner's code runs in a process of its own that the grader can kill; what differs is
the start-up. A cold process imports Python, pytest and the checks every time, while an auditor beside it
imports torch (about a second and a half). The warm worker (`grade watch`, the live speedrun) imports them once, then
forks a child per grading, which starts with all of that already loaded.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Protocol

from micrograd_kata.runner import auditor
from micrograd_kata.runner.protocol import Done, Ended, Event, Forked

DIAGNOSTIC_LIMIT = 20_000  # bytes of a worker's raw stdout/stderr kept, for a crash report


class Job(Protocol):
    """One grading in a child process: its events arrive on `fd`, one JSON line each."""

    fd: int

    def ends_with(self, event: Event) -> bool:
        """Take note of an event of this grading; True when it is the last one to wait for."""

    def kill(self) -> None: ...

    def finish(self) -> int | None:
        """Wait for the child to end; its return code (negative: killed by that signal)."""

    def diagnostics(self) -> str: ...


def environment() -> dict[str, str]:
    """The worker's environment: no third-party pytest plugins, no bytecode written beside the learner's files."""
    return dict(os.environ, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", PYTHONDONTWRITEBYTECODE="1")


# -P: the workspace, the current directory, is not put on sys.path, so a learner's file cannot shadow a module
WORKER = [sys.executable, "-P", "-m", "micrograd_kata.runner.worker"]
WARM_WORKER = [sys.executable, "-P", "-m", "micrograd_kata.runner.warm_worker"]


class ColdJob:
    """A fresh `python -m micrograd_kata.runner.worker` for one grading, and with torch, its auditor beside it
    (runner/auditor.py): started first, as torch's import is the longest wait of a grading."""

    def __init__(self, argv: list[str], cwd: Path, *, torch: bool = False) -> None:
        self.auditor = auditor.start(environment()) if torch else None
        channel: tuple[int, ...] = ()
        if self.auditor is not None:
            assert self.auditor.stdout is not None and self.auditor.stdin is not None
            channel = (self.auditor.stdout.fileno(), self.auditor.stdin.fileno())
            argv = [*argv, "--auditor", ",".join(map(str, channel))]
        read_fd, write_fd = os.pipe()
        self.fd = read_fd
        self.process = subprocess.Popen(
            [*WORKER, *argv, "--results-fd", str(write_fd), "--parent", str(os.getpid())], stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, pass_fds=(write_fd, *channel), env=environment(), cwd=cwd,
            start_new_session=True)
        os.close(write_fd)
        if self.auditor is not None:  # the worker's alone now: the auditor sees the end of its input when the worker ends
            assert self.auditor.stdout is not None and self.auditor.stdin is not None
            self.auditor.stdout.close()
            self.auditor.stdin.close()
        self.drain = Drain(self.process.stdout)

    def ends_with(self, event: Event) -> bool:
        return isinstance(event, Done)  # the process has nothing more to say, and is killed at once

    def kill(self) -> None:
        """Kill the worker and its process group: what the learner's code started, even after a timeout."""
        _kill_group(self.process.pid)
        if self.auditor is not None:
            self.auditor.kill()

    def finish(self) -> int | None:
        self.kill()
        code = self.process.wait()
        if self.auditor is not None:
            self.auditor.wait()
        if self.fd >= 0:  # finish may be called again: close the pipe once
            os.close(self.fd)
            self.fd = -1
        return code

    def diagnostics(self) -> str:
        return self.drain.text()


class WarmWorker:
    """`python -m micrograd_kata.runner.warm_worker`, kept running: it forks a fresh child for each grading."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> WarmWorker:
        return self  # started by the first job: the first grading waits for the imports either way

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def start(self) -> None:
        """Start the worker (again, if it died)."""
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen([*WARM_WORKER, "--parent", str(os.getpid())], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=environment(),
                                            start_new_session=True)

    def close(self) -> None:
        """End the worker, after it has ended everything below it (runner/reaping.py)."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGUSR2)  # as if grade had died
            try:
                self.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                pass
            _kill_group(self.process.pid)
            self.process.wait()
        self.process = None

    def job(self, argv: list[str]) -> WarmJob:
        self.start()
        assert self.process is not None and self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write((json.dumps(argv) + "\n").encode())
        self.process.stdin.flush()
        return WarmJob(self, self.process.stdout.fileno())


class WarmJob:
    """One grading in a child forked by the warm worker; its events come through the worker's stdout."""

    def __init__(self, worker: WarmWorker, fd: int) -> None:
        self.worker, self.fd = worker, fd
        self.pid: int | None = None         # the forked child, from the worker's Forked event
        self.returncode: int | None = None  # from the worker's Ended event

    def ends_with(self, event: Event) -> bool:
        if isinstance(event, Forked):
            self.pid = event.pid
        elif isinstance(event, Ended):
            self.returncode = event.returncode
        return isinstance(event, Ended)  # after Done, or a kill, the warm worker still says how the child ended

    def kill(self) -> None:
        if self.pid is not None:
            _kill_group(self.pid)  # the child leads a process group of its own

    def finish(self) -> int | None:
        return self.returncode

    def diagnostics(self) -> str:
        return ""  # the forked child's raw output is not kept


def _kill_group(pid: int) -> None:
    """SIGKILL the process group that pid leads, and pid itself: what the group holds is gone even after pid is."""
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


class Drain:
    """Reads a worker's raw stdout/stderr on a thread so a flood never blocks it; keeps the start."""

    def __init__(self, stream: IO[bytes] | None) -> None:
        self.kept = bytearray()
        self.thread = threading.Thread(target=self._run, args=(stream,), daemon=True)
        self.thread.start()

    def _run(self, stream: IO[bytes] | None) -> None:
        if stream is None:
            return
        while chunk := stream.read1(65536):  # type: ignore[attr-defined]
            if len(self.kept) < DIAGNOSTIC_LIMIT:
                self.kept += chunk[:DIAGNOSTIC_LIMIT - len(self.kept)]

    def text(self) -> str:
        self.thread.join(timeout=1)
        return self.kept.decode("utf-8", "replace")
