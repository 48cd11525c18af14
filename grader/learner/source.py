"""Reading the learner's files without running them: symbols, stubs, syntax errors and forbidden imports."""
from __future__ import annotations

import ast
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from micrograd_kata import curriculum
from micrograd_kata.learner import text as texts
from micrograd_kata.learner.text import Style

# Importing any of these would let the kata be solved by someone else's engine; a track's file may be allowed
# some (see forbidden_imports).
FORBIDDEN_IMPORTS = ("torch", "reference", "solutions", "micrograd", "micrograd_kata", "exercises")


def forbidden_imports(file: str, track: str = curriculum.LECTURE) -> frozenset[str]:
    """The imports a track's file may not make: FORBIDDEN_IMPORTS but what its pieces allow (the exercises track's
    torch_check.py is where the notebook's last exercise uses torch)."""
    return frozenset(FORBIDDEN_IMPORTS) - curriculum.may_import(file, track)


@dataclass(frozen=True)
class Symbol:
    """A function or method in a file: 'Value.__add__' from line 20 to 31."""

    name: str
    lineno: int      # the `def` line (decorators excluded)
    start: int       # first line including decorators
    end: int         # last line
    is_stub: bool    # the body is only a docstring, comments and `raise NotImplementedError(...)`


@dataclass(frozen=True)
class SyntaxProblem:
    """Where a file stops parsing, as Python says it: the line, the message, that line's text and the caret."""

    line: int
    message: str
    text: str = ""                # the line itself, as written
    column: int | None = None     # where on it Python stopped, from 1


@dataclass(frozen=True)
class SourceFile:
    """What a static read of one file found."""

    path: Path
    text: str = ""
    missing: bool = False
    parse_error: SyntaxProblem | None = None
    symbols: dict[str, Symbol] = field(default_factory=dict)
    forbidden: tuple[tuple[int, str], ...] = ()             # (line, module) for each forbidden import
    # functions that do not parse, each read as a stub so that the rest of the file can be graded (see stand_in.py)
    stood_in: dict[str, SyntaxProblem] = field(default_factory=dict)
    style: Style = texts.PLAIN    # how the file is written: what a rewrite of it keeps

    @property
    def syntax_error(self) -> tuple[int, str] | None:
        """(line, message) when the file does not parse."""
        return None if self.parse_error is None else (self.parse_error.line, self.parse_error.message)

    def symbol_at(self, line: int) -> Symbol | None:
        return next((s for s in self.symbols.values() if s.start <= line <= s.end), None)


def read(path: Path) -> SourceFile:
    """Parse a file, read as Python reads it, and index its top-level functions and the methods of its
    top-level classes."""
    try:
        text, style = texts.read(path)
    except FileNotFoundError:
        return SourceFile(path=path, missing=True)
    except (OSError, SyntaxError, UnicodeDecodeError) as e:
        return SourceFile(path=path, parse_error=SyntaxProblem(1, f"cannot read the file: {e}"))
    return parse(path, text, style)


def parse(path: Path, text: str, style: Style = texts.PLAIN) -> SourceFile:
    """The static read of a file's text."""
    try:
        tree = ast.parse(text, filename=str(path))
    except SyntaxError as e:
        return SourceFile(path=path, text=text, parse_error=_problem(e, text), symbols=_symbols_by_indent(text),
                          style=style)
    return SourceFile(path=path, text=text, symbols=_symbols(tree), forbidden=_forbidden(tree), style=style)


def _problem(error: SyntaxError, text: str) -> SyntaxProblem:
    line = error.lineno or 1
    lines = text.splitlines()
    written = lines[line - 1] if line <= len(lines) else (error.text or "").rstrip("\n")
    return SyntaxProblem(line, error.msg, written, error.offset if error.offset and error.offset > 0 else None)


def _symbols(tree: ast.Module) -> dict[str, Symbol]:
    found: dict[str, Symbol] = {}

    def add(node: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> None:
        start = min([d.lineno for d in node.decorator_list] + [node.lineno])
        found[name] = Symbol(name, node.lineno, start, node.end_lineno or node.lineno, is_stub(node))

    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            add(node, node.name)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    add(item, f"{node.name}.{item.name}")
    return found


DEF = re.compile(r"^(?P<indent>[ \t]*)(?:async\s+)?(?P<kind>def|class)\s+(?P<name>\w+)")


def _symbols_by_indent(text: str) -> dict[str, Symbol]:
    """Rough symbol ranges for a file that does not parse, from `def`/`class` lines and indentation alone."""
    found: dict[str, Symbol] = {}
    lines = text.splitlines()
    cls: str | None = None
    open_: tuple[str, int, int] | None = None  # (name, def line, indent) of the function being read

    def close(end: int) -> None:
        if open_ is not None:
            found[open_[0]] = Symbol(open_[0], open_[1], open_[1], max(open_[1], end), False)

    for number, line in enumerate(lines, start=1):
        match = DEF.match(line)
        if match is None:
            if line.strip() and open_ is not None and len(line) - len(line.lstrip()) <= open_[2] \
                    and not line.lstrip().startswith(("#", ")", "@")):
                close(number - 1)
                open_ = None
            if line.strip() and not line[0].isspace() and not line.startswith(("#", "@")):
                cls = None
            continue
        indent = len(match["indent"])
        if open_ is not None and indent > open_[2]:
            continue  # a function nested in the one being read, such as _backward
        close(number - 1)
        open_ = None
        if match["kind"] == "class" and indent == 0:
            cls = match["name"]
        elif match["kind"] == "def":
            name = match["name"] if indent == 0 or cls is None else f"{cls}.{match['name']}"
            if indent == 0:
                cls = None
                name = match["name"]
            open_ = (name, number, indent)
    close(len(lines))
    return found


def is_stub(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """True when the body does nothing but (optionally) a docstring and raise NotImplementedError."""
    body = list(node.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]
    if len(body) != 1 or not isinstance(body[0], ast.Raise) or body[0].exc is None:
        return False
    exc = body[0].exc
    target = exc.func if isinstance(exc, ast.Call) else exc
    return isinstance(target, ast.Name) and target.id == "NotImplementedError"


def _forbidden(tree: ast.Module) -> tuple[tuple[int, str], ...]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            if name.split(".")[0] in FORBIDDEN_IMPORTS:
                found.append((node.lineno, name))
    return tuple(found)


def fingerprint(source: SourceFile, symbols: Sequence[str]) -> str:
    """A hash of what a piece's verdict depends on in its file: its own symbols and every line outside
    any function (imports, helpers, class lines); other functions of the file are left out."""
    lines = source.text.splitlines()
    keep = [True] * len(lines)
    for symbol in source.symbols.values():
        if symbol.name not in symbols:
            for number in range(symbol.start - 1, symbol.end):
                keep[number] = False
    text = "\n".join(line for line, kept in zip(lines, keep) if kept)
    return hashlib.sha256(text.encode()).hexdigest()


def segment(source: SourceFile, name: str) -> str:
    """The source text of one symbol, decorators included."""
    symbol = source.symbols[name]
    lines = source.text.splitlines(keepends=True)
    return "".join(lines[symbol.start - 1:symbol.end])
