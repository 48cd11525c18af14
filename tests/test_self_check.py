"""The kata's self-check, as rustlings does it: exercises/ and solutions/ mirror each other, every stub is
unsolved, every solution passes, and each piece's checks test that piece's own code and nothing else."""
from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from functools import partial
from pathlib import Path

import pytest

from micrograd_kata import curriculum
from micrograd_kata.learner import source, workspace
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.practice import drill
from micrograd_kata.results import Run, Status
from tests.grading_pool import GradingPool, describe, selected_params

PIECES = curriculum.load()
EXERCISES = workspace.package_dir("exercises")
SOLUTIONS = workspace.package_dir("solutions")
SEED = 17


def python_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.glob("*.py"))


def definitions(path: Path) -> dict[str, ast.FunctionDef]:
    """Top-level functions and the methods of top-level classes, by the names grader.source gives them."""
    found = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef):
            found[node.name] = node
        elif isinstance(node, ast.ClassDef):
            found.update((f"{node.name}.{m.name}", m) for m in node.body if isinstance(m, ast.FunctionDef))
    return found


# the mirror: files and symbols

def test_exercises_and_solutions_have_the_same_files() -> None:
    assert python_files(EXERCISES) == python_files(SOLUTIONS)
    assert python_files(EXERCISES) == sorted(["__init__.py", *curriculum.files()])


@pytest.mark.parametrize("file", curriculum.files())
def test_same_functions_and_methods(file: str) -> None:
    """The same symbols, in the same order, with the same signatures and docstrings; the same module docstring and imports."""
    stubs, answers = source.read(EXERCISES / file), source.read(SOLUTIONS / file)
    assert not stubs.syntax_error and not answers.syntax_error
    assert list(stubs.symbols) == list(answers.symbols)
    stub_defs, answer_defs = definitions(EXERCISES / file), definitions(SOLUTIONS / file)
    for name in stubs.symbols:
        assert ast.unparse(stub_defs[name].args) == ast.unparse(answer_defs[name].args), name
        assert ast.get_docstring(stub_defs[name]) == ast.get_docstring(answer_defs[name]), name
    stub_tree, answer_tree = (ast.parse((d / file).read_text(encoding="utf-8")) for d in (EXERCISES, SOLUTIONS))
    assert ast.get_docstring(stub_tree) == ast.get_docstring(answer_tree)
    imports = [[ast.unparse(n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
               for tree in (stub_tree, answer_tree)]
    assert imports[0] == imports[1]


@pytest.mark.parametrize("file", curriculum.files())
def test_every_symbol_belongs_to_exactly_one_piece(file: str) -> None:
    for name in source.read(EXERCISES / file).symbols:
        owners = [p for p in PIECES if name in p.symbols]
        assert len(owners) == 1, f"{file}: {name} belongs to {[p.id for p in owners] or 'no piece'}"
        assert owners[0].file == file, f"{name} is in {file}, but its piece {owners[0].id} is in {owners[0].file}"


def test_every_curriculum_symbol_exists_in_both() -> None:
    for piece in PIECES:
        for directory in (EXERCISES, SOLUTIONS):
            symbols = source.read(directory / piece.file).symbols
            missing = [s for s in piece.symbols if s not in symbols]
            assert not missing, f"{piece.id}: {missing} not in {directory.name}/{piece.file}"


@pytest.mark.parametrize("file", curriculum.files())
def test_stubs_are_stubs_and_answers_are_not(file: str) -> None:
    """Each stub only raises NotImplementedError('piece: symbol'); no solution does."""
    for name, symbol in source.read(EXERCISES / file).symbols.items():
        assert symbol.is_stub, f"exercises/{file}: {name} is not a stub"
        raised = definitions(EXERCISES / file)[name].body[-1]
        assert isinstance(raised, ast.Raise) and isinstance(raised.exc, ast.Call)
        assert [ast.literal_eval(a) for a in raised.exc.args] == [f"{curriculum.owner(name).id}: {name}"], name
    assert not [n for n, s in source.read(SOLUTIONS / file).symbols.items() if s.is_stub]


# grading: the stubs, the solutions, and each piece alone

def solutions_with_stub(root: Path, piece_id: str) -> Workspace:
    """The solutions with one piece's functions and methods replaced by the exercises' stubs: `grade drill`'s workspace."""
    return drill.make(curriculum.get(piece_id), root).workspace


def fresh(root: Path, origin: str) -> Workspace:
    return workspace.init(root, source=origin)


Graded = Callable[[str], tuple[Workspace, Run]]


@pytest.fixture(scope="module")
def graded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graded]:
    """graded("exercises" | "solutions" | piece id) -> (workspace, run of every piece); all submitted at once."""
    root = tmp_path_factory.mktemp("self-check")
    pool = GradingPool()

    def submit(case: str) -> Future[tuple[Workspace, Run]]:
        make = partial(fresh, origin=case) if case in ("exercises", "solutions") else \
            partial(solutions_with_stub, piece_id=case)
        return pool.submit(case, partial(make, root / case), seed=SEED)

    for name, params in selected_params(request):
        if "piece" in params:
            submit(params["piece"])
        elif name == "test_every_stub_is_unsolved":
            submit("exercises")
        elif name == "test_every_solution_passes":
            submit("solutions")
    yield lambda case: submit(case).result()
    pool.close()


def test_every_stub_is_unsolved(graded: Graded) -> None:
    _, run = graded("exercises")
    assert [r.piece_id for r in run.results] == [p.id for p in PIECES]
    assert all(r.status is Status.TODO for r in run.results), describe(run)


def test_every_solution_passes(graded: Graded) -> None:
    _, run = graded("solutions")
    assert [r.piece_id for r in run.results] == [p.id for p in PIECES]
    assert run.all_passed, describe(run)


@pytest.mark.parametrize("piece", [p.id for p in PIECES])
def test_each_piece_is_graded_on_its_own_code(piece: str, graded: Graded) -> None:
    """Only this piece a stub: it is todo and every other piece passes. So its checks test its own code, and no
    other piece, earlier or later, needs it finished (the reference stands in for it)."""
    ws, run = graded(piece)
    stubbed = source.read(ws.path(curriculum.get(piece).file))
    assert all(stubbed.symbols[s].is_stub for s in curriculum.get(piece).symbols)
    assert {r.piece_id: r.status for r in run.results} == \
        {p.id: Status.TODO if p.id == piece else Status.PASSED for p in PIECES}, describe(run)
