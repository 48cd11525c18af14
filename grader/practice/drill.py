"""Drills: a workspace where every piece is solved except one, to practise that chunk from memory on its own."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from micrograd_kata.curriculum import Piece
from micrograd_kata.learner import hints, lock, scaffold, source
from micrograd_kata.learner import text as texts
from micrograd_kata.learner.backup import backup
from micrograd_kata.learner.state import os_errors, write_json
from micrograd_kata.learner.workspace import Workspace, WorkspaceError, init, kata_files, set_level
from micrograd_kata.practice import reset

MARKER = "drill.json"   # in a drill's .kata/: {"piece": "tanh"}, so that its speedruns are filed as drills


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


def make(piece: Piece, dest: Path, *, force: bool = False, level: str = scaffold.FULL) -> Drill:
    """Fill dest with the solutions, then put back the stubs of this piece's functions and methods, at this scaffold
    level (at blank: take them out), which the drill's workspace remembers.

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
        workspace = set_level(init(dest, force=True, source="solutions", track=piece.track), level)
        # The file was just copied from solutions/: nothing of the learner's to back up before putting the stubs in.
        solved = source.read(workspace.path(piece.file))
        texts.write(workspace.path(piece.file), reset.stubbed(solved, piece, level).text, solved.style)
        hints.forget(workspace, [piece.id])
        mark(workspace, piece)
    return Drill(piece=piece, workspace=workspace, backup=folder)


def open_existing(piece: Piece, dest: Path) -> Drill | None:
    """The drill already in dest, if there is one: a timed drill goes on in it rather than replacing it."""
    dest = dest.expanduser().resolve()
    if not existing_files(dest, piece.track):
        return None
    workspace = Workspace(dest)
    if piece_of(workspace) != piece.id:   # a drill made before drills were marked
        mark(workspace, piece)
    return Drill(piece=piece, workspace=workspace, backup=None)


def mark(workspace: Workspace, piece: Piece) -> None:
    """Note in the drill's state that it is a drill of piece."""
    write_json(workspace.state_dir / MARKER, {"piece": piece.id})


def piece_of(workspace: Workspace) -> str | None:
    """The piece a drill workspace drills, from its marker, else from where it lies (.kata/drills/<piece>/, where
    drills made before they were marked live); None for a workspace that is not a drill."""
    try:
        data = json.loads((workspace.state_dir / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    if isinstance(data, dict) and isinstance(data.get("piece"), str) and data["piece"]:
        return str(data["piece"])
    root = workspace.root
    return root.name if (root.parent.name, root.parent.parent.name) == ("drills", ".kata") else None
