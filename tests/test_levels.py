"""Scaffold levels: bare and blank derived from the full stubs of every track, and --level on init, reset, drill and
a speedrun's start, through CliRunner."""
from __future__ import annotations

import ast
import io
import json
import tokenize
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from micrograd_kata import curriculum
from micrograd_kata.cli import cli
from micrograd_kata.learner import scaffold, source, workspace
from micrograd_kata.learner.workspace import TRACK_FILE, Workspace, track_dir
from tests.fakes import FakeClock, stand_in
from tests.practice_fakes import StaticGrader

FILES = [pytest.param(t, f, id=f"{t}/{f}") for t in curriculum.track_names() for f in curriculum.files(t)]

# a stub file as a track may hand it out: starter code written (f, Value.__init__) beside stubs
STARTER = '''"""A module docstring."""
import math  # noqa: F401 (exp needs it)
import random


def f(x):
    """Given: the function to study."""
    return math.sin(x)  # a comment in given code stays


class Value:
    """A class docstring."""

    def __init__(self, data):
        """Given."""
        self.data = data

    def exp(self):  # e**self
        """Return e**self; the derivative of e**x is e**x."""
        # TODO: a new Value, with a _backward
        raise NotImplementedError("exp: Value.exp")


class Module:
    """Only stubs."""

    def parameters(self):
        """Return []."""
        # TODO: none
        raise NotImplementedError("zero-grad: Module.parameters")
'''


def invoke(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args), catch_exceptions=False)


def comments(text: str) -> list[tokenize.TokenInfo]:
    return [t for t in tokenize.generate_tokens(io.StringIO(text).readline) if t.type == tokenize.COMMENT]


def given_lines(text: str) -> set[int]:
    """The lines of the functions and methods a stub file hands out written (not stubs)."""
    parsed = source.parse(Path("stub.py"), text)
    return {n for s in parsed.symbols.values() if not s.is_stub for n in range(s.start, s.end + 1)}


def docstrings(text: str) -> list[int]:
    """The lines where a module, class or function docstring starts."""
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and ast.get_docstring(node) is not None:
            found.append(node.body[0].lineno)
    return found


# the transformation, on every track's files

@pytest.mark.parametrize(("track", "file"), FILES)
def test_bare_has_no_docstring_todo_or_comment(track: str, file: str) -> None:
    """bare: signatures and the raise only, given code aside."""
    text = scaffold.stub_source(track, file, scaffold.BARE)
    given = given_lines(text)
    assert [line for line in docstrings(text) if line not in given] == []
    assert [c.string for c in comments(text) if c.start[0] not in given] == []
    assert "TODO" not in "".join(line for n, line in enumerate(text.splitlines(), 1) if n not in given)


@pytest.mark.parametrize(("track", "file"), FILES)
def test_bare_keeps_every_signature_and_raise(track: str, file: str) -> None:
    full = source.read(track_dir("exercises", track) / file)
    bare = source.parse(Path(file), scaffold.stub_source(track, file, scaffold.BARE))
    assert list(bare.symbols) == list(full.symbols)
    assert all(bare.symbols[name].is_stub == symbol.is_stub for name, symbol in full.symbols.items())
    full_tree, bare_tree = ast.parse(full.text), ast.parse(bare.text)
    signatures = [ast.dump(n.args) for n in ast.walk(full_tree) if isinstance(n, ast.FunctionDef)]
    assert [ast.dump(n.args) for n in ast.walk(bare_tree) if isinstance(n, ast.FunctionDef)] == signatures


@pytest.mark.parametrize(("track", "file"), FILES)
def test_blank_has_no_def_or_class_but_given_code(track: str, file: str) -> None:
    text = scaffold.stub_source(track, file, scaffold.BLANK)
    assert text.splitlines()[0].startswith(f"# {file}")
    full = source.read(track_dir("exercises", track) / file)
    given = {name for name, s in full.symbols.items() if not s.is_stub}
    blank = source.parse(Path(file), text)
    assert set(blank.symbols) == given
    if not given:
        assert comments(text)[0].start == (1, 0) and len(text.splitlines()) == 1


