"""Shared helpers for the tests that really grade: workspaces made from the solutions with edits,
and a pool that runs gradings two (or more) at a time.

Each grading spawns a child process that imports torch (1.5-4 s), so a module that grades many
workspaces submits all of its selected cases up front and each test then waits for its own.
The pool uses processes, not threads: grading parses the learner's files with ast.parse, which is not
thread-safe in CPython 3.11 (two threads parsing at once can fail with "AST constructor recursion depth
mismatch").
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Hashable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from micrograd_kata import grading
from micrograd_kata.learner import source, workspace
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.results import PieceResult, Run


def apply_edit(ws: Workspace, file: str, old: str, new: str) -> None:
    """Replace the one occurrence of `old` in the workspace's `file` with `new`."""
    path = ws.path(file)
    text = path.read_text(encoding="utf-8")
    count = text.count(old)
    assert count == 1, f"{file}: the text to replace occurs {count} times, not once:\n{old}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def edited_solutions(root: Path, edits: Iterable[Any], track: str = "lecture") -> Workspace:
    """A workspace of the track's model answers with `edits` (objects with file, old, new) applied in order."""
    ws = workspace.init(root, source="solutions", track=track)
    for edit in edits:
        apply_edit(ws, edit.file, edit.old, edit.new)
    return ws


def line_of(ws: Workspace, file: str, text: str) -> int:
    """The 1-based line of the workspace's `file` on which `text` (occurring once) starts."""
    content = ws.path(file).read_text(encoding="utf-8")
    assert content.count(text) == 1, text
    return content[:content.index(text)].count("\n") + 1


def symbol_range(ws: Workspace, file: str, qualname: str) -> tuple[int, int]:
    """First and last line of the function or method a `where` names: 'Value.__add__.<locals>._backward' -> Value.__add__."""
    name = qualname.split(".<locals>")[0]
    symbol = source.read(ws.path(file)).symbols[name]
    return symbol.start, symbol.end


def result_of(run: Run, piece_id: str) -> PieceResult:
    """The run's result for a piece, which the test expects to be there."""
    result = run.result(piece_id)
    assert result is not None, f"{piece_id} was not graded:\n{describe(run)}"
    return result


def describe(run: Run) -> str:
    """One line per piece, for assertion messages."""
    return "\n".join(f"  {r.piece_id:12} {r.status.value:8} {r.message[:150]!r} where={r.where}" for r in run.results) \
        + f"\n  (seed {run.seed})"


def prepare_and_grade(prepare: Callable[[], Workspace], options: dict[str, Any]) -> tuple[Workspace, Run]:
    """Make the workspace, then grade it: what one job of the pool does, in a pool process."""
    ws = prepare()
    return ws, grading.grade(ws, **options)


class GradingPool:
    """Grades workspaces in spawned processes, each grading a child process of its own; each key is graded once.

    `prepare` (which makes the workspace) must pickle: a module-level function, or a functools.partial of one.
    """

    def __init__(self, workers: int | None = None) -> None:
        self.executor = ProcessPoolExecutor(max_workers=workers or max(2, os.cpu_count() or 2),
                                            mp_context=multiprocessing.get_context("spawn"))
        self.futures: dict[Hashable, Future[tuple[Workspace, Run]]] = {}

    def submit(self, key: Hashable, prepare: Callable[[], Workspace], **options: Any) -> Future[tuple[Workspace, Run]]:
        if key not in self.futures:
            self.futures[key] = self.executor.submit(prepare_and_grade, prepare, options)
        return self.futures[key]

    def result(self, key: Hashable, prepare: Callable[[], Workspace], **options: Any) -> tuple[Workspace, Run]:
        return self.submit(key, prepare, **options).result()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def selected_params(request: pytest.FixtureRequest) -> Iterator[tuple[str, dict[str, Any]]]:
    """(test function name, parameters) of every test of the requesting module selected for this run."""
    for item in request.session.items:
        if getattr(item, "module", None) is request.module:
            callspec = getattr(item, "callspec", None)
            yield item.originalname if hasattr(item, "originalname") else item.name, \
                dict(callspec.params) if callspec else {}
