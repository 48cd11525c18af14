"""Comparing a learner's piece with the solution: the source of each of the piece's symbols, side by side."""
from __future__ import annotations

import ast
import difflib
import textwrap
from dataclasses import dataclass

from micrograd_kata.curriculum import Piece
from micrograd_kata.learner import source
from micrograd_kata.learner.workspace import Workspace, track_dir
from micrograd_kata.results import visible

LONGEST = 100_000   # characters of one function of the learner's shown; no function of the kata comes near


class DiffError(Exception):
    """The learner's file cannot be read for a comparison (missing, or it does not parse)."""


@dataclass(frozen=True)
class SymbolPair:
    """One function or method: the learner's source (None when missing) and the solution's, with first lines."""

    name: str
    mine: str | None
    mine_line: int
    solution: str
    solution_line: int

    @property
    def same(self) -> bool:
        """The same code, docstrings aside."""
        return self.mine is not None and code(self.mine).strip() == code(self.solution).strip()


@dataclass(frozen=True)
class Comparison:
    """A piece's symbols in the learner's file and in solutions/."""

    piece: Piece
    mine_path: str        # for headers: "engine.py"
    solution_path: str    # "solutions/lecture/engine.py"
    pairs: tuple[SymbolPair, ...]

    def unified(self) -> str:
        """A unified diff, symbol by symbol, from the learner's code to the solution, docstrings left out."""
        chunks: list[str] = []
        for pair in self.pairs:
            mine = code(pair.mine or "").splitlines(keepends=True)
            chunks.extend(difflib.unified_diff(
                mine, code(pair.solution).splitlines(keepends=True),
                fromfile=f"yours/{self.piece.file} {pair.name}" + ("" if pair.mine is not None else " (missing)"),
                tofile=f"solution/{self.piece.file} {pair.name}"))
        return "".join(line if line.endswith("\n") else line + "\n" for line in chunks)


def code(function: str) -> str:
    """A function's source without its docstring: a docstring of one's own is not a difference worth listing."""
    lines = function.splitlines(keepends=True)
    try:
        tree = ast.parse(textwrap.dedent(function))
    except SyntaxError:
        return function
    node = tree.body[0] if tree.body else None
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or ast.get_docstring(node, clean=False) is None:
        return function
    docstring = node.body[0]
    return "".join(lines[:docstring.lineno - 1] + lines[(docstring.end_lineno or docstring.lineno):])


def compare(workspace: Workspace, piece: Piece) -> Comparison:
    """Extract the learner's and the solution's source for each of the piece's functions and methods."""
    mine = source.read(workspace.path(piece.file))
    if mine.missing:
        raise DiffError(f"{workspace.path(piece.file)} does not exist: `grade reset {piece.id}` puts the stubs back")
    if mine.syntax_error is not None:
        line, message = mine.syntax_error
        raise DiffError(f"{piece.file} does not parse ({message} at line {line}): fix it to compare it")
    solution = source.read(track_dir("solutions", piece.track) / piece.file)
    pairs = []
    for name in piece.symbols:
        ours = mine.symbols.get(name)
        pairs.append(SymbolPair(
            name=name,
            mine=visible(source.segment(mine, name), limit=LONGEST) if ours else None,   # an escape written into
            # a string of one's own code is shown, not sent to the terminal
            mine_line=ours.start if ours else 0,
            solution=source.segment(solution, name),
            solution_line=solution.symbols[name].start))
    return Comparison(piece=piece, mine_path=piece.file, solution_path=f"solutions/{piece.track}/{piece.file}",
                      pairs=tuple(pairs))
