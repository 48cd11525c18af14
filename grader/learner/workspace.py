"""Where the learner's code lives: finding a workspace, and making a fresh one of stubs."""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from micrograd_kata import curriculum
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner import scaffold
from micrograd_kata.learner.packages import WorkspaceError, package_dir, track_dir
from micrograd_kata.learner.state import StateError, os_errors, write_json

MARKER = ".kata"  # a directory holding the workspace's state; its presence marks a workspace
TRACK_FILE = "workspace.json"  # in .kata/: {"track": "repo", "level": "bare"}; without it: the lecture, full stubs


class NoWorkspace(WorkspaceError):
    """No workspace at or above the current directory, and no development checkout to fall back on."""


def is_development_checkout(exercises: Path) -> bool:
    """Whether the kata's exercises/ is a folder of the repository (an editable install), not a copy installed
    into site-packages: a checkout has pyproject.toml and grader/ beside exercises/, an installed package not."""
    root = exercises.parent
    return (root / "pyproject.toml").is_file() and (root / "grader" / "tracks").is_dir()


@dataclass(frozen=True)
class Workspace:
    """A directory of the learner's files (engine.py, nn.py, ...) and its .kata/ state."""

    root: Path

    @property
    def state_dir(self) -> Path:
        return self.root / MARKER

    def path(self, file: str) -> Path:
        return self.root / file

    @cached_property
    def track(self) -> str:
        """The track this workspace follows, as .kata/workspace.json says; the lecture when it does not say (a
        workspace made before there were tracks). The kata's own exercises/<track>/ follows its track."""
        if self.is_stub_source:
            return self.root.name
        return read_track(self.state_dir / TRACK_FILE)

    @cached_property
    def level(self) -> str:
        """The scaffold level of the workspace's stubs (full, bare or blank: see scaffold.py), as .kata/workspace.json
        says; full when it does not say. The kata's own exercises/<track>/ is full."""
        if self.is_stub_source:
            return scaffold.FULL
        return read_level(self.state_dir / TRACK_FILE)

    @property
    def pieces(self) -> tuple[Piece, ...]:
        """The pieces of the workspace's track, in order."""
        return curriculum.load(self.track)

    def missing_files(self) -> list[str]:
        return [f for f in curriculum.files(self.track) if not self.path(f).is_file()]

    @property
    def is_stub_source(self) -> bool:
        """Whether this is one of the kata's own exercises/<track>/, where the stubs come from: nothing may rewrite
        it."""
        return self.root.resolve().parent == package_dir("exercises").resolve()

    def describe(self) -> str:
        """The workspace's path, relative to the current directory when it is below it."""
        return shown_path(self.root)

    def in_words(self) -> str:
        """'this workspace' when it is the current directory, else its path: for messages."""
        return "this workspace" if self.root == Path.cwd().resolve() else self.describe()


def shown_path(path: Path) -> str:
    """A path for messages: relative to the current directory when it is below it (shorter, and the same on every
    machine), else whole."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def find(start: Path | None = None) -> Workspace:
    """The nearest directory at or above start that has a .kata/ marker; else, in a development checkout only,
    the repository's own exercises/ (an installed kata's exercises/ is never a workspace)."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        if (directory / MARKER).is_dir():
            return Workspace(directory)
    exercises = package_dir("exercises")
    if is_development_checkout(exercises):
        return Workspace(exercises / curriculum.LECTURE)
    raise NoWorkspace(
        f"There is no kata workspace in {here} or above it (a workspace is a folder with a .kata/ folder in it). "
        "Make one with `grade init DIR` and cd into DIR, or name one with --workspace DIR.")


def open_workspace(path: Path) -> Workspace:
    """A workspace named on the command line: an existing directory, and not the installed kata's own stubs."""
    root = path.expanduser().resolve()
    if not root.is_dir():
        raise WorkspaceError(f"{path} is not a directory: make a workspace with `grade init {path}`")
    exercises = package_dir("exercises")
    if root.parent == exercises.resolve() and not is_development_checkout(exercises):
        raise WorkspaceError(
            f"{path} is the installed kata's own stubs, which are never graded or written to: make a workspace "
            "of your own with `grade init DIR`")
    return Workspace(root)


