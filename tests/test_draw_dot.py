"""draw_dot is graded from the Digraph's DOT source: the reader takes any node names, attribute order and way of
setting rankdir, and two drawings of one graph compare equal however they name their nodes."""
from __future__ import annotations

import pytest
from graphviz import Digraph

from micrograd_kata.checks import drawings
from micrograd_kata.checks.dot_source import DotError, parse
from micrograd_kata.reference import graph
from micrograd_kata.reference.engine import Value
from micrograd_kata.solutions.lecture import graph as solution


def lecture() -> Value:
    a, b, c, f = Value(2.0, label="a"), Value(-3.0, label="b"), Value(10.0, label="c"), Value(-2.0, label="f")
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    out = d * f
    out.label = "L"
    out.backward()
    return out


def test_the_reader_takes_what_graphviz_writes() -> None:
    dot = Digraph(graph_attr={"rankdir": "LR"})
    dot.node("140+", label="+")
    dot.node(name="7", shape="record", label='{ say "hi" | data 2.0000 | grad 0.0000 }')
    dot.edge("7", "140+")
    read = parse(dot.source)
    assert read.graph == {"rankdir": "LR"}
    assert read.nodes["7"] == {"shape": "record", "label": '{ say "hi" | data 2.0000 | grad 0.0000 }'}
    assert read.label("140+") == "+" and read.edges == [("7", "140+")]


def test_the_reader_takes_plain_dot_too() -> None:
    read = parse('strict digraph G {\n  rankdir=LR; node [shape=record]\n  // a comment\n'
                 '  a:f0 -> "b c" -> {d; e} [color=red]\n  x\n}')
    assert read.graph == {"rankdir": "LR"}
    assert read.edges == [("a", "b c"), ("b c", "d"), ("b c", "e")]
    assert read.nodes["x"] == {"shape": "record"} and read.label("x") == "x"


@pytest.mark.parametrize("source", ["graph { a -- }", "digraph { a [label=] }", "digraph { a", "{ a }"])
def test_what_the_reader_cannot_read_is_a_dot_error(source: str) -> None:
    with pytest.raises(DotError):
        parse(source)


def test_drawings_of_one_graph_compare_equal_whatever_the_node_names() -> None:
    root = lecture()
    mine, theirs = (drawings.read(parse(draw(root).source)) for draw in (solution.draw_dot, graph.draw_dot))
    assert mine == theirs
    assert mine.rankdir == "LR" and sorted(mine.ops.elements()) == ["*", "*", "+"]
    assert ("a", "data 2.0000", "grad 6.0000") in mine.values
    assert sorted(drawings.wire_text(w) for w in mine.wires) == ["a, b -> * -> e", "c, e -> + -> d", "d, f -> * -> L"]


def test_reversed_arrows_show_as_reversed_wires() -> None:
    root = lecture()
    dot = parse(graph.draw_dot(root).source)
    dot.edges = [(head, tail) for tail, head in dot.edges]
    flipped, drawn = drawings.read(dot), drawings.read(parse(graph.draw_dot(root).source))
    assert flipped.wires != drawn.wires and flipped.reversed_wires() == drawn.wires


def test_a_record_without_its_label_field_reads_as_one_with_an_empty_one() -> None:
    assert drawings.record("{  | data 2.5000 | grad 0.0000 }") == drawings.record("{data 2.5000|grad 0.0000}")
    assert drawings.show(("a", "data 2.0000")) == "{ a | data 2.0000 }"
    assert drawings.short(("data 2.5000", "grad 1.0000")) == "data 2.5000"
