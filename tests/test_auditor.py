"""The auditor (runner/auditor.py): torch checks the reference in a process of its own, after the checks have
judged the learner's code with the reference. A reference that torch contradicts ends the grading as the
grader's failure, not the learner's; without torch nothing is claimed."""
from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from micrograd_kata import curriculum, grading
from micrograd_kata.checks.compare import cross_check_program, program_values
from micrograd_kata.checks.graphs import program
from micrograd_kata.cli import cli
from micrograd_kata.learner import workspace
from micrograd_kata.reference.engine import Value
from micrograd_kata.runner import auditor
from micrograd_kata.runner.auditor import Auditor
from micrograd_kata.runner.supervisor import WorkerFailed

pytest.importorskip("torch")

GRAPH = program({"a": 2.0, "b": -3.0}, "c = a * b", "d = c.tanh()")

# Loaded by every python that the grading starts with this PYTHONPATH (the agent, run with -I, ignores it): the
# reference engine's products come out a thousandth too big, a bug of the grader's own that torch must catch.
WRONG_REFERENCE = '''
import micrograd_kata.reference.engine as engine

_mul = engine.Value.__mul__

def __mul__(self, other):
    out = _mul(self, other)
    out.data += 1e-3
    return out

engine.Value.__mul__ = __mul__
'''


@pytest.fixture
def wrong_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(WRONG_REFERENCE)
    monkeypatch.setenv("PYTHONPATH", str(folder))


def test_the_reference_and_torch_agree_on_a_program() -> None:
    audit = Auditor(wanted=True, channel=_channel(auditor.start()))
    audit(cross_check_program, GRAPH, program_values(GRAPH, Value), 1)
    assert audit.verdict() is None
    assert audit.loaded is True


def test_where_torch_is_loaded_already_the_cross_checks_run_in_place() -> None:
    """As in a warm worker's child, which has torch from the warm worker."""
    expected = program_values(GRAPH, Value)
    audit = Auditor(wanted=True)
    audit(cross_check_program, GRAPH, expected, 1)
    assert audit.verdict() is None
    audit(cross_check_program, GRAPH, dataclasses.replace(expected, data={**expected.data, "c": 1.0}), 1)
    assert (audit.verdict() or "").startswith("reference c.data = 1.0 but torch says -6.0")


def test_a_wrong_expected_gradient_is_named_with_its_program() -> None:
    expected = program_values(GRAPH, Value)
    wrong = dataclasses.replace(expected, grad={**expected.grad, "a": expected.grad["a"] + 1})
    audit = Auditor(wanted=True, channel=_channel(auditor.start()))
    audit(cross_check_program, GRAPH, expected, 1)
    audit(cross_check_program, GRAPH, wrong, 1)
    verdict = audit.verdict()
    assert verdict is not None and verdict.startswith("reference a.grad = ") and "but torch says" in verdict
    assert "c = a * b" in verdict


def test_without_torch_nothing_is_checked_and_nothing_is_claimed(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    shadow = tmp_path / "shadow" / "torch"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text('raise ImportError("No module named torch (hidden by the test)")\n')
    monkeypatch.setenv("PYTHONPATH", str(shadow.parent))
    audit = Auditor(wanted=True, channel=_channel(auditor.start(dict(os.environ))))
    expected = program_values(GRAPH, Value)
    audit(cross_check_program, GRAPH, dataclasses.replace(expected, data={**expected.data, "d": 5.0}), 1)
    assert audit.verdict() is None
    assert audit.loaded is False


def test_an_auditor_that_dies_claims_nothing() -> None:
    process = auditor.start()
    process.kill()
    process.wait()
    audit = Auditor(wanted=True, channel=_channel(process))
    audit(cross_check_program, GRAPH, program_values(GRAPH, Value), 1)
    assert audit.verdict() is None
    assert audit.loaded is False


def test_nothing_to_check_does_not_wait_for_torch() -> None:
    process = auditor.start()
    audit = Auditor(wanted=True, channel=_channel(process))
    assert audit.verdict() is None
    assert audit.loaded is None  # not asked: the import was never waited for
    process.kill()
    process.wait()


def test_the_auditor_ends_with_the_process_that_started_it(tmp_path: Path) -> None:
    """Started by grade, which is then killed: the auditor does not live on (PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the parent-death signal is Linux's")
    script = tmp_path / "grade.py"
    script.write_text("import os, sys, time\n"
                      "from micrograd_kata.runner import auditor\n"
                      "print(auditor.start().pid, flush=True)\n"
                      "time.sleep(60)\n")
    grade = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert grade.stdout is not None
    pid = int(grade.stdout.readline())
    grade.kill()
    grade.wait()
    deadline = time.monotonic() + 10
    while os.path.exists(f"/proc/{pid}") and not _zombie(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not os.path.exists(f"/proc/{pid}") or _zombie(pid)


def test_a_reference_that_torch_contradicts_is_the_graders_failure(tmp_path: Path, wrong_reference: None) -> None:
    ws = workspace.init(tmp_path / "ws", source="solutions")
    with pytest.raises(WorkerFailed, match="reference engine and torch disagree: reference .* but torch says"):
        grading.grade(ws, [curriculum.get("add-mul")], seed=3)
    result = CliRunner().invoke(cli, ["--workspace", str(ws.root), "add-mul"])
    assert result.exit_code == 1
    assert "the grader itself failed, not your code" in result.output
    assert "Traceback" not in result.output


def _channel(process: subprocess.Popen[bytes]) -> tuple[int, int]:
    assert process.stdout is not None and process.stdin is not None
    return os.dup(process.stdout.fileno()), os.dup(process.stdin.fileno())


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] == b"Z"
    except OSError:
        return True
