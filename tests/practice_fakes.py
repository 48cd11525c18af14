"""Helpers for the practice-loop tests: a grader that judges by reading the source, and solving a piece by copying."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from micrograd_kata import curriculum, grading
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner import source
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.practice import reset
from micrograd_kata.results import PieceResult, Run, Status


@dataclass
class StaticGrader:
    """Stands in for grading.grade: a piece passes when each of its symbols is in the file and is not a stub."""

    calls: list[tuple[str, ...] | None] = field(default_factory=list)

    def verdict(self, workspace: Workspace, piece: Piece) -> PieceResult:
        read = source.read(workspace.path(piece.file))
        written = read.syntax_error is None and all(
            name in read.symbols and not read.symbols[name].is_stub for name in piece.symbols)
        return PieceResult(piece.id, Status.PASSED if written else Status.TODO)

    def grade(self, workspace: Workspace, pieces: Sequence[Piece] | None = None, *,
              stop_at_first_failure: bool = False, seed: int | None = None,
              timeout: float = grading.DEFAULT_TIMEOUT, on_result: Any = None, warm: Any = None,
              passes: Any = None, memory: int = grading.DEFAULT_MEMORY) -> Run:
        self.calls.append(tuple(p.id for p in pieces) if pieces else None)
        results = []
        for piece in pieces or curriculum.load():
            results.append(self.verdict(workspace, piece))
            if stop_at_first_failure and results[-1].status is not Status.PASSED:
                break
        return Run(tuple(results), seed=seed or 1)


def solve(workspace: Workspace, *piece_ids: str) -> None:
    """Copy the solution's code for these pieces into the workspace, as a learner who knows them would write it."""
    for piece_id in piece_ids:
        reset.restore_piece(workspace, curriculum.get(piece_id), donor="solutions", reason=f"solve-{piece_id}")


def kata_texts(root: Path) -> dict[str, str]:
    """The text of every file under root, by relative path: to check that nothing was lost."""
    return {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*")) if p.is_file()}
