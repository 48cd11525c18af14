"""The grader's side of a grading: start the worker processes, read their events, and turn whatever happened
to them (a hang, a crash, an exit) into verdicts, so the learner's code can fail in any way while the grader
carries on."""
from __future__ import annotations

import os
import selectors
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from micrograd_kata.checks import check_names
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner import scratch
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.results import CheckResult, Failure, Location, PieceResult, Status
from micrograd_kata.runner import frames
from micrograd_kata.runner.failed import WorkerFailed
from micrograd_kata.runner.limits import DEFAULT_MEMORY
from micrograd_kata.runner.processes import ColdJob, Job, WarmWorker
from micrograd_kata.runner.protocol import Done, Exited, Finished, GraderBroke, Started, decode

STARTUP_LIMIT = 120.0   # seconds for the worker to start (python, pytest, the checks), before any learner code
GRACE = 3.0             # seconds past the time limit before the parent stops waiting for the worker's own timer


@dataclass
class Graded:
    """What the worker processes reported: the pieces' results, in order."""

    results: list[PieceResult] = field(default_factory=list)
    torch: bool | None = None  # whether torch could be imported, when a worker tried


@dataclass(frozen=True)
class Request:
    """What every worker of one grading is asked: the workspace, the seed, the limits, whether to stop early."""

    workspace: Workspace
    seed: int
    timeout: float
    stop_at_first_failure: bool
    torch: bool
    memory: int = DEFAULT_MEMORY

    def argv(self, pieces: Sequence[Piece], passed: Sequence[str], dump: str, printed: str) -> list[str]:
        argv = ["--workspace", str(self.workspace.root), "--track", pieces[0].track,
                "--pieces", ",".join(p.id for p in pieces),
                "--passed", ",".join(passed), "--seed", str(self.seed), "--timeout", str(self.timeout),
                "--memory", str(self.memory), "--dump", dump, "--output", printed]
        return argv + ["--stop-at-first-failure"] * self.stop_at_first_failure + ["--torch"] * self.torch


def run(workspace: Workspace, pieces: Sequence[Piece], *, seed: int, timeout: float, stop_at_first_failure: bool,
        torch: bool, on_result: Callable[[PieceResult], None] | None = None,
        warm: WarmWorker | None = None, passed: Sequence[str] = (), memory: int = DEFAULT_MEMORY) -> Graded:
    """Grade pieces in child processes; after a piece kills its process, go on with a fresh one.

    warm: a warm worker to fork the children from (fast); without one, each grading starts a process.
    passed: earlier pieces known to pass without grading them again.
    """
    request = Request(workspace, seed, timeout, stop_at_first_failure, torch, memory)
    graded = Graded()
    remaining = list(pieces)
    while remaining:
        known = [*passed, *(r.piece_id for r in graded.results if r.status is Status.PASSED)]
        results = _one_job(request, remaining, known, graded, warm, on_result)
        graded.results.extend(results)
        done = {r.piece_id for r in graded.results}
        last = results[-1] if results else None
        if last is None or (stop_at_first_failure and last.status is not Status.PASSED):
            break
        remaining = [p for p in remaining if p.id not in done]
    return graded


def _one_job(request: Request, pieces: Sequence[Piece], passed: list[str], graded: Graded, warm: WarmWorker | None,
             on_result: Callable[[PieceResult], None] | None) -> list[PieceResult]:
    with scratch.folder("worker") as folder, \
            _empty(folder / "timeout.txt") as dump, _empty(folder / "output.txt") as printed:
        argv = request.argv(pieces, passed, dump.name, printed.name)
        job: Job = warm.job(argv) if warm is not None else ColdJob(argv, request.workspace.root, torch=request.torch)
        try:
            results = _read_events(job, dump, pieces, request, graded, on_result)
        finally:
            job.kill()
            job.finish()
        if results and results[-1].status in (Status.TIMEOUT, Status.ERROR) and not results[-1].output:
            # the process was ended mid-piece: what it printed is in the mirror file
            results[-1] = replace(results[-1], output=printed.read())
        return results


def _named(pieces: Sequence[Piece], piece_id: str) -> Piece:
    """The piece of this job that a worker's event names."""
    return next(p for p in pieces if p.id == piece_id)


def _empty(path: Path) -> IO[str]:
    """A new empty file for the worker to write and the grader to read."""
    path.touch()
    return path.open("r", encoding="utf-8")


