"""Running the checks in a child process, so the learner's code can hang, crash, exit or flood output
while the grader itself carries on and reports it."""
from __future__ import annotations

import json
import os
import re
import selectors
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from micrograd_kata.curriculum import Piece
from micrograd_kata.learner import source
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.results import CheckResult, Failure, PieceResult, Status
from micrograd_kata.runner.processes import ColdJob, Job, WarmJob, WarmWorker

STARTUP_LIMIT = 120.0   # seconds for the worker to start (python, pytest, the checks), before any learner code
GRACE = 3.0             # seconds past the time limit before the parent stops waiting for the worker's own timer


@dataclass
class Outcome:
    """What the worker processes reported: the pieces' results, in order."""

    results: list[PieceResult] = field(default_factory=list)
    torch: bool | None = None  # whether torch could be imported, when a worker tried


def run(workspace: Workspace, pieces: Sequence[Piece], *, seed: int, timeout: float, stop_at_first_failure: bool,
        torch: bool, on_result: Callable[[PieceResult], None] | None = None,
        warm: WarmWorker | None = None, passed: Sequence[str] = ()) -> Outcome:
    """Grade pieces in child processes; after a piece kills its process, go on with a fresh one.

    warm: a warm worker to fork the children from (fast); without one, each grading starts a process.
    passed: earlier pieces known to pass without grading them again.
    """
    outcome = Outcome()
    remaining = list(pieces)
    while remaining:
        known = [*passed, *(r.piece_id for r in outcome.results if r.status is Status.PASSED)]
        results = _one_job(workspace, remaining, outcome, seed=seed, timeout=timeout, torch=torch, warm=warm,
                           stop_at_first_failure=stop_at_first_failure, passed=known, on_result=on_result)
        outcome.results.extend(results)
        done = {r.piece_id for r in outcome.results}
        last = results[-1] if results else None
        if last is None or (stop_at_first_failure and last.status is not Status.PASSED):
            break
        remaining = [p for p in remaining if p.id not in done]
    return outcome


def _one_job(workspace: Workspace, pieces: Sequence[Piece], outcome: Outcome, *, seed: int, timeout: float,
             torch: bool,
             stop_at_first_failure: bool, passed: list[str], warm: WarmWorker | None,
             on_result: Callable[[PieceResult], None] | None) -> list[PieceResult]:
    with tempfile.NamedTemporaryFile("r", prefix="kata-timeout-", suffix=".txt", encoding="utf-8") as dump, \
            tempfile.NamedTemporaryFile("r", prefix="kata-output-", suffix=".txt", encoding="utf-8") as printed:
        argv = ["--workspace", str(workspace.root), "--pieces", ",".join(p.id for p in pieces),
                "--passed", ",".join(passed), "--seed", str(seed), "--timeout", str(timeout),
                "--dump", dump.name, "--output", printed.name]
        if stop_at_first_failure:
            argv.append("--stop-at-first-failure")
        if torch:
            argv.append("--torch")
        job: Job = warm.job(argv) if warm is not None else ColdJob(argv, workspace.root)
        try:
            results = _read_events(job, dump, pieces, timeout, workspace.root, outcome, on_result)
        finally:
            job.kill()
            job.finish()
        if results and results[-1].status in (Status.TIMEOUT, Status.ERROR) and not results[-1].output:
            # the process was ended mid-piece: what it printed is in the mirror file
            results[-1] = replace(results[-1], output=printed.read())
        return results


