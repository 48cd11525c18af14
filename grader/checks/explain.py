"""What usually causes a wrong value or gradient: the hint, and the file:line a learner should open."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from itertools import combinations
from typing import Any

from micrograd_kata.checks import graphs
from micrograd_kata.checks.compare import Difference, Explainer
from micrograd_kata.checks.expect import close, number, where
from micrograd_kata.checks.operations import OPS
from micrograd_kata.learner import remote, remote_graphs
from micrograd_kata.results import Location


def contributions(difference: Difference, node: str) -> list[float]:
    """What each use of `node` adds to its gradient: the local derivative times the user's grad."""
    data, grad = difference.expected.data, difference.expected.grad
    parts = []
    for s in difference.program.consumers(node):
        local = OPS[s.op].local([data[a] for a in s.args], s.k, data[s.name])
        parts += [local[slot] * grad[s.name] for slot, arg in enumerate(s.args) if arg == node]
    return parts


def overwritten(got: float, parts: list[float]) -> bool:
    """True when `got` is what some of the uses, but not all, add up to: an `=` where `+=` belongs."""
    return any(close(got, sum(subset)) for r in range(1, len(parts)) for subset in combinations(parts, r))


def operations(Value: type, methods: set[str]) -> Explainer:
    """Explain by the operations of the piece under test, `methods` such as {"__add__", "__mul__"}."""

    def explain(difference: Difference) -> tuple[Location | None, str | None]:
        program, node = difference.program, difference.node
        if difference.quantity == "data":
            statement = program.statement(node)
            if statement is None:
                return where(Value, "__init__"), "Value(x) keeps x as its data"
            return where(Value, OPS[statement.op].method), OPS[statement.op].rule
        if node == program.output:
            return where(Value, "backward"), "backward() starts by setting the output's grad to 1: self.grad = 1.0"
        users = program.consumers(node)
        user = next((s for s in users if OPS[s.op].method in methods), users[0])
        location = where(Value, OPS[user.op].method)
        got, expected = difference.got.grad[node], difference.expected.grad[node]
        reached = [n for n in program.names if n != program.output and difference.expected.grad[n] != 0]
        if len(reached) > 1 and all(difference.got.grad[n] == 0 for n in reached):
            return location, ("no gradient reached any node but the output: each op must set "
                              "out._backward = _backward, a closure that adds into its operands' grads")
        parts = contributions(difference, node)
        if len(parts) > 1 and overwritten(got, parts):
            return location, (f"{node} is used {len(parts)} times, so its grad must collect every use: "
                              f"accumulate with += in _backward, never =")
        if expected != 0 and close(got, 2 * expected):
            return location, f"{node}.grad is twice what it should be: its gradient was added twice"
        scale = difference.expected.grad[user.name]
        if len(parts) == 1 and not close(scale, 1.0) and close(got, expected / scale):
            return location, (f"{node}.grad is the local derivative alone: multiply it by out.grad, here "
                              f"{user.name}.grad = {number(scale)} (the chain rule)")
        return location, OPS[user.op].rule

    return explain


def _recording(backward: Callable[[], Any], name: str, calls: list[str]) -> Callable[[], Any]:
    def recorded() -> Any:
        calls.append(name)
        return backward()
    return recorded


def backward_calls(program: graphs.Program, Value: type) -> tuple[list[str], float]:
    """Run backward() once more on a fresh graph, recording whose _backward runs when; and the output's grad."""
    if isinstance(Value, remote.Remote):
        return remote_graphs.backward_order(Value, graphs.wire(program))
    nodes = graphs.run(program, Value)
    calls: list[str] = []
    for s in program.statements:
        nodes[s.name]._backward = _recording(nodes[s.name]._backward, s.name, calls)
    nodes[program.output].backward()
    return calls, float(nodes[program.output].grad)


def order_problem(program: graphs.Program, calls: list[str], output_grad: float) -> str | None:
    """What is wrong with the order in which backward() called the _backward of each node, if anything."""
    if not close(output_grad, 1.0):
        return f"backward() left the output's grad at {output_grad:g}: start with self.grad = 1.0"
    counts = Counter(calls)
    for s in program.statements:
        if counts[s.name] == 0:
            return (f"{s.name}._backward never ran: the order must hold every node reachable from the output, "
                    f"and backward() calls _backward on each")
        if counts[s.name] > 1:
            return (f"{s.name}._backward ran {counts[s.name]} times: keep a visited set, "
                    f"so that each node enters the topological order once")
    if len(calls) > 1 and calls[-1] == program.output:
        return ("the output's _backward ran last: walk the topological order in reverse, "
                "from the output back to the leaves (reversed(topo))")
    position = {name: i for i, name in enumerate(calls)}
    for s in program.statements:
        for arg in s.args:
            if arg in position and position[arg] < position[s.name]:
                return (f"{arg}._backward ran before {s.name}._backward, but {s} uses {arg}: a node's _backward "
                        f"may run only after every node that uses it. Order the nodes depth-first, appending a "
                        f"node after its children (not breadth-first), then walk that list in reverse")
    return None


def backward_order(Value: type) -> Explainer:
    """Explain by the order backward() runs each _backward in: seeding, visiting once, reversing."""
    by_operations = operations(Value, {"backward"})

    def explain(difference: Difference) -> tuple[Location | None, str | None]:
        calls, output_grad = backward_calls(difference.program, Value)
        problem = order_problem(difference.program, calls, output_grad)
        return where(Value, "backward"), problem or by_operations(difference)[1]

    return explain
