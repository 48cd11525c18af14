"""A draw_dot drawing as the checks compare it: its Value records, its op nodes, and how they are wired.

Node names are left out (any naming is fine), so two drawings of one graph compare equal when they show the
same records, the same ops, and the same wiring child -> op -> result.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from micrograd_kata.checks.dot_source import Dot

Record = tuple[str, ...]                       # a Value's fields: ('a', 'data 2.0000', 'grad 6.0000')
Wire = tuple[tuple[Record, ...], str, tuple[Record, ...]]  # (children, op, results) around one op node
RECORD_SHAPES = ("record", "Mrecord")


def record(label: str) -> Record:
    """The fields of a record label, blanks dropped: '{  | data 2.0000 | grad 0.0000 }' has two."""
    text = re.sub(r"(?<!\\)[{}]|<[^>]*>", "", label)
    return tuple(f for f in (" ".join(part.split()) for part in re.split(r"(?<!\\)\|", text)) if f)


def show(fields: Record) -> str:
    """A record as the lecture writes its label: { a | data 2.0000 | grad 6.0000 }."""
    return "{ " + " | ".join(fields) + " }"


def short(fields: Record) -> str:
    """A record by its label, or its data when it has none: 'a', 'data 2.5000'."""
    named = [f for f in fields if not f.startswith(("data", "grad"))]
    return (named or list(fields) or ["(empty)"])[0]


def wire_text(wire: Wire) -> str:
    """'a, b -> * -> e'."""
    children, op, results = wire
    return f"{', '.join(map(short, children)) or 'nothing'} -> {op} -> {', '.join(map(short, results)) or 'nothing'}"


@dataclass(frozen=True)
class Drawing:
    """What a drawing shows, by content: the records, the ops, the wiring, and the direction of the layout."""

    rankdir: str | None
    values: Counter[Record]
    ops: Counter[str]
    wires: Counter[Wire]                  # one per op node
    direct: Counter[tuple[Record, Record]]  # edges from a record straight to a record, no op between
    not_records: tuple[tuple[Record, str], ...]  # Value nodes drawn in another shape: (fields, shape)
    unlabelled_ops: tuple[str, ...]       # op nodes without a label: graphviz shows their names

    def reversed_wires(self) -> Counter[Wire]:
        return Counter({(results, op, children): n for (children, op, results), n in self.wires.items()})


def is_value(dot: Dot, node: str) -> bool:
    """A Value's node: a record, or a label of fields such as data and grad."""
    label = dot.label(node)
    return dot.nodes[node].get("shape") in RECORD_SHAPES or "|" in label or "data" in label


def read(dot: Dot) -> Drawing:
    """The drawing that a parsed draw_dot source shows."""
    values = {n: record(dot.label(n)) for n in dot.nodes if is_value(dot, n)}
    ops = {n: dot.label(n) for n in dot.nodes if n not in values}
    edges = set(dot.edges)  # an arrow drawn twice is still one arrow to compare
    wires: Counter[Wire] = Counter()
    for op in ops:
        children = tuple(sorted(values[t] for t, h in edges if h == op and t in values))
        results = tuple(sorted(values[h] for t, h in edges if t == op and h in values))
        wires[(children, ops[op], results)] += 1
    return Drawing(
        rankdir=dot.graph.get("rankdir"),
        values=Counter(values.values()),
        ops=Counter(ops.values()),
        wires=wires,
        direct=Counter((values[t], values[h]) for t, h in edges if t in values and h in values),
        not_records=tuple((fields, dot.nodes[n].get("shape", "ellipse")) for n, fields in values.items()
                          if dot.nodes[n].get("shape") not in RECORD_SHAPES),
        unlabelled_ops=tuple(n for n in ops if "label" not in dot.nodes[n]),
    )
