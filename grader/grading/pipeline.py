"""Grading a workspace: a static read first (stubs, syntax errors, forbidden imports), then the checks in child processes."""
from __future__ import annotations

import importlib.util
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from micrograd_kata import curriculum
from micrograd_kata.curriculum import Piece
from micrograd_kata.grading.static import look_at, static_verdict
from micrograd_kata.learner import source, stand_in
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.results import PieceResult, Run, Status
from micrograd_kata.runner import supervisor
from micrograd_kata.runner.limits import DEFAULT_MEMORY
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
    wanted = {p.id for p in (pieces or curriculum.load())}
    last = max(p.index for p in curriculum.load() if p.id in wanted)
    candidates = curriculum.load()[:last + 1]
    files = {f: _read(workspace, f) for f in {p.file for p in candidates}}
    static = {p.id: static_verdict(p, files) for p in candidates}
    if stop_at_first_failure:  # nothing after the first piece a static read already fails
        first_static = next((p for p in candidates if static[p.id] is not None), None)
        if first_static is not None:
            candidates = candidates[:first_static.index + 1]
    dynamic = [p for p in candidates if static[p.id] is None]
    prints = {p.id: source.fingerprint(files[p.file], p.symbols) for p in dynamic}
    found = passes.unchanged_prefix(candidates, prints) if passes is not None else {}

    def report(result: PieceResult) -> None:
        if on_result and result.piece_id in wanted:
            on_result(result)

    torch = importlib.util.find_spec("torch") is not None
    dynamic = [p for p in dynamic if p.id not in found]
    if dynamic:
        with stand_in.graded_copy(workspace, files) as imported:
            graded = supervisor.run(imported, dynamic, seed=seed, timeout=timeout, torch=torch, on_result=report,
                                    stop_at_first_failure=stop_at_first_failure, warm=warm, passed=list(found),
                                    memory=memory)
        torch = torch if graded.torch is None else graded.torch  # torch may be there and still fail to import
        for result in graded.results:
            found[result.piece_id] = result
            if passes is not None:
                passes.record(result, prints[result.piece_id])
    results = _in_order(candidates, wanted, found, static, stop_at_first_failure)
    for result in results:
        if result.piece_id not in {p.id for p in dynamic}:  # the supervisor reported those as they came
            report(result)
    return Run(tuple(_with_look_at(r, files) for r in results), seed=seed, torch=torch)


def _read(workspace: Workspace, file: str) -> source.SourceFile:
    """A file as the grader reads it: a function of the curriculum that does not parse is read as a stub."""
    names = [name for piece in curriculum.load() if piece.file == file for name in piece.symbols]
    return stand_in.confine(source.read(workspace.path(file)), names)


def _with_look_at(result: PieceResult, files: dict[str, source.SourceFile]) -> PieceResult:
    piece = curriculum.get(result.piece_id)
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


@dataclass
class PassCache:
    """The pieces seen passing in one session (a watch, a live speedrun), by the fingerprint of their code."""

    passed: dict[str, tuple[str, PieceResult]] = field(default_factory=dict)

    def unchanged_prefix(self, candidates: Sequence[Piece], prints: dict[str, str]) -> dict[str, PieceResult]:
        """The results of the first pieces that passed before and whose code has not changed since."""
        found: dict[str, PieceResult] = {}
        for piece in candidates:
            known = self.passed.get(piece.id) if piece.id in prints else None
            if known is None or known[0] != prints[piece.id]:
                break
            found[piece.id] = known[1]
        return found

    def record(self, result: PieceResult, fingerprint: str) -> None:
        if result.status is Status.PASSED:
            self.passed[result.piece_id] = (fingerprint, result)
        else:
            self.passed.pop(result.piece_id, None)


def new_seed() -> int:
    return random.randrange(1, 10**6)
