"""Scaffold levels: how much of the answer the stubs give away.

- full: today's stubs, each a signature, a docstring, a TODO and `raise NotImplementedError(...)`;
- bare: the signatures and the `raise` only (no docstrings, no comments);
- blank: each file empty but for one comment line naming it; the learner writes every class, method and function.

bare and blank are derived from the full stubs by the transformation below, never kept by hand. Code a track hands
out written (a function or method of the stubs that is not a stub: the exercises track's starter code) stays, as
it is, at every level; at blank, with its class line and the imports it uses.
"""
from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterable

from micrograd_kata.learner import source
from micrograd_kata.learner.packages import track_dir

FULL, BARE, BLANK = "full", "bare", "blank"
LEVELS = (FULL, BARE, BLANK)
Node = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


class UnknownLevel(ValueError):
    """A level that is not one of LEVELS."""

    def __init__(self, level: object) -> None:
        super().__init__(f"no level called {level!r}: the levels are {', '.join(LEVELS)}")


def stub_source(track: str, file: str, level: str) -> str:
    """The text of one of a track's files, as a workspace of that level starts it."""
    return derive((track_dir("exercises", track) / file).read_text(encoding="utf-8"), file, level)


def derive(text: str, file: str, level: str) -> str:
    """A full stub file's text at another level."""
    if level == FULL:
        return text
    if level == BARE:
        return bare(text)
    if level == BLANK:
        return blank(text, file)
    raise UnknownLevel(level)


def bare(text: str) -> str:
    """The stubs without their docstrings and comments: what stays is the imports, the class lines, the
    signatures and each stub's `raise` (and given code, whole)."""
    lines = text.splitlines()
    tree = ast.parse(text)
    given = _lines_of(_given(tree))
    drop: set[int] = set()
    for node in [tree, *_scopes(tree)]:
        if _first_line(node) in given:
            continue
        docstring = _docstring(node)
        if docstring is None:
            continue
        span = range(docstring.lineno, (docstring.end_lineno or docstring.lineno) + 1)
        if len(node.body) == 1:   # a class of nothing but a docstring still needs a body
            indent = lines[docstring.lineno - 1][:docstring.col_offset]
            lines[docstring.lineno - 1] = f"{indent}pass"
            span = range(docstring.lineno + 1, span.stop)
        drop.update(span)
    for token in _comments(text):
        number, column = token.start
        if number in given:
            continue
        if lines[number - 1][:column].strip():
            lines[number - 1] = lines[number - 1][:column].rstrip()
        else:
            drop.add(number)
    return _tidy(line for number, line in enumerate(lines, 1) if number not in drop)


def blank(text: str, file: str) -> str:
    """One comment line naming the file; then only the given code, with its class lines and the imports it uses."""
    lines = text.splitlines()
    tree = ast.parse(text)
    given = _given(tree)
    keep = _lines_of(given)
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and any(n in node.body for n in given):
            keep.update(range(_first_line(node), _header_end(node, lines) + 1))
        elif isinstance(node, (ast.Import, ast.ImportFrom)) and _bound(node) & _used(given):
            keep.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    given_lines = _lines_of(given)
    for token in _comments(text):   # what stays of the rest, without its comments
        number, column = token.start
        if number in keep and number not in given_lines:
            lines[number - 1] = lines[number - 1][:column].rstrip()
    body = _tidy(line for number, line in enumerate(lines, 1) if number in keep or not line.strip())
    comment = f"# {file}: write it from memory (`grade hint` names what a piece needs)\n"
    if not body:
        return comment
    return comment + ("" if body.startswith(("import", "from")) else "\n\n") + body


def _scopes(tree: ast.Module) -> list[Node]:
    """The top-level classes and functions, and the methods of the classes: where the stubs' docstrings are."""
    found: list[Node] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.append(node)
        if isinstance(node, ast.ClassDef):
            found += [m for m in node.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))]
    return found


def _given(tree: ast.Module) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The functions and methods handed out written: those that are not stubs."""
    return [node for node in _scopes(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not source.is_stub(node)]


def _first_line(node: ast.AST) -> int:
    decorators = getattr(node, "decorator_list", [])
    return min([d.lineno for d in decorators] + [getattr(node, "lineno", 1)])


def _lines_of(nodes: Iterable[ast.stmt]) -> set[int]:
    return {n for node in nodes for n in range(_first_line(node), (node.end_lineno or node.lineno) + 1)}


def _docstring(node: ast.Module | Node) -> ast.Expr | None:
    first = node.body[0] if node.body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        return first
    return None


def _header_end(node: ast.ClassDef, lines: list[str]) -> int:
    """The last line of a class's `class ...:` line(s): the line before its body, less blank and comment lines."""
    end = node.body[0].lineno - 1
    while end > node.lineno and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return max(end, node.lineno)


def _bound(node: ast.Import | ast.ImportFrom) -> set[str]:
    """The names an import binds."""
    return {alias.asname or alias.name.split(".")[0] for alias in node.names}


def _used(nodes: Iterable[ast.AST]) -> set[str]:
    return {n.id for node in nodes for n in ast.walk(node) if isinstance(n, ast.Name)}


def _comments(text: str) -> list[tokenize.TokenInfo]:
    return [t for t in tokenize.generate_tokens(io.StringIO(text).readline) if t.type == tokenize.COMMENT]


def _tidy(lines: Iterable[str]) -> str:
    """The kept lines, with the blank lines that held what went tidied: none at the start or end or just after a
    line that opens a block, at most two before a top-level line and one before an indented one."""
    out: list[str] = []
    blanks = 0
    for line in lines:
        if not line.strip():
            blanks += 1
            continue
        if out and not out[-1].rstrip().endswith(":"):
            indented = line[:1].isspace()
            out += [""] * min(blanks, 1 if indented else 2)
        out.append(line)
        blanks = 0
    return "\n".join(out) + "\n" if out else ""
