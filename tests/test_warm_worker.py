"""The warm worker (`grade watch`, live speedruns) grades as a fresh process does, survives the learner's
code, and with a PassCache only re-grades from the first piece whose code changed."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from micrograd_kata import curriculum, grading
from micrograd_kata.learner import workspace
from micrograd_kata.results import Status
from micrograd_kata.runner import supervisor
from micrograd_kata.runner.processes import WarmWorker
from tests.grading_pool import result_of


@pytest.fixture(scope="module")
def warm() -> Iterator[WarmWorker]:
    with WarmWorker() as worker:
        yield worker


def edit(ws: workspace.Workspace, file: str, old: str, new: str) -> None:
    path = ws.path(file)
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))


def test_warm_grading_matches_a_fresh_process(tmp_path: Path, warm: WarmWorker) -> None:
    ws = workspace.init(tmp_path / "ws", source="solutions")
    edit(ws, "engine.py", "self.grad += (1 - t**2) * out.grad", "self.grad = (1 - t**2) * out.grad")
    cold = grading.grade(ws, seed=7)
    hot = grading.grade(ws, seed=7, warm=warm)
    assert [(r.piece_id, r.status, r.passed, r.total) for r in hot.results] == \
        [(r.piece_id, r.status, r.passed, r.total) for r in cold.results]
    assert result_of(hot, "tanh").status is Status.FAILED
    # the same checks fail (which random graphs fail with `=` can vary with set order, so not the details)
    assert [(c.name, c.status) for c in result_of(hot, "tanh").checks] == \
        [(c.name, c.status) for c in result_of(cold, "tanh").checks]


def test_the_warm_worker_survives_a_hang_and_an_exit(tmp_path: Path, warm: WarmWorker) -> None:
    ws = workspace.init(tmp_path / "ws", source="solutions")
    edit(ws, "engine.py", "        x = self.data\n        out = Value(math.exp(x)",
         "        while True:\n            pass\n        x = self.data\n        out = Value(math.exp(x)")
    edit(ws, "engine.py", "        out = Value(0 if self.data < 0",
         "        import os; os._exit(3)\n        out = Value(0 if self.data < 0")
    run = grading.grade(ws, seed=1, timeout=1.5, warm=warm)
    assert result_of(run, "exp").status is Status.TIMEOUT
    assert "engine.py:" in str(result_of(run, "exp").where)
    assert result_of(run, "relu").status is Status.ERROR
    assert "os._exit" in result_of(run, "relu").message
    assert result_of(run, "train").status is Status.PASSED  # graded after both, in fresh children
    again = grading.grade(workspace.init(tmp_path / "ok", source="solutions"), seed=1, warm=warm)
    assert again.all_passed


def runs_asked(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The pieces of each worker run from now on, as the supervisor is asked to grade them."""
    asked: list[list[str]] = []
    real_run = supervisor.run

    def spy(ws_, pieces, **options):  # type: ignore[no-untyped-def]
        asked.append([p.id for p in pieces])
        return real_run(ws_, pieces, **options)

    monkeypatch.setattr(supervisor, "run", spy)
    return asked


def test_a_pass_cache_regrades_only_from_the_first_changed_piece(tmp_path: Path, warm: WarmWorker,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    ws = workspace.init(tmp_path / "ws", source="solutions")
    asked = runs_asked(monkeypatch)
    passes = grading.PassCache()
    first = grading.grade(ws, seed=3, warm=warm, passes=passes)
    assert first.all_passed and len(asked[-1]) == len(curriculum.load())

    # an edit inside tanh: the pieces before it are not graded again, tanh and the rest are
    edit(ws, "engine.py", "        x = self.data\n        t = (math", "        # thinking\n        x = self.data\n        t = (math")
    second = grading.grade(ws, seed=3, warm=warm, passes=passes)
    assert second.all_passed
    assert asked[-1][0] == "tanh"

    # a bug in tanh: it fails, and the cache forgets it passed
    edit(ws, "engine.py", "(1 - t**2) * out.grad", "(1 - t) * out.grad")
    third = grading.grade(ws, seed=3, warm=warm, passes=passes)
    assert result_of(third, "tanh").status is Status.FAILED
    assert passes.seen["tanh"][1].status is Status.FAILED

    # nothing changed since the first grading before tanh: a grade of one earlier piece comes from the cache
    asked.clear()
    fourth = grading.grade(ws, [curriculum.get("backward")], seed=3, warm=warm, passes=passes)
    assert result_of(fourth, "backward").status is Status.PASSED and asked == []


def test_a_save_that_leaves_the_current_piece_failing_regrades_it_alone(tmp_path: Path, warm: WarmWorker,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """What a piece sees of earlier pieces is unchanged while the current one keeps failing: the pieces after it
    keep their verdicts; once it passes, they see its code and are graded again."""
    ws = workspace.init(tmp_path / "ws", source="solutions")
    edit(ws, "engine.py", "(1 - t**2) * out.grad", "(1 - t) * out.grad")
    asked = runs_asked(monkeypatch)
    passes = grading.PassCache()
    first = grading.grade(ws, seed=3, warm=warm, passes=passes)
    assert [r.piece_id for r in first.results if r.status is not Status.PASSED] == ["tanh"]

    asked.clear()
    edit(ws, "engine.py", "(1 - t) * out.grad", "(1 - t) * out.grad * 1.0")
    second = grading.grade(ws, seed=3, warm=warm, passes=passes)
    assert asked == [["tanh"]]
    assert [r.status for r in second.results] == [r.status for r in first.results]

    asked.clear()
    edit(ws, "engine.py", "(1 - t) * out.grad * 1.0", "(1 - t**2) * out.grad")
    third = grading.grade(ws, seed=3, warm=warm, passes=passes)
    assert third.all_passed
    later = [p.id for p in curriculum.load() if p.index > curriculum.get("tanh").index]
    assert asked == [["tanh"], later]   # supposed still failing, found passing: the rest graded again


def test_cold_and_warm_run_the_code_in_the_same_folder(tmp_path: Path, warm: WarmWorker) -> None:
    log = tmp_path / "where.txt"
    ws = workspace.init(tmp_path / "ws", source="solutions")
    edit(ws, "engine.py", "        x = self.data\n        t = ",
         "        x = self.data\n        import os\n"
         f"        with open({str(log)!r}, 'a') as f: f.write(os.getcwd() + ' ' + os.path.dirname(__file__) + '\\n')\n"
         "        open('written.txt', 'w').close()\n"
         "        t = ")
    cold = grading.grade(ws, [curriculum.get("tanh")], seed=2)
    hot = grading.grade(ws, [curriculum.get("tanh")], seed=2, warm=warm)
    lines = {tuple(line.split(" ")) for line in log.read_text().splitlines()}
    assert lines and all(cwd == folder for cwd, folder in lines)  # a relative write lands beside the code, both ways
    # both ways that is a copy of the workspace, made for the grading and gone after it
    assert {Path(cwd).name.split("-")[3] for cwd, _ in lines} == {"copy"} and len({cwd for cwd, _ in lines}) == 2
    assert not any(Path(cwd).exists() for cwd, _ in lines) and not ws.path("written.txt").exists()
    assert cold.notes == hot.notes and "your code wrote written.txt while it was graded" in cold.notes[0]
