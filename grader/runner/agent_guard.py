"""What `import` finds in the agent for the grader's own package and for what the kata forbids: a stand-in.

Loaded by its path into the agent (runner/agent_server.py): standard library only.
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Callable
from types import CodeType, ModuleType
from typing import Any

GRADER = "micrograd_kata"


class Guard(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Hands the learner's code a stand-in for the grader's own package and for what the kata forbids (torch, the
    reference, the solutions): an import of them finds nothing real, at once, and lending names it as before."""

    def __init__(self, forbidden: dict[str, list[str]], root: str, allowed: Callable[[str], None],
                 trusted: CodeType | None = None) -> None:
        self.by_file = {file: frozenset(names) for file, names in forbidden.items()}  # what each learner file may not
        self.forbidden = frozenset((GRADER, *(name for names in forbidden.values() for name in names)))
        self.root = root.rstrip("/") + "/"
        self.on_allowed = allowed  # called before an allowed import of a forbidden name goes ahead
        self.trusted = trusted  # the agent's own import of an allowed name (torch's, at set-up)

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        top = name.split(".")[0]
        if top in self.forbidden:
            if not self._allowed(top):
                return importlib.machinery.ModuleSpec(name, self, is_package=True)
            self.on_allowed(top)
        return None

    def _allowed(self, top: str) -> bool:
        """Whether the learner's file importing now may import top (the exercises track's torch_check.py: torch)."""
        if top == GRADER or all(top in names for names in self.by_file.values()):
            return False
        frame = sys._getframe(2)
        while frame is not None:
            if frame.f_code is self.trusted:
                return True
            file = frame.f_code.co_filename
            if file.startswith(self.root):
                return top not in self.by_file.get(file[len(self.root):], self.forbidden)
            frame = frame.f_back  # type: ignore[assignment]
        return False

    def create_module(self, spec: Any) -> ModuleType:
        return StandIn(spec.name)

    def exec_module(self, module: ModuleType) -> None:
        module.__path__ = []


class StandIn(ModuleType):
    """A forbidden module as the learner's code sees it: every name in it is a stand-in that cannot be used."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return Unusable(self.__name__, name)


class Unusable:
    """A name from a forbidden module: it keeps the module's name, for lending's ForbiddenImport, and does nothing."""

    def __init__(self, module: str, name: str) -> None:
        self.__module__, self.__name__ = module, name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise ModuleNotFoundError(f"{self.__module__} is not available to the code being graded")

    def __getattr__(self, name: str) -> Any:
        raise ModuleNotFoundError(f"{self.__module__} is not available to the code being graded")
