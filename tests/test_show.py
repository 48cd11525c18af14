"""`grade show`: the smallest failing program as the lecture's draw_dot picture, wrong nodes in red with expected and
got; without graphviz's `dot`, the .dot source and how to install graphviz."""
from __future__ import annotations

import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from micrograd_kata.cli import cli
from micrograd_kata.cli.practice_commands import picture_keeper
from micrograd_kata.grading import picture
from micrograd_kata.learner import workspace
from micrograd_kata.practice import watch
from micrograd_kata.practice.live import watch_loop
from micrograd_kata.results import CheckResult, PieceResult, Run, Status
from tests.grading_pool import apply_edit
from tests.practice_fakes import StaticGrader
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
    as_json = invoke("show", "tanh", "--json")
    assert json.loads(as_json.stdout) == {"piece": "tanh", "status": "passed", "files": [], "drawn": False}


def test_an_unknown_piece_is_a_usage_error(mul_assigns: Path) -> None:
    result = invoke("show", "tanhh")
    assert result.exit_code == 2 and "tanh" in result.output and "Traceback" not in result.output


def verdict(result: PieceResult | None) -> watch.Verdict:
    return watch.Verdict(run=Run(() if result is None else (result,), seed=1), piece=None, result=result, passing=None,
                         seconds=0.1, at=0.0)


def test_watch_show_keeps_the_picture_current(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Redrawn after each re-grade while the piece fails; removed once it passes; without dot, the source, said once."""
    failure = failing(SHARED, {"x": 4.0, "a": 7.0})
    failed = PieceResult("add-mul", Status.FAILED, checks=(CheckResult("check_x", Status.FAILED, failure=failure),))
    monkeypatch.setattr(picture.shutil, "which", lambda name: None)
    keep = picture_keeper(tmp_path)
    keep(verdict(failed))
    keep(verdict(failed))
    assert "your grad 4.0000" in (tmp_path / "failing-graph.dot").read_text()
    assert capsys.readouterr().err.count("apt-get install graphviz") == 1
    keep(verdict(PieceResult("add-mul", Status.PASSED)))
    assert not (tmp_path / "failing-graph.dot").exists()
    if shutil.which("dot") is not None:
        monkeypatch.undo()
        keep(verdict(failed))
        assert "your grad 4.0000" in (tmp_path / "failing-graph.svg").read_text()
        keep(verdict(None))
        assert not (tmp_path / "failing-graph.svg").exists()


def test_watch_calls_after_with_each_verdict(tmp_path: Path) -> None:
    seen: list[watch.Verdict] = []
    ws = workspace.init(tmp_path / "kata")
    watch_loop(ws, None, seed=1, timeout=5.0, batches=[{"engine.py"}], console=Console(file=io.StringIO()),
               grade=StaticGrader().grade, after=seen.append)
    assert len(seen) == 2 and seen[0].piece is not None and seen[0].piece.id == "derivative"
    assert "--show" in invoke("watch", "--help").output
