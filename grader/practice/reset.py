"""Putting stubs back: one piece's functions and methods (leaving the rest of the file alone), or every file.

Both back up first. The same transplant of symbols, with solutions/ as the donor, solves a piece (drills, tests).
"""
from __future__ import annotations

import ast
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from micrograd_kata.curriculum import Piece
from micrograd_kata.learner import hints, source
from micrograd_kata.learner import text as texts
from micrograd_kata.learner.backup import backup
from micrograd_kata.learner.lock import changes_workspace
from micrograd_kata.learner.state import os_errors
from micrograd_kata.learner.workspace import Workspace, kata_files, track_dir


class ResetError(Exception):
    """A reset that cannot be done safely: the learner's file does not parse, or the donor file is broken."""


@dataclass(frozen=True)
class Transplant:
    """The new text of a file, and which symbols were replaced, inserted, or could not be placed."""

    text: str
    replaced: tuple[str, ...] = ()
    inserted: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()   # a method whose class is not in the file


@dataclass(frozen=True)
class PieceReset:
    """What restoring one piece did to the learner's file."""

    piece: Piece
    file: Path
    backup: Path | None
    transplant: Transplant
    whole_file: bool = False        # the file was missing, so the donor's whole file was copied in

    @property
    def changed(self) -> bool:
        return self.whole_file or self.backup is not None


def _indent(line: str) -> str:
    return line[:len(line) - len(line.lstrip())]


def _reindent(lines: list[str], indent: str, unit: str) -> list[str]:
    """Move a block of lines to a new indentation, keeping its inner structure, each level one `unit` of the file's
    (a tab under a tab-indented class: Python refuses a mix)."""
    old = _indent(lines[0]) if lines else ""
    moved = [indent + texts.restyle(_indent(line)[len(old):], unit) + line.lstrip()
             if line.startswith(old) and line.strip() else line for line in lines]
    if moved and not moved[-1].endswith("\n"):
        moved[-1] += "\n"
    return moved


def transplant(target: source.SourceFile, donor: source.SourceFile, names: Sequence[str]) -> Transplant:
    """Replace each named symbol's lines in target with the donor's; insert those target lacks.

    A missing symbol goes after the one the donor has before it, when target has that one; else at the end
    of its class (a method) or of the file (a function). Both files must have parsed (no syntax_error).
    """
    classes = {n.name: n for n in ast.parse(target.text).body if isinstance(n, ast.ClassDef)}
    lines, unit = target.text.splitlines(keepends=True), target.style.indent
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    edits: list[tuple[int, int, int, list[str]]] = []   # (start index, end index, order, new lines)
    replaced, inserted, missing = [], [], []
    for order, name in enumerate(names):
        new = source.segment(donor, name).splitlines(keepends=True)
        if name in target.symbols:
            symbol = target.symbols[name]
            edits.append((symbol.start - 1, symbol.end, order, _reindent(new, _indent(lines[symbol.start - 1]), unit)))
            replaced.append(name)
            continue
        owner_name = name.split(".")[0] if "." in name else None
        owner = classes.get(owner_name) if owner_name else None
        if owner_name and owner is None:
            missing.append(name)
            continue
        after = _predecessor(target, donor, name)
        if after is not None:
            at, indent = after.end, _indent(lines[after.start - 1])
        elif owner is not None:
            at, indent = owner.end_lineno or owner.lineno, _indent(lines[owner.body[0].lineno - 1])
        else:
            at, indent = len(lines), ""
        edits.append((at, at, order, ["\n" if owner else "\n\n", *_reindent(new, indent, unit)]))
        inserted.append(name)
    out: list[str] = []
    position = 0
    for start, end, _, new in sorted(edits):
        out += lines[position:start] + new
        position = max(position, end)
    out += lines[position:]
    return Transplant("".join(out), tuple(replaced), tuple(inserted), tuple(missing))


