"""One grade at a time changes a workspace: real processes racing, a bounded wait, and no litter after a kill."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from micrograd_kata.cli import cli
from micrograd_kata.learner import backup, lock, state, workspace
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.speedrun import store

ENV = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
HOLD = """
import sys, time
from pathlib import Path
from micrograd_kata.learner import lock
from micrograd_kata.learner.workspace import Workspace
with lock.held(Workspace(Path(sys.argv[1]))):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def grade(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "micrograd_kata.cli", *args, "--workspace", str(root)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)


def together(*procs: subprocess.Popen[str]) -> list[tuple[int, str, str]]:
    """Wait for processes started together, a minute at most; their exit codes, stdout and stderr."""
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        done.append((proc.returncode, out, err))
    return done


def hold(root: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding the workspace's lock for a while, once it says so."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(root), str(seconds)], stdout=subprocess.PIPE, text=True,
                            env=ENV)
    assert proc.stdout is not None and proc.stdout.readline() == "held\n"
    return proc


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return workspace.init(tmp_path / "kata")


@pytest.mark.parametrize("round_", range(3))
def test_speedruns_started_together_make_one_attempt_and_never_crash(ws: Workspace, round_: int) -> None:
    results = together(*(grade(ws.root, "--all", "--speedrun", "--once") for _ in range(3)))
    assert all("Traceback" not in err for _, _, err in results), [err for _, _, err in results]
    assert [code for code, _, _ in results] == [1, 1, 1]          # the run goes on: pieces remain
    assert sum(err.count("attempt #1") for _, _, err in results) == 1
    assert [(a.number, a.outcome) for a in store.load(ws)[0].attempts] == [(1, "running")]


def test_hints_asked_for_together_are_each_counted(ws: Workspace) -> None:
    results = together(*(grade(ws.root, "hint", "backward") for _ in range(3)))
    assert [code for code, _, _ in results] == [0, 0, 0], [err for _, _, err in results]
    assert sorted(next(line for line in out.splitlines() if " of " in line).split("─")[-2].strip()
                  for _, out, _ in results) == ["1 of 3", "2 of 3", "3 of 3"]
    assert json.loads((ws.state_dir / "hints.json").read_text()) == {"backward": 3}


def test_a_workspace_kept_busy_is_said_in_one_line_after_a_bounded_wait(ws: Workspace,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lock, "WAIT", 0.5)
    holder = hold(ws.root, 60)
    try:
        began = time.monotonic()
        result = CliRunner().invoke(cli, ["hint", "tanh", "--workspace", str(ws.root)])
        assert time.monotonic() - began < 5
        assert result.exit_code == 1 and result.stderr.startswith("Error: another `grade` is changing the workspace")
        assert "did not finish within 0.5 s: let it finish, then run the command again" in result.stderr
        assert not (ws.state_dir / "hints.json").exists()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    # a killed grade leaves no lock behind: the system let go of it with the process
    assert CliRunner().invoke(cli, ["hint", "tanh", "--workspace", str(ws.root)]).exit_code == 0


@pytest.mark.parametrize("command", [["reset", "--all"], ["reset", "tanh"], ["restore", "1"],
                                     ["--all", "--speedrun", "--once"], ["init", "--force"]], ids=" ".join)
def test_every_change_of_state_waits_for_the_lock(ws: Workspace, command: list[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    backup.backup(ws, ["engine.py"], "earlier")
    monkeypatch.setattr(lock, "WAIT", 0.3)
    monkeypatch.chdir(ws.root)
    holder = hold(ws.root, 60)
    try:
        args = [*command, str(ws.root)] if command[0] == "init" else [*command, "--workspace", str(ws.root)]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1 and "another `grade` is changing the workspace" in result.stderr
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    assert store.load(ws)[0].attempts == () and len(backup.backups(ws)) == 1   # nothing was changed


def test_the_second_grade_waits_for_the_first(ws: Workspace) -> None:
    holder = hold(ws.root, 0.5)
    began = time.monotonic()
    result = CliRunner(env={"COLUMNS": "500"}).invoke(cli, ["reset", "--all", "--workspace", str(ws.root)])
    assert holder.wait(timeout=10) == 0 and time.monotonic() - began >= 0.3
    assert result.exit_code == 0 and "is a stub again" in result.output


def test_the_lock_is_taken_again_by_the_same_thread(ws: Workspace) -> None:
    with lock.held(ws), lock.held(ws, wait=0):
        pass
    with lock.held(ws, wait=0):   # and let go of, afterwards
        pass


def test_a_backup_folder_taken_meanwhile_by_another_grade_is_not_reused(ws: Workspace,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    made = Path.mkdir

    def another_grade_first(self: Path, *args: object, **kwargs: object) -> None:
        if self.name.endswith("-race") and not self.exists():
            made(self, parents=True)   # between our look and our mkdir
            (self / "theirs").write_text("")
        made(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", another_grade_first)
    folder = backup.backup(ws, ["engine.py"], "race", now=1_700_000_000)
    assert folder is not None and folder.name.endswith("-race.1")
    assert [p.name for p in folder.iterdir()] == ["engine.py"]
    assert [p.name for p in folder.with_name(folder.name[:-2]).iterdir()] == ["theirs"]


KILLED_MID_WRITE = """
import os, sys, time
from pathlib import Path
from micrograd_kata.learner import state
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.speedrun import store, timing
def stuck(fd):
    print("writing", flush=True)
    time.sleep(60)
state.os.fsync = stuck
store.save(Workspace(Path(sys.argv[1])), timing.History())
"""


def test_the_temporary_file_of_a_killed_write_is_cleaned_by_the_next_run(ws: Workspace,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    proc = subprocess.Popen([sys.executable, "-c", KILLED_MID_WRITE, str(ws.root)], stdout=subprocess.PIPE,
                            text=True, env=ENV)
    assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    litter = list(ws.state_dir.glob(".speedrun.json.*.tmp"))
    assert len(litter) == 1
    in_flight = ws.state_dir / ".speedrun.json.inflight.tmp"   # another grade's write, just begun: left alone
    in_flight.write_text("")
    old = time.time() - state.STALE_AFTER - 1
    os.utime(litter[0], (old, old))
    result = CliRunner().invoke(cli, ["stats", "--workspace", str(ws.root)])
    assert result.exit_code == 0
    assert list(ws.state_dir.glob(".speedrun.json.*.tmp")) == [in_flight]
    os.utime(in_flight, (old, old))
    store.save(ws, store.load(ws)[0])
    assert list(ws.state_dir.glob("*.tmp")) == []
