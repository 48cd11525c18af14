"""Learner code that hangs, exits, floods output, does not parse, imports what it must not, or is missing:
each fault is reported on its own piece, as a learner can act on it, and the other pieces are still graded."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from micrograd_kata import curriculum
from micrograd_kata.learner import workspace
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.results import Run, Status
from tests.grading_pool import GradingPool, describe, edited_solutions, line_of, result_of, selected_params
from tests.learner_bugs import Edit

PIECES = curriculum.load()
ENGINE_PIECES = [p.id for p in PIECES if p.file == "engine.py"]
SEED = 5


def engine(old: str, new: str) -> Edit:
    return Edit("engine.py", old, new)


# making the faulty workspaces: module-level functions, so that the pool's processes can run them

def without_file(root: Path, file: str) -> Workspace:
    ws = workspace.init(root, source="solutions")
    ws.path(file).unlink()
    return ws


def with_init(root: Path, text: str) -> Workspace:
    ws = workspace.init(root, source="solutions")
    ws.path("__init__.py").write_text(text, encoding="utf-8")
    return ws


def without_class(root: Path, file: str, name: str) -> Workspace:
    """The solutions with one class of `file` deleted, from its `class` line up to the next one."""
    ws = workspace.init(root, source="solutions")
    text = ws.path(file).read_text(encoding="utf-8")
    start = text.index(f"class {name}(")
    end = text.index("\nclass ", start) + 1
    ws.path(file).write_text(text[:start] + text[end:], encoding="utf-8")
    return ws


def with_appended(root: Path, file: str, text: str) -> Workspace:
    ws = workspace.init(root, source="solutions")
    with ws.path(file).open("a", encoding="utf-8") as f:
        f.write(text)
    return ws


LOOP = "        while True:\n            x = x + 0\n"
SYS_EXIT = "        __import__('sys').exit(3)\n"
OS_EXIT = "        __import__('os')._exit(7)\n"
BAD_SYNTAX = "        x = = self.data\n"
MODULE_SYNTAX = "SCALE = = 2\n"
FLOOD = "        print('x' * 5_000_000)\n        __import__('os').write(1, b'y' * 1_000_000)\n"
RETURNS_NONE = "        return None\n"
TYPO = "self.grad += other.date * out.grad"
RUNTIME_IMPORT = '\nValue = __import__("importlib").import_module("solutions.lecture.engine").Value\n'
# name -> (file, the import line added below the file's own imports, the module it names)
IMPORTS = {
    "torch-in-nn": ("nn.py", "import torch", "torch"),
    "solutions-in-engine": ("engine.py", "from solutions.engine import Value", "solutions.engine"),
    "reference-in-engine": ("engine.py", "from reference import engine", "reference"),
}
FIRST_CLASS = {"engine.py": "\n\nclass Value:", "nn.py": "\n\nclass Module:"}


def inserted(text: str, before: str, file: str = "engine.py") -> Callable[[Path], Workspace]:
    """The solutions with `text` inserted just before the one occurrence of `before` in `file`."""
    return partial(edited_solutions, edits=[Edit(file, before, text + before)])


# fault id -> (what makes the workspace, given its directory; options for grade())
FAULTS: dict[str, tuple[Callable[[Path], Workspace], dict[str, Any]]] = {
    "endless_loop": (inserted(LOOP, before="        t = (math.exp(2*x)"), {"timeout": 2}),
    "sys_exit": (inserted(SYS_EXIT, before="        out = Value(math.exp(x)"), {}),
    "os_exit": (inserted(OS_EXIT, before="        assert isinstance(other, (int, float))"), {}),
    "syntax_error": (inserted(BAD_SYNTAX, before="        out = Value(math.exp(x)"), {}),
    "module_syntax_error": (inserted(MODULE_SYNTAX, before=FIRST_CLASS["engine.py"]), {}),
    "print_flood": (inserted(FLOOD, before='        return f"Value(data={self.data})"'), {}),
    **{f"forbidden_{name}": (inserted(f"{line}\n", before=FIRST_CLASS[file], file=file), {})
       for name, (file, line, _) in IMPORTS.items()},
    "runtime_forbidden_import": (partial(with_appended, file="engine.py", text=RUNTIME_IMPORT), {}),
    "missing_file": (partial(without_file, file="graph.py"), {}),
    "init_raises": (partial(with_init, text="raise RuntimeError('a broken __init__.py')\n"), {}),
    "init_syntax_error": (partial(with_init, text="from . import (\n"), {}),
    "missing_class": (partial(without_class, file="nn.py", name="Layer"), {}),
    "add_returns_none": (inserted(RETURNS_NONE, before="        out = Value(self.data + other.data,"), {}),
    "typo_in_backward": (partial(edited_solutions, edits=[engine("self.grad += other.data * out.grad", TYPO)]), {}),
}

Graded = Callable[[str], tuple[Workspace, Run]]


@pytest.fixture(scope="module")
def graded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graded]:
    """graded(fault id) -> (workspace, run) of every piece; the selected faults are all submitted at once."""
    root = tmp_path_factory.mktemp("faults")
    pool = GradingPool()

    def submit(fault: str) -> Future[tuple[Workspace, Run]]:
        make, options = FAULTS[fault]
        return pool.submit(fault, partial(make, root / fault), seed=SEED, **options)

    for name, params in selected_params(request):
        fault = params.get("fault", name.removeprefix("test_"))
        if fault in FAULTS:
            submit(fault)
    yield lambda fault: submit(fault).result()
    pool.close()


def statuses(run: Run) -> dict[str, Status]:
    return {r.piece_id: r.status for r in run.results}


def expect_only(run: Run, problems: dict[str, Status]) -> None:
    """Every piece was graded; the pieces in `problems` have those statuses, every other piece passed."""
    assert [r.piece_id for r in run.results] == [p.id for p in PIECES], describe(run)
    expected = {p.id: problems.get(p.id, Status.PASSED) for p in PIECES}
    assert statuses(run) == expected, describe(run)


def test_endless_loop(graded: Graded) -> None:
    """A piece still running after the time limit is a timeout at the stuck line; the later pieces are still graded."""
    ws, run = graded("endless_loop")
    expect_only(run, {"tanh": Status.TIMEOUT})
    tanh = result_of(run, "tanh")
    first = line_of(ws, "engine.py", LOOP)
    where = tanh.where
    assert where and where.file == "engine.py" and (where.name or "").endswith("tanh"), describe(run)
    assert where.line in (first, first + 1), describe(run)
    assert str(where) in tanh.message and "2 s" in tanh.message, tanh.message
    assert tanh.checks and tanh.checks[0].failure and tanh.checks[0].failure.where == tanh.where


def test_sys_exit(graded: Graded) -> None:
    """sys.exit inside a piece is that piece's error, at that line; pytest goes on with the next piece."""
    ws, run = graded("sys_exit")
    expect_only(run, {"exp": Status.ERROR})
    exp = result_of(run, "exp")
    assert "sys.exit(3)" in exp.message, exp.message
    assert str(exp.where) == f"engine.py:{line_of(ws, 'engine.py', SYS_EXIT)} in Value.exp", exp.where


