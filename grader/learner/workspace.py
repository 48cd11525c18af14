"""Where the learner's code lives: finding a workspace, and making a fresh one of stubs."""
from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import shutil
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import ModuleType

from micrograd_kata import curriculum
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner.state import StateError, os_errors, write_json

MARKER = ".kata"  # a directory holding the workspace's state; its presence marks a workspace
TRACK_FILE = "workspace.json"  # in .kata/: {"track": "repo"}; a workspace without it follows the lecture


class WorkspaceError(Exception):
    """A workspace that cannot be used as asked (missing, not empty, not a directory)."""


class NoWorkspace(WorkspaceError):
    """No workspace at or above the current directory, and no development checkout to fall back on."""


def package_dir(name: str) -> Path:
    """The directory of one of this project's packages (exercises, solutions, reference), without importing it."""
    spec = importlib.util.find_spec(f"micrograd_kata.{name}")
    if spec is None or not spec.submodule_search_locations:
        raise WorkspaceError(f"the {name}/ package is not installed: run `pip install -e .` in the kata repository")
    return Path(next(iter(spec.submodule_search_locations)))


def track_dir(name: str, track: str) -> Path:
    """One track's folder of exercises, solutions or reference: exercises/lecture/."""
    return package_dir(name) / track


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

    def mount(self, package: str) -> ModuleType:
        """Make the workspace importable as `package`, its files as submodules (`package.engine`), afresh.

        Its __init__.py is not run: a mistake in it must not stop the other files from importing.
        """
        for name in [m for m in list(sys.modules) if m == package or m.startswith(package + ".")]:
            del sys.modules[name]
        spec = importlib.machinery.ModuleSpec(package, None, is_package=True)
        spec.submodule_search_locations = [str(self.root)]
        module = sys.modules[package] = importlib.util.module_from_spec(spec)
        return module

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


def read_track(path: Path) -> str:
    """The track a workspace's workspace.json names; the lecture when there is no such file. A file that names no
    known track is a StateError (never moved aside: the workspace's files are of one track, and only the learner
    knows which)."""
    with os_errors(path):
        if not path.is_file() and not path.is_symlink():
            return curriculum.LECTURE
        text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        data = None
    track = data.get("track") if isinstance(data, dict) else None
    if track not in curriculum.track_names():
        raise StateError(
            f"{path} should name this workspace's track, as {{\"track\": \"lecture\"}}, but holds {text.strip()[:80]!r}: "
            f"write one of {', '.join(curriculum.track_names())} there")
    return str(track)


def kata_files(source: Path, track: str) -> list[Path]:
    """The files a workspace of the track is made of: __init__.py and every file of its curriculum."""
    return [source / "__init__.py", *(source / f for f in curriculum.files(track))]


def init(dest: Path, *, force: bool = False, source: str = "exercises", track: str = curriculum.LECTURE) -> Workspace:
    """Copy the track's stubs (or, with source='solutions', its model answers) into dest and mark it as a workspace
    of that track. Raises UnknownTrack for a track there is not.

    Without force, refuses to overwrite any existing kata file.
    """
    curriculum.get_track(track)
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
            shutil.copyfile(file, dest / file.name)
    write_json(dest / MARKER / TRACK_FILE, {"track": track})
    return Workspace(dest)