def test_the_transformation_keeps_given_code_whole() -> None:
    bare, blank = scaffold.bare(STARTER), scaffold.blank(STARTER, "engine.py")
    for text in (bare, blank):
        assert 'def f(x):\n    """Given: the function to study."""\n    return math.sin(x)  # a comment in given code stays' \
            in text
        assert '    def __init__(self, data):\n        """Given."""\n        self.data = data' in text
    assert bare == '''import math
import random


def f(x):
    """Given: the function to study."""
    return math.sin(x)  # a comment in given code stays


class Value:
    def __init__(self, data):
        """Given."""
        self.data = data

    def exp(self):
        raise NotImplementedError("exp: Value.exp")


class Module:
    def parameters(self):
        raise NotImplementedError("zero-grad: Module.parameters")
'''
    # blank: the given code, its class line and the one import it uses (math, not random); no stub, no other class
    assert blank == '''# engine.py: write it from memory (`grade hint` names what a piece needs)
import math


def f(x):
    """Given: the function to study."""
    return math.sin(x)  # a comment in given code stays


class Value:
    def __init__(self, data):
        """Given."""
        self.data = data
'''


def test_a_class_of_nothing_but_a_docstring_keeps_a_body() -> None:
    assert scaffold.bare('class Module:\n    """Anything with parameters."""\n') == "class Module:\n    pass\n"


def test_an_unknown_level_is_refused() -> None:
    with pytest.raises(scaffold.UnknownLevel, match="full, bare, blank"):
        scaffold.derive("", "engine.py", "hard")


# the workspace's level

def test_init_writes_the_level_and_the_workspace_remembers_it(tmp_path: Path) -> None:
    made = workspace.init(tmp_path / "kata", level="bare")
    assert json.loads((made.state_dir / TRACK_FILE).read_text()) == {"track": "lecture", "level": "bare"}
    assert Workspace(made.root).level == "bare"
    assert made.path("engine.py").read_text() == scaffold.stub_source("lecture", "engine.py", "bare")
    assert made.path("__init__.py").read_text() == (track_dir("exercises", "lecture") / "__init__.py").read_text()


def test_a_workspace_without_a_level_is_full(tmp_path: Path) -> None:
    made = workspace.init(tmp_path / "kata")
    (made.state_dir / TRACK_FILE).write_text('{"track": "lecture"}')
    assert Workspace(made.root).level == "full"
    (made.state_dir / TRACK_FILE).unlink()
    assert Workspace(made.root).level == "full"


def test_a_level_there_is_not_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = workspace.init(tmp_path / "kata")
    (made.state_dir / TRACK_FILE).write_text('{"track": "lecture", "level": "expert"}')
    monkeypatch.chdir(made.root)
    result = invoke("next")
    assert result.exit_code == 1
    assert "should name this workspace's level" in result.output and "full, bare, blank" in result.output
    assert "Traceback" not in result.output


# the command line

def test_init_level_blank(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "kata"), "--level", "blank")
    assert result.exit_code == 0, result.output
    assert "Made a fresh workspace of blank files" in result.output
    assert Workspace(tmp_path / "kata").level == "blank"
    for file in curriculum.files():
        assert (tmp_path / "kata" / file).read_text() == scaffold.stub_source("lecture", file, "blank")


def test_init_refuses_a_level_there_is_not(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "kata"), "--level", "hard")
    assert result.exit_code == 2 and "'hard' is not one of 'full', 'bare', 'blank'" in result.output


@pytest.fixture
def solved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """A workspace of the solutions, the current directory."""
    made = workspace.init(tmp_path / "kata", source="solutions")
    monkeypatch.chdir(made.root)
    return made


def test_reset_all_at_a_level_changes_the_workspace_level(solved: Workspace) -> None:
    result = invoke("reset", "--all", "--level", "bare")
    assert result.exit_code == 0 and "is a bare stub again" in result.output
    assert Workspace(solved.root).level == "bare"
    assert solved.path("nn.py").read_text() == scaffold.stub_source("lecture", "nn.py", "bare")
    invoke("reset", "--all")   # at the workspace's level
    assert solved.path("nn.py").read_text() == scaffold.stub_source("lecture", "nn.py", "bare")


def test_reset_a_piece_at_blank_takes_its_code_out(solved: Workspace) -> None:
    result = invoke("reset", "add-mul", "--level", "blank")
    assert result.exit_code == 0, result.output
    assert "Took Value.__add__ and Value.__mul__ out of engine.py" in result.output
    symbols = source.read(solved.path("engine.py")).symbols
    assert "Value.__add__" not in symbols and "Value.__mul__" not in symbols and "Value.tanh" in symbols
    assert Workspace(solved.root).level == "blank"


