"""Messages for mistakes whose exception alone would not tell a learner what to write."""
from __future__ import annotations

from pathlib import Path

from micrograd_kata import curriculum, grading
from micrograd_kata.learner import workspace
from micrograd_kata.results import Status
from tests.fakes import stand_in


def test_a_missing_reflected_method_is_named(tmp_path: Path) -> None:
    ws = workspace.init(tmp_path / "ws", source="solutions")
    engine = ws.path("engine.py")
    radd = '''    def __radd__(self, other):  # other + self
        """Return other + self, for a number on the left (and sum())."""
        return self + other
'''
    assert radd in engine.read_text()
    engine.write_text(engine.read_text().replace(radd, ""))
    result = grading.grade(ws, [curriculum.get("derived-ops")], seed=1).results[0]
    # not written yet, at every scaffold level alike (a blank file has none of a piece's methods)
    assert result.status is Status.TODO
    assert result.message == "engine.py has no Value.__radd__"


def test_a_method_written_as_an_alias_is_graded(tmp_path: Path) -> None:
    """A piece is judged by what its names compute, however they are bound: `__radd__ = __add__` is __radd__."""
    ws = workspace.init(tmp_path / "ws", source="solutions")
    engine = ws.path("engine.py")
    radd = '''    def __radd__(self, other):  # other + self
        """Return other + self, for a number on the left (and sum())."""
        return self + other
'''
    engine.write_text(engine.read_text().replace(radd, "    __radd__ = __add__\n"))
    result = grading.grade(ws, [curriculum.get("derived-ops")], seed=1).results[0]
    assert result.status is Status.PASSED, result.message


def test_a_timeout_names_the_method_it_was_stuck_in(tmp_path: Path) -> None:
    ws = workspace.init(tmp_path / "ws", source="solutions")
    engine = ws.path("engine.py")
    engine.write_text(engine.read_text().replace(
        "        out = Value(self.data * other.data, (self, other), '*')\n",
        "        out = Value(self.data * other.data, (self, other), '*')\n        while True:\n            pass\n", 1))
    result = grading.grade(ws, [curriculum.get("add-mul")], seed=1, timeout=1).results[0]
    assert result.status is Status.TIMEOUT
    assert result.where is not None and str(result.where).startswith("engine.py:") and result.where.name == "Value.__mul__"
    problem = result.first_problem
    assert problem is not None and problem.failure is not None and "--timeout" in (problem.failure.hint or "")


def test_the_graders_own_failure_is_said_to_be_so(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from micrograd_kata.cli import cli
    from micrograd_kata.runner.supervisor import WorkerFailed

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise WorkerFailed("the grader's checks could not run", "ERROR: something inside pytest")

    ws = workspace.init(tmp_path / "ws", source="solutions")
    stand_in(monkeypatch, broken)
    result = CliRunner().invoke(cli, ["--all", "--workspace", str(ws.root)])
    assert result.exit_code == 1
    assert "the grader itself failed, not your code" in result.output
    assert "Traceback" not in result.output
