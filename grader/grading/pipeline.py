"""Grading a workspace: a static read first (stubs, syntax errors, forbidden imports), then the checks in child processes."""
from __future__ import annotations

import importlib.util
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from micrograd_kata import curriculum
from micrograd_kata.curriculum import Piece
from micrograd_kata.grading.static import look_at, static_verdict
from micrograd_kata.learner import source, stand_in
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.results import PieceResult, Run, Status
from micrograd_kata.runner.limits import DEFAULT_MEMORY

if TYPE_CHECKING:
    from micrograd_kata.runner.processes import WarmWorker

DEFAULT_TIMEOUT = 5.0  # seconds a piece's checks may run before the piece is a timeout


class Grader(Protocol):
    """grade's signature: what stands in for it (grade with a warm worker bound, a fake in the tests) must take."""

    def __call__(self, workspace: Workspace, pieces: Sequence[Piece] | None = None, *,
                 stop_at_first_failure: bool = False, seed: int | None = None, timeout: float = DEFAULT_TIMEOUT,
                 on_result: Callable[[PieceResult], None] | None = None, warm: WarmWorker | None = None,
                 passes: PassCache | None = None, memory: int = DEFAULT_MEMORY) -> Run: ...


def grade(
    workspace: Workspace,
    pieces: Sequence[Piece] | None = None,
    *,
    stop_at_first_failure: bool = False,
    seed: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    on_result: Callable[[PieceResult], None] | None = None,
    warm: WarmWorker | None = None,
    passes: PassCache | None = None,
    memory: int = DEFAULT_MEMORY,
) -> Run:
    """Grade the given pieces (all by default) in curriculum order and return the Run.

    stop_at_first_failure: stop after the first piece that does not pass (what `grade next` needs).
    on_result: called with each asked-for PieceResult as soon as it is known (for live displays).
    warm: a warm worker to fork the grading from (grade watch, live speedruns); else a fresh process.
    passes: pieces seen passing in this session; those whose code has not changed since, and whose
    earlier pieces have not either, are not graded again.
    memory: MB the learner's code may allocate in each worker, beyond what the grader holds.
    Earlier pieces are graded too, so a piece sees the learner's passing earlier pieces and the
    reference in place of the others; only the asked-for pieces are returned.
    """
    seed = new_seed() if seed is None else seed
    track = workspace.pieces
    wanted = {p.id for p in (pieces or track)}
    last = max(p.index for p in track if p.id in wanted)
    candidates = track[:last + 1]
    files = {f: _read(workspace, f) for f in {p.file for p in candidates}}
    static = {p.id: static_verdict(p, files) for p in candidates}
    if stop_at_first_failure:  # nothing after the first piece a static read already fails
        first_static = next((p for p in candidates if static[p.id] is not None), None)
        if first_static is not None:
            candidates = candidates[:first_static.index + 1]
    dynamic = [p for p in candidates if static[p.id] is None]
    prints = {p.id: source.fingerprint(files[p.file], p.symbols) for p in dynamic}
    found = passes.reusable(dynamic, prints) if passes is not None else {}
    reused = set(found)

    def report(result: PieceResult) -> None:
        if on_result and result.piece_id in wanted:
            on_result(result)

    torch = importlib.util.find_spec("torch") is not None
    todo = [p for p in dynamic if p.id not in found]
    if todo:  # the runner is loaded only to run something: a static read (fresh stubs) answers without it
        from micrograd_kata.learner.graded_copy import graded_copy
        from micrograd_kata.runner import supervisor
    notes: list[str] = []
    while todo:
        with graded_copy(workspace, files) as copy:  # the learner's code runs on a copy, and what it changed is told
            graded = supervisor.run(copy.copy, todo, seed=seed, timeout=timeout, torch=torch,
                                    on_result=lambda result: report(copy.as_yours(result)),
                                    stop_at_first_failure=stop_at_first_failure, warm=warm, memory=memory,
                                    passed=[i for i, r in found.items() if r.status is Status.PASSED])
        notes += copy.notes
        torch = torch if graded.torch is None else graded.torch  # torch may be there and still fail to import
        found.update((r.piece_id, copy.as_yours(r)) for r in graded.results)
        todo = passes.broken(dynamic, prints, found, reused) if passes is not None else []
        reused -= {p.id for p in todo}
        for piece in todo:
            del found[piece.id]
    if passes is not None:
        passes.record(dynamic, prints, found)
    results = _in_order(candidates, wanted, found, static, stop_at_first_failure)
    for result in results:
        if result.piece_id not in {p.id for p in dynamic} - reused:  # the supervisor reported those as they came
            report(result)
    return Run(tuple(_with_look_at(r, files, workspace.track) for r in results), seed=seed, torch=torch,
               notes=tuple(dict.fromkeys(notes)))


