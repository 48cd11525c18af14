"""Putting a learner's code together with the reference's, so that each piece is graded on its own.

When piece P is graded, P's functions and methods are the learner's; so are those of every earlier
piece that passed. Every other piece's (earlier ones that do not pass, and all later ones) are the
reference's, lent to the learner's classes. A bug in one piece then fails that piece alone, and a piece
cannot pass on the strength of code it does not own.

The Lender runs in the agent process only (runner/agent_server.py), which loads this file by its path:
standard library only, and what it needs of the track comes as data computed in the judge (runner/judge.py):
the pieces (Part), which reference module stands for each file, and what each file may not import. The judge
imports it for the exceptions, which it rebuilds from what the agent reports.
"""
from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

PACKAGE = "kata_workspace"  # the name the learner's workspace is imported under
REFERENCE = "kata_lent_reference"  # the name the reference is loaded under, then dropped from sys.modules
MISSING = object()


@dataclass(frozen=True)
class Part:
    """What lending needs to know of a piece of the curriculum."""

    id: str
    module: str
    index: int
    symbols: tuple[str, ...]
    needs: tuple[str, ...]  # the learner's modules its checks import, in track order


class LearnerImportError(Exception):
    """A learner's file could not be imported; `where` says where it went wrong, when the learner's code did."""

    def __init__(self, module: str, error: BaseException, where: Any) -> None:
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


def mount(package: str, folder: Path) -> ModuleType:
    """Make a folder importable as `package`, its files as submodules (`package.engine`), afresh, without running
    its __init__.py: a mistake in it must not stop the other files from importing."""
    _forget(package)
    spec = importlib.machinery.ModuleSpec(package, None, is_package=True)
    spec.submodule_search_locations = [str(folder)]
    module = sys.modules[package] = importlib.util.module_from_spec(spec)
    return module


def load_reference(folder: Path, modules: dict[str, str]) -> dict[str, ModuleType]:
    """The reference's modules, loaded from its folder (modules: the learner's module -> its reference's dotted
    name in the folder, "nn" or "repo.nn"); then gone from sys.modules, so no import finds them."""
    mount(REFERENCE, folder)
    try:
        return {name: importlib.import_module(f"{REFERENCE}.{dotted}") for name, dotted in modules.items()}
    finally:
        _forget(REFERENCE)


def _forget(package: str) -> None:
    """Drop a package and its submodules from sys.modules."""
    for name in [m for m in list(sys.modules) if m == package or m.startswith(package + ".")]:
        del sys.modules[name]


class Lender:
    """Imports the learner's workspace once and lends it the reference's code, piece by piece."""

    def __init__(self, root: Path, pieces: Sequence[Part], reference: dict[str, ModuleType],
                 forbidden: dict[str, Sequence[str]], origin: Callable[[BaseException], Any]) -> None:
        self.root = root
        self.pieces = list(pieces)
        self.reference = reference
        self.forbidden = {file: frozenset(names) for file, names in forbidden.items()}  # by file: what it may not import
        self.origin = origin  # where in the learner's files an exception was raised
        self.learner: dict[str, ModuleType] = {}
        self.originals: dict[str, Any] = {}  # symbol -> the learner's own function, or MISSING
        # one globals dict per reference module: its own names, with the learner's classes laid over them
        self.lent_globals = {name: dict(module.__dict__) for name, module in self.reference.items()}
        mount(PACKAGE, root)

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

    def _origin(self, error: BaseException) -> Any:
        """The learner's file and line where an import went wrong."""
        if isinstance(error, SyntaxError) and error.filename:
            return (Path(error.filename).name, error.lineno, None)
        found = self.origin(error)
        return None if found is None else (found[0], found[1], None)

    def _check_forbidden(self, module: str, loaded: ModuleType) -> None:
        for name, value in vars(loaded).items():
            origin = value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", None)
            if isinstance(origin, str) and origin.split(".")[0] in self.forbidden[f"{module}.py"]:
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

    def learner_for(self, piece: Part, passed: set[str]) -> dict[str, Any]:
        """The learner's code as piece should see it: its own, passing earlier pieces', and the reference's."""
        for module in piece.needs:
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
        return self._learner_names({m: self.learner[m] for m in piece.needs})

    def _lend(self, module: str, symbol: str) -> Any:
        """The reference's version of a symbol, rebound to look up names in the learner's modules."""
        return _rebind(self._get(self.reference[module], symbol), self.lent_globals[module])

    def _learner_names(self, modules: dict[str, ModuleType]) -> dict[str, Any]:
        """The learner's top-level objects that the curriculum names (Value, Neuron, trace, ...)."""
        found: dict[str, Any] = {}
        for piece in self.pieces:
            module = modules.get(piece.module)
            for top in (s.split(".")[0] for s in piece.symbols):
                if module is not None and top in vars(module):
                    found[top] = vars(module)[top]
        return found
