"""The kata's self-check, as rustlings does it, for every track: exercises/<track>/ and solutions/<track>/ mirror
each other, every stub is unsolved, every solution passes, and each piece's checks test that piece's own code and
nothing else."""
from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from functools import partial
from pathlib import Path

import pytest
from _pytest.mark import ParameterSet

from micrograd_kata import curriculum
from micrograd_kata.checks import CHECKS_DIR
from micrograd_kata.learner import source, workspace
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.practice import drill
from micrograd_kata.results import Run, Status
from tests.grading_pool import GradingPool, describe, selected_params

TRACKS = curriculum.track_names()
SEED = 17


def exercises(track: str) -> Path:
    return workspace.track_dir("exercises", track)


def solutions(track: str) -> Path:
    return workspace.track_dir("solutions", track)


def every_file() -> list[ParameterSet]:
    return [pytest.param(t, f, id=f"{t}/{f}") for t in TRACKS for f in curriculum.files(t)]


def every_piece() -> list[ParameterSet]:
    return [pytest.param(t, p.id, id=f"{t}/{p.id}") for t in TRACKS for p in curriculum.load(t)]


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

@pytest.mark.parametrize("track", TRACKS)
def test_exercises_and_solutions_have_the_same_files(track: str) -> None:
    assert python_files(exercises(track)) == python_files(solutions(track))
    assert python_files(exercises(track)) == sorted(["__init__.py", *curriculum.files(track)])


@pytest.mark.parametrize("track", TRACKS)
def test_every_track_has_its_checks(track: str) -> None:
    """A check module per piece, in grader/checks/<track>/, and none for a piece the track does not have."""
    checks = CHECKS_DIR / track
    assert (checks / "__init__.py").is_file()
    wanted = sorted(Path(p.check_module).name for p in curriculum.load(track))
    assert sorted(p.name for p in checks.glob("check_*.py")) == wanted