def test_os_exit(graded: Graded) -> None:
    """os._exit ends the worker process: the piece is an error at that line and a fresh process grades the rest."""
    ws, run = graded("os_exit")
    expect_only(run, {"pow": Status.ERROR})
    pow_ = result_of(run, "pow")
    assert "os._exit(7)" in pow_.message, pow_.message
    assert str(pow_.where) == f"engine.py:{line_of(ws, 'engine.py', OS_EXIT)} in Value.__pow__", pow_.where


def test_syntax_error(graded: Graded) -> None:
    """A line that does not parse inside exp costs exp alone: an error at that line, shown with a caret; the rest of
    engine.py is graded with exp read as a stub, and every other piece passes."""
    ws, run = graded("syntax_error")
    line = line_of(ws, "engine.py", BAD_SYNTAX)
    expect_only(run, {"exp": Status.ERROR})
    exp = result_of(run, "exp")
    assert f"engine.py:{line}" in exp.message and "SyntaxError" in exp.message, exp.message
    assert str(exp.where) == f"engine.py:{line} in Value.exp"
    failure = exp.checks[0].failure
    assert failure is not None and failure.source_line == BAD_SYNTAX.rstrip("\n") and failure.column == 13, failure


def test_syntax_error_outside_any_function(graded: Graded) -> None:
    """A line at module level cannot be confined to one function: the file's first piece is the error, and the
    rest of engine.py, and every piece that imports it, are blocked by it."""
    ws, run = graded("module_syntax_error")
    line = line_of(ws, "engine.py", MODULE_SYNTAX)
    users = [p.id for p in PIECES if p.file != "derivative.py"]  # graph.py, nn.py and train.py all need engine.py
    expect_only(run, {**{piece: Status.BLOCKED for piece in users}, "value": Status.ERROR})
    value = result_of(run, "value")
    assert f"engine.py:{line}" in value.message and "SyntaxError" in value.message, value.message
    assert str(value.where) == f"engine.py:{line}"
    for piece in users:
        if piece != "value":
            result = result_of(run, piece)
            assert result.blocked_by == "value", describe(run)
            assert "value" in result.message and f"engine.py:{line}" in f"{result.message} {result.where}", result.message


