"""The judge: `python -m micrograd_kata.runner.worker ...`, the process that grades one or more pieces.

It runs the pieces' checks with pytest and writes one event a line (runner/protocol.py) to the results pipe.
The learner's code runs in another process, the agent (runner/judge.py, runner/agent_server.py), which it
starts first thing: the checks see the learner's objects as proxies, and the expected values, comparisons
and verdicts stay here, out of the learner's code's reach. The learner's code may hang, crash, exit or flood
output: the agent's limits catch it there, and when the agent ends, this process ends the same way. The
parent (runner/supervisor.py) turns whatever happens into verdicts. Torch checks the reference in a third
process, the auditor (runner/auditor.py), which the parent starts beside this one: the checks hand it their
cross-checks, and this process asks for its answer once the pieces are graded.
"""
from __future__ import annotations

import argparse
import os
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from micrograd_kata.results import CheckResult, Failure, Location, PieceResult, Status
from micrograd_kata.runner import reaping
from micrograd_kata.runner.auditor import Auditor
from micrograd_kata.runner.judge import Judge, reference_names
from micrograd_kata.runner.limits import DEFAULT_MEMORY, BoundedOutput
from micrograd_kata.runner.protocol import Done, Event, Finished, GraderBroke, Started, encode

# pytest's own plugins that a grading does not need: each costs start-up time, some would touch the learner's output
UNUSED_PLUGINS = ("terminal", "cacheprovider", "stepwise", "warnings", "faulthandler", "unraisableexception",
                  "threadexception", "logging", "doctest", "junitxml", "pastebin", "nose", "legacypath", "setuponly",
                  "setupplan", "debugging")


class TorchWait:
    """Whether torch imports, as the auditor finds (runner/auditor.py): waiting for it is not the learner's time."""

    def __init__(self, auditor: Auditor, timer: AgentTimer) -> None:
        self.auditor, self.timer = auditor, timer
        self.waited = 0.0  # seconds checks spent waiting for the import

    def __call__(self) -> bool:
        if self.auditor.loaded is not None:
            return self.auditor.loaded
        left = self.timer.pause()
        began = time.monotonic()
        found = self.auditor.available()
        self.waited += time.monotonic() - began
        self.timer.resume(left)
        return found


class AgentTimer:
    """The piece's time limit runs in the agent: paused there while a check waits for torch's import."""

    def __init__(self, judge: Judge) -> None:
        self.judge = judge

    def pause(self) -> float:
        return float(self.judge.agent.request("pause"))

    def resume(self, left: float) -> None:
        self.judge.agent.request("resume", left)


