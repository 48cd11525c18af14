"""The README's console examples are real output: this runs the commands of each example and writes what they print
between the README's markers, `<!-- example: NAME -->` and `<!-- /example -->`.

    python -m tests.readme_examples            # rewrite the examples in README.md
    python -m tests.readme_examples --check    # exit 1, with a diff, when README.md differs (tests/test_readme.py)

Each example runs in a fresh temporary workspace, in-process through click's CliRunner, on an 80×24 terminal, with
a fixed seed, a fake speedrun clock and UTC dates. What depends on the machine is then written the same way
everywhere: the temporary directory as `~`, backup folders' times, the watch's time of day and grading time.
"""
from __future__ import annotations

import difflib
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from micrograd_kata.cli import cli, output
from micrograd_kata.grading import pipeline
from micrograd_kata.learner import workspace
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.practice import watch
from micrograd_kata.speedrun import session
from tests.fakes import FakeClock

README = Path(__file__).resolve().parents[1] / "README.md"
SEED = 769357
WIDTH = 80
TERMINAL = {"COLUMNS": str(WIDTH), "LINES": "24"}
START, END = "<!-- example: {} -->", "<!-- /example -->"


@dataclass(frozen=True)
class Step:
    """One command of an example, and what the learner did before it."""

    command: str                                     # as the README shows it, after "$ "
    args: tuple[str, ...] | None = None              # what `grade` is given, {kata} for the workspace; None: not run
    before: Callable[[Workspace], None] | None = None  # the learner's edits, first
    wait: float = 0.0                                # seconds on the speedrun clock before the command
    cd: bool = False                                 # then go into the workspace, as `&& cd kata` does
    hidden: bool = False                             # run, not shown: how the example got where it starts
    keep: tuple[int, int] | None = None              # a long output's first and last lines, "..." between


@dataclass(frozen=True)
class Example:
    """An example of the README: its steps, in a workspace of stubs, of solutions, or none yet (`grade init` makes it),
    of a track (the lecture's by default)."""

    name: str
    steps: tuple[Step, ...]
    start: str | None = "exercises"
    track: str = "lecture"


def normalise(output: str, home: Path) -> list[str]:
    """The output as any machine prints it: `~` for the temporary home, fixed times, no trailing spaces."""
    text = output.replace(str(home), "~")
    text = re.sub(r"\b\d{8}-\d{6}\b", "20250101-150000", text)
    text = re.sub(r"Graded at \d\d:\d\d:\d\d in \d+\.\d s", "Graded at 14:02:11 in 0.3 s", text)
    return [line.rstrip() for line in text.rstrip("\n").splitlines()]


def excerpt(lines: list[str], keep: tuple[int, int] | None) -> list[str]:
    head, tail = keep or (len(lines), 0)
    return lines if len(lines) <= head + tail else [*lines[:head], "...", *lines[len(lines) - tail:]]


@contextmanager
def fixed_world(home: Path) -> Iterator[FakeClock]:
    """Seeds, the speedrun clock, the time zone and the watch's saves made the same on every machine."""
    clock = FakeClock()
    zone = os.environ.get("TZ")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(home)
        patch.setattr(pipeline, "new_seed", lambda: SEED)
        patch.setattr(session, "CLOCK", clock)
        patch.setattr(watch, "saves", lambda ws, **_: iter(()))   # `grade watch` shows its first verdict, then ends
        patch.setattr(output, "note_width", lambda: WIDTH)          # notes wrap as on the terminal
        patch.setenv("TZ", "UTC")
        time.tzset()
        try:
            yield clock
        finally:
            patch.undo()
            if zone is None:
                os.environ.pop("TZ", None)
            time.tzset()


def run(example: Example) -> str:
    """The example's block for the README: each shown command after `$ `, then what it printed."""
    shown: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp).resolve()
        kata = home / "kata"
        with fixed_world(home) as clock:
            if example.start:
                os.chdir(workspace.init(kata, source=example.start, track=example.track).root)
            for step in example.steps:
                clock.advance(step.wait)
                if step.before:
                    step.before(Workspace(kata))
                printed = ""
                if step.args is not None:
                    args = [a.format(kata=kata) for a in step.args]
                    printed = CliRunner(env=TERMINAL).invoke(cli, args, catch_exceptions=False).output
                if step.cd:
                    os.chdir(kata)
                if not step.hidden:
                    shown += [f"$ {step.command}", *excerpt(normalise(printed, home), step.keep)]
    return "\n".join(["```console", *shown, "```"])


def rewrite(readme: str, blocks: dict[str, str]) -> str:
    """The README with each example's block between its markers; every example must have its markers."""
    for name, block in blocks.items():
        start = START.format(name)
        found = re.search(re.escape(start) + r"\n.*?" + re.escape(END), readme, re.DOTALL)
        if found is None:
            raise LookupError(f"README.md has no {start} ... {END} for the example {name!r}")
        readme = f"{readme[:found.start()]}{start}\n{block}\n{END}{readme[found.end():]}"
    return readme


def main(argv: Sequence[str]) -> int:
    from tests.readme_sessions import EXAMPLES

    old = README.read_text(encoding="utf-8")
    new = rewrite(old, {example.name: run(example) for example in EXAMPLES})
    if "--check" in argv:
        if new == old:
            return 0
        sys.stdout.writelines(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                                   "README.md", "README.md as the commands print it"))
        print("\nThe README's examples are not what the commands print: run `python -m tests.readme_examples`.")
        return 1
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