def _read(workspace: Workspace, file: str) -> source.SourceFile:
    """A file as the grader reads it: a function of the curriculum that does not parse is read as a stub."""
    names = [name for piece in workspace.pieces if piece.file == file for name in piece.symbols]
    return stand_in.confine(source.read(workspace.path(file)), names)


def _with_look_at(result: PieceResult, files: dict[str, source.SourceFile], track: str) -> PieceResult:
    piece = curriculum.get(result.piece_id, track)
    return replace(result, look_at=look_at(piece, result, files[piece.file]))


def _in_order(candidates: Sequence[Piece], wanted: set[str], found: dict[str, PieceResult],
              static: dict[str, PieceResult | None], stop_at_first_failure: bool) -> list[PieceResult]:
    """The asked-for pieces' results in curriculum order, up to where grading stopped."""
    results: list[PieceResult] = []
    for piece in candidates:
        result = found.get(piece.id) or static[piece.id]
        if result is None:
            break  # grading stopped before this piece
        if piece.id in wanted:
            results.append(result)
        if stop_at_first_failure and result.status is not Status.PASSED:
            break
    return results


Key = tuple[str, tuple[tuple[str, str], ...]]   # a piece's code, and the earlier pieces passing, with theirs


@dataclass
class PassCache:
    """The verdicts seen in one session (a watch, a live speedrun), with what each depended on: the piece's own code,
    and which earlier pieces passed, with which code (a piece sees theirs, and the reference's for the others).

    A verdict whose piece and earlier passing pieces have not changed is not graded again: a save that leaves the
    current piece failing re-grades that piece alone, however many pieces after it are written.
    """

    seen: dict[str, tuple[Key, PieceResult]] = field(default_factory=dict)

    def reusable(self, pieces: Sequence[Piece], prints: dict[str, str]) -> dict[str, PieceResult]:
        """The verdicts still good if each piece graded again ends as it did last time (checked after: `broken`)."""
        supposed = {i for i, (_, result) in self.seen.items() if result.status is Status.PASSED}
        keys = _keys(pieces, prints, supposed)
        return {p.id: self.seen[p.id][1] for p in pieces if p.id in self.seen and self.seen[p.id][0] == keys[p.id]}

    def broken(self, pieces: Sequence[Piece], prints: dict[str, str], found: dict[str, PieceResult],
               reused: set[str]) -> list[Piece]:
        """The reused verdicts whose earlier pieces did not end as supposed: they must be graded again."""
        keys = _keys(pieces, prints, {i for i, result in found.items() if result.status is Status.PASSED})
        return [p for p in pieces if p.id in reused and self.seen[p.id][0] != keys[p.id]]

    def record(self, pieces: Sequence[Piece], prints: dict[str, str], found: dict[str, PieceResult]) -> None:
        keys = _keys(pieces, prints, {i for i, result in found.items() if result.status is Status.PASSED})
        self.seen.update((p.id, (keys[p.id], found[p.id])) for p in pieces if p.id in found)


def _keys(pieces: Sequence[Piece], prints: dict[str, str], passing: set[str]) -> dict[str, Key]:
    """What each piece's verdict depends on, given which pieces pass."""
    keys: dict[str, Key] = {}
    before: list[tuple[str, str]] = []
    for piece in pieces:
        keys[piece.id] = (prints[piece.id], tuple(before))
        if piece.id in passing:
            before.append((piece.id, prints[piece.id]))
    return keys


def new_seed() -> int:
    return random.randrange(1, 10**6)