def fd_pair(text: str) -> tuple[int, int]:
    answers, batch = text.split(",")
    return int(answers), int(batch)


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m micrograd_kata.runner.worker")
    parser.add_argument("--workspace", type=Path, required=True)
    parser.add_argument("--track", default="lecture", help="the workspace's track, whose pieces these are")
    parser.add_argument("--pieces", required=True, help="comma-separated piece ids, in curriculum order")
    parser.add_argument("--passed", default="", help="pieces already known to pass (after a restart)")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--timeout", type=float, required=True)
    parser.add_argument("--memory", type=int, default=DEFAULT_MEMORY, help="MB the learner's code may allocate")
    parser.add_argument("--results-fd", type=int, required=True)
    parser.add_argument("--dump", type=Path, required=True, help="file for the traceback of a timeout")
    parser.add_argument("--output", type=Path, required=True, help="file mirroring what the piece printed")
    parser.add_argument("--stop-at-first-failure", action="store_true")
    parser.add_argument("--torch", action="store_true", help="torch is installed: it checks the reference (the auditor)")
    parser.add_argument("--auditor", type=fd_pair, help="R,W: the auditor's answers and its input (runner/auditor.py), if started")
    parser.add_argument("--parent", type=int, help="the pid that started this worker: when it dies, so does this")
    parser.add_argument("--template-fd", type=int, help="a channel to a clean agent to copy (the warm worker's)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    reaping.guard(args.parent)
    auditor = Auditor(args.torch, args.auditor)  # first: torch's import is the longest wait of a grading
    # the agent's python starts while this one imports pytest
    judge = Judge(args.results_fd, None if args.template_fd is None else socket.socket(fileno=args.template_fd))
    os.chdir(args.workspace)  # as the agent: one working folder, cold or warm
    results = os.fdopen(args.results_fd, "w", buffering=1, encoding="utf-8")

    def emit(event: Event) -> None:
        results.write(encode(event))

    output = BoundedOutput(open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (pytest's own complaints)
    torch_wait = TorchWait(auditor, AgentTimer(judge))
    judge.start(args.workspace, args.track, output=str(args.output), dump=str(args.dump), timeout=args.timeout,
                memory=args.memory, parent=os.getpid())  # the agent sets up while pytest is imported here
    code = grade(args, emit, output, judge, auditor, torch_wait)
    disagreement = auditor.verdict() if code not in (3, 4) else None
    if disagreement is not None:
        emit(GraderBroke(disagreement))  # the grader is wrong, not the learner: nothing it said holds
    reaping.end_descendants()
    emit(Done(code, output.take() if code in (3, 4) else "", auditor.loaded))
    results.flush()
    return 0


def grade(args: argparse.Namespace, emit: Callable[[Event], None], output: BoundedOutput, judge: Judge,
          auditor: Auditor, torch_wait: TorchWait) -> int:
    """Run the pieces' checks under pytest, with the plugin reporting each piece; pytest's exit code."""
    import pytest

    from micrograd_kata import curriculum
    from micrograd_kata.checks import CHECKS_DIR, session
    from micrograd_kata.runner.plugin import VerdictPlugin

    pieces = [curriculum.get(p, args.track) for p in args.pieces.split(",")]

    def start_piece(piece: curriculum.Piece) -> None:
        emit(Started(piece.id))
        judge.agent.forget()
        judge.agent.request("begin", piece.time_limit(args.timeout))

    def report(result: Any) -> None:
        left = judge.agent.request("end")  # threads and timers it left: waited for, cancelled, charged to it
        emit(Finished(charge(result, left)))

    plugin = VerdictPlugin(args.workspace, report, seed=args.seed, memory=args.memory, stop_at_first_failure=args.stop_at_first_failure,
                           on_piece_start=start_piece, take_output=lambda: str(judge.agent.request("output")),
                           waited=lambda: torch_wait.waited, grader_broke=lambda message: emit(GraderBroke(message)))
    plugin.passed.update(p for p in args.passed.split(",") if p)
    session.current = session.Session(
        learner_for=lambda piece_id: judge.learner_for(piece_id, plugin.passed),
        reference=SimpleNamespace(**reference_names(args.track)),
        audit=auditor,
        torch_installed=torch_wait,
        seed=args.seed,
    )
    sys.stdout = sys.stderr = output  # pytest's own terminal output is off
    return int(pytest.main([
        *(arg for name in UNUSED_PLUGINS for arg in ("-p", f"no:{name}")),
        "--capture=no", f"--rootdir={CHECKS_DIR}", "-c", os.devnull,
        "-o", "python_files=check_*.py", "-o", "python_functions=check_*",
        *(str(CHECKS_DIR / p.check_module) for p in pieces),
    ], plugins=[plugin]))


def charge(result: PieceResult, left: list[Any] | None) -> PieceResult:
    """The piece's result, as an error when its code left a timer pending or a thread running (leftovers.Left)."""
    if left is None or not result.checks:
        return result
    summary, where, hint = left
    failure = Failure(summary=summary, where=Location(*where) if where else None, hint=hint)
    checks = (*result.checks[:-1], CheckResult(result.checks[-1].name, Status.ERROR, 0.0, failure))
    return replace(result, status=Status.ERROR, checks=checks, message=failure.summary, where=failure.where)


if __name__ == "__main__":
    sys.exit(main())