def _settings(path: Path) -> tuple[dict[str, object] | None, str]:
    """workspace.json read: its object (None when it does not hold one) and its text; ({}, "") when there is none."""
    with os_errors(path):
        if not path.is_file() and not path.is_symlink():
            return {}, ""
        text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        data = None
    return (data if isinstance(data, dict) else None), text


def read_track(path: Path) -> str:
    """The track a workspace's workspace.json names; the lecture when there is no such file. A file that names no
    known track is a StateError (never moved aside: the workspace's files are of one track, and only the learner
    knows which)."""
    data, text = _settings(path)
    if data == {} and not text:
        return curriculum.LECTURE
    track = data.get("track") if data is not None else None
    if track not in curriculum.track_names():
        raise StateError(
            f"{path} should name this workspace's track, as {{\"track\": \"lecture\"}}, but holds {text.strip()[:80]!r}: "
            f"write one of {', '.join(curriculum.track_names())} there")
    return str(track)


def read_level(path: Path) -> str:
    """The scaffold level a workspace's workspace.json names; full when it names none (a workspace made before there
    were levels). A level that is not one of scaffold.LEVELS is a StateError, as a track is."""
    data, text = _settings(path)
    level = data.get("level", scaffold.FULL) if data is not None else None
    if level not in scaffold.LEVELS:
        raise StateError(
            f"{path} should name this workspace's level, as {{\"level\": \"full\"}}, but holds {text.strip()[:80]!r}: "
            f"write one of {', '.join(scaffold.LEVELS)} there")
    return str(level)


def set_level(workspace: Workspace, level: str) -> Workspace:
    """Record the level of the workspace's stubs in workspace.json (its track kept); the workspace, read afresh."""
    if level not in scaffold.LEVELS:
        raise scaffold.UnknownLevel(level)
    write_json(workspace.state_dir / TRACK_FILE, {"track": workspace.track, "level": level})
    return Workspace(workspace.root)


def kata_files(source: Path, track: str) -> list[Path]:
    """The files a workspace of the track is made of: __init__.py and every file of its curriculum."""
    return [source / "__init__.py", *(source / f for f in curriculum.files(track))]


def init(dest: Path, *, force: bool = False, source: str = "exercises", track: str = curriculum.LECTURE,
         level: str = scaffold.FULL) -> Workspace:
    """Copy the track's stubs at this scaffold level (or, with source='solutions', its model answers) into dest and
    mark it as a workspace of that track and level. Raises UnknownTrack for a track there is not, UnknownLevel for a
    level.

    Without force, refuses to overwrite any existing kata file.
    """
    curriculum.get_track(track)
    if level not in scaffold.LEVELS:
        raise scaffold.UnknownLevel(level)
    src = track_dir(source, track)
    dest = dest.expanduser().resolve()
    if dest.exists() and not dest.is_dir():
        raise WorkspaceError(f"{dest} exists and is not a directory")
    existing = [p.name for p in kata_files(dest, track) if p.exists()]
    if existing and not force:
        raise WorkspaceError(
            f"{dest} already has {', '.join(existing)}: pass --force to replace them "
            "(the old files are backed up first)")
    with os_errors(dest):
        (dest / MARKER).mkdir(parents=True, exist_ok=True)   # first: a file named .kata stops it before any copy
        for file in kata_files(src, track):
            if source == "exercises" and level != scaffold.FULL and file.name != "__init__.py":
                (dest / file.name).write_text(scaffold.stub_source(track, file.name, level), encoding="utf-8")
            else:
                shutil.copyfile(file, dest / file.name)
    write_json(dest / MARKER / TRACK_FILE, {"track": track, "level": level})
    return Workspace(dest)
