"""Expression programs: small graphs of Value operations, written the way the lecture writes them.

A Program is its inputs with their values, then statements `name = op(args)`; the last
statement is the output. The same program runs on any engine's Value class -- through
Python's operators, so `2 * a` really calls __rmul__ -- and on torch, and renders back to
the lines a learner would type.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from micrograd_kata.checks.operations import OPS
from micrograd_kata.learner import remote, remote_graphs

NAME = r"[A-Za-z_]\w*"
NUMBER = r"-?\d+(?:\.\d+)?"


@dataclass(frozen=True)
class Statement:
    """`name = op(args)`, with k the plain number of ops like `2 * a`."""

    name: str
    op: str
    args: tuple[str, ...]
    k: float | None = None

    def expression(self) -> str:
        template = OPS[self.op].template
        return template.format(*self.args, k=self.k, args=", ".join(self.args))

    def symbol(self) -> str:
        """The operation without its operands, as draw_dot's small op node shows it: '*', '+ 2.5', '**2', 'tanh'."""
        template = re.sub(r"\{\d\}|\{args\}", "", OPS[self.op].template)
        return template.format(k=self.k).strip(" .()[]").replace("** ", "**")

    def __str__(self) -> str:
        return f"{self.name} = {self.expression()}"


@dataclass(frozen=True)
class Program:
    """Inputs with their values, then statements in order; the last statement is the output."""

    inputs: tuple[tuple[str, float], ...]
    statements: tuple[Statement, ...]

    @property
    def output(self) -> str:
        return self.statements[-1].name if self.statements else self.inputs[-1][0]

    @property
    def names(self) -> list[str]:
        """Every node, in the order it is computed."""
        return [name for name, _ in self.inputs] + [s.name for s in self.statements]

    @property
    def size(self) -> int:
        return len(self.inputs) + len(self.statements)

    def statement(self, name: str) -> Statement | None:
        return next((s for s in self.statements if s.name == name), None)

    def consumers(self, name: str) -> list[Statement]:
        """The statements that use `name` as an operand."""
        return [s for s in self.statements if name in s.args]

    def uses(self, name: str) -> int:
        """How often `name` is an operand: `a * a` uses a twice."""
        return sum(s.args.count(name) for s in self.statements)

    def inputs_text(self) -> str:
        return ", ".join(f"{name} = {value!r}" for name, value in self.inputs)

    def render(self, backward_calls: int = 1) -> tuple[str, ...]:
        """The program as the lines a learner would type."""
        lines = [f"{name} = Value({value!r})" for name, value in self.inputs]
        lines += [str(s) for s in self.statements]
        return tuple(lines + [f"{self.output}.backward()"] * backward_calls)


def _parse(line: str) -> Statement:
    name, expression = (part.strip() for part in line.split("=", 1))
    if match := re.fullmatch(r"sum\(\[(.*)\]\)", expression):
        return Statement(name, "sum", tuple(a.strip() for a in match.group(1).split(",")))
    for op_name, op in OPS.items():
        pieces = re.split(r"(\{\d\}|\{k\})", op.template)
        pattern = "".join(f"({NUMBER})" if p == "{k}" else f"({NAME})" if p.startswith("{") else re.escape(p)
                          for p in pieces)
        if match := re.fullmatch(pattern, expression):
            slots = [p for p in pieces if p.startswith("{")]
            args = tuple(g for g, slot in zip(match.groups(), slots) if slot != "{k}")
            numbers = [g for g, slot in zip(match.groups(), slots) if slot == "{k}"]
            k = (float(numbers[0]) if "." in numbers[0] else int(numbers[0])) if numbers else None
            return Statement(name, op_name, args, k)
    raise ValueError(f"cannot read the statement {line!r}")


def program(inputs: dict[str, float], *lines: str) -> Program:
    """A program from its inputs and the lines that compute it: program({"a": 2.0}, "b = a * a")."""
    return Program(tuple((name, float(v)) for name, v in inputs.items()), tuple(_parse(line) for line in lines))


class NotAValue(TypeError):
    """A statement returned something other than a Value of the engine under test."""

    def __init__(self, statement: Statement, result: Any) -> None:
        super().__init__(f"{statement.expression()} returned {result!r}, not a Value")
        self.statement = statement
        self.result = result


def run(program: Program, Value: type) -> dict[str, Any]:
    """Build the program with this Value class; returns every node by name."""
    if isinstance(Value, remote.Remote):  # the learner's, in the agent: in one round trip
        built = remote_graphs.build(Value, wire(program))
        if built[0] == "not a value":
            raise NotAValue(program.statements[built[1]], built[2])
        return dict(built[1])
    nodes = {name: Value(value) for name, value in program.inputs}
    for s in program.statements:
        out = OPS[s.op].apply([nodes[a] for a in s.args], s.k)
        if not isinstance(out, Value):
            raise NotAValue(s, out)
        nodes[s.name] = out
    return nodes


def wire(program: Program) -> dict[str, Any]:
    """The program as the agent builds it: each statement's operation as a Python expression of x and k."""
    statements = []
    for s in program.statements:
        template = OPS[s.op].template
        expression = template.format(*(f"x[{i}]" for i in range(len(s.args))), k="k", args="*x")
        statements.append([s.name, expression, list(s.args), s.k])
    return {"inputs": [list(i) for i in program.inputs], "statements": statements, "output": program.output}


def run_torch(program: Program, torch: ModuleType) -> dict[str, Any]:
    """Build the program with float64 tensors; every node keeps its .grad for comparison."""
    nodes = {name: torch.tensor(value, dtype=torch.float64, requires_grad=True) for name, value in program.inputs}
    for s in program.statements:
        out = OPS[s.op].apply([nodes[a] for a in s.args], s.k)
        out.retain_grad()
        nodes[s.name] = out
    return nodes
