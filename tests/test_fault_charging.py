"""A fault is charged to the piece whose code caused it, and the score still counts every check: a crash gives
the learner's line, and the pieces after it are graded by a fresh worker."""
from __future__ import annotations

from pathlib import Path

from micrograd_kata import grading
from micrograd_kata.learner import workspace
from micrograd_kata.results import Status
from tests.grading_pool import result_of


def with_tanh(root: Path, code: str) -> workspace.Workspace:
    """The solutions, with `code` run first in tanh."""
    ws = workspace.init(root, source="solutions")
    path = ws.path("engine.py")
    text = path.read_text(encoding="utf-8")
    at = text.index("        x = self.data\n", text.index("    def tanh(self):"))
    path.write_text(text[:at] + code + text[at:], encoding="utf-8")
    return ws


DEEP = ("        import sys\n        sys.setrecursionlimit(10**7)\n"
        "        def deeper(n):\n            return list(map(deeper, [n + 1]))  # through C: a segfault\n"
        "        deeper(0)\n")


def test_a_segfault_gives_the_learners_line_and_every_check_still_counts(tmp_path: Path) -> None:
    full = grading.grade(workspace.init(tmp_path / "ok", source="solutions"), seed=4)
    ws = with_tanh(tmp_path / "ws", DEEP)
    run = grading.grade(ws, seed=4)
    tanh = result_of(run, "tanh")
    assert tanh.status is Status.ERROR and "signal 11" in tanh.message
    line = ws.path("engine.py").read_text().splitlines().index("            return list(map(deeper, [n + 1]))"
                                                                "  # through C: a segfault") + 1
    assert tanh.where is not None and (tanh.where.file, tanh.where.line) == ("engine.py", line)
    assert tanh.total == result_of(full, "tanh").total  # the crashed piece keeps its full count
    assert run.total == full.total and run.passed == full.passed - tanh.total
    assert result_of(run, "train").status is Status.PASSED  # graded after the crash, by a fresh worker


ONCE = "        if not getattr(Value, '_once', False):\n            Value._once = True\n"
THREAD = ONCE + ("            import os, threading, time\n"
                 "            def later():\n                time.sleep(0.5)\n                os._exit(9)\n"
                 "            threading.Thread(target=later).start()\n")
TIMER = ONCE + "            import signal\n            signal.setitimer(signal.ITIMER_REAL, 2.0)\n"


def test_a_thread_that_ends_the_process_later_is_charged_to_the_piece_that_started_it(tmp_path: Path) -> None:
    run = grading.grade(with_tanh(tmp_path / "ws", THREAD), seed=4)
    tanh = result_of(run, "tanh")
    assert tanh.status is Status.ERROR and "os._exit(9)" in tanh.message
    assert tanh.where is not None and tanh.where.file == "engine.py"
    assert [r.piece_id for r in run.results if r.status is not Status.PASSED] == ["tanh"]


def test_a_timer_left_pending_is_cancelled_and_charged_to_the_piece_that_set_it(tmp_path: Path) -> None:
    ws = with_tanh(tmp_path / "ws", TIMER)
    run = grading.grade(ws, seed=4)
    tanh = result_of(run, "tanh")
    assert tanh.status is Status.ERROR and "timer" in tanh.message
    line = ws.path("engine.py").read_text().splitlines().index("            signal.setitimer(signal.ITIMER_REAL, 2.0)")
    assert tanh.where is not None and (tanh.where.file, tanh.where.line) == ("engine.py", line + 1)
    assert [r.piece_id for r in run.results if r.status is not Status.PASSED] == ["tanh"]
    assert run.total == grading.grade(workspace.init(tmp_path / "ok", source="solutions"), seed=4).total


def test_a_crash_on_entering_a_function_names_the_line_that_called_it(tmp_path: Path) -> None:
    """A stack that overflows as a call begins leaves the newest frame on its `def` line (as faulthandler shows it):
    the line of the learner's that made the call is the one to look at, whichever of the two the crash hit."""
    from micrograd_kata.runner import frames
    (tmp_path / "engine.py").write_text("class Value:\n    def tanh(self):\n        def deeper(n):\n"
                                        "            return list(map(deeper, [n + 1]))\n        deeper(0)\n")
    engine = tmp_path / "engine.py"
    on_entry = (f'Fatal Python error: Segmentation fault\n\nCurrent thread 0x1 (most recent call first):\n'
                f'  File "{engine}", line 3 in deeper\n  File "{engine}", line 4 in deeper\n'
                f'  File "{engine}", line 4 in deeper\n  ...\n')
    inside = on_entry.replace("line 3 in deeper", "line 4 in deeper", 1)
    for dump in (on_entry, inside):
        where = frames.in_dump(dump, tmp_path)
        assert where is not None and (where.file, where.line, where.name) == ("engine.py", 4, "Value.tanh")
