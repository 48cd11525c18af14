"""What the worker tells the supervisor, one JSON line per event, for cold and warm workers alike.

A grading's events, in order: Started and Finished for each piece (Exited just before the learner's code
ends the process with os._exit; GraderBroke when the grader finds itself wrong), then Done. A warm worker
wraps each grading in Forked (the child's pid) and Ended (how that child ended).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from micrograd_kata.results import Location, PieceResult


@dataclass(frozen=True)
class Started:
    """The checks of a piece start: its time limit runs from now."""

    piece: str


@dataclass(frozen=True)
class Finished:
    """A piece's verdict."""

    result: PieceResult


@dataclass(frozen=True)
class Exited:
    """The learner's code called os._exit: the process ends right after this event."""

    code: int
    where: Location | None


@dataclass(frozen=True)
class GraderBroke:
    """The grader is wrong, not the learner: the reference engine and torch disagree."""

    message: str


@dataclass(frozen=True)
class Done:
    """Every piece asked for was graded (or grading stopped at the first that does not pass)."""

    pytest_exit_code: int
    output: str               # pytest's own complaint, when it could not run the checks
    torch: bool | None        # whether torch could be imported, when the worker tried


@dataclass(frozen=True)
class Forked:
    """A warm worker forked the child that runs this grading."""

    pid: int


@dataclass(frozen=True)
class Ended:
    """The warm worker's child for this grading ended (negative: killed by that signal)."""

    returncode: int


Event = Started | Finished | Exited | GraderBroke | Done | Forked | Ended
KINDS: dict[str, type[Event]] = {"start": Started, "result": Finished, "exit": Exited, "grader-broke": GraderBroke,
                                 "done": Done, "forked": Forked, "ended": Ended}
NAMES = {kind: name for name, kind in KINDS.items()}


def encode(event: Event) -> str:
    """One line of JSON, newline included."""
    fields: dict[str, Any] = dict(vars(event))
    if isinstance(event, Finished):
        fields["result"] = event.result.to_dict()
    elif isinstance(event, Exited) and event.where is not None:
        fields["where"] = vars(event.where)
    return json.dumps({"event": NAMES[type(event)], **fields}) + "\n"


def decode(line: bytes | str) -> Event:
    """The event of one line."""
    fields = json.loads(line)
    kind = KINDS[fields.pop("event")]
    if kind is Finished:
        return Finished(PieceResult.from_dict(fields["result"]))
    if kind is Exited:
        return Exited(fields["code"], Location.from_dict(fields["where"]))
    return kind(**fields)
