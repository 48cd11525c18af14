"""Fixtures for the checks: `learner` (the learner's Value, Neuron, ..., train), `reference`, `audit`, `torch_installed`,
`rng`, `seed`, `expect`."""
from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any

import pytest

from micrograd_kata import curriculum
from micrograd_kata.checks import explain, graphs, session
from micrograd_kata.checks.compare import expect_programs


def _session() -> session.Session:
    if session.current is None:
        raise RuntimeError("the checks run inside the grader's worker: use `grade`, not pytest directly")
    return session.current


@pytest.fixture(scope="module")
def learner(request: pytest.FixtureRequest) -> SimpleNamespace:
    """The learner's code for this module's piece, with the reference standing in for pieces that do not pass."""
    return _session().learner_for(curriculum.graded_by(request.module.__name__).id)


@pytest.fixture(scope="session")
def reference() -> SimpleNamespace:
    return _session().reference


@pytest.fixture(scope="session")
def audit() -> session.Audit:
    """audit(cross_check, *args): torch checks the reference's answer later (runner/auditor.py)."""
    return _session().audit


@pytest.fixture(scope="session")
def torch_installed() -> bool:
    return _session().torch_installed()


@pytest.fixture
def expect(request: pytest.FixtureRequest, learner: SimpleNamespace, reference: SimpleNamespace,
           audit: session.Audit) -> Callable[..., None]:
    """expect(programs, **options): the learner's Value gives the reference's values and gradients (torch's too)
    on every program; failures are explained in terms of the check module's METHODS, the piece's own ops."""
    methods: set[str] = getattr(request.module, "METHODS", set())

    def check(programs: Sequence[graphs.Program], **options: Any) -> None:
        expect_programs(programs, learner.Value, reference.Value, audit,
                        explain=explain.operations(learner.Value, methods), **options)
    return check


@pytest.fixture
def seed() -> int:
    return _session().seed


@pytest.fixture
def rng(request: pytest.FixtureRequest, seed: int) -> random.Random:
    """A random source for this check alone: the same seed replays the same graphs."""
    return random.Random(f"{seed}:{request.node.name}")
