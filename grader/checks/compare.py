"""Expression programs run on the learner's Value, on the reference engine and on torch (which checks the
reference), with every value and gradient compared: the first difference, and the Failure a learner reads for it."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from types import ModuleType

from micrograd_kata.checks import graphs
from micrograd_kata.checks.expect import (
    TOLERANCE,
    CheckFailure,
    GraderBug,
    ProgramError,
    close,
    counted,
    fail,
    number,
    raise_smallest,
    running,
    where,
)
from micrograd_kata.checks.operations import OPS
from micrograd_kata.checks.session import Audit
from micrograd_kata.learner import remote, remote_graphs
from micrograd_kata.results import Failure, GraphNode, Location


@dataclass(frozen=True)
class ProgramValues:
    """The data and grad of every named node of a program, after backward()."""

    data: dict[str, float]
    grad: dict[str, float]


def program_values(program: graphs.Program, Value: type, backward_calls: int = 1) -> ProgramValues:
    """Run the program on an engine and call backward() on the output `backward_calls` times."""
    nodes = graphs.run(program, Value)
    for _ in range(backward_calls):
        nodes[program.output].backward()
    return ProgramValues({n: float(v.data) for n, v in nodes.items()}, {n: float(v.grad) for n, v in nodes.items()})


def torch_program_values(program: graphs.Program, torch: ModuleType, backward_calls: int = 1) -> ProgramValues:
    nodes = graphs.run_torch(program, torch)
    for i in range(backward_calls):
        nodes[program.output].backward(retain_graph=i < backward_calls - 1)
    return ProgramValues({n: t.item() for n, t in nodes.items()},
                         {n: 0.0 if t.grad is None else t.grad.item() for n, t in nodes.items()})


def expected_program_values(program: graphs.Program, reference: type, audit: Audit,
                            backward_calls: int = 1) -> ProgramValues:
    """The reference engine's values and gradients, for torch to cross-check (the auditor, runner/auditor.py)."""
    expected = program_values(program, reference, backward_calls)
    audit(cross_check_program, program, expected, backward_calls)
    return expected


def cross_check_program(torch: ModuleType, program: graphs.Program, expected: ProgramValues,
                        backward_calls: int = 1) -> None:
    """torch gives the reference's values and gradients of a program; else the grader is wrong (GraderBug)."""
    truth = torch_program_values(program, torch, backward_calls)
    # after two backward() calls only the leaves are comparable: torch accumulates into the output too
    names = [n for n, _ in program.inputs] if backward_calls > 1 else program.names
    for name in names:
        for what, ours, theirs in (("data", expected.data, truth.data), ("grad", expected.grad, truth.grad)):
            if not close(ours[name], theirs[name]):
                raise GraderBug(f"reference {name}.{what} = {ours[name]!r} but torch says {theirs[name]!r} "
                                f"in {'; '.join(program.render(backward_calls))}")


@dataclass(frozen=True)
class Difference:
    """The first wrong number of a program: a value (data) or a gradient (grad) of one node."""

    program: graphs.Program
    node: str
    quantity: str  # "data" or "grad"
    got: ProgramValues
    expected: ProgramValues


def first_difference(program: graphs.Program, got: ProgramValues, expected: ProgramValues,
                     names: Sequence[str] | None = None) -> Difference | None:
    """Values in the order they are computed, then gradients from the output back to the leaves."""
    names = list(names or program.names)
    for name in names:
        if not close(got.data[name], expected.data[name]):
            return Difference(program, name, "data", got, expected)
    for name in reversed(names):
        if not close(got.grad[name], expected.grad[name]):
            return Difference(program, name, "grad", got, expected)
    return None


# (where, hint) for a Difference: see explain.py
Explainer = Callable[[Difference], "tuple[Location | None, str | None]"]


def describe(difference: Difference, explain: Explainer, backward_calls: int = 1) -> Failure:
    """The Failure a learner reads for a Difference."""
    program, node, quantity = difference.program, difference.node, difference.quantity
    statement = program.statement(node)
    if quantity == "data":
        summary = f"wrong value for {statement or f'{node} = Value({dict(program.inputs)[node]!r})'}"
    elif node == program.output:
        summary = f"wrong gradient for the output {node}"
    else:
        summary = f"wrong gradient for {node}, used in {' and '.join(str(s) for s in program.consumers(node))}"
    location, hint = explain(difference)
    return Failure(
        summary=summary,
        expected=f"{node}.{quantity} = {number(getattr(difference.expected, quantity)[node])}",
        got=f"{node}.{quantity} = {number(getattr(difference.got, quantity)[node])}",
        inputs=program.inputs_text(),
        program=program.render(backward_calls),
        node=node,
        where=location,
        hint=hint,
        tolerance=TOLERANCE,
        graph=graph_nodes(difference),
    )


