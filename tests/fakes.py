"""Test helpers: crafted results, a fake grading.grade and a fake clock."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pytest

from micrograd_kata import curriculum, grading
from micrograd_kata.curriculum import Piece
from micrograd_kata.grading import Grader
from micrograd_kata.grading.static import look_at
from micrograd_kata.learner import source
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.results import CheckResult, Failure, Location, PieceResult, Run, Status
from micrograd_kata.speedrun import category as categories
from micrograd_kata.speedrun.category import Category
from micrograd_kata.speedrun.clock import Reading

PIECES = curriculum.load()
ALL = categories.whole("lecture")   # the speedrun category of the whole lecture track at the full level


def alone(*ids: str) -> Category:
    """The category of pieces of the lecture timed alone, at the full level."""
    return categories.of_pieces("lecture", categories.DEFAULT_LEVEL, ids)

WRONG_GRAD = Failure(
    summary="wrong gradient for a in c = a * a",
    expected="a.grad = 4.0",
    got="a.grad = 2.0",
    inputs="a = 2.0",
    program=("c = a * a", "c.backward()"),
    node="a",
    where=Location("engine.py", 27, "Value.__mul__"),
    hint="a node used twice must accumulate its grad with +=",
    seed=1234,
    tolerance="|got - expected| <= 1e-6 + 1e-6 * |expected|",
)


def passed(piece_id: str, checks: int = 3) -> PieceResult:
    """A piece whose checks all pass."""
    return PieceResult(piece_id, Status.PASSED, seconds=0.25,
                       checks=tuple(CheckResult(f"check_{n}", Status.PASSED, 0.01) for n in range(checks)))


def failed(piece_id: str, failure: Failure = WRONG_GRAD) -> PieceResult:
    """A piece with two passing checks and one wrong gradient."""
    return PieceResult(piece_id, Status.FAILED, message=failure.summary, seconds=0.5, checks=(
        CheckResult("check_forward", Status.PASSED), CheckResult("check_sum", Status.PASSED),
        CheckResult("check_reuse", Status.FAILED, failure=failure)))


def todo(piece_id: str) -> PieceResult:
    """A piece still made of stubs."""
    return PieceResult(piece_id, Status.TODO, message=f"{piece_id} still raises NotImplementedError")


def results_where(done: int, stuck: PieceResult | None = None) -> list[PieceResult]:
    """Results for the whole curriculum: `done` pieces pass, then `stuck`, then todo."""
    results = [passed(p.id) for p in PIECES[:done]]
    if stuck is not None:
        results.append(stuck)
    return results + [todo(p.id) for p in PIECES[len(results):]]


@dataclass
class FakeGrader:
    """Stands in for grading.grade: answers from `results` and records each call."""

    results: list[PieceResult] = field(default_factory=lambda: [passed(p.id) for p in PIECES])
    torch: bool = True
    notes: tuple[str, ...] = ()
    calls: list[dict[str, Any]] = field(default_factory=list)

    def grade(self, workspace: Workspace, pieces: Sequence[Piece] | None = None, *,
              stop_at_first_failure: bool = False, seed: int | None = None,
              timeout: float = grading.DEFAULT_TIMEOUT, on_result: Any = None, warm: Any = None,
              passes: Any = None, memory: int = grading.DEFAULT_MEMORY) -> Run:
        self.calls.append({"workspace": workspace, "pieces": tuple(pieces) if pieces else None,
                               "stop_at_first_failure": stop_at_first_failure, "seed": seed, "timeout": timeout,
                           "memory": memory})
        wanted = {p.id for p in pieces} if pieces else None
        chosen = []
        for result in self.results:
            if wanted is None or result.piece_id in wanted:
                piece = curriculum.get(result.piece_id)  # like grading.grade: where to look, from the learner's file
                chosen.append(replace(result, look_at=look_at(piece, result, source.read(workspace.path(piece.file)))))
                if stop_at_first_failure and result.status is not Status.PASSED:
                    break
        return Run(tuple(chosen), seed=seed or 42, torch=self.torch, notes=self.notes)


@dataclass
class FakeClock:
    """A clock for anything timed: it stands still until advanced; its wall clock can jump, or the machine reboot."""

    t: float = 1_700_000_000.0      # the wall clock
    steady: float = 1_000.0         # seconds since boot
    boot: str = "boot-1"

    def now(self) -> float:
        return self.t

    def reading(self) -> Reading:
        return Reading(self.t, self.steady, self.boot)

    def advance(self, seconds: float) -> None:
        self.t += seconds
        self.steady += seconds

    def jump(self, seconds: float) -> None:
        """Set the wall clock forward (or back, when negative); the steady clock goes on."""
        self.t += seconds

    def reboot(self, *, off_for: float) -> None:
        """A new boot, off_for seconds later by the wall clock: the steady clock starts again."""
        self.t += off_for
        self.steady, self.boot = 5.0, self.boot + "'"


def stand_in(monkeypatch: pytest.MonkeyPatch, fake: Grader) -> None:
    """Put a fake in place of grading.grade; typed, so that mypy holds the fake to grade's signature."""
    monkeypatch.setattr(grading, "grade", fake)
