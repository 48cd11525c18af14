"""How long a learner waits: cold `grade next` on fresh stubs and cold `grade --all` on the solutions (of every
track), each beside a bare `python -c "import torch"` measured in the same run.

    python benchmarks/grade_speed.py [--repeat 5] [--track lecture]

Targets: `grade next` on stubs under 0.5 s; `grade --all` on solutions within 1.5x the bare torch import.
Each figure is the median of --repeat runs, the commands interleaved so that machine noise hits all alike. Every
command runs once first, unmeasured, with Python writing bytecode as it does on a learner's machine (a
PYTHONDONTWRITEBYTECODE of the caller's is left out), so no run pays for compiling the grader's modules.
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

GRADE = [sys.executable, "-m", "micrograd_kata.cli"]


ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def seconds(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENVIRONMENT)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--track", default="lecture", help="the track whose stubs and solutions are graded")
    args = parser.parse_args()

    from micrograd_kata import curriculum
    from micrograd_kata.learner import workspace

    root = Path(tempfile.mkdtemp(prefix="kata-bench-"))
    try:
        stubs = workspace.init(root / "stubs", track=args.track).root
        solved = {track.name: workspace.init(root / f"solved-{track.name}", source="solutions", track=track.name).root
                  for track in curriculum.tracks()}
        commands = {
            "python -c 'import torch'": ([sys.executable, "-c", "import torch"], root),
            "python -c 'pass'": ([sys.executable, "-c", "pass"], root),
            "grade next (stubs)": ([*GRADE, "next"], stubs),
            **{f"grade --all ({name} solutions)": ([*GRADE, "--all", "--seed", "1"], ws) for name, ws in solved.items()},
        }
        for command, cwd in commands.values():  # warm the disk cache and the bytecode once, as a learner's would be
            seconds(command, cwd)
        runs: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, (command, cwd) in commands.items():
                runs[name].append(seconds(command, cwd))
    finally:
        shutil.rmtree(root, ignore_errors=True)

    median = {name: statistics.median(times) for name, times in runs.items()}
    torch = median["python -c 'import torch'"]
    print(f"median of {args.repeat} cold runs each; stubs of the {args.track} track")
    for name, value in median.items():
        print(f"  {name:28} {value:6.3f} s   {value / torch:5.2f}x torch import")
    print()
    print(f"grade next on stubs: {median['grade next (stubs)']:.3f} s   (target < 0.5 s)")
    for name in solved:
        print(f"grade --all on the {name} track's solutions: "
              f"{median[f'grade --all ({name} solutions)'] / torch:.2f}x the torch import   (target <= 1.5x)")


if __name__ == "__main__":
    main()
