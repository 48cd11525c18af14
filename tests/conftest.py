"""Fixtures shared by the tests: a fake grader, a workspace of stubs, a fake clock."""
from __future__ import annotations

from pathlib import Path

import pytest

from micrograd_kata.learner import workspace
from micrograd_kata.speedrun import session
from tests.fakes import FakeClock, FakeGrader, stand_in


@pytest.fixture(autouse=True)
def own_review_cards(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test keeps its review cards in its own workspace, whatever GRADE_REVIEW the shell running it has."""
    monkeypatch.delenv("GRADE_REVIEW", raising=False)


@pytest.fixture
def fake_grader(monkeypatch: pytest.MonkeyPatch) -> FakeGrader:
    """A fake grader in place of grading.grade."""
    grader = FakeGrader()
    stand_in(monkeypatch, grader.grade)
    return grader


@pytest.fixture
def stub_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh workspace of stubs, made the current directory."""
    root = tmp_path / "kata"
    workspace.init(root)
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """A clock that stands still until advanced, in place of the speedrun's wall clock."""
    fake = FakeClock()
    monkeypatch.setattr(session, "CLOCK", fake)
    return fake