def _predecessor(target: source.SourceFile, donor: source.SourceFile, name: str) -> source.Symbol | None:
    """The symbol just before name in the donor, of the same class, if target has it."""
    scope = name.rpartition(".")[0]
    order = [n for n in donor.symbols if n.rpartition(".")[0] == scope]
    before = order[:order.index(name)]
    return next((target.symbols[n] for n in reversed(before) if n in target.symbols), None)


def ensure_not_stub_source(workspace: Workspace) -> None:
    """Refuse to reset the kata's own exercises/: it is where the stubs come from, so nothing could restore it."""
    if workspace.is_stub_source:
        raise ResetError(
            f"{workspace.root} is the kata's own exercises/, where the stubs come from: make a workspace of your "
            "own with `grade init DIR` (and copy your files in) to reset, drill or speedrun")


@changes_workspace(first=ensure_not_stub_source)
def restore_piece(workspace: Workspace, piece: Piece, *, donor: str = "exercises", reason: str | None = None,
                  now: float | None = None) -> PieceReset:
    """Put the donor's (stubs by default) version of the piece's symbols into the learner's file, backing it up first."""
    ensure_not_stub_source(workspace)
    target_path = workspace.path(piece.file)
    donor_path = track_dir(donor, piece.track) / piece.file
    reason = reason or f"reset-{piece.id}"
    if not target_path.exists():
        with os_errors(target_path):
            shutil.copyfile(donor_path, target_path)
        return PieceReset(piece, target_path, None, Transplant(texts.read(donor_path)[0]), whole_file=True)
    mine = source.read(target_path)
    if mine.syntax_error is not None:
        line, message = mine.syntax_error
        raise ResetError(
            f"{piece.file} does not parse ({message} at line {line}), so the piece's functions cannot be found in it. "
            f"Fix line {line}, or restore every file with `grade reset --all` (backed up first).")
    donor_file = source.read(donor_path)
    if donor_file.syntax_error is not None or any(name not in donor_file.symbols for name in piece.symbols):
        raise ResetError(f"{donor_path} is broken: it should define {', '.join(piece.symbols)}")
    result = transplant(mine, donor_file, piece.symbols)
    try:
        ast.parse(result.text)
    except SyntaxError as e:  # never write a file we made unparseable
        raise ResetError(f"could not restore {piece.id} in {piece.file}: {e}") from e
    if result.text == mine.text:
        return PieceReset(piece, target_path, None, result)
    folder = backup(workspace, [piece.file], reason, now=now)
    with os_errors(target_path):
        texts.write(target_path, result.text, mine.style)   # its encoding, line ends and byte order mark kept
    return PieceReset(piece, target_path, folder, result)


def reset_piece(workspace: Workspace, piece: Piece, *, reason: str | None = None) -> PieceReset:
    """Restore only this piece's functions and methods to their stubs, and its hints start over; the rest of the
    file is left as it is."""
    done = restore_piece(workspace, piece, donor="exercises", reason=reason)
    hints.forget(workspace, [piece.id])
    return done


@changes_workspace(first=ensure_not_stub_source)
def reset_all(workspace: Workspace, *, reason: str = "reset-all") -> Path | None:
    """Back up every kata file, then replace each with its stub (every hint starts over); returns the backup folder
    (None if nothing existed)."""
    ensure_not_stub_source(workspace)
    for file in kata_files(workspace.root, workspace.track):   # every file readable before any is written: nothing half-done
        with os_errors(file):
            if file.is_symlink() or file.exists():
                file.read_bytes()
    names = [f.name for f in kata_files(workspace.root, workspace.track)]
    folder = backup(workspace, names, reason)
    for file in kata_files(track_dir("exercises", workspace.track), workspace.track):
        with os_errors(workspace.path(file.name)):
            shutil.copyfile(file, workspace.path(file.name))
    with os_errors(workspace.state_dir):
        workspace.state_dir.mkdir(exist_ok=True)
    hints.forget(workspace)
    return folder
