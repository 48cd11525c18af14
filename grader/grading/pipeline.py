"""Grading a workspace: a static read first (stubs, syntax errors, forbidden imports), then the checks in child processes."""
from __future__ import annotations

import importlib.util
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from micrograd_kata import curriculum
from micrograd_kata.curriculum import Piece
from micrograd_kata.grading.static import look_at, static_verdict
from micrograd_kata.learner import source
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.results import PieceResult, Run, Status
from micrograd_kata.runner import supervisor
from micrograd_kata.runner.processes import WarmWorker

DEFAULT_TIMEOUT = 5.0  # seconds a piece's checks may run before the piece is a timeout



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
) -> Run:
    """Grade the given pieces (all by default) in curriculum order and return the Run.

    stop_at_first_failure: stop after the first piece that does not pass (what `grade next` needs).
    on_result: called with each asked-for PieceResult as soon as it is known (for live displays).
    warm: a warm worker to fork the grading from (grade watch, live speedruns); else a fresh process.
    passes: pieces seen passing in this session; those whose code has not changed since, and whose
    earlier pieces have not either, are not graded again.
    Earlier pieces are graded too, so a piece sees the learner's passing earlier pieces and the
    reference in place of the others; only the asked-for pieces are returned.
    """
    seed = new_seed() if seed is None else seed
    wanted = {p.id for p in (pieces or curriculum.load())}
    last = max(p.index for p in curriculum.load() if p.id in wanted)
    candidates = curriculum.load()[:last + 1]
    files = {f: source.read(workspace.path(f)) for f in {p.file for p in candidates}}
    static = {p.id: static_verdict(p, files) for p in candidates}

    if stop_at_first_failure:  # nothing after the first piece a static read already fails
        first_static = next((p for p in candidates if static[p.id] is not None), None)
        if first_static is not None:
            candidates = candidates[:first_static.index + 1]
    dynamic = [p for p in candidates if static[p.id] is None]
    prints = {p.id: source.fingerprint(files[p.file], p.symbols) for p in dynamic}
    found: dict[str, PieceResult] = {}
    for piece in candidates if passes is not None else ():  # the unchanged prefix that passed before
        known = passes.passed.get(piece.id) if passes is not None and piece.id in prints else None
        if known is None or known[0] != prints[piece.id]:
            break
        found[piece.id] = known[1]
    dynamic = [p for p in dynamic if p.id not in found]

    def report(result: PieceResult) -> None:
        if on_result and result.piece_id in wanted:
            on_result(result)

    torch_installed = importlib.util.find_spec("torch") is not None
    graded: set[str] = set()  # reported as they came, by the sandbox
    if dynamic:
        outcome = supervisor.run(workspace, dynamic, seed=seed, timeout=timeout, torch=torch_installed,
                              stop_at_first_failure=stop_at_first_failure, on_result=report, warm=warm,
                              passed=list(found))
        if outcome.torch is not None:  # the worker knows better: torch may be there and still fail to import
            torch_installed = outcome.torch
        for graded_result in outcome.results:
            found[graded_result.piece_id] = graded_result
            graded.add(graded_result.piece_id)
            if passes is not None:
                passes.record(graded_result, prints[graded_result.piece_id])
    results: list[PieceResult] = []
    for piece in candidates:
        result: PieceResult | None = found.get(piece.id) or static[piece.id]
        if result is None:
            break  # grading stopped before this piece
        if piece.id in wanted:
            if piece.id not in graded:
                report(result)
            results.append(replace(result, look_at=look_at(piece, result, files[piece.file])))
        if stop_at_first_failure and result.status is not Status.PASSED:
            break
    notes = () if torch_installed else ("torch is not installed: pieces were graded against the reference engine alone",)
    return Run(results=tuple(results), seed=seed, torch=torch_installed, notes=notes)


@dataclass
class PassCache:
    """The pieces seen passing in one session (a watch, a live speedrun), by the fingerprint of their code."""

    passed: dict[str, tuple[str, PieceResult]] = field(default_factory=dict)

    def record(self, result: PieceResult, fingerprint: str) -> None:
        if result.status is Status.PASSED:
            self.passed[result.piece_id] = (fingerprint, result)
        else:
            self.passed.pop(result.piece_id, None)


def new_seed() -> int:
    return random.randrange(1, 10**6)
