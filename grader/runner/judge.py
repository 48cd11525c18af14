"""The judge's hold on the agent: starting it, the learner's names for a piece, and the agent's end as its own.

The judge is the worker process (runner/worker.py): pytest, the checks, the reference, torch and the verdicts.
The learner's code runs only in the agent (runner/agent_server.py), a fresh `python -I` started here that
imports nothing of the grader's package. When the agent ends (a timeout, os._exit, a crash, a kill), the
judge ends the same way, so the supervisor reads the same verdicts as when both were one process.
"""
from __future__ import annotations

import faulthandler
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NoReturn

from micrograd_kata import curriculum
from micrograd_kata.learner import remote, wire
from micrograd_kata.learner.source import FORBIDDEN_IMPORTS
from micrograd_kata.learner.workspace import package_dir
from micrograd_kata.results import Location
from micrograd_kata.runner.lending import ForbiddenImport, LearnerImportError, MissingClass

SERVER = Path(__file__).with_name("agent_server.py")
# -I: no PYTHON* variables, no user site, no current directory on sys.path; -B: no bytecode beside the learner's files
COMMAND = [sys.executable, "-I", "-B", str(SERVER)]


class Names(SimpleNamespace):
    """The learner's objects for the checks; a name the learner has not defined raises MissingClass."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        raise MissingClass(curriculum.file_of(name) or "?", name)


def start_template() -> tuple[socket.socket, subprocess.Popen[bytes]]:
    """A clean agent kept ready (grade watch): the channel to ask it for a copy, and its process."""
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    process = subprocess.Popen([*COMMAND, "--template", str(theirs.fileno()), str(package_dir("reference"))],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               pass_fds=(theirs.fileno(),))
    theirs.close()
    return ours, process


class Judge:
    """Starts the agent and speaks to it; the learner's names for each piece.

    template: a channel to a template agent (start_template) to fork the agent from; without one, a fresh process.
    """

    def __init__(self, results_fd: int | None = None, template: socket.socket | None = None) -> None:
        to_agent, from_judge = os.pipe()
        to_judge, from_agent = os.pipe()
        self.process: subprocess.Popen[bytes] | None = None
        self.status = -1  # forked from a template: where the template writes how the agent ended
        if template is None:
            self.process = subprocess.Popen(
                [*COMMAND, str(to_agent), str(from_agent)], stdin=subprocess.DEVNULL,
                pass_fds=(to_agent, from_agent, *([results_fd] if results_fd is not None else [])))
        else:
            self.status, status_w = os.pipe()
            results = results_fd if results_fd is not None else os.open(os.devnull, os.O_WRONLY)
            socket.send_fds(template, [str(os.getpgid(0)).encode()], [to_agent, from_agent, results, status_w])
            os.close(status_w)
        os.close(to_agent)
        os.close(from_agent)
        self.results_fd = None if template is not None else results_fd  # a copy has its own
        self.agent = remote.Agent(wire.Pipe(to_judge, from_judge), _rebuild_special, self._gone)

    def start(self, root: Path, *, output: str, dump: str, timeout: float, memory: int, parent: int) -> None:
        """Set the agent up for a grading of the workspace at root; without waiting for it, which sets up meanwhile."""
        pieces = [{"id": p.id, "module": p.module, "index": p.index, "symbols": list(p.symbols)}
                  for p in curriculum.load()]
        self.agent.post("start", {
            "root": str(root), "pieces": pieces, "forbidden": list(FORBIDDEN_IMPORTS),
            "reference": str(package_dir("reference")), "output": output, "dump": dump, "timeout": timeout,
            "memory": memory, "results_fd": self.results_fd, "parent": parent})

    def learner_for(self, piece_id: str, passed: set[str]) -> Names:
        return Names(**self.agent.request("learner", piece_id, sorted(passed)))

    def _gone(self) -> NoReturn:
        """The agent ended: end this process the same way (an exit code, or the signal that killed it)."""
        if self.process is not None:
            code = self.process.wait()
        else:
            code = int(os.read(self.status, 16) or b"1")
        faulthandler.disable()
        sys.stdout.flush()
        if code < 0:
            signal.signal(-code, signal.SIG_DFL)
            os.kill(os.getpid(), -code)
        os._exit(code if code >= 0 else 128 - code)


def _rebuild_special(info: dict[str, Any], agent: remote.Agent) -> BaseException | None:
    """The lending exceptions the agent reports, as the runner's own classes."""
    lending = info.get("lending")
    if lending is None:
        return None
    if lending[0] == "forbidden":
        return ForbiddenImport(lending[1], lending[2])
    inner = agent.rebuild(lending[2])
    where = Location(*lending[3]) if lending[3] else None
    return LearnerImportError(lending[1], inner, where)
