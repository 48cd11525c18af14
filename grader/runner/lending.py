"""Putting a learner's code together with the reference's, so that each piece is graded on its own.

When piece P is graded, P's functions and methods are the learner's; so are those of every earlier
piece that passed. Every other piece's (earlier ones that do not pass, and all later ones) are the
reference's, lent to the learner's classes. A bug in one piece then fails that piece alone, and a piece
cannot pass on the strength of code it does not own.

This runs in the worker process only: it imports the learner's files.
"""
from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import types
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

from micrograd_kata import curriculum
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner.source import FORBIDDEN_IMPORTS
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.results import Location
from micrograd_kata.runner import frames

PACKAGE = "kata_workspace"  # the name the learner's workspace is imported under
MISSING = object()


def needs(piece: Piece) -> tuple[str, ...]:
    """The learner's modules a piece's checks import, in track order: its own file's, and those of the earlier pieces
    that define classes (the objects its checks build: nn's pieces need engine.py's Value). An earlier file of
    functions alone (derivative.py, graph.py) is left out, so that a mistake there cannot block a later piece."""
    earlier = [p.module for p in curriculum.load(piece.track)[:piece.index] if any("." in s for s in p.symbols)]
    return tuple(dict.fromkeys([*earlier, piece.module]))


def reference_module(track: str, module: str) -> ModuleType:
    """The reference's version of a learner's module: reference/<track>/<module>.py where the track's API differs,
    else the shared reference/<module>.py."""
    own = f"micrograd_kata.reference.{track}.{module}"
    if importlib.util.find_spec(f"micrograd_kata.reference.{track}") and importlib.util.find_spec(own):
        return importlib.import_module(own)
    return importlib.import_module(f"micrograd_kata.reference.{module}")


class LearnerImportError(Exception):
    """A learner's file could not be imported; `where` says where it went wrong, when the learner's code did."""

    def __init__(self, module: str, error: BaseException, where: Location | None) -> None:
        self.module, self.error, self.where = module, error, where
        super().__init__(f"importing {module}.py failed: {type(error).__name__}: {error}")


class ForbiddenImport(Exception):
    """A learner's file uses torch, the reference or the solutions instead of building its own."""

    def __init__(self, file: str, name: str) -> None:
        self.file, self.name = file, name
        super().__init__(f"{file} uses {name}: the kata is to build the engine yourself")


class MissingClass(Exception):
    """A class the piece needs is not defined in the learner's file."""

    def __init__(self, file: str, name: str) -> None:
        self.file, self.name = file, name
        super().__init__(f"{file} has no class {name}")


def _split(symbol: str) -> tuple[str | None, str]:
    owner, _, name = symbol.rpartition(".")
    return owner or None, name


def _rebind(function: types.FunctionType, globals_: dict[str, Any]) -> types.FunctionType:
    """A copy of a reference function that looks up globals (Value, Neuron, ...) in the learner's world."""
    copy = types.FunctionType(function.__code__, globals_, function.__name__, function.__defaults__,
                              function.__closure__)
    copy.__kwdefaults__ = function.__kwdefaults__
    copy.__qualname__ = function.__qualname__
    copy.__doc__ = function.__doc__
    return copy