@pytest.mark.parametrize(("track", "file"), every_file())
def test_same_functions_and_methods(track: str, file: str) -> None:
    """The same symbols, in the same order, with the same signatures and docstrings; the same module docstring and imports."""
    stubs, answers = source.read(exercises(track) / file), source.read(solutions(track) / file)
    assert not stubs.syntax_error and not answers.syntax_error
    assert list(stubs.symbols) == list(answers.symbols)
    stub_defs, answer_defs = definitions(exercises(track) / file), definitions(solutions(track) / file)
    for name in stubs.symbols:
        assert ast.unparse(stub_defs[name].args) == ast.unparse(answer_defs[name].args), name
        assert ast.get_docstring(stub_defs[name]) == ast.get_docstring(answer_defs[name]), name
    stub_tree, answer_tree = (ast.parse((d / file).read_text(encoding="utf-8")) for d in (exercises(track), solutions(track)))
    assert ast.get_docstring(stub_tree) == ast.get_docstring(answer_tree)
    imports = [[ast.unparse(n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
               for tree in (stub_tree, answer_tree)]
    assert imports[0] == imports[1]


@pytest.mark.parametrize(("track", "file"), every_file())
def test_every_symbol_belongs_to_exactly_one_piece(track: str, file: str) -> None:
    pieces = curriculum.load(track)
    given = given_in(track, file)
    for name in source.read(exercises(track) / file).symbols:
        owners = [p for p in pieces if name in p.symbols]
        if name in given:  # handed out written: no piece's
            assert not owners, f"{file}: {name} is given, yet belongs to {[p.id for p in owners]}"
            continue
        assert len(owners) == 1, f"{file}: {name} belongs to {[p.id for p in owners] or 'no piece'}"
        assert owners[0].file == file, f"{name} is in {file}, but its piece {owners[0].id} is in {owners[0].file}"


@pytest.mark.parametrize("track", TRACKS)
def test_every_curriculum_symbol_exists_in_both(track: str) -> None:
    for piece in curriculum.load(track):
        for directory in (exercises(track), solutions(track)):
            symbols = source.read(directory / piece.file).symbols
            missing = [s for s in piece.symbols if s not in symbols]
            assert not missing, f"{piece.id}: {missing} not in {directory.parent.name}/{track}/{piece.file}"


@pytest.mark.parametrize(("track", "file"), every_file())
def test_stubs_are_stubs_and_answers_are_not(track: str, file: str) -> None:
    """Each stub only raises NotImplementedError('piece: symbol'); no solution does."""
    stubs = exercises(track) / file
    given = given_in(track, file)
    for name, symbol in source.read(stubs).symbols.items():
        if name in given:
            continue
        assert symbol.is_stub, f"exercises/{track}/{file}: {name} is not a stub"
        raised = definitions(stubs)[name].body[-1]
        assert isinstance(raised, ast.Raise) and isinstance(raised.exc, ast.Call)
        assert [ast.literal_eval(a) for a in raised.exc.args] == [f"{curriculum.owner(name, track).id}: {name}"], name
    assert not [n for n, s in source.read(solutions(track) / file).symbols.items() if s.is_stub]


@pytest.mark.parametrize("track", TRACKS)
def test_given_code_is_the_same_in_stubs_and_solutions(track: str) -> None:
    """What a track hands out written ([track] given: the notebook's starter code) is there, whole and identical,
    in both: the learner starts from it and the model answers build on it."""
    for file, name in curriculum.get_track(track).given:
        stub, answer = definitions(exercises(track) / file).get(name), definitions(solutions(track) / file).get(name)
        assert stub is not None and answer is not None, f"{track}: given {file}:{name} is missing"
        assert ast.dump(stub) == ast.dump(answer), f"{track}: given {file}:{name} differs"
        assert not source.read(exercises(track) / file).symbols[name].is_stub, f"{track}: given {file}:{name} is a stub"


def given_in(track: str, file: str) -> set[str]:
    return {name for given_file, name in curriculum.get_track(track).given if given_file == file}


# grading: the stubs, the solutions, and each piece alone

def solutions_with_stub(root: Path, track: str, piece_id: str) -> Workspace:
    """The solutions with one piece's functions and methods replaced by the exercises' stubs: `grade drill`'s workspace."""
    return drill.make(curriculum.get(piece_id, track), root).workspace


def fresh(root: Path, track: str, origin: str) -> Workspace:
    return workspace.init(root, source=origin, track=track)


Graded = Callable[[str, str], tuple[Workspace, Run]]


@pytest.fixture(scope="module")
def graded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graded]:
    """graded(track, "exercises" | "solutions" | piece id) -> (workspace, run of every piece); all submitted at once."""
    root = tmp_path_factory.mktemp("self-check")
    pool = GradingPool()

    def submit(track: str, case: str) -> Future[tuple[Workspace, Run]]:
        make = partial(fresh, track=track, origin=case) if case in ("exercises", "solutions") else \
            partial(solutions_with_stub, track=track, piece_id=case)
        return pool.submit((track, case), partial(make, root / track / case), seed=SEED)

    for name, params in selected_params(request):
        if "piece" in params:
            submit(params["track"], params["piece"])
        elif name == "test_every_stub_is_unsolved":
            submit(params["track"], "exercises")
        elif name == "test_every_solution_passes":
            submit(params["track"], "solutions")
    yield lambda track, case: submit(track, case).result()
    pool.close()


@pytest.mark.parametrize("track", TRACKS)
def test_every_stub_is_unsolved(track: str, graded: Graded) -> None:
    _, run = graded(track, "exercises")
    assert [r.piece_id for r in run.results] == [p.id for p in curriculum.load(track)]
    assert all(r.status is Status.TODO for r in run.results), describe(run)


@pytest.mark.parametrize("track", TRACKS)
def test_every_solution_passes(track: str, graded: Graded) -> None:
    _, run = graded(track, "solutions")
    assert [r.piece_id for r in run.results] == [p.id for p in curriculum.load(track)]
    assert run.all_passed, describe(run)


@pytest.mark.parametrize(("track", "piece"), every_piece())
def test_each_piece_is_graded_on_its_own_code(track: str, piece: str, graded: Graded) -> None:
    """Only this piece a stub: it is todo and every other piece passes. So its checks test its own code, and no
    other piece, earlier or later, needs it finished (the reference stands in for it)."""
    ws, run = graded(track, piece)
    stubbed = source.read(ws.path(curriculum.get(piece, track).file))
    assert all(stubbed.symbols[s].is_stub for s in curriculum.get(piece, track).symbols)
    assert {r.piece_id: r.status for r in run.results} == \
        {p.id: Status.TODO if p.id == piece else Status.PASSED for p in curriculum.load(track)}, describe(run)
