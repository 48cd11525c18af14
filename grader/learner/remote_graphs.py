"""The learner's graphs in one round trip to the agent: whole expression programs built and run (with every
node's data and grad back), a graph read at once, a model's scores over many points. A check makes thousands of
small calls otherwise."""
from __future__ import annotations

from typing import Any

from micrograd_kata.learner.remote import Remote


def run_programs(Value: Remote, programs: list[dict[str, Any]], backward_calls: int) -> list[Any]:
    """Many programs built with the learner's Value in one round trip (see agent_server.Agent.do_programs); an
    exception of one program comes back rebuilt, in its place."""
    answers = Value._agent.request("programs", Value, programs, backward_calls)
    return [Value._agent.rebuild(a[1]) if a[0] == "raised" else a for a in answers]


def backward_order(Value: Remote, program: dict[str, Any]) -> tuple[list[str], float]:
    calls, output_grad = Value._agent.request("backward_order", Value, program)
    return list(calls), float(output_grad)


def build(Value: Remote, program: dict[str, Any]) -> list[Any]:
    """A program built with the learner's Value in one round trip (see agent_server.Agent.do_build)."""
    return list(Value._agent.request("build", Value, program))


def scores(model: Any, Value: Any, points: list[list[float]]) -> list[float]:
    """float(model([Value(x), Value(y)]).data) at each point: in one round trip for the agent's model."""
    if isinstance(model, Remote):
        return [float(s) for s in model._agent.request("scores", model, Value, points)]
    return [float(model([Value(x), Value(y)]).data) for x, y in points]


class Node:
    """A node of a learner's graph, read once: the attributes asked for, and _prev as Nodes."""

    def __init__(self, remote: Remote, attributes: dict[str, Any]) -> None:
        self.remote = remote
        self._prev: set[Node] = set()
        for name, value in attributes.items():
            setattr(self, name, value)


def graph(root: Remote, *attributes: str) -> list[Node]:
    """The graph reachable from root through _prev, read in one round trip; root is the first Node."""
    nodes, values, prevs = root._agent.request("graph", root, list(attributes))
    read = [Node(n, dict(zip(attributes, v))) for n, v in zip(nodes, values)]
    for node, prev in zip(read, prevs):
        node._prev = {read[i] for i in prev}
    return read

