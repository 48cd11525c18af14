"""`grade show`: the smallest failing program as the lecture's draw_dot picture, wrong nodes in red with expected and
got; without graphviz's `dot`, the .dot source and how to install graphviz."""
from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from micrograd_kata.cli import cli
from micrograd_kata.grading import picture
from micrograd_kata.learner import workspace
from tests.grading_pool import apply_edit
from tests.test_graph_views import SHARED, failing

SVG = "{http://www.w3.org/2000/svg}"


def invoke(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def mul_assigns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The model answers with `=` for `+=` in __mul__'s _backward, made the current directory."""
    root = tmp_path / "ws"
    ws = workspace.init(root, source="solutions")
    apply_edit(ws, "engine.py", "self.grad += other.data * out.grad", "self.grad = other.data * out.grad")
    monkeypatch.chdir(root)
    return root


def nodes(svg: Path) -> dict[str, ET.Element]:
    """The SVG's graph nodes by name."""
    tree = ET.parse(svg)
    return {g.findtext(f"{SVG}title") or "": g for g in tree.iter(f"{SVG}g") if g.get("class") == "node"}


def texts(node: ET.Element) -> list[str]:
    return [t.text or "" for t in node.iter(f"{SVG}text")]


def test_the_graph_in_draw_dots_style() -> None:
    source = picture.digraph(failing(SHARED, {"x": 4.0, "a": 7.0})).source
    assert "rankdir=LR" in source and "shape=record" in source
    assert "{ w | data 1.5000 | grad 1.0000 }" in source
    assert "x_op -> x" in source and "a -> x_op" in source and "z_op -> z" in source
    assert "{ x (first wrong) | data -2.0000 | expected grad -3.7500 | your grad 4.0000 }" in source


@pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz's dot program is not installed")
def test_show_draws_the_failing_graph_with_the_wrong_node_in_red(mul_assigns: Path) -> None:
    result = invoke("show", "add-mul", "--png", "--seed", "3")
    assert result.exit_code == 1, result.output
    svg = mul_assigns / "failing-graph.svg"
    assert "failing-graph.svg" in result.output and svg.exists() and (mul_assigns / "failing-graph.png").exists()
    drawn = nodes(svg)
    wrong = [(name, node) for name, node in drawn.items() if any("first wrong" in t for t in texts(node))]
    assert len(wrong) == 1, drawn.keys()
    name, node = wrong[0]
    assert all(p.get("stroke") == "red" for p in node.iter(f"{SVG}polygon"))
    words = texts(node)
    assert any(t.startswith("expected grad ") for t in words) and any(t.startswith("your grad ") for t in words)
    right = [n for n in drawn.values() if any(t.startswith("grad ") for t in texts(n))]
    assert right and all(p.get("stroke") == "black" for n in right for p in n.iter(f"{SVG}polygon"))


def test_without_dot_the_source_is_written_and_graphviz_named(mul_assigns: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(picture.shutil, "which", lambda name: None)
    result = invoke("show", "--seed", "3")
    assert result.exit_code == 1
    source = mul_assigns / "failing-graph.dot"
    assert source.exists() and not (mul_assigns / "failing-graph.svg").exists()
    assert "color=red" in source.read_text() and "your grad" in source.read_text()
    assert "apt-get install graphviz" in result.stderr and "brew install graphviz" in result.stderr
    assert "failing-graph.dot" in result.stderr and "Traceback" not in result.output


def test_a_passing_piece_has_nothing_to_draw(mul_assigns: Path) -> None:
    result = invoke("show", "tanh")
    assert result.exit_code == 0 and "passes" in result.output
    assert not (mul_assigns / "failing-graph.svg").exists()


def test_an_unknown_piece_is_a_usage_error(mul_assigns: Path) -> None:
    result = invoke("show", "tanhh")
    assert result.exit_code == 2 and "tanh" in result.output and "Traceback" not in result.output