def graph_nodes(difference: Difference) -> tuple[GraphNode, ...]:
    """Every node of the program, in the order computed: the reference's data and grad, the learner's, what differs."""
    program, got, expected = difference.program, difference.got, difference.expected
    nodes = []
    for name in program.names:
        statement = program.statement(name)
        wrong = tuple(q for q in ("data", "grad")
                      if not close(getattr(got, q)[name], getattr(expected, q)[name]))
        nodes.append(GraphNode(
            name=name,
            expression=statement.expression() if statement else None,
            op=statement.symbol() if statement else None,
            operands=statement.args if statement else (),
            data=expected.data[name], grad=expected.grad[name],
            got_data=got.data[name], got_grad=got.grad[name],
            wrong=wrong,
        ))
    return tuple(nodes)


def not_a_value(program: graphs.Program, statement: graphs.Statement, kind: str, shown: str, Value: type) -> None:
    """Fail: a statement returned something other than a Value."""
    fail(f"{statement} returned {kind} {shown}, not a Value",
         expected="a Value", got=shown, inputs=program.inputs_text(), program=program.render(),
         node=statement.name, where=where(Value, OPS[statement.op].method),
         hint="every operation returns a new Value: out = Value(..., (self, other), op)",
         replayable=False)  # wrong on any input: no seed to replay


def learner_values(programs: Sequence[graphs.Program], Value: type,
                   backward_calls: int = 1) -> list[ProgramValues | ProgramError]:
    """Each program on the engine under test: its values and gradients, or the ProgramError of what it raised.
    With the learner's Value in the agent, all of them in one round trip."""
    if not isinstance(Value, remote.Remote):
        found: list[ProgramValues | ProgramError] = []
        for p in programs:
            try:
                with running(p.render(backward_calls), p.inputs_text()):
                    try:
                        found.append(program_values(p, Value, backward_calls))
                    except graphs.NotAValue as error:
                        not_a_value(p, error.statement, type(error.result).__name__, repr(error.result), Value)
            except ProgramError as error:
                found.append(error)
        return found
    answers = remote_graphs.run_programs(Value, [graphs.wire(p) for p in programs], backward_calls)
    results: list[ProgramValues | ProgramError] = []
    for p, answer in zip(programs, answers):
        if isinstance(answer, BaseException):
            if not isinstance(answer, Exception):
                raise answer
            error = ProgramError(answer, p.render(backward_calls), p.inputs_text())
            error.__cause__ = answer
            results.append(error)
        elif answer[0] == "not a value":
            not_a_value(p, p.statements[answer[1]], answer[2], answer[3], Value)
        else:
            results.append(ProgramValues(dict(zip(p.names, answer[1])), dict(zip(p.names, answer[2]))))
    return results


def expect_programs(programs: Sequence[graphs.Program], Value: type, reference: type, audit: Audit, *,
                    explain: Explainer, what: str = "graphs", backward_calls: int = 1,
                    names: Callable[[graphs.Program], Sequence[str]] | None = None) -> None:
    """Every program gives the reference's values and gradients; else report the smallest that raised, or else the
    smallest that does not give them."""
    differences: list[Difference] = []
    raised: list[tuple[int, ProgramError]] = []
    expected = [expected_program_values(p, reference, audit, backward_calls) for p in programs]
    for p, want, got in zip(programs, expected, learner_values(programs, Value, backward_calls)):
        if isinstance(got, ProgramError):
            raised.append((p.size, got))
            continue
        difference = first_difference(p, got, want, names(p) if names else None)
        if difference is not None:
            differences.append(difference)
    if raised:
        raise_smallest(raised, len(programs), what)
    if not differences:
        return
    smallest = min(differences, key=lambda d: d.program.size)
    failure = describe(smallest, explain, backward_calls)
    raise CheckFailure(replace(failure, summary=failure.summary + counted(len(differences), len(programs), what)))