class Lender:
    """Imports the learner's workspace once and lends it the reference's code, piece by piece."""

    def __init__(self, root: Path, track: str = curriculum.LECTURE) -> None:
        self.root = root
        self.pieces = curriculum.load(track)
        self.track = track
        self.reference = {p.module: reference_module(track, p.module) for p in self.pieces}
        self.learner: dict[str, ModuleType] = {}
        self.originals: dict[str, Any] = {}  # symbol -> the learner's own function, or MISSING
        # one globals dict per reference module: its own names, with the learner's classes laid over them
        self.lent_globals = {name: dict(module.__dict__) for name, module in self.reference.items()}
        Workspace(root).mount(PACKAGE)

    def load(self, module: str) -> ModuleType:
        """Import one of the learner's modules (once), remembering the learner's own symbols."""
        if module in self.learner:
            return self.learner[module]
        try:
            loaded = importlib.import_module(f"{PACKAGE}.{module}")
        except BaseException as e:
            if isinstance(e, KeyboardInterrupt):
                raise
            raise LearnerImportError(module, e, self._origin(e)) from e
        self._check_forbidden(module, loaded)
        self.learner[module] = loaded
        for piece in self.pieces:
            if piece.module == module:
                for symbol in piece.symbols:
                    self.originals[symbol] = self._get(loaded, symbol)
        return loaded

    def _origin(self, error: BaseException) -> Location | None:
        """The learner's file and line where an import went wrong."""
        if isinstance(error, SyntaxError) and error.filename:
            return Location(Path(error.filename).name, error.lineno)
        found = frames.in_traceback(error.__traceback__, self.root)
        return None if found is None else Location(found.file, found.line)

    def _check_forbidden(self, module: str, loaded: ModuleType) -> None:
        forbidden = set(FORBIDDEN_IMPORTS) - curriculum.may_import(f"{module}.py", self.track)
        for name, value in vars(loaded).items():
            origin = value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", None)
            if isinstance(origin, str) and origin.split(".")[0] in forbidden:
                raise ForbiddenImport(f"{module}.py", f"{origin} (as {name})")

    @staticmethod
    def _get(module: ModuleType, symbol: str) -> Any:
        owner, name = _split(symbol)
        if owner is None:
            return vars(module).get(name, MISSING)
        cls = vars(module).get(owner)
        return vars(cls).get(name, MISSING) if isinstance(cls, type) else MISSING

    def _set(self, module: ModuleType, symbol: str, value: Any) -> None:
        owner, name = _split(symbol)
        target = module if owner is None else vars(module).get(owner)
        if owner is not None and not isinstance(target, type):
            return  # no such class in the learner's file: the checks that need it say so (see Names)
        if value is MISSING:
            if name in vars(target):
                delattr(target, name)
        else:
            setattr(target, name, value)

    def learner_for(self, piece: Piece, passed: set[str]) -> Names:
        """The learner's code as piece should see it: its own, passing earlier pieces', and the reference's."""
        for module in needs(piece):
            self.load(module)
        for other in self.pieces:
            learner = self.learner.get(other.module)
            if learner is None:
                continue
            own = other.id == piece.id or (other.index < piece.index and other.id in passed)
            for symbol in other.symbols:
                value = self.originals[symbol] if own else self._lend(other.module, symbol)
                self._set(learner, symbol, value)
        for globals_ in self.lent_globals.values():
            globals_.update(self._learner_names(self.learner))
        return Names(self.track, **self._learner_names({m: self.learner[m] for m in needs(piece)}))

    def _lend(self, module: str, symbol: str) -> Any:
        """The reference's version of a symbol, rebound to look up names in the learner's modules."""
        return _rebind(self._get(self.reference[module], symbol), self.lent_globals[module])

    def reference_names(self) -> dict[str, Any]:
        """The reference's top-level objects that the curriculum names, for the checks' `reference` fixture."""
        return self._learner_names(self.reference)

    def _learner_names(self, modules: dict[str, ModuleType]) -> dict[str, Any]:
        """The learner's top-level objects that the curriculum names (Value, Neuron, trace, ...)."""
        found: dict[str, Any] = {}
        for piece in self.pieces:
            module = modules.get(piece.module)
            for top in (s.split(".")[0] for s in piece.symbols):
                if module is not None and top in vars(module):
                    found[top] = vars(module)[top]
        return found


class Names(SimpleNamespace):
    """The learner's objects for the checks; a name the learner has not defined raises MissingClass."""

    _track: str  # the track whose curriculum says where a missing name belongs

    def __init__(self, track: str, /, **names: Any) -> None:
        super().__init__(**names)
        self._track = track

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_track":
            raise AttributeError(name)
        raise MissingClass(curriculum.file_of(name, self._track) or "?", name)
