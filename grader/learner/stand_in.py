"""A syntax error confined to the function that holds it: the file is graded with that function read as a stub.

Python will not import a file with one broken line, so without this one missing `)` in relu would stop every
piece of engine.py. When the error lies inside a function of the curriculum, the grader grades a copy of the
file (in the copy that learner/graded_copy.py makes) in which that function is a one-line stub padded with blank
lines (every other line keeps its number, so the places the checks report are still right), and only the piece
that owns the function is an error.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from pathlib import Path

from micrograd_kata.learner import source
from micrograd_kata.learner.source import SourceFile, Symbol, SyntaxProblem


def confine(read: SourceFile, names: Collection[str]) -> SourceFile:
    """The file as the checks will import it: each function of `names` that holds a syntax error stood in by a
    stub, its error kept in `stood_in`. The read itself when the file parses, or when an error lies outside
    those functions (then the file cannot be imported at all)."""
    text, problem = read.text, read.parse_error
    broken: dict[str, SyntaxProblem] = {}
    ranges: dict[str, Symbol] = {}
    while problem is not None:
        culprit = _culprit(read.path, text, problem, [n for n in names if n not in broken])
        if culprit is None:
            return read
        text = _stood_in(text, culprit)
        broken[culprit.name], ranges[culprit.name] = problem, culprit
        problem = source.parse(read.path, text).parse_error
    if not broken:
        return read
    graded = source.parse(read.path, text, read.style)
    # a broken function keeps the lines the learner wrote, so that the error's line is found in it
    return replace(graded, symbols={**graded.symbols, **ranges}, stood_in=broken)


def _culprit(path: Path, text: str, problem: SyntaxProblem, names: Collection[str]) -> Symbol | None:
    """The function whose stand-in removes this error: the one holding its line, else the one just above it
    (a bracket left open at the end of a function is reported on a later line)."""
    symbols = source.parse(path, text).symbols
    holding = [s for s in symbols.values() if s.start <= problem.line <= s.end]
    above = sorted((s for s in symbols.values() if s.end < problem.line), key=lambda s: s.end)[-1:]
    for symbol in [*holding, *above]:
        if symbol.name not in names:
            continue
        after = source.parse(path, _stood_in(text, symbol)).parse_error
        if after is None or (after.line > problem.line and after.line > symbol.end):
            return symbol
    return None


def _stood_in(text: str, symbol: Symbol) -> str:
    """The text with one function replaced by a one-line stub and as many blank lines as it had lines."""
    lines = text.splitlines(keepends=True)
    written = lines[symbol.lineno - 1]
    indent = written[:len(written) - len(written.lstrip())]
    name = symbol.name.rsplit(".", 1)[-1]
    stub = f'{indent}def {name}(*args, **kwargs): raise NotImplementedError("{symbol.name} does not parse")\n'
    return "".join(lines[:symbol.start - 1] + [stub] + ["\n"] * (symbol.end - symbol.start) + lines[symbol.end:])
