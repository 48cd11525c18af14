"""Re-grading on every save: batches of saved kata files from watchfiles, and the loop that re-grades on each."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import watchfiles

from micrograd_kata import curriculum
from micrograd_kata.curriculum import Piece
from micrograd_kata.grading import Grader
from micrograd_kata.learner import progress
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.results import PieceResult, Run, Status

T = TypeVar("T")

STEP_MS = 50   # a batch is handed over once the files have been quiet this long (editors write in bursts)


def kata_filter(workspace: Workspace) -> Callable[[watchfiles.Change, str], bool]:
    """Accept only the kata files at the workspace's top: not .kata/ state, editor swap files or caches."""
    names = {"__init__.py", *curriculum.files(workspace.track)}
    root = workspace.root.resolve()

    def accept(change: watchfiles.Change, path: str) -> bool:
        p = Path(path)
        return p.name in names and p.parent.resolve() == root

    return accept


def saves(workspace: Workspace, *, stop_event: threading.Event | None = None) -> Iterator[set[str]]:
    """Yield the names of the kata files saved since the last batch, until stopped (Ctrl-C raises KeyboardInterrupt)."""
    for batch in watchfiles.watch(workspace.root, watch_filter=kata_filter(workspace), step=STEP_MS,
                                  stop_event=stop_event, recursive=False):
        yield {Path(path).name for _, path in batch}


def on_every_save(batches: Iterable[set[str]], regrade: Callable[[], T], show: Callable[[T], None], *,
                  done: Callable[[T], bool] = lambda _: False) -> T:
    """Grade now, then again after each batch of saves, showing each result; stop when done says so."""
    result = regrade()
    show(result)
    if done(result):
        return result
    for batch in batches:
        if not batch:
            continue
        result = regrade()
        show(result)
        if done(result):
            break
    return result


@dataclass(frozen=True)
class Verdict:
    """One re-grade in watch mode: the piece watched and its result (None: every piece passes, none was named)."""

    run: Run
    piece: Piece | None
    result: PieceResult | None
    passing: int | None  # how many pieces pass; None when a piece was named (only it, and those before it, were graded)
    seconds: float       # how long the grading took
    at: float            # wall-clock time it finished
    passed_now: tuple[str, ...] = ()   # the pieces the current piece just moved past, now passing
    track: str = curriculum.LECTURE    # the workspace's track


def grade_current(workspace: Workspace, grade: Grader, *, piece: Piece | None = None,
                  seed: int | None = None, timeout: float = 5.0) -> Verdict:
    """Grade the named piece, or every piece and watch the first that does not pass (the current piece)."""
    started = time.perf_counter()
    run = grade(workspace, None if piece is None else [piece], seed=seed, timeout=timeout)
    seconds = time.perf_counter() - started
    if piece is not None:
        result = run.result(piece.id)
    else:
        result = next((r for r in run.results if r.status is not Status.PASSED), None)
    passing = {r.piece_id for r in run.results if r.status is Status.PASSED}
    current = curriculum.get(result.piece_id, workspace.track) if result else None
    passed_now = () if piece is not None else progress.moved_on(workspace, current.id if current else None, passing)
    return Verdict(run=run, piece=current, result=result, passing=None if piece is not None else len(passing),
                   seconds=seconds, at=time.time(), passed_now=passed_now, track=workspace.track)
