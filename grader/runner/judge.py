"""The judge's hold on the agent: starting it, the learner's names for a piece, and the agent's end as its own.

The judge is the worker process (runner/worker.py): pytest, the checks, the reference and the verdicts.
The learner's code runs only in the agent (runner/agent_server.py), a fresh `python -I` started here that
imports nothing of the grader's package. When the agent ends (a timeout, os._exit, a crash, a kill), the
judge ends the same way, so the supervisor reads the same verdicts as when both were one process.
"""
from __future__ import annotations

import faulthandler
import importlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
from functools import cache
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any, NoReturn

from micrograd_kata import curriculum
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner import remote, wire
from micrograd_kata.learner.source import forbidden_imports
from micrograd_kata.learner.workspace import package_dir
from micrograd_kata.results import Location
from micrograd_kata.runner.lending import ForbiddenImport, LearnerImportError, MissingClass

SERVER = Path(__file__).with_name("agent_server.py")
# -I: no PYTHON* variables, no user site, no current directory on sys.path; -B: no bytecode beside the learner's files
COMMAND = [sys.executable, "-I", "-B", str(SERVER)]


class Names(SimpleNamespace):
    """The learner's objects for the checks; a name the learner has not defined raises MissingClass."""

    _track: str  # the track whose curriculum says where a missing name belongs

    def __init__(self, track: str, /, **names: Any) -> None:
        super().__init__(**names)
        self._track = track

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_track":
            raise AttributeError(name)
        raise MissingClass(curriculum.file_of(name, self._track) or "?", name)


# What the agent needs of a track, which it cannot import: computed here, sent as plain data.

def needs(piece: Piece) -> tuple[str, ...]:
    """The learner's modules a piece's checks import, in track order: its own file's, and those of the earlier pieces
    that define classes (the objects its checks build: nn's pieces need engine.py's Value). An earlier file of
    functions alone (derivative.py, graph.py) is left out, so that a mistake there cannot block a later piece."""
    earlier = [p.module for p in curriculum.load(piece.track)[:piece.index] if any("." in s for s in p.symbols)]
    return tuple(dict.fromkeys([*earlier, piece.module]))


def reference_name(track: str, module: str) -> str:
    """Where the reference's version of a learner's module lives in reference/: <track>/<module>.py where the
    track's API differs, else the shared <module>.py (as a dotted name in the folder)."""
    if importlib.util.find_spec(f"micrograd_kata.reference.{track}") and \
            importlib.util.find_spec(f"micrograd_kata.reference.{track}.{module}"):
        return f"{track}.{module}"
    return module


def reference_module(track: str, module: str) -> ModuleType:
    """The reference's version of a learner's module, imported here (the judge's own reference)."""
    return importlib.import_module(f"micrograd_kata.reference.{reference_name(track, module)}")


@cache
def reference_modules(track: str) -> dict[str, str]:
    """The learner's module -> its reference's dotted name, for every file of the track."""
    return {p.module: reference_name(track, p.module) for p in curriculum.load(track)}


@cache
def reference_names(track: str) -> dict[str, Any]:
    """The reference's top-level objects that the track's curriculum names, for the checks' `reference` fixture."""
    found: dict[str, Any] = {}
    for piece in curriculum.load(track):
        module = reference_module(track, piece.module)
        for top in (s.split(".")[0] for s in piece.symbols):
            if top in vars(module):
                found[top] = vars(module)[top]
    return found


def start_template(track: str = curriculum.LECTURE) -> tuple[socket.socket, subprocess.Popen[bytes]]:
    """A clean agent kept ready (grade watch): the channel to ask it for a copy, and its process."""
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    process = subprocess.Popen([*COMMAND, "--template", str(theirs.fileno()), str(package_dir("reference")),
                                json.dumps(reference_modules(track))],
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
        self.track = curriculum.LECTURE  # set by start
        self.agent = remote.Agent(wire.Pipe(to_judge, from_judge), _rebuild_special, self._gone)

    def start(self, root: Path, track: str, *, output: str, dump: str, timeout: float, memory: int,
              parent: int) -> None:
        """Set the agent up for a grading of the workspace at root; without waiting for it, which sets up meanwhile."""
        self.track = track
        pieces = curriculum.load(track)
        forbidden = {f"{m}.py": sorted(forbidden_imports(f"{m}.py", track)) for m in dict.fromkeys(p.module for p in pieces)}
        self.agent.post("start", {
            "root": str(root), "forbidden": forbidden, "reference": str(package_dir("reference")),
            "pieces": [{"id": p.id, "module": p.module, "index": p.index, "symbols": list(p.symbols),
                        "needs": list(needs(p))} for p in pieces],
            "reference_modules": reference_modules(track),
            "may_import_torch": any("torch" not in names for names in forbidden.values()),
            "output": output, "dump": dump, "timeout": timeout,
            "memory": memory, "results_fd": self.results_fd, "parent": parent})

    def learner_for(self, piece_id: str, passed: set[str]) -> Names:
        return Names(self.track, **self.agent.request("learner", piece_id, sorted(passed)))

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