def test_a_class_whose_methods_are_all_taken_out_keeps_its_line(tmp_path: Path) -> None:
    made = workspace.init(tmp_path / "kata", source="solutions")
    text = 'class Neuron:\n    def __init__(self, nin):\n        self.w = nin\n\n    def parameters(self):\n        return []\n'
    made.path("nn.py").write_text(text)
    from micrograd_kata.practice import reset

    taken = reset.take_out(source.read(made.path("nn.py")), ["Neuron.__init__", "Neuron.parameters"])
    assert taken.text == "class Neuron:\n    pass\n"
    assert taken.removed == ("Neuron.__init__", "Neuron.parameters")


def test_drill_at_blank(solved: Workspace) -> None:
    result = invoke("drill", "tanh", "--level", "blank")
    assert result.exit_code == 0, result.output
    drill = Workspace(solved.root / ".kata" / "drills" / "tanh")
    assert drill.level == "blank"
    assert "Value.tanh" not in source.read(drill.path("engine.py")).symbols
    assert "Write tanh (`grade hint tanh` names it)" in result.output


def test_drill_follows_the_workspace_level(solved: Workspace) -> None:
    workspace.set_level(solved, "bare")
    invoke("drill", "tanh")
    engine = (solved.root / ".kata" / "drills" / "tanh" / "engine.py").read_text()
    assert "    def tanh(self):\n        raise NotImplementedError" in engine


@pytest.fixture
def static_grader(monkeypatch: pytest.MonkeyPatch) -> StaticGrader:
    grader = StaticGrader()
    stand_in(monkeypatch, grader.grade)
    return grader


def test_a_speedrun_starts_at_the_level_asked(solved: Workspace, clock: FakeClock,
                                              static_grader: StaticGrader) -> None:
    result = invoke("--all", "--speedrun", "--once", "--level", "blank")
    assert result.exit_code == 1, result.output
    assert Workspace(solved.root).level == "blank"
    assert solved.path("engine.py").read_text() == scaffold.stub_source("lecture", "engine.py", "blank")
    # going on with the run: --level does not change what is running
    result = invoke("--all", "--speedrun", "--once", "--level", "full")
    assert "keeps blank" in result.output
    assert Workspace(solved.root).level == "blank"


def test_a_piece_speedrun_at_blank_takes_the_piece_out(solved: Workspace, clock: FakeClock,
                                                       static_grader: StaticGrader) -> None:
    invoke("tanh", "--speedrun", "--once", "--level", "blank")
    assert "Value.tanh" not in source.read(solved.path("engine.py")).symbols
    assert Workspace(solved.root).level == "blank"


def test_level_without_speedrun_is_a_usage_error(solved: Workspace) -> None:
    result = invoke("next", "--level", "blank")
    assert result.exit_code == 2 and "--level go with --speedrun" in result.output


# blank: what grade next and grade hint say

def test_at_blank_next_names_the_file_and_hint_names_what_to_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  static_grader: StaticGrader) -> None:
    made = workspace.init(tmp_path / "kata", level="blank")
    monkeypatch.chdir(made.root)
    shown = invoke("next").output
    assert "derivative.py (grade hint derivative names what to write in it)" in shown
    assert "derivative.py: derivative" not in shown
    hint = invoke("hint").output
    assert "1. Write the function derivative in derivative.py." in hint and "1 of 4" in hint
    assert "edit  derivative.py: derivative" in invoke("next").output   # asked: named from now on
    assert "2. " + curriculum.get("derivative").hints[0] in invoke("hint").output


def test_the_naming_hint_of_methods() -> None:
    from micrograd_kata.learner import hints

    assert hints.naming_hint(curriculum.get("add-mul")) == "Write class Value's __add__ and __mul__ in engine.py."
    assert hints.texts_for(curriculum.get("tanh"), "full") == curriculum.get("tanh").hints


def test_a_full_workspace_names_at_once(stub_workspace: Path, static_grader: StaticGrader) -> None:
    assert "derivative.py: derivative" in invoke("next").output


def test_the_panel_without_names_says_the_file_and_how_to_ask() -> None:
    import io as text_io

    from rich.console import Console

    from micrograd_kata.grading.views import piece_panel
    from micrograd_kata.results import PieceResult, Status

    piece = curriculum.get("add-mul")
    result = PieceResult(piece.id, Status.TODO, message="engine.py has no Value.__add__ and Value.__mul__ yet")
    out = text_io.StringIO()
    Console(file=out, width=100).print(piece_panel(piece, result, location=None, total_pieces=17, names=False))
    shown = out.getvalue()
    assert "engine.py (grade hint add-mul names what to write in it)" in shown
    assert "Not written yet: engine.py lacks this piece (or part of it)" in shown
    assert "__add__" not in shown and "__mul__" not in shown
