"""Checks for `trace`: trace(root) returns every node reachable from root, each once, and every edge."""
from __future__ import annotations

import random
from types import SimpleNamespace
from typing import Any

from micrograd_kata.checks import graphs
from micrograd_kata.checks.expect import expect_each, fail, running, where
from micrograd_kata.checks.graphs import Program, program
from micrograd_kata.checks.random_graphs import random_program
from micrograd_kata.learner import remote, remote_graphs

GRAPHS = [
    program({"a": 2.0}, "b = a * 3"),
    program({"a": 2.0, "b": -3.0, "c": 10.0, "f": -2.0}, "e = a * b", "d = e + c", "L = d * f"),
    program({"a": 3.0}, "b = a + a", "c = b * a"),  # a reached twice, once through b
    program({"a": 2.0, "b": -1.0, "c": 1.5}, "x = a * b", "y = x + c", "z = y * c", "w = x * z"),  # a diamond
]
HINT = ("walk from the root through _prev: add each node to a set once, and for each child add the "
        "edge (child, parent) and walk on from the child")


def reachable(root: Any) -> tuple[dict[int, Any], set[tuple[int, int]]]:
    """The nodes (by id) and (child, parent) edges reachable from root through _prev."""
    if isinstance(root, remote.Remote):  # the learner's graph, in the agent: read in one round trip
        read = remote_graphs.graph(root)
        return ({id(n.remote): n.remote for n in read},
                {(id(c.remote), id(n.remote)) for n in read for c in n._prev})
    nodes, edges, todo = {}, set(), [root]
    while todo:
        v = todo.pop()
        if id(v) not in nodes:
            nodes[id(v)] = v
            for child in v._prev:
                edges.add((id(child), id(v)))
                todo.append(child)
    return nodes, edges


def expect_trace(learner: SimpleNamespace, graph: Program) -> None:
    built = graphs.run(graph, learner.Value)
    names = {id(v): name for name, v in built.items()}

    def show(v: Any) -> str:
        return names.get(id(v), repr(v))  # the number a + 2.5 wraps has no name

    root = built[graph.output]
    expected_nodes, expected_edges = reachable(root)
    context: dict[str, Any] = {"inputs": graph.inputs_text(), "program": graph.render(0) + (f"nodes, edges = trace({graph.output})",),
               "where": where(learner.trace)}
    with running(context["program"], context["inputs"]):
        result = learner.trace(root)
    if not (isinstance(result, (tuple, list)) and len(result) == 2):
        fail("trace did not return a pair (nodes, edges)", expected="(nodes, edges)", got=repr(result),
             hint="return nodes, edges", **context)
    nodes, edges = list(result[0]), list(result[1])
    seen = [id(v) for v in nodes]
    twice = [show(v) for i, v in enumerate(nodes) if id(v) in seen[:i]]
    if twice:
        fail("trace listed a node more than once", expected="each node once", got=f"{twice[0]} twice",
             hint="keep the nodes in a set, or skip a node already collected", **context)
    missing = [show(v) for key, v in expected_nodes.items() if key not in seen]
    extra = [show(v) for v in nodes if id(v) not in expected_nodes]
    if missing or extra:
        fail("trace returned the wrong nodes",
             expected=", ".join(show(v) for v in expected_nodes.values()),
             got=", ".join(show(v) for v in nodes) or "no nodes",
             hint=(f"missing {', '.join(missing)}: " if missing
                   else f"not reachable from the root: {', '.join(extra)}; ") + HINT, **context)
    pairs = {(id(e[0]), id(e[1])) for e in edges}
    if pairs != expected_edges:
        flipped = {(parent, child) for child, parent in expected_edges}
        fail("trace returned the wrong edges",
             expected=", ".join(f"({show(expected_nodes[c])}, {show(expected_nodes[p])})" for c, p in expected_edges),
             got=", ".join(f"({show(e[0])}, {show(e[1])})" for e in edges) or "no edges",
             hint="each edge is (child, parent), the child first" if pairs == flipped else HINT, **context)


def check_lone_value(learner: SimpleNamespace) -> None:
    expect_trace(learner, program({"a": 2.0}))


def check_lecture_graphs(learner: SimpleNamespace) -> None:
    for graph in GRAPHS:
        expect_trace(learner, graph)


def check_random_graphs(learner: SimpleNamespace, rng: random.Random) -> None:
    programs = [random_program(rng, ["add", "mul", "add_k", "mul_k"], 4) for _ in range(30)]
    expect_each(programs, lambda graph: expect_trace(learner, graph), "random graphs")
