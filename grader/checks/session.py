"""What the worker (the judge) hands the checks: the learner's code to grade (proxies of the objects in the agent
process, learner/remote.py), the reference, the auditor that has torch check the reference, and the seed.

The worker sets `current` before pytest runs; the fixtures in conftest.py read it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

#  audit(cross_check, *args): torch checks the reference later, off the piece's clock (runner/auditor.py).
# cross_check(torch, *args) raises GraderBug when the two disagree; args are the grader's own plain data.
Audit = Callable[..., None]


@dataclass
class Session:
    """The grading context shared by every check in one worker process."""

    learner_for: Callable[[str], SimpleNamespace]  # piece id -> the learner's code, composed for that piece (proxies)
    reference: SimpleNamespace                     # the reference engine: Value, Module, Neuron, ..., train
    audit: Audit                                   # hands torch a cross-check of the reference, for later
    torch_installed: Callable[[], bool]            # whether torch imports (waits for its import, off the clock)
    seed: int                                      # the rng fixture's random inputs come from it


current: Session | None = None
