"""The child process that runs the learner's code: `python -m micrograd_kata.runner.worker ...`.

It imports the learner's workspace, runs the pieces' checks with pytest and writes one JSON line
per event to the results pipe. The learner's code may hang, crash, exit or flood output: a timer
(faulthandler) dumps the stuck line and ends the process, os._exit is watched, and print output is
cut short. The parent (micrograd_kata.runner.supervisor) turns whatever happens here into verdicts.
"""
from __future__ import annotations

import argparse
import faulthandler
import io
import json
import os
import sys
import threading
import time
from pathlib import Path
from types import FrameType, ModuleType, SimpleNamespace
from typing import IO, Any, NoReturn

OUTPUT_LIMIT = 2000  # characters of the learner's printed output kept per piece



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

    def start(self) -> None:
        self.deadline = time.monotonic() + self.seconds
        faulthandler.dump_traceback_later(self.seconds, exit=True, file=self.dump)

    def pause(self) -> float:
        faulthandler.cancel_dump_traceback_later()
        return max(0.05, self.deadline - time.monotonic())

    def resume(self, left: float) -> None:
        self.deadline = time.monotonic() + left
        faulthandler.dump_traceback_later(left, exit=True, file=self.dump)


class TorchLoader:
    """Imports torch in a background thread from the start, so its two seconds overlap with the first pieces."""

    def __init__(self, wanted: bool, timer: Timer) -> None:
        self.module: ModuleType | None = None
        self.available: bool | None = None  # known once the import has been tried
        self.timer = timer
        self.waited = 0.0  # seconds checks spent waiting for the import: not the learner's time
        self.thread = threading.Thread(target=self._load, daemon=True) if wanted else None
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
            self.thread = threading.Thread(target=self._load, daemon=True)
            self.thread.start()
        if self.thread.is_alive():
            left = self.timer.pause()  # waiting for torch is not the learner's time
            began = time.monotonic()
            self.thread.join()
            self.waited += time.monotonic() - began
            self.timer.resume(left)
        return self.module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m micrograd_kata.runner.worker")
    parser.add_argument("--workspace", type=Path, required=True)
    parser.add_argument("--pieces", required=True, help="comma-separated piece ids, in curriculum order")
    parser.add_argument("--passed", default="", help="pieces already known to pass (after a restart)")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--timeout", type=float, required=True)
    parser.add_argument("--results-fd", type=int, required=True)
    parser.add_argument("--dump", type=Path, required=True, help="file for the traceback of a timeout")
    parser.add_argument("--output", type=Path, required=True, help="file mirroring what the piece printed")
    parser.add_argument("--stop-at-first-failure", action="store_true")
    parser.add_argument("--torch", action="store_true", help="load torch in the background from the start")
    args = parser.parse_args(argv)

    results = os.fdopen(args.results_fd, "w", buffering=1, encoding="utf-8")

    def emit(event: dict[str, Any]) -> None:
        results.write(json.dumps(event) + "\n")

    _watch_os_exit(emit, args.workspace)
    output = BoundedOutput(open(args.output, "w", encoding="utf-8"))  # noqa: SIM115 (open for the whole run)
    dump = open(args.dump, "w", encoding="utf-8")  # noqa: SIM115 (kept open for faulthandler)
    timer = Timer(args.timeout, dump)
    load_torch = TorchLoader(args.torch, timer)

    import pytest
    from micrograd_kata import curriculum
    from micrograd_kata.checks import CHECKS_DIR, session
    from micrograd_kata.runner.lending import Composer
    from micrograd_kata.runner.plugin import Collector

    pieces = [curriculum.get(p) for p in args.pieces.split(",")]
    composer = Composer(args.workspace)

    def start_piece(piece: curriculum.Piece) -> None:
        output.take()
        emit({"event": "start", "piece": piece.id})
        timer.start()

    def report(result: Any) -> None:
        faulthandler.cancel_dump_traceback_later()
        emit({"event": "result", "result": result.to_dict()})

    collector = Collector(args.workspace, report, seed=args.seed, stop_at_first_failure=args.stop_at_first_failure,
                          on_piece_start=start_piece, take_output=output.take, waited=lambda: load_torch.waited)
    collector.passed.update(p for p in args.passed.split(",") if p)
    session.current = session.Session(
        learner_for=lambda piece_id: composer.engine_for(curriculum.get(piece_id), collector.passed),
        reference=SimpleNamespace(**_reference_names()),
        load_torch=load_torch,
        seed=args.seed,
    )
    sys.stdout = sys.stderr = output  # the learner's prints; pytest's own terminal output is off
    code = pytest.main([
        "-p", "no:terminal", "-p", "no:cacheprovider", "-p", "no:stepwise", "-p", "no:warnings",
        "-p", "no:faulthandler", "-p", "no:unraisableexception", "-p", "no:threadexception",
        "-p", "no:logging", "-p", "no:doctest", "-p", "no:junitxml", "-p", "no:pastebin", "-p", "no:nose",
        "-p", "no:legacypath", "-p", "no:setuponly", "-p", "no:setupplan", "-p", "no:debugging",
        "--capture=no", f"--rootdir={CHECKS_DIR}", "-c", os.devnull,
        "-o", "python_files=check_*.py", "-o", "python_functions=check_*",
        *(str(CHECKS_DIR / p.check_module) for p in pieces),
    ], plugins=[collector])
    emit({"event": "done", "pytest_exit_code": int(code), "output": output.take() if code in (3, 4) else "",
          "torch": load_torch.available})
    results.flush()
    return 0


def _reference_names() -> dict[str, Any]:
    from micrograd_kata.reference import derivative, engine, graph, nn, train
    return {
        "derivative": derivative.derivative, "Value": engine.Value, "trace": graph.trace,
        "Module": nn.Module, "Neuron": nn.Neuron, "Layer": nn.Layer, "MLP": nn.MLP,
        "sum_squared_error": train.sum_squared_error, "train": train.train,
    }


def _watch_os_exit(emit: Any, root: Path) -> None:
    """Report where the learner called os._exit before the process goes."""
    real_exit = os._exit

    def _exit(status: int) -> NoReturn:
        frame: FrameType | None = sys._getframe(1)
        where = None
        while frame is not None and where is None:
            if Path(frame.f_code.co_filename).parent == root:
                where = f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno} in {frame.f_code.co_qualname}"
            frame = frame.f_back
        try:
            emit({"event": "exit", "code": status, "where": where})
        finally:
            real_exit(status)  # noqa: B012

    os._exit = _exit


if __name__ == "__main__":
    sys.exit(main())
