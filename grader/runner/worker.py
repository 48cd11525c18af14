"""The judge: `python -m micrograd_kata.runner.worker ...`, the process that grades one or more pieces.

It runs the pieces' checks with pytest and writes one event a line (runner/protocol.py) to the results pipe.
The learner's code runs in another process, the agent (runner/judge.py, runner/agent_server.py), which it
starts first thing: the checks see the learner's objects as proxies, and the expected values, comparisons
and verdicts stay here, out of the learner's code's reach. The learner's code may hang, crash, exit or flood
output: the agent's limits catch it there, and when the agent ends, this process ends the same way. The
parent (runner/supervisor.py) turns whatever happens into verdicts.
"""
from __future__ import annotations

import argparse
import os
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

from micrograd_kata.results import CheckResult, Failure, Location, PieceResult, Status
from micrograd_kata.runner import reaping
from micrograd_kata.runner.judge import Judge, reference_names
from micrograd_kata.runner.limits import DEFAULT_MEMORY, BoundedOutput
from micrograd_kata.runner.protocol import Done, Event, Finished, GraderBroke, Started, encode

# pytest's own plugins that a grading does not need: each costs start-up time, some would touch the learner's output
UNUSED_PLUGINS = ("terminal", "cacheprovider", "stepwise", "warnings", "faulthandler", "unraisableexception",
                  "threadexception", "logging", "doctest", "junitxml", "pastebin", "nose", "legacypath", "setuponly",
                  "setupplan", "debugging")


SWITCH = 0.0002  # seconds: how long the import of torch holds the GIL before the checks may take it


class TorchLoader:
    """Imports torch in a background thread from the start, so its two seconds overlap with the first pieces."""

    def __init__(self, wanted: bool, timer: AgentTimer) -> None:
        self.module: ModuleType | None = None
        self.available: bool | None = None  # known once the import has been tried
        self.timer = timer
        self.waited = 0.0  # seconds checks spent waiting for the import: not the learner's time
        self.thread = threading.Thread(target=self._load, daemon=True, name="kata-torch") if wanted else None
        if self.thread:
            self.thread.start()

    def _load(self) -> None:
        interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH)  # the checks' round trips to the agent wait for the GIL no longer than this
        try:
            import torch
            torch.set_default_dtype(torch.float64)
            self.module, self.available = torch, True
        except Exception:  # not installed, or broken: grade against the reference alone
            self.module, self.available = None, False
        finally:
            sys.setswitchinterval(interval)

    def __call__(self) -> ModuleType | None:
        if self.thread is None:
            self.thread = threading.Thread(target=self._load, daemon=True, name="kata-torch")
            self.thread.start()
        if self.thread.is_alive():
            left = self.timer.pause()  # waiting for torch is not the learner's time
            began = time.monotonic()
            self.thread.join()
            self.waited += time.monotonic() - began
            self.timer.resume(left)
        return self.module


class AgentTimer:
    """The piece's time limit runs in the agent: paused there while the checks wait for torch here."""

    def __init__(self, judge: Judge) -> None:
        self.judge = judge

    def pause(self) -> float:
        return float(self.judge.agent.request("pause"))

    def resume(self, left: float) -> None:
        self.judge.agent.request("resume", left)


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
    parser.add_argument("--torch", action="store_true", help="load torch in the background from the start")
    parser.add_argument("--parent", type=int, help="the pid that started this worker: when it dies, so does this")
    parser.add_argument("--template-fd", type=int, help="a channel to a clean agent to copy (the warm worker's)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    reaping.guard(args.parent)
    # first: the agent's python starts while this one imports pytest
    judge = Judge(args.results_fd, None if args.template_fd is None else socket.socket(fileno=args.template_fd))
    os.chdir(args.workspace)  # as the agent: one working folder, cold or warm
    results = os.fdopen(args.results_fd, "w", buffering=1, encoding="utf-8")

    def emit(event: Event) -> None:
        results.write(encode(event))

    output = BoundedOutput(open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (pytest's own complaints)
    load_torch = TorchLoader(args.torch, AgentTimer(judge))  # torch's import overlaps the agent's start too
    judge.start(args.workspace, args.track, output=str(args.output), dump=str(args.dump), timeout=args.timeout,
                memory=args.memory, parent=os.getpid())  # the agent sets up while pytest is imported here
    code = grade(args, emit, output, judge, load_torch)
    reaping.end_descendants()
    emit(Done(code, output.take() if code in (3, 4) else "", load_torch.available))
    results.flush()
    return 0


def grade(args: argparse.Namespace, emit: Callable[[Event], None], output: BoundedOutput, judge: Judge,
          load_torch: TorchLoader) -> int:
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
                           waited=lambda: load_torch.waited, grader_broke=lambda message: emit(GraderBroke(message)))
    plugin.passed.update(p for p in args.passed.split(",") if p)
    session.current = session.Session(
        learner_for=lambda piece_id: judge.learner_for(piece_id, plugin.passed),
        reference=SimpleNamespace(**reference_names(args.track)),
        load_torch=load_torch,
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
