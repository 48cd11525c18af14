"""The records that flow through the grader: what a check found, a piece's verdict, a whole run."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from enum import Enum
from typing import Any

SHOWN_LIMIT = 4000   # characters of one piece of learner-made text kept in a record; longer is cut in the middle
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")   # C0 (but tab and newline), DEL and C1


def visible(text: str, limit: int = SHOWN_LIMIT) -> str:
    """Text that came from learner code, safe to show: control characters written out (ESC as \\x1b), so that
    no escape clears the screen or colours it, and cut in the middle, with a count, past `limit` characters.
    Tabs and newlines are kept; showing it again changes nothing."""
    text = CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text.replace("\r\n", "\n"))
    if len(text) <= limit:
        return text
    keep = (limit - 40) // 2   # each side; the note in between is under 40 characters
    return f"{text[:keep]} … {len(text) - 2 * keep:,} characters cut … {text[-keep:]}"


def _made_visible(record: Any) -> None:
    """Every str (and tuple of str) field of a frozen record passed through visible(): one place, where it is made."""
    for item in fields(record):
        value = getattr(record, item.name)
        if type(value) is str:   # a Status is a str too, and stays one
            object.__setattr__(record, item.name, visible(value))
        elif isinstance(value, tuple) and value and all(type(v) is str for v in value):
            object.__setattr__(record, item.name, tuple(visible(v) for v in value))


class Status(str, Enum):
    """A piece's (or a check's) verdict."""

    PASSED = "passed"
    FAILED = "failed"    # a wrong value or gradient
    TODO = "todo"        # still raises NotImplementedError, or is missing
    ERROR = "error"      # an exception, a syntax error, a forbidden import, an exit
    TIMEOUT = "timeout"  # still running after the time limit
    BLOCKED = "blocked"  # cannot be graded until another piece is fixed
    SKIPPED = "skipped"  # cannot be graded on this machine: the torch piece without torch installed


@dataclass(frozen=True)
class Location:
    """A place in the learner's files: 'engine.py:42 in Value.__mul__', 'engine.py:42', or just 'engine.py'."""

    file: str
    line: int | None = None
    name: str | None = None           # the function or method: 'Value.__mul__', 'Value.__mul__.<locals>._backward'

    def __post_init__(self) -> None:
        _made_visible(self)

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{place} in {self.name}" if self.name else place

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Location | None:
        return None if data is None else cls(**data)


@dataclass(frozen=True)
class GraphNode:
    """One node of a failing program, for drawing it: what the reference computes and what the learner's code did."""

    name: str
    expression: str | None            # "a * b"; None for an input
    op: str | None                    # the operation alone, as draw_dot shows it: "*", "+ 2.5", "tanh"
    operands: tuple[str, ...]         # the nodes it is computed from
    data: float                       # the reference's data and grad
    grad: float
    got_data: float                   # the learner's
    got_grad: float
    wrong: tuple[str, ...] = ()       # which of "data" and "grad" differ beyond the tolerance

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GraphNode:
        return cls(**{**data, "operands": tuple(data.get("operands") or ()), "wrong": tuple(data.get("wrong") or ())})


@dataclass(frozen=True)
class Failure:
    """Why a check did not pass, in the terms a learner needs: expected, got, on which input, where."""

    summary: str                      # one line: "wrong gradient for a in c = a * a"
    expected: str | None = None
    got: str | None = None
    inputs: str | None = None         # "a = 2.0, b = -3.0"
    program: tuple[str, ...] = ()     # the expression, one assignment a line
    node: str | None = None           # the first node (from the output back) whose grad differs
    where: Location | None = None     # engine.py:42 in Value.__mul__
    hint: str | None = None           # what usually causes this
    seed: int | None = None           # replay with --seed
    tolerance: str | None = None      # "|got - expected| <= 1e-6 + 1e-6 * |expected|"
    source_line: str | None = None    # the learner's line at `where`, as written, for a syntax error
    column: int | None = None         # where on that line Python stopped, from 1: the caret
    graph: tuple[GraphNode, ...] = ()  # the program's nodes, in the order computed, for a wrong value or gradient

    def __post_init__(self) -> None:
        _made_visible(self)   # the values, messages and lines came from learner code

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Failure:
        data = dict(data)
        data["program"] = tuple(data.get("program") or ())
        data["where"] = Location.from_dict(data.get("where"))
        data["graph"] = tuple(GraphNode.from_dict(n) for n in data.get("graph") or ())
        return cls(**data)


