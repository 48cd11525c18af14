"""OS errors on the workspace (a file where a folder should be, a read-only workspace, a dangling symbolic link,
a full disk) end the command with one line naming the path and what to do, exit 1, never a traceback."""
from __future__ import annotations

import builtins
import errno
import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from micrograd_kata import curriculum
from micrograd_kata.cli import cli
from micrograd_kata.learner import state, workspace
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.practice import reset
from micrograd_kata.speedrun import session, store
from tests.fakes import FakeClock, stand_in
from tests.practice_fakes import StaticGrader, kata_texts

# Every command that reads or changes the workspace's state, as a learner would type it.
STATE_COMMANDS = [["hint", "tanh"], ["--all", "--speedrun", "--once"], ["tanh", "--speedrun", "--once"],
                  ["reset", "tanh"], ["reset", "--all"], ["stats"], ["drill", "tanh"], ["restore", "1"],
                  ["next", "--speedrun", "--once"]]


def invoke(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args))


def one_line(result: Result) -> str:
    """The command failed with exit 1 and a single line on stderr: that line."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1 and "Traceback" not in result.output, result.stderr
    return lines[0]


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    made = workspace.init(tmp_path / "kata", source="solutions")
    reset.reset_piece(made, curriculum.get("tanh"))   # a piece to do (for next), and a backup (for restore)
    monkeypatch.chdir(made.root)
    monkeypatch.setattr(session, "CLOCK", FakeClock())
    stand_in(monkeypatch, StaticGrader().grade)
    return made


@pytest.mark.parametrize("command", [*STATE_COMMANDS, ["restore"]], ids=" ".join)
def test_kata_being_a_file_is_said_in_one_line(ws: Workspace, tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "elsewhere").mkdir()
    ws.state_dir.rename(tmp_path / "elsewhere" / ".kata")
    ws.state_dir.write_text("not a folder")
    before = kata_texts(ws.root)
    line = one_line(invoke(*command, "--workspace", str(ws.root)))
    assert f"{ws.state_dir} is a file where a folder should be: move it away or rename it" in line
    assert kata_texts(ws.root) == before   # nothing of the learner's was touched


def test_init_into_a_folder_whose_kata_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / ".kata").write_text("")
    assert "new/.kata is a file where a folder should be" in one_line(invoke("init", str(tmp_path / "new")))
    assert [p.name for p in (tmp_path / "new").iterdir()] == [".kata"]   # stopped before copying anything
    (tmp_path / "old").mkdir()
    shutil.rmtree(workspace.init(tmp_path / "old").state_dir)
    (tmp_path / "old" / ".kata").write_text("")
    assert "old/.kata is a file where a folder should be" in one_line(invoke("init", "--force", str(tmp_path / "old")))


def fail_writes_under(monkeypatch: pytest.MonkeyPatch, root: Path, code: int) -> None:
    """Make every write, folder made, rename and removal under root fail with errno `code`, as a read-only
    workspace (EACCES, EROFS) or a full disk (ENOSPC) would; reading goes on working."""
    def under(path: Any) -> bool:
        return isinstance(path, (str, Path)) and Path(path).absolute().is_relative_to(root)

    def refuse(path: Any) -> None:
        raise OSError(code, os.strerror(code), str(path))

    def guard(original: Callable[..., Any], writes: Callable[..., bool]) -> Callable[..., Any]:
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if writes(*args, **kwargs):
                refuse(args[0])
            return original(*args, **kwargs)
        return guarded

    def opens_for_writing(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> bool:
        return under(file) and any(c in mode for c in "wax+")

    def os_opens_for_writing(file: Any, flags: int, *args: Any, **kwargs: Any) -> bool:
        return under(file) and bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))

    def changes(path: Any, *args: Any, **kwargs: Any) -> bool:
        return under(path)

    openers: list[tuple[object, str, Callable[..., bool]]] = [
        (builtins, "open", opens_for_writing), (io, "open", opens_for_writing), (os, "open", os_opens_for_writing)]
    for module, name, writes in openers:
        monkeypatch.setattr(module, name, guard(getattr(module, name), writes))
    for name in ("mkdir", "replace", "rename", "unlink", "rmdir"):
        monkeypatch.setattr(os, name, guard(getattr(os, name), changes))


@pytest.mark.parametrize("command", STATE_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("code", [errno.EACCES, errno.EROFS, errno.ENOSPC], ids=errno.errorcode.get)
def test_a_workspace_that_cannot_be_written_is_said_in_one_line(ws: Workspace, command: list[str],
                                                                 code: int, monkeypatch: pytest.MonkeyPatch) -> None:
    before = kata_texts(ws.root)
    fail_writes_under(monkeypatch, ws.root, code)
    result = invoke(*command)
    if command == ["stats"]:   # only reads: it still works
        assert result.exit_code == 0 and "No speedrun yet" in result.stdout
        return
    line = one_line(result)
    assert str(ws.root) in line
    assert {errno.EACCES: "permission denied: make it yours to read and write (`chmod -R u+rwX ",
            errno.EROFS: "is on a read-only file system: work in a copy of the workspace",
            errno.ENOSPC: "no space left on the disk for "}[code] in line
    monkeypatch.undo()
    assert kata_texts(ws.root) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only folder")
@pytest.mark.parametrize("command", STATE_COMMANDS, ids=" ".join)
def test_a_really_read_only_workspace(ws: Workspace, command: list[str]) -> None:
    paths = [ws.root, *ws.root.rglob("*")]
    for path in paths:
        path.chmod(path.stat().st_mode & ~0o222)
    try:
        result = invoke(*command)
        if command != ["stats"]:
            assert "permission denied" in one_line(result)
    finally:
        for path in paths:
            path.chmod(path.stat().st_mode | 0o200)


def test_a_full_disk_mid_write_keeps_the_old_state_whole(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    assert invoke("hint", "tanh").exit_code == 0
    before = (ws.state_dir / "hints.json").read_text()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(state.os, "fsync", full)
    line = one_line(invoke("hint", "tanh"))
    assert f"no space left on the disk for {ws.state_dir / 'hints.json'}: free some space, then run" in line
    assert (ws.state_dir / "hints.json").read_text() == before
    assert not list(ws.state_dir.glob("*.tmp"))


def test_a_dangling_link_for_a_state_file_or_the_state_folder(ws: Workspace, tmp_path: Path) -> None:
    store.path(ws).symlink_to(tmp_path / "gone.json")
    for command in (["stats"], ["--all", "--speedrun", "--once"]):
        line = one_line(invoke(*command))
        assert f"{store.path(ws)} is a symbolic link to {tmp_path / 'gone.json'}, which does not exist" in line
    assert store.path(ws).is_symlink()   # left for the learner to mend
    store.path(ws).unlink()
    ws.state_dir.rename(tmp_path / "moved")
    ws.state_dir.symlink_to(tmp_path / "gone")
    for command in (["hint", "tanh"], ["reset", "--all"], ["tanh", "--speedrun", "--once"]):
        assert f"{ws.state_dir} is a symbolic link to {tmp_path / 'gone'}" in one_line(
            invoke(*command, "--workspace", str(ws.root)))
