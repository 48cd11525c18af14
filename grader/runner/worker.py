"""The child process that runs the learner's code: `python -m micrograd_kata.runner.worker ...`.

It imports the learner's workspace, runs the pieces' checks with pytest and writes one event a line
(runner/protocol.py) to the results pipe. The learner's code may hang, crash, exit or flood output: a timer
(faulthandler) dumps the stuck line and ends the process, os._exit is watched, and print output is
cut short. The parent (runner/supervisor.py) turns whatever happens here into verdicts.
"""
from __future__ import annotations

import argparse
import faulthandler
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any, NoReturn

from micrograd_kata.runner import frames, reaping
from micrograd_kata.runner.limits import DEFAULT_MEMORY, BoundedOutput, Timer, limit_memory
from micrograd_kata.runner.protocol import Done, Event, Exited, Finished, GraderBroke, Started, encode

# pytest's own plugins that a grading does not need: each costs start-up time, some would touch the learner's output
UNUSED_PLUGINS = ("terminal", "cacheprovider", "stepwise", "warnings", "faulthandler", "unraisableexception",
                  "threadexception", "logging", "doctest", "junitxml", "pastebin", "nose", "legacypath", "setuponly",
                  "setupplan", "debugging")


class TorchLoader:
    """Imports torch in a background thread from the start, so its two seconds overlap with the first pieces."""

    def __init__(self, wanted: bool, timer: Timer) -> None:
        self.module: ModuleType | None = None
        self.available: bool | None = None  # known once the import has been tried
        self.timer = timer
        self.waited = 0.0  # seconds checks spent waiting for the import: not the learner's time
        self.thread = threading.Thread(target=self._load, daemon=True, name="kata-torch") if wanted else None
        if self.thread:
            self.thread.start()

    def _load(self) -> None:
        try:
            import torch
            torch.set_default_dtype(torch.float64)
            self.module, self.available = torch, True
        except Exception:  # not installed, or broken: grade against the reference alone
            self.module, self.available = None, False

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
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    reaping.guard(args.parent)
    os.chdir(args.workspace)  # cold or warm, the learner's relative paths start from the workspace
    results = os.fdopen(args.results_fd, "w", buffering=1, encoding="utf-8")

    def emit(event: Event) -> None:
        results.write(encode(event))

    _watch_os_exit(emit, args.workspace)
    output = BoundedOutput(open(args.output, "w", encoding="utf-8"))  # noqa: SIM115 (open for the whole run)
    dump = open(args.dump, "w", encoding="utf-8")  # noqa: SIM115 (kept for faulthandler)
    faulthandler.enable(dump, all_threads=True)  # a crash (a segfault) leaves its stack, and the learner's line
    timer = Timer(args.timeout, dump)
    limit_memory(args.memory, torch_to_load=args.torch and "torch" not in sys.modules)
    load_torch = TorchLoader(args.torch, timer)
    code = grade(args, emit, output, timer, load_torch)
    reaping.end_descendants()
    emit(Done(code, output.take() if code in (3, 4) else "", load_torch.available))
    results.flush()
    return 0


def grade(args: argparse.Namespace, emit: Callable[[Event], None], output: BoundedOutput, timer: Timer,
          load_torch: TorchLoader) -> int:
    """Run the pieces' checks under pytest, with the plugin reporting each piece; pytest's exit code."""
    import pytest

    from micrograd_kata import curriculum
    from micrograd_kata.checks import CHECKS_DIR, session
    from micrograd_kata.runner.leftovers import Leftovers
    from micrograd_kata.runner.lending import Lender
    from micrograd_kata.runner.plugin import VerdictPlugin

    pieces = [curriculum.get(p, args.track) for p in args.pieces.split(",")]
    lender = Lender(args.workspace, args.track)
    leftovers = Leftovers(args.workspace)

    def start_piece(piece: curriculum.Piece) -> None:
        output.take()
        emit(Started(piece.id))
        leftovers.start()
        timer.start(piece.time_limit(args.timeout))

    def report(result: Any) -> None:
        timer.cancel()
        result = leftovers.charge(result)  # threads and timers it left: waited for, cancelled, charged to it
        reaping.end_descendants()  # what the piece's code started ends with the piece
        emit(Finished(result))

    plugin = VerdictPlugin(args.workspace, report, seed=args.seed, memory=args.memory, stop_at_first_failure=args.stop_at_first_failure,
                           on_piece_start=start_piece, take_output=output.take, waited=lambda: load_torch.waited,
                           grader_broke=lambda message: emit(GraderBroke(message)))
    plugin.passed.update(p for p in args.passed.split(",") if p)
    session.current = session.Session(
        learner_for=lambda piece_id: lender.learner_for(curriculum.get(piece_id, args.track), plugin.passed),
        reference=SimpleNamespace(**lender.reference_names()),
        load_torch=load_torch,
        seed=args.seed,
    )
    sys.stdout = sys.stderr = output  # the learner's prints; pytest's own terminal output is off
    return int(pytest.main([
        *(arg for name in UNUSED_PLUGINS for arg in ("-p", f"no:{name}")),
        "--capture=no", f"--rootdir={CHECKS_DIR}", "-c", os.devnull,
        "-o", "python_files=check_*.py", "-o", "python_functions=check_*",
        *(str(CHECKS_DIR / p.check_module) for p in pieces),
    ], plugins=[plugin]))


def _watch_os_exit(emit: Callable[[Event], None], root: Path) -> None:
    """Report where the learner called os._exit before the process goes."""
    real_exit = os._exit

    def _exit(status: int) -> NoReturn:
        try:
            emit(Exited(status, frames.in_stack(sys._getframe(1), root)))
        finally:
            real_exit(status)  # noqa: B012

    os._exit = _exit


if __name__ == "__main__":
    sys.exit(main())
