"""A failing program drawn as the lecture draws graphs (draw_dot): one record per Value, `{ label | data | grad }`,
a small node per operation, left to right; wrong nodes in red with the expected grad and the learner's.

The picture is made by graphviz's `dot` program, through the Python `graphviz` package; without `dot`, the source
(.dot) is written instead, for the learner to render once graphviz is installed.
"""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from micrograd_kata.results import Failure, GraphNode

if TYPE_CHECKING:
    import graphviz

FILE = "failing-graph.svg"   # where `grade show` and `grade watch --show` draw, in the workspace
INSTALL = "apt-get install graphviz (Debian, Ubuntu) or brew install graphviz (macOS)"


class PictureError(Exception):
    """The picture could not be made or written."""


@dataclass(frozen=True)
class Picture:
    """What was written: the files, and whether `dot` was there to draw them (else the .dot source alone)."""

    files: tuple[Path, ...]
    drawn: bool


def _record(node: GraphNode, first: bool) -> str:
    """The record label: draw_dot's `{ label | data %.4f | grad %.4f }`, with the learner's numbers where wrong."""
    fields = [node.name, f"data {node.data:.4f}"]
    if "data" in node.wrong:
        fields.append(f"your data {node.got_data:.4f}")
    if node.wrong:
        fields += [f"expected grad {node.grad:.4f}", f"your grad {node.got_grad:.4f}"]
    else:
        fields.append(f"grad {node.grad:.4f}")
    if first:
        fields[0] += " (first wrong)"
    return "{ " + " | ".join(fields) + " }"


def digraph(failure: Failure) -> graphviz.Digraph:
    """The failure's graph in draw_dot's style: records for values, small nodes for operations, left to right."""
    import graphviz

    dot = graphviz.Digraph(format="svg", graph_attr={"rankdir": "LR"})
    for node in failure.graph:
        red = {"color": "red", "fontcolor": "red"} if node.wrong else {}
        width = {"penwidth": "2.5"} if node.name == failure.node else {}
        dot.node(node.name, label=_record(node, node.name == failure.node), shape="record", **red, **width)
        if node.op is not None:
            dot.node(f"{node.name}_op", label=node.op)
            dot.edge(f"{node.name}_op", node.name)
            for operand in dict.fromkeys(node.operands):
                dot.edge(operand, f"{node.name}_op")
    return dot


def write(failure: Failure, svg: Path, *, png: bool = False) -> Picture:
    """Draw the failure's graph into `svg` (and a .png beside it); without `dot`, write the .dot source instead."""
    if not failure.graph:
        raise PictureError("this failure has no graph to draw")
    dot = digraph(failure)
    try:
        if shutil.which("dot") is None:
            source = svg.with_suffix(".dot")
            source.write_text(dot.source, encoding="utf-8")
            return Picture((source,), drawn=False)
        files = [svg, *([svg.with_suffix(".png")] if png else [])]
        for file in files:
            file.write_bytes(dot.pipe(format=file.suffix[1:]))
    except OSError as e:
        raise PictureError(f"could not write {svg.name}: {e.strerror or e}") from e
    except subprocess.CalledProcessError as e:
        raise PictureError(f"graphviz's dot failed: {e}") from e
    return Picture(tuple(files), drawn=True)


def keep(failure: Failure | None, svg: Path, *, png: bool = False) -> Picture | None:
    """Keep the picture current (`grade watch --show`): the failure's graph drawn when it has one; else the picture
    (and its .png and .dot) left from an earlier failure is removed, so it never shows a bug already fixed."""
    if failure is not None and failure.graph:
        return write(failure, svg, png=png)
    try:
        for file in (svg, svg.with_suffix(".png"), svg.with_suffix(".dot")):
            file.unlink(missing_ok=True)
    except OSError as e:
        raise PictureError(f"could not remove {svg.name}: {e.strerror or e}") from e
    return None
