"""Grading a workspace: a static read first (stubs, syntax errors, forbidden imports), then the checks in a child process."""
from __future__ import annotations

import ast
import importlib.util
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from grader import curriculum, sandbox, source
from grader.curriculum import Piece
from grader.processes import WarmWorker
from grader.results import CheckResult, Failure, PieceResult, Run, Status
from grader.workspace import Workspace

DEFAULT_TIMEOUT = 5.0  # seconds a piece's checks may run before the piece is a timeout
CHECKS_DIR = Path(__file__).with_name("checks")


def grade(
    workspace: Workspace,
    pieces: Sequence[Piece] | None = None,
    *,
    stop_at_first_failure: bool = False,
    seed: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    on_result: Callable[[PieceResult], None] | None = None,
    warm: WarmWorker | None = None,
    cache: PassCache | None = None,
) -> Run:
    """Grade the given pieces (all by default) in curriculum order and return the Run.

    stop_at_first_failure: stop after the first piece that does not pass (what `grade next` needs).
    on_result: called with each asked-for PieceResult as soon as it is known (for live displays).
    warm: a warm worker to fork the grading from (grade watch, live speedruns); else a fresh process.
    cache: pieces seen passing in this session; those whose code has not changed since, and whose
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
    for piece in candidates if cache is not None else ():  # the unchanged prefix that passed before
        known = cache.passed.get(piece.id) if cache is not None and piece.id in prints else None
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
        outcome = sandbox.run(workspace, dynamic, seed=seed, timeout=timeout, torch=torch_installed,
                              stop_at_first_failure=stop_at_first_failure, on_result=report, warm=warm,
                              passed=list(found))
        if outcome.torch is not None:  # the worker knows better: torch may be there and still fail to import
            torch_installed = outcome.torch
        for graded_result in outcome.results:
            found[graded_result.piece_id] = graded_result
            graded.add(graded_result.piece_id)
            if cache is not None:
                cache.record(graded_result, prints[graded_result.piece_id])
    results: list[PieceResult] = []
    for piece in candidates:
        result: PieceResult | None = found.get(piece.id) or static[piece.id]
        if result is None:
            break  # grading stopped before this piece
        if piece.id in wanted:
            if piece.id not in graded:
                report(result)
            results.append(result)
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


def static_verdict(piece: Piece, files: dict[str, source.SourceFile]) -> PieceResult | None:
    """The verdict a static read can give (missing, stub, syntax error, forbidden import); None: run the checks."""
    read = files[piece.file]

    def result(status: Status, summary: str, where: str | None = None, blocked_by: str | None = None) -> PieceResult:
        failure = Failure(summary=summary, where=where)
        return PieceResult(piece.id, status, tuple(CheckResult(name, status, 0.0, failure) for name in check_names(piece)),
                           message=summary, blocked_by=blocked_by, where=where)

    if read.missing:
        return result(Status.TODO, f"{piece.file} is missing from the workspace: `grade reset --all` puts the stubs back")
    if read.syntax_error:
        line, message = read.syntax_error
        where = f"{piece.file}:{line}"
        symbol = read.symbol_at(line)
        owner = next((p for p in curriculum.load() if p.file == piece.file and symbol and symbol.name in p.symbols),
                     next(p for p in curriculum.load() if p.file == piece.file))
        if owner.id == piece.id:
            return result(Status.ERROR, f"SyntaxError: {message} ({where})", where)
        return result(Status.BLOCKED, f"blocked by {owner.id}: {piece.file} has a syntax error at line {line}",
                      where, blocked_by=owner.id)
    if read.forbidden:
        line, module = read.forbidden[0]
        return result(Status.ERROR, f"{piece.file}:{line} imports {module}: the kata is to build the engine "
                      "yourself, so code that uses torch, reference/ or solutions/ does not pass", f"{piece.file}:{line}")
    present = [read.symbols[s] for s in piece.symbols if s in read.symbols]
    if all(s.is_stub for s in present):
        todo = [s for s in piece.symbols if s not in read.symbols or read.symbols[s].is_stub]
        first = read.symbols.get(todo[0])
        where = f"{piece.file}:{first.lineno} in {first.name}" if first else piece.file
        missing = [s for s in piece.symbols if s not in read.symbols]
        classes = sorted({s.split(".")[0] for s in missing if "." in s})
        absent = [c for c in classes if not any(name.startswith(c + ".") for name in read.symbols)]
        if not missing:
            summary = f"{_names(todo)} still raise{'s' if len(todo) == 1 else ''} NotImplementedError"
        elif absent and len(missing) == len(piece.symbols):
            summary = f"{piece.file} has no class {_names(absent)} yet"
        else:
            summary = f"{piece.file} has no {_names(missing)}" + (" yet" if len(missing) == len(piece.symbols) else "")
        return result(Status.TODO, summary, where)
    return None


@cache
def check_names(piece: Piece) -> tuple[str, ...]:
    """The names of a piece's checks, read from its check module without importing it."""
    tree = ast.parse((CHECKS_DIR / piece.check_module).read_text(encoding="utf-8"))
    return tuple(node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("check_"))


def _names(symbols: list[str]) -> str:
    return symbols[0] if len(symbols) == 1 else ", ".join(symbols[:-1]) + " and " + symbols[-1]


def new_seed() -> int:
    return random.randrange(1, 10**6)
