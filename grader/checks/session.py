"""What the worker (the judge) hands the checks: the learner's code to grade (proxies of the objects in the agent
process, learner/remote.py), the reference, torch and the seed.

The worker sets `current` before pytest runs; the fixtures in conftest.py read it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType, SimpleNamespace


@dataclass
class Session:
    """The grading context shared by every check in one worker process."""

    learner_for: Callable[[str], SimpleNamespace]  # piece id -> the learner's code, composed for that piece (proxies)
    reference: SimpleNamespace                     # the reference engine: Value, Module, Neuron, ..., train
    load_torch: Callable[[], ModuleType | None]    # waits for torch's import; None when it is not installed
    seed: int                                      # the rng fixture's random inputs come from it


current: Session | None = None
