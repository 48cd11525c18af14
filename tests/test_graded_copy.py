"""Issue 7, finding 4: learner code runs on a copy of the workspace while graded. What it deletes or empties,
relatively or by full path, in the learner's files or .kata/, is lost to nobody, and the learner is told."""
from __future__ import annotations

import io
import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from micrograd_kata import curriculum, grading
from micrograd_kata.cli import cli
from micrograd_kata.learner import lock, workspace
from micrograd_kata.learner.backup import backups
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.practice.live import watch_loop
from micrograd_kata.results import PieceResult, Status
from micrograd_kata.speedrun import store
from tests.grading_pool import result_of
from tests.practice_fakes import solve
from tests.test_fault_charging import with_tanh

TANH = [curriculum.get("tanh")]


def invoke(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args), catch_exceptions=False)


def in_tanh(ws: Workspace, code: str) -> None:
    """Put `code` at the start of the learner's tanh."""
    path = ws.path("engine.py")
    text = path.read_text(encoding="utf-8")
    at = text.index("        x = self.data\n", text.index("    def tanh(self):"))
    path.write_text(text[:at] + code + text[at:], encoding="utf-8")


def test_code_that_deletes_the_running_speedrun_loses_nothing_and_is_told(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = workspace.init(tmp_path / "kata", source="solutions")
    monkeypatch.chdir(ws.root)
    assert invoke("--all", "--speedrun", "--once").exit_code == 1   # attempt #1 starts: every file a stub again
    solve(ws, *(p.id for p in curriculum.load()))
    in_tanh(ws, f"        import os\n        os.remove({str(store.path(ws))!r})\n")
    result = invoke("--all", "--speedrun", "--once")
    assert ".kata/speedrun.json was deleted while your code was graded: it is put back as it was" in result.stderr
    (attempt,) = json.loads(store.path(ws).read_text())["attempts"]
    assert attempt["outcome"] == "running" and attempt["number"] == 1
    # tanh fails on its second call (the file is gone by then); every other piece has its split
    assert set(attempt["splits"]) == {p.id for p in curriculum.load()} - {"tanh"}
    assert result.exit_code == 1 and "attempt #1" in result.stdout


def test_code_that_empties_graph_py_by_a_relative_path_empties_only_its_copy(tmp_path: Path) -> None:
    ws = with_tanh(tmp_path / "ws", "        open('graph.py', 'w').close()\n")
    before = ws.path("graph.py").read_bytes()
    run = grading.grade(ws, TANH, seed=1)
    assert result_of(run, "tanh").status is Status.PASSED
    assert ws.path("graph.py").read_bytes() == before
    assert run.notes == ("your code changed graph.py while it was graded: it ran on a copy of your files, "
                         "so yours are as you left them",)


def test_code_that_empties_graph_py_by_its_full_path_is_told_how_to_get_it_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = with_tanh(tmp_path / "ws", f"        open({str(tmp_path / 'ws' / 'graph.py')!r}, 'w').close()\n")
    before = ws.path("graph.py").read_bytes()
    run = grading.grade(ws, TANH, seed=1)
    (backup,) = backups(ws)
    assert backup.reason == "graded" and (backup.folder / "graph.py").read_bytes() == before
    (note,) = run.notes
    assert note.startswith("graph.py changed while your code was graded (a save, or your code writing to it by its "
                           "full path): it is left as now; the version graded is in ")
    assert note.endswith(f"`grade restore {backup.name}` puts it back")
    assert ws.path("graph.py").read_bytes() == b""   # it may have been the learner's own save: not overwritten
    monkeypatch.chdir(ws.root)
    assert invoke("restore", backup.name).exit_code == 0
    assert ws.path("graph.py").read_bytes() == before


def test_the_learner_reads_their_own_paths_not_the_copys(tmp_path: Path) -> None:
    ws = with_tanh(tmp_path / "ws", "        import os\n"
                                    "        if not getattr(Value, '_said', False):\n"   # once: a long output is cut
                                    "            Value._said = print(__file__) or True\n"
                                    "        raise OSError('cannot open ' + os.path.join(os.getcwd(), 'data.txt'))\n")
    run = grading.grade(ws, TANH, seed=1)
    tanh = result_of(run, "tanh")
    assert tanh.status is Status.ERROR and tanh.where is not None and tanh.where.file == "engine.py"
    assert f"cannot open {ws.root / 'data.txt'}" in tanh.message
    assert str(ws.path("engine.py")) in tanh.output
    assert "micrograd-kata-" not in json.dumps(tanh.to_dict())


def test_a_change_of_state_waits_for_the_gradings_and_gradings_run_side_by_side(tmp_path: Path) -> None:
    ws = workspace.init(tmp_path / "ws")
    outcome: list[str] = []

    def change() -> None:
        try:
            with lock.held(ws, wait=0.2):
                outcome.append("changed")
        except lock.WorkspaceBusy:
            outcome.append("busy")

    def grading_too() -> None:
        with lock.held(ws, shared=True, wait=0.2):
            outcome.append("graded")

    with lock.held(ws, shared=True):   # a grading
        for job in (grading_too, change):
            thread = threading.Thread(target=job)
            thread.start()
            thread.join()
    assert outcome == ["graded", "busy"]


def test_the_note_reaches_json_and_the_watch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = with_tanh(tmp_path / "ws", "        open('trace.log', 'a').close()\n")
    monkeypatch.chdir(ws.root)
    result = invoke("tanh", "--json")
    said = "your code wrote trace.log while it was graded, in the copy of your files it ran on: it is gone with the copy"
    assert json.loads(result.stdout)["notes"] == [said] and f"note: {said}" in result.stderr
    screen = io.StringIO()
    watch_loop(ws, curriculum.get("tanh"), seed=1, timeout=5.0, batches=iter(()),
               console=Console(file=screen, width=100))
    assert said.split(":")[0] in " ".join(screen.getvalue().split())


def test_a_grading_stopped_by_ctrl_c_still_puts_back_what_the_code_deleted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = with_tanh(tmp_path / "ws", f"        import os\n        os.remove({str(tmp_path / 'ws' / '.kata' / 'hints.json')!r})\n"
                                    "        while True: pass\n")
    ws.state_dir.joinpath("hints.json").write_text('{"tanh": 1}', encoding="utf-8")

    def stop(result: PieceResult) -> None:   # tanh's code deleted hints.json, then ran out of time: Ctrl-C
        if result.status is Status.TIMEOUT:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        grading.grade(ws, TANH, seed=1, timeout=1.0, on_result=stop)
    assert ws.state_dir.joinpath("hints.json").read_text(encoding="utf-8") == '{"tanh": 1}'