def _read_events(job: Job, dump: IO[str], pieces: Sequence[Piece], request: Request, graded: Graded,
                 on_result: Callable[[PieceResult], None] | None) -> list[PieceResult]:
    results: list[PieceResult] = []
    running: str | None = None
    exited: Exited | None = None
    deadline = time.monotonic() + STARTUP_LIMIT
    buffer = b""
    selector = selectors.DefaultSelector()
    selector.register(job.fd, selectors.EVENT_READ)
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not selector.select(timeout=left):
            if running is None:
                raise WorkerFailed(f"the grader's worker did not start in {STARTUP_LIMIT:.0f} s", job.diagnostics())
            job.kill()  # its own timer did not fire: stuck where faulthandler cannot reach; the job ends after it
            results.append(_timeout(_named(pieces, running), request.timeout, dump.read(), request.workspace.root))
            running, deadline = None, time.monotonic() + STARTUP_LIMIT
            if on_result:
                on_result(results[-1])
            continue
        chunk = os.read(job.fd, 65536)
        if not chunk:
            break
        *lines, buffer = (buffer + chunk).split(b"\n")
        over = False
        for event in map(decode, lines):
            over = job.ends_with(event) or over
            if isinstance(event, Started):
                limit = _named(pieces, event.piece).time_limit(request.timeout)
                running, deadline = event.piece, time.monotonic() + limit + GRACE
            elif isinstance(event, Finished):
                results.append(event.result)
                running, deadline = None, time.monotonic() + STARTUP_LIMIT
                if on_result:
                    on_result(event.result)
            elif isinstance(event, Exited):
                exited = event
            elif isinstance(event, GraderBroke):
                raise WorkerFailed(f"the reference engine and torch disagree: {event.message}")
            elif isinstance(event, Done):
                _check_done(event, graded)
        if over:
            break
    _account_for(running, exited, job, dump, request, pieces, results, on_result)
    return results


def _check_done(event: Done, graded: Graded) -> None:
    if event.pytest_exit_code in (3, 4):  # pytest's internal or usage error: ours, not the learner's
        raise WorkerFailed("the grader's checks could not run", event.output)
    if event.torch is not None:
        graded.torch = event.torch


def _account_for(running: str | None, exited: Exited | None, job: Job, dump: IO[str], request: Request,
                 pieces: Sequence[Piece], results: list[PieceResult],
                 on_result: Callable[[PieceResult], None] | None) -> None:
    """A verdict for the piece that was running when the process ended without giving one."""
    if running is not None and not any(r.piece_id == running for r in results):
        job.kill()
        returncode = job.finish()
        text = dump.read()
        if exited is not None:
            results.append(_exited(_named(pieces, running), exited))
        elif text.startswith("Timeout ("):  # faulthandler's timer fired: the piece ran out of time
            results.append(_timeout(_named(pieces, running), request.timeout, text, request.workspace.root))
        else:  # a crash: faulthandler wrote the stack of a fatal signal, if there was one
            results.append(_died(_named(pieces, running), returncode, job.diagnostics(),
                                 frames.in_dump(text, request.workspace.root)))
        if on_result:
            on_result(results[-1])
    elif running is None and not results and len(pieces):
        raise WorkerFailed("the grader's worker stopped before grading anything", job.diagnostics())


def _timeout(piece: Piece, timeout: float, dump: str, root: Path) -> PieceResult:
    timeout = piece.time_limit(timeout)   # what this piece had: the grading's limit, or its own longer one
    where = frames.in_dump(dump, root)
    summary = f"still running after {timeout:g} s" + (f", at {where}" if where else "")
    failure = Failure(summary=summary, where=where,
                      hint=("an endless loop (a cycle in _prev, a while loop that never ends): "
                            "look at that line first; only if the code is merely slow, give it longer with --timeout"))
    return PieceResult(piece.id, Status.TIMEOUT, _every_check(piece, Status.TIMEOUT, failure),
                       message=summary, seconds=timeout, where=where)


def _exited(piece: Piece, event: Exited) -> PieceResult:
    summary = f"your code called os._exit({event.code!r}), which ends the whole process: return instead"
    failure = Failure(summary=summary, where=event.where)
    return PieceResult(piece.id, Status.ERROR, _every_check(piece, Status.ERROR, failure),
                       message=summary, where=failure.where)


def _died(piece: Piece, returncode: int | None, diagnostics: str, where: Location | None = None) -> PieceResult:
    how = f"signal {-returncode}" if returncode is not None and returncode < 0 else f"exit code {returncode}"
    summary = f"the process running your code died ({how})" + (f", at {where}" if where else "")
    if returncode == -signal.SIGKILL:  # not the grader's doing: it kills only after a verdict or a timeout
        summary = f"the process running your code was killed by the system ({how}), most often for using too much memory"
    tail = diagnostics.strip().splitlines()[-5:]
    failure = Failure(summary=summary, got="\n".join(tail) or None, where=where,
                      hint=("a crash inside Python itself: most often recursion far deeper than Python's own limit "
                            "allows (sys.setrecursionlimit)") if returncode == -signal.SIGSEGV else None)
    return PieceResult(piece.id, Status.ERROR, _every_check(piece, Status.ERROR, failure),
                       message=summary, where=where)


def _every_check(piece: Piece, status: Status, failure: Failure) -> tuple[CheckResult, ...]:
    """One result per check of the piece, all with the failure that ended the process: the score counts them all."""
    return tuple(CheckResult(name, status, 0.0, failure) for name in check_names(piece.check_module) or ("process",))
