"""Every process the learner's code starts ends with its piece, cold or warm, and nothing outlives `grade`,
however it ends: the worker is a subreaper that ends what is below it, and dies with its parent."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from micrograd_kata import curriculum, grading
from micrograd_kata.learner import workspace
from micrograd_kata.results import Status
from micrograd_kata.runner.processes import WarmWorker
from tests.grading_pool import result_of

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def spawning(root: Path, marker: int, then: str = "") -> workspace.Workspace:
    """The solutions, with a tanh that starts ten `sleep MARKER`, a process group of its own, and a fork
    of the worker, once; then runs `then`."""
    ws = workspace.init(root, source="solutions")
    path = ws.path("engine.py")
    text = path.read_text(encoding="utf-8")
    at = text.index("        x = self.data\n", text.index("    def tanh(self):"))
    spawn = (f"        if not getattr(Value, '_spawned', False):\n"
             f"            Value._spawned = True\n"
             f"            import os, subprocess, time\n"
             f"            for _ in range(10):\n"
             f"                subprocess.Popen(['sleep', '{marker}'])\n"
             f"            subprocess.Popen(['sleep', '{marker}'], start_new_session=True)\n"
             f"            if os.fork() == 0:\n"
             f"                time.sleep({marker})\n"
             f"{then}")
    path.write_text(text[:at] + spawn + text[at:], encoding="utf-8")
    return ws


def running(marker: str) -> list[int]:
    """The live processes whose command line holds marker (this test's own process left out)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != os.getpid():
            try:
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode()
                state = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if marker in cmdline and state != "Z":
                found.append(int(entry))
    return found


def gone(marker: str, within: float = 5.0) -> bool:
    deadline = time.monotonic() + within
    while running(marker):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.fixture(scope="module")
def warm() -> Iterator[WarmWorker]:
    with WarmWorker() as worker:
        yield worker


def test_what_a_piece_starts_ends_with_the_grading(tmp_path: Path) -> None:
    ws = spawning(tmp_path / "ws", 3071)
    run = grading.grade(ws, [curriculum.get("tanh")], seed=1)
    assert result_of(run, "tanh").status is Status.PASSED
    assert running("sleep 3071") == [] and running(str(ws.root)) == []  # the sleeps, the fork of the worker


def test_under_a_warm_worker_too(tmp_path: Path, warm: WarmWorker) -> None:
    ws = spawning(tmp_path / "ws", 3072)
    for _ in range(2):  # as on two saves under grade watch
        run = grading.grade(ws, [curriculum.get("tanh")], seed=1, warm=warm)
        assert result_of(run, "tanh").status is Status.PASSED
        assert gone("sleep 3072", within=1.0) and running(str(ws.root)) == []


GRADE = """
import sys
from pathlib import Path
from micrograd_kata import curriculum, grading
from micrograd_kata.learner import workspace
from micrograd_kata.runner.processes import WarmWorker
ws = workspace.open_workspace(Path(sys.argv[1]))
if sys.argv[2] == "warm":
    with WarmWorker() as warm:
        grading.grade(ws, [curriculum.get("tanh")], seed=1, timeout=60, warm=warm)
else:
    grading.grade(ws, [curriculum.get("tanh")], seed=1, timeout=60)
"""


@pytest.mark.parametrize("how", ["cold", "warm"])
@pytest.mark.parametrize("end", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_nothing_outlives_grade_however_it_ends(tmp_path: Path, how: str, end: int) -> None:
    marker = 3073 + 10 * int(end) + (how == "warm")
    ws = spawning(tmp_path / "ws", marker, then="        time.sleep(300)\n")
    grade = subprocess.Popen([sys.executable, "-c", GRADE, str(ws.root), how], start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while len(running(f"sleep {marker}")) < 11 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(running(f"sleep {marker}")) == 11
        grade.send_signal(end)
        grade.wait(timeout=10)
        assert gone(f"sleep {marker}") and gone(str(ws.root))
    finally:
        grade.kill()
        for pid in running(f"sleep {marker}") + running(str(ws.root)):
            os.kill(pid, signal.SIGKILL)


def test_a_killed_grade_leaves_no_temporary_files_that_the_next_run_does_not_clean(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    ws = spawning(tmp_path / "ws", 3099, then="        time.sleep(300)\n")
    grade = subprocess.Popen([sys.executable, "-c", GRADE, str(ws.root), "cold"], start_new_session=True,
                             env={**os.environ, "TMPDIR": str(temp)})
    try:
        deadline = time.monotonic() + 120
        while len(running("sleep 3099")) < 11 and time.monotonic() < deadline:
            time.sleep(0.1)
        grade.kill()
        grade.wait(timeout=10)
        left = [p.name for p in temp.iterdir()]
        assert left and all(name.startswith(f"micrograd-kata-{grade.pid}-") for name in left)
        assert any("-copy-" in name for name in left)   # the copy of the workspace it graded, among them
        monkeypatch.setattr(tempfile, "tempdir", str(temp))
        grading.grade(workspace.init(tmp_path / "ok", source="solutions"), [curriculum.get("value")], seed=1)
        assert list(temp.iterdir()) == []  # the next grading cleaned what the killed one left, and its own
    finally:
        grade.kill()
        for pid in running("sleep 3099") + running(str(ws.root)):
            os.kill(pid, signal.SIGKILL)
