"""Fixtures for the checks: `engine` (the learner's code), `reference`, `torch`, `rng`, `seed`."""
from __future__ import annotations

import random
from types import ModuleType, SimpleNamespace

import pytest

from grader.checks import session


def piece_id(module: ModuleType) -> str:
    """check_add_mul -> add-mul."""
    return module.__name__.rsplit(".", 1)[-1].removeprefix("check_").replace("_", "-")


def _session() -> session.Session:
    if session.current is None:
        raise RuntimeError("the checks run inside the grader's worker: use `grade`, not pytest directly")
    return session.current


@pytest.fixture(scope="module")
def engine(request: pytest.FixtureRequest) -> SimpleNamespace:
    """The learner's code for this module's piece, with the reference standing in for pieces that do not pass."""
    return _session().engine_for(piece_id(request.module))


@pytest.fixture(scope="session")
def reference() -> SimpleNamespace:
    return _session().reference


@pytest.fixture(scope="session")
def torch() -> ModuleType | None:
    return _session().load_torch()


@pytest.fixture
def seed() -> int:
    return _session().seed


@pytest.fixture
def rng(request: pytest.FixtureRequest, seed: int) -> random.Random:
    """A random source for this check alone: the same seed replays the same graphs."""
    return random.Random(f"{seed}:{request.node.name}")