@dataclass(frozen=True)
class Boundary:
    """A trained classifier's picture, for a passing check to show: the sign of its score over a grid, and the
    points it learned."""

    title: str                                  # "MLP(2, [8, 8, 1]) after 40 steps: accuracy 100%"
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    signs: tuple[str, ...]                      # a row per line, from the top: '+' or '-' per column
    points: tuple[tuple[float, float, int], ...]  # (x, y, label), label -1 or +1

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Boundary:
        return cls(title=data["title"], x_range=(data["x_range"][0], data["x_range"][1]),
                   y_range=(data["y_range"][0], data["y_range"][1]), signs=tuple(data["signs"]),
                   points=tuple((p[0], p[1], p[2]) for p in data["points"]))


@dataclass(frozen=True)
class CheckResult:
    """One pytest check of a piece; a passing check may bring a picture of what the learner's code did."""

    name: str
    status: Status
    seconds: float = 0.0
    failure: Failure | None = None
    boundary: Boundary | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CheckResult:
        failure, boundary = data.get("failure"), data.get("boundary")
        return cls(
            name=data["name"],
            status=Status(data["status"]),
            seconds=data.get("seconds", 0.0),
            failure=Failure.from_dict(failure) if failure else None,
            boundary=Boundary.from_dict(boundary) if boundary else None,
        )


@dataclass(frozen=True)
class PieceResult:
    """A piece's verdict: its status, its checks, and the one message that explains it."""

    piece_id: str
    status: Status
    checks: tuple[CheckResult, ...] = ()
    message: str = ""
    seconds: float = 0.0
    output: str = ""                  # what the learner's code printed, cut short
    blocked_by: str | None = None     # the piece to fix first
    where: Location | None = None     # file:line for an error, a timeout, a syntax error or a stub
    look_at: Location | None = None   # where the learner should look: the problem's place, else the first stub

    def __post_init__(self) -> None:
        _made_visible(self)   # its message and output came from learner code

    @property
    def passed(self) -> int:
        return sum(c.status is Status.PASSED for c in self.checks)

    @property
    def total(self) -> int:
        return len(self.checks)

    @property
    def first_problem(self) -> CheckResult | None:
        """The first check that did not pass: the one to explain."""
        return next((c for c in self.checks if c.status is not Status.PASSED), None)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = self.status.value
        for check in data["checks"]:
            check["status"] = check["status"].value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PieceResult:
        return cls(
            piece_id=data["piece_id"],
            status=Status(data["status"]),
            checks=tuple(CheckResult.from_dict(c) for c in data.get("checks", ())),
            message=data.get("message", ""),
            seconds=data.get("seconds", 0.0),
            output=data.get("output", ""),
            blocked_by=data.get("blocked_by"),
            where=Location.from_dict(data.get("where")),
            look_at=Location.from_dict(data.get("look_at")),
        )


NO_TORCH = "torch is not installed: pieces were graded against the reference engine alone"


@dataclass(frozen=True)
class Run:
    """The results of one grading run, in curriculum order."""

    results: tuple[PieceResult, ...]
    seed: int
    torch: bool = True                # False: torch was not importable, graded against the reference alone
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.torch and not any("torch" in note for note in self.notes):  # said once, first
            object.__setattr__(self, "notes", (NO_TORCH, *self.notes))

    @property
    def passed(self) -> int:
        return sum(r.passed for r in self.results)

    @property
    def total(self) -> int:
        return sum(r.total for r in self.results)

    @property
    def score(self) -> float:
        """Checks passed over checks run, 0.0 when none ran."""
        return self.passed / self.total if self.total else 0.0

    @property
    def all_passed(self) -> bool:
        return bool(self.results) and all(r.status is Status.PASSED for r in self.results)

    def result(self, piece_id: str) -> PieceResult | None:
        return next((r for r in self.results if r.piece_id == piece_id), None)
