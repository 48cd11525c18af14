"""Trying one's own code by hand: the workspace imported as the package `kata`, for `grade shell` and `grade run`.

The learner's files import each other relatively (`from .engine import Value`), so `python nn.py` cannot run
them. Here they are imported as the submodules of a package named `kata` (as the grader's worker does, under
its own name), and their public names (Value, MLP, train, ...) are handed to a prompt or a script.
"""
from __future__ import annotations

import builtins
import importlib
import importlib.util
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from micrograd_kata import curriculum
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.results import visible
from micrograd_kata.runner import lending

PACKAGE = "kata"   # `from kata import Value` in a script, and the prompt's `kata.engine`

Namespace = dict[str, Any]


class TryoutError(Exception):
    """The learner's code could not be imported or raised: one line, naming the learner's file:line."""


def load(workspace: Workspace) -> Namespace:
    """Import the workspace as the package `kata`; its modules' public names, in curriculum order.

    The learner's __init__.py is not run: a mistake in it must not stop the rest.
    """
    missing = workspace.missing_files()
    if missing:
        raise TryoutError(f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing from "
                          f"{workspace.describe()}: `grade reset --all` puts the stubs back (backed up first)")
    package = lending.mount(PACKAGE, workspace.root)
    names: Namespace = {}
    for file in curriculum.files(workspace.track):
        try:
            module = importlib.import_module(f"{PACKAGE}.{file.removesuffix('.py')}")
        except Exception as e:
            raise TryoutError(describe(e, workspace.root)) from e
        for name, value in vars(module).items():
            if not name.startswith("_") and not isinstance(value, ModuleType):
                names[name] = value
                setattr(package, name, value)
    return names


def run_script(workspace: Workspace, script: Path, args: tuple[str, ...] = ()) -> None:
    """Run a scratch script as `__main__`, with the workspace's names already defined and `kata` importable.

    The script's exceptions (and its syntax errors) become one TryoutError; SystemExit passes through.
    """
    names = load(workspace)
    script = script.resolve()
    try:
        code = compile(script.read_bytes(), str(script), "exec")  # bytes: its BOM or coding line, as Python reads it
    except SyntaxError as e:
        raise TryoutError(describe(e, workspace.root, script)) from e
    globals_ = {**names, "__name__": "__main__", "__file__": str(script), "__package__": PACKAGE,
                "__builtins__": builtins}
    argv = sys.argv
    sys.argv = [str(script), *args]
    try:
        exec(code, globals_)
    except Exception as e:
        raise TryoutError(describe(e, workspace.root, script)) from e
    finally:
        sys.argv = argv


Interact = Callable[[Namespace, str], None]


def standard_prompt(namespace: Namespace, banner: str) -> None:
    """Python's own interactive console."""
    import code

    code.interact(banner=banner, local=namespace, exitmsg="")


def ipython_prompt(namespace: Namespace, banner: str) -> None:
    """IPython's prompt, when it is installed."""
    ipython = importlib.import_module("IPython")   # optional: not a dependency of the kata
    print(banner)
    ipython.start_ipython(argv=["--no-banner"], user_ns=namespace)


def default_prompt() -> Interact:
    """IPython on a terminal when it is installed, else Python's own console."""
    if sys.stdin.isatty() and importlib.util.find_spec("IPython") is not None:
        return ipython_prompt
    return standard_prompt


def shell(workspace: Workspace, banner: Callable[[Namespace], str], interact: Interact | None = None) -> None:
    """Open a prompt with the workspace's names already imported."""
    names = load(workspace)
    namespace = {**names, "__name__": "__console__", "__package__": PACKAGE, "kata": sys.modules[PACKAGE]}
    (interact or default_prompt())(namespace, banner(names))


def describe(error: BaseException, root: Path, script: Path | None = None) -> str:
    """One line for an error in the learner's code: where (file:line), what, and where the script called it;
    its control characters made visible, as everything from learner code is."""
    return visible(_described(error, root, script))


def _described(error: BaseException, root: Path, script: Path | None) -> str:
    what = f"{type(error).__name__}: {error}"
    if isinstance(error, SyntaxError) and error.filename:
        text = f": {error.text.strip()}" if error.text and error.text.strip() else ""
        return f"{_name(Path(error.filename), root, script)}:{error.lineno}: SyntaxError: {error.msg}{text}"
    frames = [(Path(frame.f_code.co_filename), line, frame.f_code.co_qualname)   # outermost first
              for frame, line in traceback.walk_tb(error.__traceback__)
              if _is_learners(Path(frame.f_code.co_filename), root, script)]
    if isinstance(error, ModuleNotFoundError) and error.name and (root / f"{error.name}.py").is_file():
        what += f" (your files are the package {PACKAGE} here: `from {PACKAGE}.{error.name} import ...`, or " \
                "use the names, which are already defined)"
    if not frames:
        return what
    (file, line, name), (outer_file, outer_line, _) = frames[-1], frames[0]
    where = f"{_name(file, root, script)}:{line} in {name}: {what}"
    if len(frames) > 1 and outer_file == script and file != script:
        where += f" (called from {outer_file.name}:{outer_line})"
    return where


def _is_learners(file: Path, root: Path, script: Path | None) -> bool:
    return file.parent == root or file == script


def _name(file: Path, root: Path, script: Path | None = None) -> str:
    return file.name if file.parent == root or file == script else str(file)
