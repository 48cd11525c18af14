"""The warm worker: `python -m micrograd_kata.runner.warm_worker`, kept running by `grade watch` and the live speedrun.

It imports pytest, torch and the checks once, and keeps a clean agent (the process the learner's code runs in,
runner/judge.py) ready to be copied, then reads jobs from stdin, one JSON list of worker arguments a line. For
each it forks a child that runs micrograd_kata.runner.worker.main on a fresh copy of this loaded process, with
an agent forked from the clean one, and reports on stdout (runner/protocol.py): Forked with the child's pid, the child's own
events, then Ended with how the child ended. This process never runs the learner's code itself, so a child
that hangs, crashes or calls os._exit leaves it ready for the next job.
"""
from __future__ import annotations

import contextlib
import json
import os
import sys

from micrograd_kata.runner import reaping
from micrograd_kata.runner.protocol import Ended, Forked, encode

_exit = os._exit  # the real one, whatever a child does to os._exit


def preload() -> None:
    """Everything a child would otherwise import on each grading."""
    import pytest  # noqa: F401

    import micrograd_kata.checks.conftest  # noqa: F401
    from micrograd_kata import curriculum  # noqa: F401
    from micrograd_kata.checks import CHECKS_DIR
    from micrograd_kata.runner import leftovers, lending, plugin, worker  # noqa: F401
    for path in sorted([*CHECKS_DIR.glob("*.py"), *CHECKS_DIR.glob("*/*.py")]):  # the helpers, then every track's
        __import__(".".join(("micrograd_kata.checks", *path.relative_to(CHECKS_DIR).with_suffix("").parts)))
    from micrograd_kata.runner.judge import reference_names
    for track in curriculum.tracks():  # every track's reference, and what it imports (graphviz for draw_dot)
        reference_names(track.name)
    try:
        import torch  # noqa: F401  (no torch op runs here: the children start their own threads)
    except ImportError:
        pass


def serve(parent: int | None = None) -> int:
    """Fork a child per job read from stdin; parent: grade's pid, this worker ends when grade does."""
    reaping.guard(parent)
    from micrograd_kata.runner.judge import start_template
    template, agent = start_template()  # a clean agent, started while this process preloads
    preload()
    out = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 1)  # nothing but events reaches the parent
    for line in sys.stdin:
        argv = json.loads(line)
        ready_r, ready_w = os.pipe()
        me = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: wait until the "forked" line is out, then grade
            os.setpgid(0, 0)  # a process group of its own, that the grader can kill whole
            os.close(ready_w)
            os.read(ready_r, 1)
            os.dup2(devnull, 0)
            os.dup2(devnull, 2)
            code = 1
            try:
                from micrograd_kata.runner import worker
                code = worker.main([*argv, "--results-fd", str(out.fileno()), "--parent", str(me),
                                    "--template-fd", str(template.fileno())])
            finally:
                out.flush()
                _exit(code)
        os.close(ready_r)
        with contextlib.suppress(OSError):  # as the child does: whichever runs first, the group exists when killed
            os.setpgid(pid, pid)
        out.write(encode(Forked(pid)))
        os.write(ready_w, b"x")
        os.close(ready_w)
        _, status = os.waitpid(pid, 0)
        reaping.end_descendants(spare=agent.pid)  # what the child's code started, even after the child was killed
        out.write(encode(Ended(os.waitstatus_to_exitcode(status))))
    return 0


if __name__ == "__main__":
    sys.exit(serve(int(sys.argv[2]) if sys.argv[1:2] == ["--parent"] else None))
