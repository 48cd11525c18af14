"""Running the checks in a child process, so the learner's code can hang, crash, exit or flood output
while the grader itself carries on and reports it."""
from __future__ import annotations

import json
import os
import re
import selectors
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Callable, Sequence

from grader.curriculum import Piece
from grader.results import CheckResult, Failure, PieceResult, Status
from grader.workspace import Workspace

STARTUP_LIMIT = 120.0   # seconds for the worker to start (python, pytest, the checks), before any learner code
GRACE = 3.0             # seconds past the time limit before the parent stops waiting for the worker's own timer
DIAGNOSTIC_LIMIT = 20_000  # bytes of the worker's raw stdout/stderr kept, for a crash report


@dataclass
class Outcome:
    """What the worker processes reported: the pieces' results, in order."""

    results: list[PieceResult] = field(default_factory=list)


def run(workspace: Workspace, pieces: Sequence[Piece], *, seed: int, timeout: float, stop_at_first_failure: bool,
        torch: bool, on_result: Callable[[PieceResult], None] | None = None) -> Outcome:
    """Grade pieces in child processes; after a piece kills its process, go on with a fresh one."""
    outcome = Outcome()
    remaining = list(pieces)
    while remaining:
        results = _one_process(workspace, remaining, seed=seed, timeout=timeout, torch=torch,
                               stop_at_first_failure=stop_at_first_failure,
                               passed=[r.piece_id for r in outcome.results if r.status is Status.PASSED],
                               on_result=on_result)
        outcome.results.extend(results)
        done = {r.piece_id for r in outcome.results}
        last = results[-1] if results else None
        if last is None or (stop_at_first_failure and last.status is not Status.PASSED):
            break
        remaining = [p for p in remaining if p.id not in done]
    return outcome


def _one_process(workspace: Workspace, pieces: Sequence[Piece], *, seed: int, timeout: float, torch: bool,
                 stop_at_first_failure: bool, passed: list[str],
                 on_result: Callable[[PieceResult], None] | None) -> list[PieceResult]:
    read_fd, write_fd = os.pipe()
    with tempfile.NamedTemporaryFile("r", prefix="kata-timeout-", suffix=".txt", encoding="utf-8") as dump, \
            tempfile.NamedTemporaryFile("r", prefix="kata-output-", suffix=".txt", encoding="utf-8") as printed:
        command = [
            sys.executable, "-P", "-m", "grader.worker", "--workspace", str(workspace.root),
            "--pieces", ",".join(p.id for p in pieces), "--passed", ",".join(passed),
            "--seed", str(seed), "--timeout", str(timeout), "--results-fd", str(write_fd), "--dump", dump.name,
            "--output", printed.name,
        ]
        if stop_at_first_failure:
            command.append("--stop-at-first-failure")
        if torch:
            command.append("--torch")
        env = dict(os.environ, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", PYTHONDONTWRITEBYTECODE="1")
        env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parent.parent),
                                             *filter(None, [os.environ.get("PYTHONPATH")])])
        child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, pass_fds=(write_fd,), env=env,
                                 cwd=workspace.root, start_new_session=True)
        os.close(write_fd)
        diagnostics = _Drain(child.stdout)
        try:
            results = _read_events(child, read_fd, dump, diagnostics, pieces, timeout, workspace.root, on_result)
            if results and results[-1].status in (Status.TIMEOUT, Status.ERROR) and not results[-1].output:
                # the process was ended mid-piece: what it printed is in the mirror file
                results[-1] = replace(results[-1], output=printed.read())
            return results
        finally:
            if child.poll() is None:
                child.kill()
            child.wait()
            os.close(read_fd)


def _read_events(child: subprocess.Popen[bytes], read_fd: int, dump: IO[str], diagnostics: _Drain,
                 pieces: Sequence[Piece], timeout: float, root: Path,
                 on_result: Callable[[PieceResult], None] | None) -> list[PieceResult]:
    results: list[PieceResult] = []
    running: str | None = None
    exited: dict[str, object] | None = None
    deadline = time.monotonic() + STARTUP_LIMIT
    buffer = b""
    selector = selectors.DefaultSelector()
    selector.register(read_fd, selectors.EVENT_READ)
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not selector.select(timeout=left):
            if running is None:
                raise WorkerFailed(f"the grader's worker did not start in {STARTUP_LIMIT:.0f} s", diagnostics.text())
            child.kill()  # its own timer did not fire: stuck where faulthandler cannot reach
            results.append(_timeout(running, timeout, dump.read(), root))
            break
        chunk = os.read(read_fd, 65536)
        if not chunk:
            break
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        for line in lines:
            event = json.loads(line)
            if event["event"] == "start":
                running, deadline = event["piece"], time.monotonic() + timeout + GRACE
            elif event["event"] == "result":
                result = PieceResult.from_dict(event["result"])
                results.append(result)
                running, deadline = None, time.monotonic() + STARTUP_LIMIT
                if on_result:
                    on_result(result)
            elif event["event"] == "exit":
                exited = event
            elif event["event"] == "done":
                if event["pytest_exit_code"] in (3, 4):  # pytest's internal or usage error: ours, not the learner's
                    raise WorkerFailed("the grader's checks could not run", event.get("output", ""))
                return results
    child.wait()
    if running is not None and not any(r.piece_id == running for r in results):
        text = dump.read()
        if exited is not None:
            results.append(_exited(running, exited))
        elif text.strip():
            results.append(_timeout(running, timeout, text, root))
        else:
            results.append(_died(running, child.returncode, diagnostics.text()))
        if on_result:
            on_result(results[-1])
    elif running is None and len(results) < len(pieces) and not results:
        raise WorkerFailed("the grader's worker stopped before grading anything", diagnostics.text())
    return results


class WorkerFailed(Exception):
    """The worker process itself failed, before any learner code ran: the grader's problem, not the learner's."""

    def __init__(self, message: str, diagnostics: str) -> None:
        super().__init__(message + (f"\n{diagnostics.strip()[-3000:]}" if diagnostics.strip() else ""))


class _Drain:
    """Reads the worker's raw stdout/stderr on a thread so a flood never blocks it; keeps the start."""

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


FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+) in (?P<name>\S+)')


def stuck_line(dump: str, root: Path) -> str | None:
    """From faulthandler's dump, the innermost frame in the learner's files: where the code was stuck."""
    for match in FRAME.finditer(dump):  # faulthandler lists the most recent call first
        if Path(match["file"]).parent == root:
            return f"{Path(match['file']).name}:{match['line']} in {match['name']}"
    return None


def _timeout(piece_id: str, timeout: float, dump: str, root: Path) -> PieceResult:
    where = stuck_line(dump, root)
    summary = f"still running after {timeout:g} s" + (f", at {where}" if where else "") + \
        ": an endless loop? (a cycle in _prev, or a while loop that never ends)"
    failure = Failure(summary=summary, where=where, hint="raise the limit with --timeout if your code is just slow")
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
