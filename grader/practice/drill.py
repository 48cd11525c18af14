"""Drills: a workspace where every piece is solved except one, to practise that chunk from memory on its own."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from micrograd_kata.curriculum import Piece
from micrograd_kata.learner import hints, lock, source
from micrograd_kata.learner import text as texts
from micrograd_kata.learner.backup import backup
from micrograd_kata.learner.state import os_errors
from micrograd_kata.learner.workspace import Workspace, WorkspaceError, init, kata_files, track_dir
from micrograd_kata.practice import reset


class DrillExists(WorkspaceError):
    """The drill's folder already holds kata files, and --force was not given."""


@dataclass(frozen=True)
class Drill:
    """A drill workspace for one piece, and the backup of what was there before it was made."""

    piece: Piece
    workspace: Workspace
    backup: Path | None   # the earlier files of this folder, when --force replaced them

    @property
    def file(self) -> Path:
        """The file the learner works in."""
        return self.workspace.path(self.piece.file)


def default_location(workspace: Workspace, piece: Piece) -> Path:
    """Where `grade drill PIECE` puts its workspace when no DIR is given: .kata/drills/<piece>/.

    Never inside the kata's own exercises/, where the stubs come from.
    """
    if workspace.is_stub_source:
        raise WorkspaceError(
            f"{workspace.root} is the kata's own exercises/, where the stubs come from, so a drill does not go "
            f"inside it: make a workspace of your own with `grade init DIR`, or give the drill a folder, "
            f"`grade drill {piece.id} DIR`")
    return workspace.state_dir / "drills" / piece.id


def existing_files(dest: Path, track: str) -> list[str]:
    return [f.name for f in kata_files(dest, track) if f.exists()]


def make(piece: Piece, dest: Path, *, force: bool = False) -> Drill:
    """Fill dest with the solutions, then put back the stubs of this piece's functions and methods.

    Without force, refuses a folder that already has kata files; with force, backs them up first
    (into dest/.kata/backups/) and keeps dest's .kata/ state, so a drill's speedrun history survives.
    """
    dest = dest.expanduser().resolve()
    existing = existing_files(dest, piece.track)
    if existing and not force:
        raise DrillExists(
            f"{dest} already has {', '.join(existing)}: work there, or pass --force to make a fresh drill "
            "(the old files are backed up first)")
    with lock.held(Workspace(dest)), os_errors(dest):
        existing = existing_files(dest, piece.track)   # again, now that no other grade is making it
        folder = backup(Workspace(dest), existing, f"drill-{piece.id}") if existing else None
        workspace = init(dest, force=True, source="solutions", track=piece.track)
        # The file was just copied from solutions/: nothing of the learner's to back up before putting the stubs in.
        solved = source.read(workspace.path(piece.file))
        stubs = source.read(track_dir("exercises", piece.track) / piece.file)
        texts.write(workspace.path(piece.file), reset.transplant(solved, stubs, piece.symbols).text, solved.style)
        hints.forget(workspace, [piece.id])
    return Drill(piece=piece, workspace=workspace, backup=folder)


def open_existing(piece: Piece, dest: Path) -> Drill | None:
    """The drill already in dest, if there is one: a timed drill goes on in it rather than replacing it."""
    dest = dest.expanduser().resolve()
    if not existing_files(dest, piece.track):
        return None
    return Drill(piece=piece, workspace=Workspace(dest), backup=None)
