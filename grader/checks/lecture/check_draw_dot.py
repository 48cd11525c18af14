"""Checks for `draw_dot`: the lecture's drawing, read back from its DOT source (so no `dot` program is needed) and
compared with the reference's drawing of the same graph: a record per Value showing its label, data and grad, a
small node per op, wired child -> op -> result, laid out left to right. Node names and attribute order are free."""
from __future__ import annotations

import random
import re
from types import SimpleNamespace
from typing import Any

from micrograd_kata.checks import graphs
from micrograd_kata.checks.dot_source import DotError, parse
from micrograd_kata.checks.drawings import Drawing, Record, read, show, wire_text
from micrograd_kata.checks.expect import expect_each, fail, running, where
from micrograd_kata.checks.graphs import Program, program
from micrograd_kata.checks.random_graphs import random_program
from micrograd_kata.learner import remote, remote_graphs

LECTURE = program({"a": 2.0, "b": -3.0, "c": 10.0, "f": -2.0}, "e = a * b", "d = e + c", "L = d * f")
NEURON = program({"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432},
                 "x1w1 = x1 * w1", "x2w2 = x2 * w2", "x1w1x2w2 = x1w1 + x2w2", "n = x1w1x2w2 + b", "o = n.tanh()")
UNLABELLED = program({"a": 2.0, "b": -3.0}, "c = a * b", "d = c + 1.5", "e = d.tanh()")
RANDOM_OPS = ["add", "mul", "add_k", "mul_k", "tanh"]
LABEL = "label=\"{ %s | data %.4f | grad %.4f }\" % (n.label, n.data, n.grad)"
WIRING = ("child -> op -> result: dot.edge(uid + n._op, uid) from each op node to its Value, and "
          "dot.edge(str(id(n1)), str(id(n2)) + n2._op) for each (n1, n2) that trace returns")


def typed(graph: Program, labelled: bool) -> tuple[str, ...]:
    """The program as the lecture types it, labels and all, then backward and the drawing."""
    lines = list(graph.render(0))
    if labelled:
        lines = [f"{line}; {name}.label = {name!r}" for line, name in zip(lines, graph.names)]
    return (*lines, f"{graph.output}.backward()", f"dot = draw_dot({graph.output})")


def label(root: Any, names: dict[int, str]) -> None:
    """Label the named nodes; any other node gets '' if its Value has no label (a Value need not take one)."""
    todo, seen = [root], set()
    while todo:
        v = todo.pop()
        if id(v) not in seen:
            seen.add(id(v))
            if id(v) in names or not hasattr(v, "label"):
                v.label = names.get(id(v), "")
            todo += list(v._prev)


def as_read(root: Any) -> Any:
    """The learner's graph as the reference draws it: read in one go when it lives in the agent."""
    if not isinstance(root, remote.Remote):
        return root
    return remote_graphs.graph(root, "label", "data", "grad", "_op")[0]


def drawings(learner: SimpleNamespace, reference: SimpleNamespace, graph: Program,
             labelled: bool) -> tuple[Drawing, Drawing, dict[str, Any]]:
    """The reference's drawing and the learner's of the same graph, and the context to explain a difference."""
    context: dict[str, Any] = {"inputs": graph.inputs_text(), "program": typed(graph, labelled),
                               "where": where(learner.draw_dot)}
    with running(context["program"], context["inputs"]):
        built = graphs.run(graph, learner.Value)
        root = built[graph.output]
        label(root, {id(v): name for name, v in built.items()} if labelled else {})
        root.backward()
        # drawn first, from the graph read as it is now: the learner's draw_dot may change it
        expected = read(parse(reference.draw_dot(as_read(root)).source))
        dot = learner.draw_dot(root)
    source = getattr(dot, "source", None)
    if not isinstance(source, str):
        fail("draw_dot did not return a graphviz Digraph", expected="a Digraph", got=repr(dot)[:80],
             hint="make dot = Digraph(...), add the nodes and edges, and return dot", **context)
    try:
        return expected, read(parse(str(source))), context
    except DotError as error:
        fail("the drawing's DOT source cannot be read", expected="DOT as graphviz writes it", got=str(error),
             hint="draw with dot.node(...) and dot.edge(...) alone", **context)
        raise


def swapped(fields: Record) -> Record:
    """The record with its data and grad numbers exchanged."""
    numbers = {f.split()[0]: f.split(None, 1)[-1] for f in fields if f.startswith(("data ", "grad "))}
    other = {"data": numbers.get("grad"), "grad": numbers.get("data")}
    return tuple(f"{f.split()[0]} {other[f.split()[0]]}" if f.split()[0] in numbers else f for f in fields)


def expect_values(expected: Drawing, got: Drawing, context: dict[str, Any]) -> None:
    missing, extra = expected.values - got.values, got.values - expected.values
    if missing or extra:
        drew, total = got.values.total(), expected.values.total()
        if not extra:
            summary, hint = f"draw_dot drew {drew} of the {total} values", \
                "draw a record for every node trace(root) returns: it walks the whole graph, not just the root's children"
        elif not missing:
            summary, hint = f"draw_dot drew {drew} values, the graph has {total}", "one record per Value, named uid = str(id(n))"
        elif any(swapped(r) in extra for r in missing):
            summary, hint = "the values' data and grad are swapped", f"data first, then grad: {LABEL}"
        elif any(not re.fullmatch(r"-?\d+\.\d{4}", f.split(None, 1)[-1]) for r in extra for f in r
                 if f.startswith(("data ", "grad "))):
            summary, hint = "the values' numbers are not shown with four decimals", f"%.4f, as the lecture: {LABEL}"
        else:
            summary, hint = "the values' labels differ from the lecture's", f"a record per Value: {LABEL}"
        if extra:
            shown = ", ".join(map(show, missing.elements())) or f"{total} values", ", ".join(map(show, extra.elements()))
        else:
            shown = f"{total} values, among them " + ", ".join(map(show, missing.elements())), \
                f"{drew} values: " + ", ".join(map(show, got.values.elements()))
        fail(summary, expected=shown[0], got=shown[1], hint=hint, **context)
    if got.not_records:
        fields, shape = got.not_records[0]
        fail("a Value is not drawn as a record", expected="shape=record", got=f"{show(fields)} with shape={shape}",
             hint="dot.node(name=uid, ..., shape='record'): a record splits its label into fields at |", **context)


def expect_ops(expected: Drawing, got: Drawing, context: dict[str, Any]) -> None:
    missing, extra = expected.ops - got.ops, got.ops - expected.ops
    if not (missing or extra):
        return
    ops = ", ".join(sorted(expected.ops.elements())) or "no op nodes"
    if not got.ops:
        straight = f" (and {got.direct.total()} arrows from value straight to value)" if got.direct else ""
        fail("draw_dot drew no op nodes", expected=ops, got="no op nodes" + straight,
             hint="for a Value with an _op, draw a node uid + n._op labelled n._op, between its children and it", **context)
    hint = ("dot.node(name=uid + n._op, label=n._op): without a label graphviz shows the node's name"
            if got.unlabelled_ops else "one op node for each Value that has an _op, labelled with n._op")
    fail("draw_dot drew the wrong op nodes", expected=ops, got=", ".join(sorted(got.ops.elements())) or "no op nodes",
         hint=hint, **context)


def expect_wires(expected: Drawing, got: Drawing, context: dict[str, Any]) -> None:
    if got.wires == expected.wires and got.direct == expected.direct:
        return
    reversed_ = got.reversed_wires() == expected.wires
    wrong = sorted(wire_text(w) for w in (got.wires - expected.wires).elements())
    wrong += sorted(f"{show(a)} -> {show(b)}" for a, b in got.direct.elements())
    fail("the arrows point from result to child" if reversed_ else "draw_dot wired the graph wrongly",
         expected="; ".join(sorted(wire_text(w) for w in (expected.wires - got.wires).elements())) or "no other arrows",
         got="; ".join(wrong) or "arrows missing", hint=WIRING, **context)


def expect_drawing(learner: SimpleNamespace, reference: SimpleNamespace, graph: Program, labelled: bool = True) -> None:
    expected, got, context = drawings(learner, reference, graph, labelled)
    if (got.rankdir or "").upper() != "LR":
        fail("the drawing is not laid out left to right", expected="rankdir=LR",
             got=f"rankdir={got.rankdir}" if got.rankdir else "no rankdir: top to bottom",
             hint="Digraph(format='svg', graph_attr={'rankdir': 'LR'}), as the lecture does", **context)
    for expect in (expect_values, expect_ops, expect_wires):
        expect(expected, got, context)


def check_lone_value(learner: SimpleNamespace, reference: SimpleNamespace) -> None:
    expect_drawing(learner, reference, program({"a": 2.0}))


def check_lecture_graphs(learner: SimpleNamespace, reference: SimpleNamespace) -> None:
    for graph in (LECTURE, NEURON):
        expect_drawing(learner, reference, graph)


def check_values_without_labels(learner: SimpleNamespace, reference: SimpleNamespace) -> None:
    expect_drawing(learner, reference, UNLABELLED, labelled=False)


def check_random_graphs(learner: SimpleNamespace, reference: SimpleNamespace, rng: random.Random) -> None:
    programs = [random_program(rng, RANDOM_OPS, 4) for _ in range(20)]
    expect_each(programs, lambda graph: expect_drawing(learner, reference, graph), "random graphs")

