"""What a static read of the learner's files can tell without running them: missing, stub, syntax error, forbidden import."""
from __future__ import annotations

from micrograd_kata import curriculum
from micrograd_kata.checks import check_names
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner import source
from micrograd_kata.learner.source import SyntaxProblem
from micrograd_kata.results import CheckResult, Failure, Location, PieceResult, Status
from micrograd_kata.wording import and_list as _names


def static_verdict(piece: Piece, files: dict[str, source.SourceFile]) -> PieceResult | None:
    """The verdict a static read can give (missing, stub, syntax error, forbidden import); None: run the checks.

    files: each file as the grader reads it, a function that does not parse stood in by a stub (stand_in.py).
    """
    read = files[piece.file]
    if read.missing:
        return _result(piece, Status.TODO,
                       f"{piece.file} is missing from the workspace: `grade reset --all` puts the stubs back")
    if read.parse_error:  # the file cannot be imported
        return _syntax_error(piece, read, read.parse_error)
    broken = next((name for name in piece.symbols if name in read.stood_in), None)
    if broken is not None:  # the rest of the file is graded with this function read as a stub
        problem = read.stood_in[broken]
        where = Location(piece.file, problem.line, broken)
        return _result(piece, Status.ERROR, f"SyntaxError: {problem.message} ({where})", where, problem=problem)
    forbidden = _forbidden(piece, read)
    if forbidden is not None:
        line, module = forbidden
        symbol = read.symbol_at(line)
        return _result(piece, Status.ERROR, f"{piece.file}:{line} imports {module}: the kata is to build the engine "
                       "yourself, so code that uses torch, reference/ or solutions/ does not pass",
                       Location(piece.file, line, symbol.name if symbol else None))
    present = [read.symbols[s] for s in piece.symbols if s in read.symbols]
    if len(present) < len(piece.symbols) or all(s.is_stub for s in present):   # missing, as in a blank file: todo
        return _not_written(piece, read)
    return None


def _forbidden(piece: Piece, read: source.SourceFile) -> tuple[int, str] | None:
    """The first forbidden import the piece answers for: one in its own functions, or one outside every
    function of the curriculum (at module level, in a helper), which the file's pieces all share."""
    owned = {name for other in curriculum.load(piece.track) if other.file == piece.file for name in other.symbols}
    allowed = curriculum.may_import(piece.file, piece.track)
    for line, module in read.forbidden:
        if module.split(".")[0] in allowed:
            continue
        symbol = read.symbol_at(line)
        if symbol is None or symbol.name not in owned or symbol.name in piece.symbols:
            return line, module
    return None


def _result(piece: Piece, status: Status, summary: str, where: Location | None = None,
            blocked_by: str | None = None, problem: SyntaxProblem | None = None) -> PieceResult:
    """The piece's verdict, given to each of its checks alike."""
    failure = Failure(summary=summary, where=where, source_line=problem.text if problem else None,
                      column=problem.column if problem else None)
    return PieceResult(piece.id, status, tuple(CheckResult(name, status, 0.0, failure) for name in check_names(piece.check_module)),
                       message=summary, blocked_by=blocked_by, where=where)


def _syntax_error(piece: Piece, read: source.SourceFile, problem: SyntaxProblem) -> PieceResult:
    """A syntax error that could not be confined to one function: an error for the piece whose function holds
    the line (the file's first piece for a line outside them); the file's other pieces are blocked by it."""
    symbol = read.symbol_at(problem.line)
    where = Location(piece.file, problem.line, symbol.name if symbol else None)
    owner = curriculum.owner_in(piece.file, symbol.name if symbol else None, piece.track)
    if owner is None or owner.id == piece.id:
        return _result(piece, Status.ERROR, f"SyntaxError: {problem.message} ({where})", where, problem=problem)
    return _result(piece, Status.BLOCKED, f"blocked by {owner.id}: {piece.file} has a syntax error at line "
                   f"{problem.line}", where, blocked_by=owner.id, problem=problem)


def _not_written(piece: Piece, read: source.SourceFile) -> PieceResult:
    """Todo: what is still a stub, or missing, and the first of it."""
    todo = [s for s in piece.symbols if s not in read.symbols or read.symbols[s].is_stub]
    first = read.symbols.get(todo[0])
    where = Location(piece.file, first.lineno, first.name) if first else Location(piece.file)
    missing = [s for s in piece.symbols if s not in read.symbols]
    classes = sorted({s.split(".")[0] for s in missing if "." in s})
    absent = [c for c in classes if not any(name.startswith(c + ".") for name in read.symbols)]
    if not missing:
        summary = f"{_names(todo)} still raise{'s' if len(todo) == 1 else ''} NotImplementedError"
    elif absent and len(missing) == len(piece.symbols):
        summary = f"{piece.file} has no class {_names(absent)} yet"
    else:
        summary = f"{piece.file} has no {_names(missing)}" + (" yet" if len(missing) == len(piece.symbols) else "")
    return _result(piece, Status.TODO, summary, where)


def look_at(piece: Piece, result: PieceResult, read: source.SourceFile) -> Location:
    """Where to look, as file:line: the failure's place, the error's, else the first stub of the piece."""
    problem = result.first_problem
    if problem is not None and problem.failure is not None and problem.failure.where:
        return problem.failure.where
    if result.where:
        return result.where
    present = [read.symbols[name] for name in piece.symbols if name in read.symbols]
    first = next((s for s in present if s.is_stub), present[0] if present else None)
    return Location(piece.file, first.lineno, first.name) if first else Location(piece.file)

