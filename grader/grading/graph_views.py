"""The failing program drawn in the terminal: a tree from the output back to the inputs, each node with its data,
the expected grad and the learner's (and their data where it differs), the first wrong node marked.

A node used twice is drawn in full the first time and as `x ↑` after that. A graph taller than MAX_ROWS keeps the
output, the path from it to the first wrong node, and that node's operands; each run of the rest is counted.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text

from micrograd_kata.results import Failure, GraphNode

MAX_ROWS = 14
MARK = "◀ first wrong"
NODE_WIDTH = 36   # a tree wider than this in its node column is drawn with narrow guides


@dataclass(frozen=True)
class Row:
    """One line of the tree: the guides before it, its node, whether it was drawn above, the rows leading to it."""

    guides: str
    node: GraphNode
    again: bool
    path: tuple[int, ...]     # the indices of the rows from the output down to this one's parent


def tree_rows(graph: Sequence[GraphNode], narrow: bool = False) -> list[Row]:
    """The graph as rows, depth first from the output (the last node) back to the inputs; narrow: guides two
    characters a level instead of four, for a deep graph."""
    branch, last_branch, through, past = ("├ ", "└ ", "│ ", "  ") if narrow else ("├── ", "└── ", "│   ", "    ")
    by_name = {n.name: n for n in graph}
    rows: list[Row] = []
    drawn: set[str] = set()

    def visit(node: GraphNode, guides: str, indent: str, path: tuple[int, ...]) -> None:
        rows.append(Row(guides, node, node.name in drawn, path))
        if node.name in drawn:
            return
        drawn.add(node.name)
        here = (*path, len(rows) - 1)
        operands = [by_name[name] for name in dict.fromkeys(node.operands) if name in by_name]
        for i, operand in enumerate(operands):
            last = i == len(operands) - 1
            visit(operand, indent + (last_branch if last else branch), indent + (past if last else through), here)

    if graph:
        visit(graph[-1], "", "", ())
    return rows


def kept(rows: list[Row], first_wrong: str | None) -> list[Row | int]:
    """The rows to show; a count of rows left out in place of each run of them, when there are more than MAX_ROWS."""
    if len(rows) <= MAX_ROWS:
        return list(rows)
    wrong = next((i for i, r in enumerate(rows) if r.node.name == first_wrong and not r.again), 0)
    keep = {0, wrong, *rows[wrong].path, *(i for i, r in enumerate(rows) if r.path[-1:] == (wrong,))}
    out: list[Row | int] = []
    for i, row in enumerate(rows):
        if i in keep:
            out.append(row)
        elif out and isinstance(out[-1], int):
            out[-1] += 1
        else:
            out.append(1)
    return out


def number(x: float, digits: int = 4) -> str:
    """A number as draw_dot writes it, with four decimals; very large ones in powers of ten."""
    if not math.isfinite(x) or abs(x) >= 1e6:
        return f"{x:.{digits}g}" if math.isfinite(x) else str(x)
    return f"{x:.{digits}f}"


def apart(expected: float, got: float) -> tuple[str, str]:
    """Both numbers with just enough decimals to tell them apart."""
    for digits in (4, 6, 9, 12, 17):
        if number(expected, digits) != number(got, digits):
            break
    return number(expected, digits), number(got, digits)


def _yours(node: GraphNode, first: bool) -> Text:
    """The learner's grad, red where it differs, and their data where that differs too."""
    grad = apart(node.grad, node.got_grad)[1] if "grad" in node.wrong else number(node.got_grad)
    text = Text(grad, style="red" if "grad" in node.wrong else "green")
    if "data" in node.wrong:
        text.append(f", data {apart(node.data, node.got_data)[1]}", style="red")
    if first:
        text.append(f" {MARK}", style="bold red")
    return text


def _cells(row: Row, first_wrong: str | None) -> list[Text]:
    node, first = row.node, row.node.name == first_wrong and not row.again
    name = Text(row.guides, style="dim")
    label = node.name if row.again or node.expression is None else f"{node.name} = {node.expression}"
    name.append(label + (" ↑" if row.again else ""), style="bold red" if first else "red" if node.wrong else "cyan")
    if row.again:
        return [name, Text(""), Text(""), Text("")]
    data, grad = (apart(node.data, node.got_data)[0] if "data" in node.wrong else number(node.data),
                  apart(node.grad, node.got_grad)[0] if "grad" in node.wrong else number(node.grad))
    return [name, Text(data, justify="right"), Text(grad, justify="right"), _yours(node, first)]


def graph_view(failure: Failure) -> Table | None:
    """The failing program as a tree from its output; None when the failure has no graph."""
    if not failure.graph:
        return None
    tree = tree_rows(failure.graph)
    if max(len(r.guides) + len(r.node.name) + len(r.node.expression or "") for r in tree) > NODE_WIDTH:
        tree = tree_rows(failure.graph, narrow=True)
    rows = [row if isinstance(row, int) else _cells(row, failure.node) for row in kept(tree, failure.node)]
    widths = [max((len(r[i]) for r in rows if not isinstance(r, int)), default=0) for i in range(4)]
    table = Table(box=None, padding=(0, 1), show_edge=False, pad_edge=False, header_style="dim")
    table.add_column("node", no_wrap=True, overflow="ellipsis")
    table.add_column("data", justify="right", no_wrap=True, min_width=widths[1])
    table.add_column("grad", justify="right", no_wrap=True, min_width=widths[2])
    table.add_column("your grad", no_wrap=True, overflow="ellipsis")
    for row in rows:
        if isinstance(row, int):
            table.add_row(Text(f"… {row} more node{'s' if row > 1 else ''} …", style="dim italic"))
        else:
            table.add_row(*row)
    return table
