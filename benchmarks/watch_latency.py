"""How long from saving a file to `grade watch` showing the new verdict, once torch is loaded.

    python benchmarks/watch_latency.py [--saves N] [--piece ID] [--fake]

The watch grades in children forked from a warm worker, as `grade watch` does (pytest, the checks and
torch loaded once). The baseline, measured in the same run, is one cold grading of the same solved piece,
as `grade PIECE` does it (a fresh process that imports all of that). --fake grades by reading the source,
to time the watch machinery alone. The target: the verdict on screen under 0.5 s after the save.
"""
from __future__ import annotations

import argparse
import functools
import io
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from rich.console import Console

from micrograd_kata import curriculum, grading
from micrograd_kata.learner import source, workspace
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.practice import reset, watch
from micrograd_kata.practice.live import watch_loop
from micrograd_kata.runner.processes import WarmWorker

TARGET = 0.5  # seconds from the save to the verdict on screen


class Screen(io.StringIO):
    """A terminal that notes when each verdict is drawn on it."""

    def __init__(self) -> None:
        super().__init__()
        self.drawn: list[float] = []
        self.changed = threading.Condition()

    def write(self, text: str) -> int:
        if "Graded at" in text:
            with self.changed:
                self.drawn.append(time.perf_counter())
                self.changed.notify_all()
        return super().write(text)


def static_grade(ws: Workspace, pieces=None, **options):  # type: ignore[no-untyped-def]
    """Grade by reading the source (tests/practice_fakes.StaticGrader), for --fake."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.practice_fakes import StaticGrader

    return StaticGrader().grade(ws, pieces, **options)


def baseline(ws: Workspace, piece: curriculum.Piece, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        grading.grade(ws, [piece], seed=1)
        times.append(time.perf_counter() - started)
    return times


def measure(ws: Workspace, piece: curriculum.Piece, saves: int,
            grade: grading.Grader) -> tuple[list[float], list[float], list[float]]:
    """Start the watch, then save the piece's file (stubbed and solved in turn), timing each verdict.

    Returns the latencies after saving the solution (the checks run), after saving the stub (a static read),
    and the baseline: after each solved verdict, while the watch waits, one direct grading of the same code
    (interleaved, so that both see the same load on the machine).
    """
    screen = Screen()
    console = Console(file=screen, force_terminal=True, width=100)
    stop = threading.Event()
    thread = threading.Thread(target=watch_loop, daemon=True, kwargs={
        "workspace": ws, "piece": piece, "seed": 1, "timeout": grading.DEFAULT_TIMEOUT,
        "batches": watch.saves(ws, stop_event=stop), "console": console, "grade": grade})
    thread.start()
    solved: list[float] = []
    stubbed: list[float] = []
    base: list[float] = []
    try:
        with screen.changed:
            if not screen.changed.wait_for(lambda: len(screen.drawn) == 1, timeout=120):
                raise SystemExit("the first verdict never came")
        for n in range(2 * saves):
            time.sleep(0.3)  # a learner types between saves
            drawn = len(screen.drawn)
            saved = time.perf_counter()
            donor = "exercises" if n % 2 == 0 else "solutions"
            reset.restore_piece(ws, piece, donor=donor, reason="benchmark")
            if donor == "solutions":
                touch(ws, piece, n)
            with screen.changed:
                if not screen.changed.wait_for(lambda count=drawn: len(screen.drawn) > count, timeout=30):
                    raise SystemExit(f"no verdict after save {n + 1}")
                (stubbed if donor == "exercises" else solved).append(screen.drawn[drawn] - saved)
            if donor == "solutions":
                base += baseline(ws, piece, 1)
    finally:
        stop.set()
        thread.join(timeout=10)
    return solved, stubbed, base


def touch(ws: Workspace, piece: curriculum.Piece, n: int) -> None:
    """Add a comment inside the piece's first function, as an edit would: its code is new to the grader."""
    path = ws.path(piece.file)
    symbol = source.read(path).symbols[piece.symbols[0]]
    lines = path.read_text().splitlines(keepends=True)
    body = lines[symbol.lineno]  # the line after `def`
    lines.insert(symbol.lineno, body[:len(body) - len(body.lstrip())] + f"# edit {n}\n")
    path.write_text("".join(lines))


def describe(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p90 = ordered[max(0, round(0.9 * len(ordered)) - 1)]
    return (f"{name:<26} median {statistics.median(times):.3f} s  p90 {p90:.3f} s  "
            f"min {ordered[0]:.3f} s  max {ordered[-1]:.3f} s  (n={len(times)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--saves", type=int, default=10, help="saves of the solution (as many of the stub)")
    parser.add_argument("--piece", default="tanh")
    parser.add_argument("--fake", action="store_true", help="grade by reading the source: the watch alone")
    args = parser.parse_args()
    if args.fake:
        grading.grade = static_grade  # type: ignore[assignment]
    piece = curriculum.get(args.piece)
    with tempfile.TemporaryDirectory() as tmp, WarmWorker() as warm:
        ws = workspace.init(Path(tmp) / "kata", source="solutions")
        grade = grading.grade if args.fake else functools.partial(grading.grade, warm=warm, passes=grading.PassCache())
        grade(ws, [piece], seed=1)  # start the warm worker: torch is loaded from here on
        latencies, static, base = measure(ws, piece, args.saves, grade)
    print(f"watch latency, piece {piece.id}{' (fake grader)' if args.fake else ''}")
    print(describe("baseline: a cold grade", base))
    print(describe("save solved -> verdict", latencies))
    print(describe("save stub -> verdict", static) + "  (a stub is graded by reading it, no checks run)")
    ratio = statistics.median(latencies) / statistics.median(base)
    print(f"ratio (median latency / median cold grade): {ratio:.2f}")
    verdict = "within" if statistics.median(latencies) <= TARGET else "OVER"
    print(f"target {TARGET} s: median {verdict} the target")


if __name__ == "__main__":
    main()
