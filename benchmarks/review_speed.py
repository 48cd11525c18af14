"""How long `grade review` and `grade stats --mastery` take on a workspace with 500 recorded attempts, beside the
cold `grade next` on fresh stubs (which must not pay for the review scheduler).

    python benchmarks/review_speed.py [--repeat 5] [--attempts 500]

Targets: `grade review` and `grade stats --mastery` each under 0.3 s. Each figure is the median of --repeat cold
runs, the commands interleaved so that machine noise hits all alike.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fsrs import Rating

GRADE = [sys.executable, "-m", "micrograd_kata.cli"]
TARGET = 0.3
# As on a learner's machine, where the first run writes the bytecode cache and later runs read it.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
DAY = 86400.0


def seconds(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    return elapsed


def recorded(root: Path, attempts: int) -> Path:
    """A workspace where `attempts` timed attempts were made, a piece at a time over the last months: each one a
    speedrun attempt in speedrun.json and a review in review.json, as the speedrun records them."""
    from micrograd_kata import curriculum
    from micrograd_kata.learner import deck as cards
    from micrograd_kata.learner import review, workspace
    from micrograd_kata.learner.rating import PieceAttempt
    from micrograd_kata.speedrun import store, timing

    ws = workspace.init(root, source="solutions")
    pieces = [p.id for p in curriculum.load()]
    history, deck = timing.History(), cards.Deck()
    at = time.time() - attempts * DAY / 4
    ratings = (Rating.Good, Rating.Easy, Rating.Hard, Rating.Good, Rating.Again)
    for n in range(attempts):
        piece, took = pieces[n % len(pieces)], 30.0 + n % 40
        history = timing.start(history, piece, (piece,), at)
        history, _ = timing.record_passes(history, {piece}, at + took)
        level = cards.LEVELS[min(2, n // 170)]
        deck, _ = review.review(deck, PieceAttempt("lecture", piece, level, True, took), ratings[n % 5], at + took, piece)
        at += DAY / 4
    store.save(ws, history)
    review.save(ws, deck)
    return ws.root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--attempts", type=int, default=500)
    args = parser.parse_args()

    from micrograd_kata.learner import workspace

    root = Path(tempfile.mkdtemp(prefix="kata-review-bench-"))
    try:
        stubs = workspace.init(root / "stubs").root
        busy = recorded(root / "busy", args.attempts)
        commands = {
            "python -c 'pass'": ([sys.executable, "-c", "pass"], root),
            "grade next (stubs)": ([*GRADE, "next"], stubs),
            f"grade review ({args.attempts} attempts)": ([*GRADE, "review"], busy),
            f"grade stats --mastery ({args.attempts})": ([*GRADE, "stats", "--mastery"], busy),
        }
        for command, cwd in commands.values():
            seconds(command, cwd)   # warm the disk cache once, as a learner's would be
        runs: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, (command, cwd) in commands.items():
                runs[name].append(seconds(command, cwd))
    finally:
        shutil.rmtree(root, ignore_errors=True)

    median = {name: statistics.median(times) for name, times in runs.items()}
    print(f"median of {args.repeat} cold runs each")
    for name, value in median.items():
        mark = "" if not name.startswith(("grade review", "grade stats")) else (
            "   ok" if value < TARGET else f"   over the {TARGET} s target")
        print(f"  {name:36} {value:6.3f} s{mark}")


if __name__ == "__main__":
    main()
