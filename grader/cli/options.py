"""Options shared by the group and its commands: given on either, the command's value wins."""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from micrograd_kata import curriculum
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner.state import StateError
from micrograd_kata.learner.workspace import NoWorkspace, Workspace, WorkspaceError, find, open_workspace

F = TypeVar("F", bound=Callable[..., Any])


class NotInAWorkspace(click.ClickException):
    """Run outside any workspace: a usage error (exit 2), said in one line."""

    exit_code = 2


class Bounded(click.ParamType):
    """A finite number from low to high: nan, inf and absurd values are usage errors (exit 2), said in one line."""

    def __init__(self, low: float, high: float, *, unit: str, example: str, integer: bool = False) -> None:
        self.low, self.high, self.unit, self.example, self.integer = low, high, unit, example, integer
        self.name = "integer" if integer else "number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number: float = value
        else:
            try:
                number = int(value) if self.integer else float(value)
            except ValueError:
                self.fail(f"{value!r} is not {'a whole number' if self.integer else 'a number'}: {self.wanted()}.",
                          param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value} is not a finite number: {self.wanted()}.", param, ctx)
        if not self.low <= number <= self.high:
            self.fail(f"{value} is out of range: {self.wanted()}.", param, ctx)
        return number

    def wanted(self) -> str:
        low, high = (f"{int(b)}" if self.integer else f"{b:g}" for b in (self.low, self.high))
        return f"give {self.unit} from {low} to {high}, e.g. {self.example}"


TIMEOUT = Bounded(0.1, 3600.0, unit="seconds", example="--timeout 20")
MEMORY = Bounded(64, 65536, unit="megabytes", example="--memory 4096", integer=True)
SEED = Bounded(0, 2**32 - 1, unit="a seed", example="--seed 1234", integer=True)


@dataclass
class Settings:
    """What the options asked for, gathered from `grade` and its command; None means not given."""

    workspace: Path | None = None
    as_json: bool = False
    seed: int | None = None
    timeout: float | None = None
    memory: int | None = None
    speedrun: bool = False
    once: bool = False
    abandon: bool = False

    def open_workspace(self) -> Workspace:
        """The workspace named by --workspace, else the nearest one above the current directory."""
        try:
            return open_workspace(self.workspace) if self.workspace else find()
        except NoWorkspace as e:
            raise NotInAWorkspace(str(e)) from e
        except WorkspaceError as e:
            raise click.BadParameter(str(e), param_hint="'--workspace'") from e

    def track(self) -> str:
        """The track of the workspace these settings name (or the nearest one); the lecture's outside any workspace,
        for commands that may run there (the others say so when they open the workspace)."""
        try:
            return self.open_workspace().track
        except (click.ClickException, StateError):
            return curriculum.LECTURE


def settings(ctx: click.Context) -> Settings:
    """The settings shared by the group's context and its command's."""
    return ctx.ensure_object(Settings)


def _store(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    # Callbacks run in parse order, the group's before its command's: a later, given value wins.
    # A flag that is not given is False and never switches off what the group turned on.
    if value is not None and value is not False and param.name:
        setattr(settings(ctx), param.name, value)


def _option(*decls: str, **attrs: Any) -> Callable[[F], F]:
    return click.option(*decls, callback=_store, expose_value=False, **attrs)


def common_options(f: F) -> F:
    """--workspace, --json, --seed, --timeout, --memory: taken by the group and by every grading command."""
    for option in reversed([
        _option("--workspace", "workspace", metavar="DIR", type=click.Path(path_type=Path),
                help="The workspace to grade (default: the nearest folder above here with a .kata/ in it)."),
        _option("--json", "as_json", is_flag=True, default=None,
                help="Print one JSON object on stdout instead of the tables."),
        _option("--seed", "seed", type=SEED, metavar="N",
                help="Seed the random inputs, to replay a failure exactly."),
        _option("--timeout", "timeout", type=TIMEOUT, metavar="SECONDS",
                help="Time limit for each piece's checks, 0.1 to 3600 (default 5)."),
        _option("--memory", "memory", type=MEMORY, metavar="MB",
                help="Memory your code may allocate while graded, 64 to 65536 MB (default 1024)."),
    ]):
        f = option(f)
    return f


def json_option(f: F) -> F:
    """--json alone, for commands that do not grade."""
    return _option("--json", "as_json", is_flag=True, default=None, help="Print one JSON object on stdout.")(f)


def workspace_option(f: F) -> F:
    """--workspace alone, for commands that do not grade."""
    return _option("--workspace", "workspace", metavar="DIR", type=click.Path(path_type=Path),
                   help="The workspace (default: the nearest folder above here with a .kata/ in it).")(f)


def speedrun_options(f: F) -> F:
    """--speedrun, --once, --abandon."""
    for option in reversed([
        _option("--speedrun", "speedrun", is_flag=True, default=None,
                help="Race the clock (with --all: the whole kata)."),
        _option("--once", "once", is_flag=True, default=None,
                help="With --speedrun: grade once instead of on every save."),
        _option("--abandon", "abandon", is_flag=True, default=None,
                help="With --speedrun: abandon the speedrun in progress."),
    ]):
        f = option(f)
    return f


def piece_argument(piece_id: str, track: str) -> Piece:
    """The track's piece a PIECE argument names (an id, or its number in `grade list`); an unknown one is a usage
    error."""
    try:
        return curriculum.get(piece_id, track)
    except curriculum.UnknownPiece as e:
        raise click.BadParameter(str(e), param_hint="'PIECE'") from e