def test_print_flood(graded: Graded) -> None:
    """Megabytes printed by a method do not stop the grading: the piece passes and its output is cut short, with a note."""
    _, run = graded("print_flood")
    expect_only(run, {})
    output = result_of(run, "value").output
    assert output.startswith("x" * 100)
    assert len(output) < 3000, len(output)
    cut = re.search(r"([\d,]+) more characters cut", output)
    assert cut and int(cut[1].replace(",", "")) >= 4_990_000, output[-200:]


@pytest.mark.parametrize("fault", [f"forbidden_{name}" for name in IMPORTS], ids=list(IMPORTS))
def test_forbidden_import(fault: str, graded: Graded) -> None:
    """Importing torch, the solutions or the reference is an error for every piece of that file, saying what and where."""
    ws, run = graded(fault)
    file, text, module = IMPORTS[fault.removeprefix("forbidden_")]
    line = line_of(ws, file, text)
    own = [p.id for p in PIECES if p.file == file]
    for piece in own:
        result = result_of(run, piece)
        assert result.status is Status.ERROR, describe(run)
        assert module in result.message and f"{file}:{line}" in result.message, result.message
        assert str(result.where) == f"{file}:{line}"
    first = min(curriculum.get(piece).index for piece in own)
    assert all(r.status is Status.PASSED for r in run.results[:first]), describe(run)


def test_forbidden_import_in_use_fails_what_uses_it(graded: Graded) -> None:
    """torch imported in nn.py: the loss and the training loop, which use nn.py, do not pass either."""
    _, run = graded("forbidden_torch-in-nn")
    assert all(result_of(run, p).status is not Status.PASSED for p in ("loss", "train")), describe(run)
    assert all("torch" in result_of(run, p).message for p in ("loss", "train")), describe(run)


def test_runtime_forbidden_import(graded: Graded) -> None:
    """An import no static read can see (importlib at run time) is caught when the module is loaded:
    engine.py's pieces are errors, and the pieces of the files that use engine.py are blocked by it."""
    _, run = graded("runtime_forbidden_import")
    expect_only(run, {p.id: Status.ERROR if p.file == "engine.py" else Status.BLOCKED
                      for p in PIECES if p.id != "derivative"})
    for piece in PIECES[1:]:
        assert "solutions.lecture.engine" in result_of(run, piece.id).message, result_of(run, piece.id).message
        assert str(result_of(run, piece.id).where).startswith("engine.py")
        if piece.file != "engine.py":
            assert result_of(run, piece.id).blocked_by == "value"


def test_missing_file(graded: Graded) -> None:
    """A deleted file makes its pieces todo, naming the file; the other files are graded as usual."""
    _, run = graded("missing_file")
    expect_only(run, {"trace": Status.TODO, "draw-dot": Status.TODO})
    for piece in ("trace", "draw-dot"):
        assert "graph.py" in result_of(run, piece).message and "missing" in result_of(run, piece).message


@pytest.mark.parametrize("fault", ["init_raises", "init_syntax_error"])
def test_broken_init_is_not_run(fault: str, graded: Graded) -> None:
    """The workspace's __init__.py is not the learner's code to grade: a broken one takes nothing down."""
    _, run = graded(fault)
    expect_only(run, {})


def test_missing_class(graded: Graded) -> None:
    """No class Layer: layer is todo, saying so; mlp, which builds layers, does not pass and its message names Layer."""
    _, run = graded("missing_class")
    layer, mlp = result_of(run, "layer"), result_of(run, "mlp")
    assert layer.status is Status.TODO and "Layer" in layer.message, describe(run)
    assert mlp.status is not Status.PASSED and "Layer" in mlp.message, describe(run)
    assert str(mlp.where).startswith("nn.py"), describe(run)
    others = [p.id for p in PIECES if p.id not in ("layer", "mlp")]
    assert all(result_of(run, p).status is Status.PASSED for p in others), describe(run)


def test_add_returns_none(graded: Graded) -> None:
    """__add__ returning None makes a check raise: an error at the learner's __add__, and only add-mul fails."""
    ws, run = graded("add_returns_none")
    expect_only(run, {"add-mul": Status.ERROR})
    result = result_of(run, "add-mul")
    where = result.where
    add = line_of(ws, "engine.py", "    def __add__(self, other):")
    assert where and where.file == "engine.py" and where.name == "Value.__add__", describe(run)
    assert where.line is not None and add <= where.line <= line_of(ws, "engine.py", RETURNS_NONE), describe(run)
    assert result.message, describe(run)


def test_typo_in_backward(graded: Graded) -> None:
    """An exception raised in the learner's _backward is an error at that very line."""
    ws, run = graded("typo_in_backward")
    expect_only(run, {"add-mul": Status.ERROR})
    result = result_of(run, "add-mul")
    assert "AttributeError" in result.message and "date" in result.message, result.message
    assert str(result.where) == f"engine.py:{line_of(ws, 'engine.py', TYPO)} in Value.__mul__.<locals>._backward"
