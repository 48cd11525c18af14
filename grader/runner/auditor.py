"""The auditor: torch checks the reference engine, off the learner's clock and off the grading's path.

The checks compare the learner's code with the reference; torch only checks the reference itself. A check hands
the auditor a cross-check (a function of torch and plain data, raising GraderBug when the two disagree) and goes
on at once. In a cold grading the auditor is a process of its own, `python -m micrograd_kata.runner.auditor`,
started beside the worker (runner/processes.py): it imports torch on the other core while the judge grades; at
the end the judge sends it the grading's cross-checks in one batch and reads whether the reference held. The
warm worker has torch loaded already, so its children run the cross-checks themselves at the end. Only grader
code and grader data reach the auditor: the agent, where the learner's code runs, holds no channel to it.
"""
from __future__ import annotations

import contextlib
import os
import pickle
import struct
import subprocess
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import IO, Any

CrossCheck = Callable[..., None]  # cross_check(torch, *args): raises GraderBug when the reference and torch disagree
COMMAND = [sys.executable, "-P", "-m", "micrograd_kata.runner.auditor"]


def start(env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """The auditor process, importing torch from now on; it ends when this process does."""
    return subprocess.Popen([*COMMAND, str(os.getpid())], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env)


class Auditor:
    """Collects a grading's cross-checks and says at the end whether the reference held against torch.

    wanted: torch is installed (else nothing is cross-checked). channel: the auditor process's stdout and stdin,
    as file descriptors, when the grader started it (runner/processes.py). Where torch is loaded already (a warm
    worker's child), the cross-checks run here; else, without a channel, this starts an auditor of its own.
    """

    def __init__(self, wanted: bool, channel: tuple[int, int] | None = None) -> None:
        self.audits: list[tuple[CrossCheck, tuple[Any, ...]]] = []
        self.torch: ModuleType | None = None
        self.answers: IO[bytes] | None = None
        self.batch: IO[bytes] | None = None
        self.loaded: bool | None = None  # whether torch imports: known here, or once the auditor has said
        if not wanted:
            self.loaded = False
        elif channel is not None:
            self.answers, self.batch = os.fdopen(channel[0], "rb"), os.fdopen(channel[1], "wb")
        elif "torch" in sys.modules:
            self.torch, self.loaded = sys.modules["torch"], True
        else:
            process = start()
            self.answers, self.batch = process.stdout, process.stdin

    def __call__(self, cross_check: CrossCheck, *args: Any) -> None:
        """Cross-check the reference later, with these arguments (plain data and the reference's own objects)."""
        if self.loaded is not False:
            self.audits.append((cross_check, args))

    def available(self) -> bool:
        """Whether torch imports here (waits for the auditor's import)."""
        if self.loaded is None:
            self.loaded = self._answer() == b"torch"
        return self.loaded

    def verdict(self) -> str | None:
        """After the grading: how the reference and torch disagree, or None when they agree (or torch is absent)."""
        if not self.audits:
            return None  # nothing to check: torch's import is not waited for
        if self.torch is not None:
            return run(self.torch, self.audits)
        if self.batch is None or not self.available():
            return None
        try:
            batch = pickle.dumps(self.audits)
        except (pickle.PicklingError, TypeError, AttributeError) as error:  # a check handed over something not data
            return f"a cross-check could not be sent to torch: {error}"
        try:
            self.batch.write(struct.pack(">I", len(batch)) + batch)
            self.batch.close()
        except OSError:
            return None  # the auditor died: nothing was checked, nothing is claimed
        answer = self._answer()
        return answer.decode("utf-8", "replace") or None

    def _answer(self) -> bytes:
        """The auditor's next answer: a length-prefixed message; empty when it ended without one."""
        if self.answers is None:
            return b""
        head = self.answers.read(4)
        if len(head) < 4:
            return b""
        return self.answers.read(struct.unpack(">I", head)[0])


def run(torch: ModuleType, audits: Sequence[tuple[CrossCheck, tuple[Any, ...]]]) -> str | None:
    """Run the cross-checks: the first disagreement's message, or None."""
    from micrograd_kata.checks.expect import GraderBug
    for cross_check, args in audits:
        try:
            cross_check(torch, *args)
        except GraderBug as error:
            return str(error)
        except Exception as error:  # the cross-check itself broke: the grader is wrong all the same
            return f"{cross_check.__name__} raised {type(error).__name__}: {error}"
    return None


def serve(parent: int | None) -> int:
    """The auditor process: import torch, say whether it loaded, then run the batch of cross-checks it is sent."""
    from micrograd_kata.runner import reaping
    reaping.guard(parent)
    try:
        import torch
        torch.set_default_dtype(torch.float64)
    except Exception:  # not installed, or broken: the grading goes on against the reference alone
        _say(b"no torch")
        return 0
    _say(b"torch")
    import micrograd_kata.checks.compare  # noqa: F401  (where the batch's cross-checks live, loaded meanwhile)
    import micrograd_kata.checks.networks  # noqa: F401
    head = sys.stdin.buffer.read(4)
    if len(head) < 4:
        return 0
    audits = pickle.loads(sys.stdin.buffer.read(struct.unpack(">I", head)[0]))  # from the judge alone
    _say((run(torch, audits) or "").encode("utf-8"))
    return 0


def _say(message: bytes) -> None:
    with contextlib.suppress(OSError):
        sys.stdout.buffer.write(struct.pack(">I", len(message)) + message)
        sys.stdout.buffer.flush()


if __name__ == "__main__":
    sys.exit(serve(int(sys.argv[1]) if sys.argv[1:] else None))
