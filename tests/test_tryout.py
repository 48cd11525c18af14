"""`grade run SCRIPT.py` and `grade shell`: the learner's own code, imported as the package `kata`, tried by hand."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from micrograd_kata.cli import cli
from micrograd_kata.learner import workspace
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.practice import tryout


def invoke(*args: str, input: str | None = None) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture(autouse=True)
def forget_kata() -> Iterator[None]:
    yield
    for name in [m for m in sys.modules if m == "kata" or m.startswith("kata.")]:
        del sys.modules[name]


@pytest.fixture
def solved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    ws = workspace.init(tmp_path / "kata", source="solutions")
    monkeypatch.chdir(ws.root)
    return ws


def script(ws: Workspace, text: str, name: str = "scratch.py") -> str:
    ws.path(name).write_text(text)
    return name


def test_a_script_runs_with_the_names_already_defined_and_kata_importable(solved: Workspace) -> None:
    name = script(solved, (
        "from kata import MLP as M\n"
        "from .engine import Value as V\n"
        "import sys\n"
        "assert M is MLP and V is Value\n"
        "a = Value(2.0); b = a * 3 + 1; b.backward()\n"
        "print(b.data, a.grad, len(MLP(3, [4, 1]).parameters()), sys.argv[1:], __name__)\n"
        "print(len(train(MLP(2, [1]), [[1.0, 2.0]], [1.0], steps=3)))\n"))
    result = invoke("run", name, "--lr", "0.1")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["7.0 3.0 21 ['--lr', '0.1'] __main__", "3"]


def test_an_exception_in_the_learner_s_code_is_one_line_naming_file_and_line(solved: Workspace) -> None:
    engine = solved.path("engine.py")
    engine.write_text(engine.read_text().replace("t = (math.exp(2*x) - 1)", "t = 1 / 0 * (math.exp(2*x) - 1)"))
    line = next(i for i, text in enumerate(engine.read_text().splitlines(), 1) if "1 / 0" in text)
    result = invoke("run", script(solved, "x = Value(0.5)\ny = x.tanh()\n"))
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: engine.py:{line} in Value.tanh: ZeroDivisionError: division by zero "
                                     "(called from scratch.py:2)")


def test_syntax_errors_name_their_file_and_line(solved: Workspace) -> None:
    result = invoke("run", script(solved, "print(Value(3.0).relu(\n"))
    assert result.exit_code == 1
    assert result.output.strip() == "Error: scratch.py:1: SyntaxError: '(' was never closed: print(Value(3.0).relu("
    solved.path("nn.py").write_text(solved.path("nn.py").read_text() + "\ndef broken(:\n")
    lines = len(solved.path("nn.py").read_text().splitlines())
    for args in (["run", "scratch.py"], ["shell"]):
        result = invoke(*args)
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert result.output.startswith(f"Error: nn.py:{lines}: SyntaxError: invalid syntax")
        assert len(result.output.strip().splitlines()) == 1


def test_a_plain_import_of_a_kata_file_says_how_to_import_it(solved: Workspace) -> None:
    result = invoke("run", script(solved, "import nn\n"))
    assert result.exit_code == 1
    assert "No module named 'nn'" in result.output and "from kata.nn import" in result.output


def test_the_script_s_own_exit_code_is_kept(solved: Workspace) -> None:
    assert invoke("run", script(solved, "import sys\nsys.exit(3)\n")).exit_code == 3
    assert invoke("run", script(solved, "raise SystemExit\n")).exit_code == 0


def test_the_shell_reads_python_from_its_prompt(solved: Workspace) -> None:
    result = invoke("shell", input="print(Value(2.0) * Value(4.0))\nprint(kata.nn.MLP is MLP)\n")
    assert result.exit_code == 0, result.output
    assert "Value(data=8.0)" in result.stdout and "True" in result.stdout
    assert "imported as the package `kata`" in result.output
    assert "Value, Digraph, trace, draw_dot, Module, Neuron, Layer, MLP," in result.output  # Digraph: graph.py imports it


def test_the_shell_hands_the_prompt_the_workspace_s_names(solved: Workspace) -> None:
    seen: dict[str, Any] = {}

    def interact(namespace: dict[str, Any], banner: str) -> None:
        seen.update(namespace, banner=banner)

    tryout.shell(solved, lambda names: f"{len(names)} names", interact)
    for name in ("Value", "Neuron", "Layer", "MLP", "Module", "trace", "draw_dot", "train", "derivative", "sum_squared_error"):
        assert name in seen
    assert seen["Value"] is sys.modules["kata.engine"].Value and seen["kata"] is sys.modules["kata"]
    assert seen["train"].__module__ == "kata.train"


def test_the_standard_console_when_stdin_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    assert tryout.default_prompt() is tryout.standard_prompt
