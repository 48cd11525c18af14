"""The repo track's waits: cold `grade --all` on its solutions beside a bare `python -c "import torch"` (a ratio),
and the demo piece (`train`, whose last check trains MLP(2, [8, 8, 1]) on 60 moons for 40 steps in pure Python)
against its time limit.

    python benchmarks/repo_track.py [--repeat 3]

Target: the demo piece within its time limit with a margin of at least 2x (limit / time >= 2).
Each figure is the median of --repeat runs, the commands interleaved so that machine noise hits all alike.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GRADE = [sys.executable, "-m", "micrograd_kata.cli"]
DEMO_PIECE = "train"


def timed(command: list[str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from micrograd_kata import curriculum
    from micrograd_kata.grading import DEFAULT_TIMEOUT
    from micrograd_kata.learner import workspace

    piece = curriculum.get(DEMO_PIECE, "repo")
    limit = piece.time_limit(DEFAULT_TIMEOUT)
    root = Path(tempfile.mkdtemp(prefix="kata-bench-repo-"))
    torch_runs: list[float] = []
    grade_runs: list[float] = []
    demo_runs: list[float] = []
    try:
        solved = workspace.init(root / "solved", source="solutions", track="repo").root
        timed([*GRADE, "--all", "--seed", "1"], solved)  # warm the disk cache once, as a learner's would be
        for seed in range(1, args.repeat + 1):
            torch_runs.append(timed([sys.executable, "-c", "import torch"], root)[0])
            seconds, printed = timed([*GRADE, "--all", "--json", "--seed", str(seed)], solved)
            grade_runs.append(seconds)
            report = json.loads(printed)
            if not report["all_passed"]:
                raise SystemExit(f"the repo track's solutions did not all pass with seed {seed}: {printed[:2000]}")
            demo_runs.append(next(p["seconds"] for p in report["pieces"] if p["id"] == DEMO_PIECE))
    finally:
        shutil.rmtree(root, ignore_errors=True)

    torch, grade, demo = (statistics.median(runs) for runs in (torch_runs, grade_runs, demo_runs))
    print(f"median of {args.repeat} cold runs each; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"  python -c 'import torch'        {torch:6.2f} s")
    print(f"  grade --all (repo solutions)    {grade:6.2f} s   {grade / torch:5.2f}x the torch import")
    print(f"  the demo piece ({DEMO_PIECE})         {demo:6.2f} s   limit {limit:g} s: margin {limit / demo:.1f}x "
          "(target >= 2x)")


if __name__ == "__main__":
    main()
