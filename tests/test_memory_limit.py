"""A piece that keeps allocating hits a memory limit: a MemoryError verdict that says where and how much,
cold and warm alike, long before the machine would swap. The limits in these tests are low, so the test
machine is never at risk."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from micrograd_kata import curriculum, grading
from micrograd_kata.checks import CHECKS_DIR
from micrograd_kata.cli import cli
from micrograd_kata.learner import workspace
from micrograd_kata.results import Status
from micrograd_kata.runner import supervisor
from micrograd_kata.runner.processes import WarmWorker
from tests.fakes import FakeGrader
from tests.grading_pool import result_of

HOG = "        x = self.data\n        hog = []\n        while True:\n            hog.append([0] * 10_000)\n"


def hungry(root: Path) -> workspace.Workspace:
    """The solutions, with a tanh that grows a list without end."""
    ws = workspace.init(root, source="solutions")
    path = ws.path("engine.py")
    text = path.read_text(encoding="utf-8")
    start = text.index("    def tanh(self):")
    at = text.index("        x = self.data\n", start)
    path.write_text(text[:at] + HOG + text[at + len("        x = self.data\n"):], encoding="utf-8")
    return ws


@pytest.fixture(scope="module")
def warm() -> Iterator[WarmWorker]:
    with WarmWorker() as worker:
        yield worker


def test_a_loop_that_keeps_allocating_gets_a_memory_verdict_with_its_line(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    ws = hungry(tmp_path / "ws")
    monkeypatch.chdir(ws.root)
    result = CliRunner().invoke(cli, ["tanh", "--memory", "128", "--json"])
    assert result.exit_code == 1, result.output
    tanh = next(r for r in json.loads(result.stdout)["pieces"] if r["id"] == "tanh")
    assert tanh["status"] == "error"
    assert "MemoryError: your code used more memory than the limit of 128 MB" in tanh["message"]
    line = ws.path("engine.py").read_text().splitlines().index("            hog.append([0] * 10_000)") + 1
    assert tanh["where"].startswith(f"engine.py:{line} ")
    assert "--memory" in tanh["checks"][0]["failure"]["hint"]
    assert "--timeout 20" not in result.stdout  # no bigger time limit for a loop that fills memory
    checks = (CHECKS_DIR / curriculum.get("tanh").check_module).read_text().count("\ndef check_")
    assert len(tanh["checks"]) == checks  # every check is counted, none run again to fill memory again


def test_warm_and_cold_give_the_same_memory_verdict(tmp_path: Path, warm: WarmWorker) -> None:
    ws = hungry(tmp_path / "ws")
    tanh = [curriculum.get("tanh")]
    cold = result_of(grading.grade(ws, tanh, seed=3, memory=128), "tanh")
    hot = result_of(grading.grade(ws, tanh, seed=3, memory=128, warm=warm), "tanh")
    assert cold.status is hot.status is Status.ERROR
    assert cold.message == hot.message and cold.where == hot.where
    assert "128 MB" in hot.message
    after = grading.grade(workspace.init(tmp_path / "ok", source="solutions"), tanh, seed=3, warm=warm)
    assert after.all_passed  # the warm worker itself is not limited, nor harmed


def test_a_worker_killed_by_the_system_is_reported_as_such() -> None:
    died = supervisor._died(curriculum.get("tanh"), -9, "")
    assert "killed by the system (signal 9)" in died.message and "memory" in died.message


@pytest.mark.parametrize("value", ["nan", "inf", "1e300", "10", "-1", "lots", "1.5"])
def test_a_memory_limit_that_is_no_number_of_megabytes_is_a_usage_error(value: str, stub_workspace: Path,
                                                                        fake_grader: FakeGrader) -> None:
    result = CliRunner().invoke(cli, ["tanh", "--memory", value])
    assert result.exit_code == 2
    assert "Invalid value for '--memory'" in result.stderr and "from 64 to 65536" in result.stderr
    assert fake_grader.calls == []


@pytest.mark.parametrize("command", [["tanh"], ["--all"], ["next"], ["--all", "--speedrun", "--once"]])
def test_memory_reaches_the_grader_from_every_grading_command(command: list[str], stub_workspace: Path,
                                                              fake_grader: FakeGrader) -> None:
    CliRunner().invoke(cli, [*command, "--memory", "300"])
    assert fake_grader.calls and fake_grader.calls[-1]["memory"] == 300
    CliRunner().invoke(cli, command)
    assert fake_grader.calls[-1]["memory"] == grading.DEFAULT_MEMORY