def _read_events(job: Job, dump: IO[str], pieces: Sequence[Piece], timeout: float, root: Path, outcome: Outcome,
                 on_result: Callable[[PieceResult], None] | None) -> list[PieceResult]:
    results: list[PieceResult] = []
    running: str | None = None
    exited: dict[str, object] | None = None
    deadline = time.monotonic() + STARTUP_LIMIT
    buffer = b""
    selector = selectors.DefaultSelector()
    selector.register(job.fd, selectors.EVENT_READ)
    ended = False
    while not ended:
        left = deadline - time.monotonic()
        if left <= 0 or not selector.select(timeout=left):
            if running is None:
                raise WorkerFailed(f"the grader's worker did not start in {STARTUP_LIMIT:.0f} s", job.diagnostics())
            job.kill()  # its own timer did not fire: stuck where faulthandler cannot reach
            results.append(_timeout(running, timeout, dump.read(), root))
            running = None
            if not isinstance(job, WarmJob):
                break
            deadline = time.monotonic() + STARTUP_LIMIT  # wait for the warm worker's "ended"
            continue
        chunk = os.read(job.fd, 65536)
        if not chunk:
            break
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        for line in lines:
            event = json.loads(line)
            kind = event["event"]
            if kind == "start":
                running, deadline = event["piece"], time.monotonic() + timeout + GRACE
            elif kind == "result":
                result = PieceResult.from_dict(event["result"])
                results.append(result)
                running, deadline = None, time.monotonic() + STARTUP_LIMIT
                if on_result:
                    on_result(result)
            elif kind == "exit":
                exited = event
            elif kind == "done":
                if event["pytest_exit_code"] in (3, 4):  # pytest's internal or usage error: ours, not the learner's
                    raise WorkerFailed("the grader's checks could not run", event.get("output", ""))
                if event.get("torch") is not None:
                    outcome.torch = event["torch"]
                if not isinstance(job, WarmJob):
                    return results
            elif kind == "forked" and isinstance(job, WarmJob):
                job.pid = event["pid"]
            elif kind == "ended" and isinstance(job, WarmJob):
                job.returncode, ended = event["returncode"], True
    if running is not None and not any(r.piece_id == running for r in results):
        job.kill()
        returncode = job.finish()
        text = dump.read()
        if exited is not None:
            results.append(_exited(running, exited))
        elif text.strip():
            results.append(_timeout(running, timeout, text, root))
        else:
            results.append(_died(running, returncode, job.diagnostics()))
        if on_result:
            on_result(results[-1])
    elif running is None and not results and len(pieces):
        raise WorkerFailed("the grader's worker stopped before grading anything", job.diagnostics())
    return results


class WorkerFailed(Exception):
    """The worker process itself failed, before any learner code ran: the grader's problem, not the learner's."""

    def __init__(self, message: str, diagnostics: str) -> None:
        super().__init__(message + (f"\n{diagnostics.strip()[-3000:]}" if diagnostics.strip() else ""))


FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+) in (?P<name>\S+)')


def stuck_line(dump: str, root: Path) -> str | None:
    """From faulthandler's dump, the innermost frame in the learner's files: where the code was stuck."""
    for match in FRAME.finditer(dump):  # faulthandler lists the most recent call first
        file = Path(match["file"])
        if file.parent == root:
            symbol = source.read(file).symbol_at(int(match["line"]))  # faulthandler gives `tanh`, not `Value.tanh`
            return f"{file.name}:{match['line']} in {symbol.name if symbol else match['name']}"
    return None


def _timeout(piece_id: str, timeout: float, dump: str, root: Path) -> PieceResult:
    where = stuck_line(dump, root)
    summary = f"still running after {timeout:g} s" + (f", at {where}" if where else "")
    failure = Failure(summary=summary, where=where,
                      hint=("an endless loop (a cycle in _prev, a while loop that never ends); "
                            "if the code is only slow, give it longer: --timeout 20"))
    return PieceResult(piece_id, Status.TIMEOUT, (CheckResult("time limit", Status.TIMEOUT, timeout, failure),),
                       message=summary, seconds=timeout, where=where)


def _exited(piece_id: str, event: dict[str, object]) -> PieceResult:
    where = event.get("where")
    summary = f"your code called os._exit({event.get('code')!r}), which ends the whole process: return instead"
    failure = Failure(summary=summary, where=str(where) if where else None)
    return PieceResult(piece_id, Status.ERROR, (CheckResult("process", Status.ERROR, 0.0, failure),),
                       message=summary, where=failure.where)


def _died(piece_id: str, returncode: int | None, diagnostics: str) -> PieceResult:
    how = f"signal {-returncode}" if returncode is not None and returncode < 0 else f"exit code {returncode}"
    summary = f"the process running your code died ({how})"
    tail = diagnostics.strip().splitlines()[-5:]
    failure = Failure(summary=summary, got="\n".join(tail) or None)
    return PieceResult(piece_id, Status.ERROR, (CheckResult("process", Status.ERROR, 0.0, failure),),
                       message=summary)
