"""What `import` finds in the agent for the grader's own package and for what the kata forbids: a stand-in.

Loaded by its path into the agent (runner/agent_server.py): standard library only.
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
from types import ModuleType
from typing import Any

GRADER = "micrograd_kata"


class Guard(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Hands the learner's code a stand-in for the grader's own package and for what the kata forbids (torch, the
    reference, the solutions): an import of them finds nothing real, at once, and lending names it as before."""

    def __init__(self, forbidden: tuple[str, ...]) -> None:
        self.forbidden = frozenset((GRADER, *forbidden))

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name.split(".")[0] in self.forbidden:
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
        return None

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
