"""The agent: the only process that runs the learner's code. `python -I agent_server.py READ_FD WRITE_FD`.

The judge (runner/worker.py: pytest, the checks, the reference, the verdicts) starts it and sends it
requests over a pipe (learner/wire.py): call this, get that attribute, run these programs. The agent imports
the learner's workspace, with the reference's code lent for the pieces not graded (runner/lending.py), and
answers with plain data or handles. It never holds a check, an expected value or a verdict: whatever the
learner's code patches here (math, builtins, the agent itself) changes only what the learner's code returns.

It is started by its path with -I, so nothing of the grader's package is imported, and a guard refuses
`import micrograd_kata` to the learner's code. The limits of a piece apply here: its time (faulthandler dumps
the stuck line and ends the process), its memory, its printed output, os._exit, the processes and threads it
starts. Standard library only: it loads its few helpers by path (wire, lending, limits, reaping, leftovers, and
agent_guard and agent_requests, the rest of the agent).
"""
from __future__ import annotations

import faulthandler
import importlib.util
import json
import os
import sys
import threading
import traceback
from pathlib import Path
from types import FrameType, ModuleType, TracebackType
from typing import TYPE_CHECKING, Any

HERE = Path(__file__).resolve().parent
_exit = os._exit  # the real one: the learner's calls of os._exit are watched


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"kata_agent_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


wire = _load("wire", HERE.parent / "learner" / "wire.py")
lending = _load("lending", HERE / "lending.py")
limits = _load("limits", HERE / "limits.py")
reaping = _load("reaping", HERE / "reaping.py")
leftovers = _load("leftovers", HERE / "leftovers.py")
guard = _load("guard", HERE / "agent_guard.py")
requests = _load("requests", HERE / "agent_requests.py")


class Callback:
    """A function of the judge's (a check's `f` for derivative): calling it asks the judge."""

    def __init__(self, agent: Agent, number: int) -> None:
        self.agent, self.number = agent, number

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.agent.ask(["callback", self.number, self.agent.out(list(args)), self.agent.out(kwargs)])


if TYPE_CHECKING:  # for mypy alone: at run time the agent imports nothing of the grader's package
    from micrograd_kata.runner.agent_requests import Requests
else:
    Requests = requests.Requests


class Agent(Requests):
    """Holds the learner's objects by handle and answers the judge's requests."""

    def __init__(self, pipe: Any, results_fd: int | None = None,
                 reference: tuple[dict[str, str], dict[str, ModuleType]] | None = None) -> None:
        self.pipe = pipe
        self.results_fd = results_fd  # forked from a template: the results pipe as it came here
        self.reference = reference  # forked from a template: the reference, loaded already (for these modules)
        self.objects: dict[int, Any] = {}
        self.handles: dict[int, int] = {}  # id(object) -> its handle
        self.root = Path(".")
        self.compiled: dict[str, Any] = {}
        self.preload: threading.Thread | None = None  # torch's import, started at set-up where a file may import it

    # objects <-> handles

    def handle(self, value: Any) -> Any:
        kind = type(value)
        if isinstance(value, (int, float, str)) and not kind.__module__.startswith(lending.PACKAGE):
            # a number of another library (numpy.float64) crosses as the plain number it is
            return next(base(value) for base in (bool, int, float, str) if isinstance(value, base))
        return {"h": self._number(value), "k": self._number(kind)}

    def _number(self, value: Any) -> int:
        number = self.handles.get(id(value))
        if number is None or self.objects.get(number) is not value:
            number = len(self.objects) + 1
            while number in self.objects:
                number += 1
            self.objects[number] = value
            self.handles[id(value)] = number
        return number

    def resolve(self, data: dict[str, Any]) -> Any:
        if "c" in data:
            return Callback(self, data["c"])
        return self.objects[data["h"]]

    def out(self, value: Any) -> Any:
        return wire.encode(value, self.handle)

    def into(self, data: Any) -> Any:
        return wire.decode(data, self.resolve)

    # the conversation

    def serve(self) -> None:
        """Answer requests until the judge closes the pipe."""
        while True:
            try:
                request = self.pipe.receive()
            except wire.Closed:
                return
            if request[0] == "release":  # no answer: the judge does not wait for one
                self.do_release(*request[1:])
            else:
                self.pipe.send(self.answer(request))

    def ask(self, request: list[Any]) -> Any:
        """Ask the judge (a callback), answering its own requests meanwhile."""
        self.pipe.send(request)
        while True:
            message = self.pipe.receive()
            if message[0] == "ok":
                return self.into(message[1])
            if message[0] == "err":
                raise RuntimeError(f"the grader's function raised {message[1]['type']}: {message[1]['text']}")
            if message[0] == "release":
                self.do_release(*message[1:])
            else:
                self.pipe.send(self.answer(message))

    def answer(self, request: list[Any]) -> list[Any]:
        try:
            operation = getattr(self, "do_" + request[0])
            return ["ok", self.out(operation(*(self.into(a) for a in request[1:])))]
        except BaseException as error:  # noqa: BLE001 (the learner's code may raise anything, SystemExit too)
            return ["err", self.error(error)]

    def error(self, error: BaseException) -> dict[str, Any]:
        """What the judge needs to explain an exception as the grader always has: its kind, text and place."""
        if isinstance(error, MemoryError):
            _clear(error)  # let go of what the learner's code allocated: the answer needs memory too
        base = next(k for k in type(error).__mro__ if k.__module__ == "builtins")
        info: dict[str, Any] = {
            "type": type(error).__name__, "base": base.__name__, "text": requests.text_of(error),
            "args": self.out(error.args) if all(type(a) in wire.PLAIN for a in error.args) else None,
            "where": self.in_traceback(error.__traceback__),
        }
        if isinstance(error, NameError):
            info["name"] = error.name
        if isinstance(error, SystemExit):
            info["code"] = error.code if type(error.code) in wire.PLAIN else repr(error.code)
        if isinstance(error, SyntaxError):
            info["syntax"] = [error.filename and Path(error.filename).name, error.lineno, error.offset, error.text]
        if isinstance(error, lending.LearnerImportError):
            info["lending"] = ["import", error.module, self.error(error.error), error.where]
        elif isinstance(error, lending.ForbiddenImport):
            info["lending"] = ["forbidden", error.file, error.name]
        return info

    # where in the learner's files

    def innermost(self, frames: list[tuple[str, int, str]]) -> tuple[str, int, str] | None:
        found = None
        for filename, line, name in frames:
            if Path(filename).parent == self.root:
                found = (Path(filename).name, line, name)
        return found

    def in_traceback(self, tb: TracebackType | None) -> tuple[str, int, str] | None:
        frames = []
        while tb is not None:
            frames.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno, tb.tb_frame.f_code.co_qualname))
            tb = tb.tb_next
        return self.innermost(frames)

    def in_stack(self, frame: FrameType | None) -> tuple[str, int, str] | None:
        frames = []
        while frame is not None:
            frames.append((frame.f_code.co_filename, frame.f_lineno, frame.f_code.co_qualname))
            frame = frame.f_back
        return self.innermost(list(reversed(frames)))

    # requests: setting up

    def do_start(self, config: dict[str, Any]) -> None:
        """Set up for a grading: the workspace, the limits, the lent reference."""
        self.root = Path(config["root"])
        reaping.guard(os.getppid())
        os.chdir(self.root)  # cold or warm, the learner's relative paths start from the workspace
        fd = config["results_fd"] if self.results_fd is None else self.results_fd
        self.results = open(os.devnull if fd is None else fd, "w", buffering=1, encoding="utf-8")  # noqa: SIM115
        self._watch_os_exit()
        self.output = limits.BoundedOutput(open(config["output"], "w", encoding="utf-8"))  # noqa: SIM115
        dump = open(config["dump"], "w", encoding="utf-8")  # noqa: SIM115 (kept for faulthandler)
        faulthandler.enable(dump, all_threads=True)  # a crash (a segfault) leaves its stack, and the learner's line
        self.timer = limits.Timer(config["timeout"], dump)
        self.leftovers = leftovers.Leftovers(self.root, self.in_stack)
        parts = [lending.Part(p["id"], p["module"], p["index"], tuple(p["symbols"]), tuple(p["needs"]))
                 for p in config["pieces"]]
        self.parts = {p.id: p for p in parts}
        modules = config["reference_modules"]  # the learner's module -> its reference's, in the reference folder
        reference = self.reference if self.reference and self.reference[0] == modules else None
        loaded = reference[1] if reference else lending.load_reference(Path(config["reference"]), modules)
        self.lender = lending.Lender(self.root, parts, loaded, config["forbidden"], self.in_traceback_of)
        sys.meta_path.insert(0, guard.Guard(config["forbidden"], str(self.root), self.wait_for_preload,
                                           trusted=_import_torch.__code__))
        limits.limit_memory(config["memory"], torch_to_load=config["may_import_torch"])
        if config["may_import_torch"]:  # a file may import torch (the exercises track): its seconds start now
            self.preload = threading.Thread(target=_import_torch, daemon=True, name="kata-torch")
            self.preload.start()
        sys.stdout = sys.stderr = self.output  # the learner's prints

    def wait_for_preload(self, name: str) -> None:
        """A learner's file imports what it may (torch): the import started at set-up ends first, off its clock."""
        preload = self.preload
        if name == "torch" and preload is not None and preload.is_alive() and threading.current_thread() is not preload:
            left = self.timer.pause()
            preload.join()
            self.timer.resume(left)

    def in_traceback_of(self, error: BaseException) -> tuple[str, int, str] | None:
        return self.in_traceback(error.__traceback__)

    def _watch_os_exit(self) -> None:
        """Report where the learner called os._exit, as the judge's Exited event, before the process goes."""
        def watched(status: int) -> Any:
            try:
                where = self.in_stack(sys._getframe(1))
                place = None if where is None else {"file": where[0], "line": where[1], "name": where[2]}
                self.results.write(json.dumps({"event": "exit", "code": status, "where": place}) + "\n")
                self.results.flush()
            finally:
                _exit(status)  # noqa: B012

        os._exit = watched

    def do_learner(self, piece: str, passed: list[str]) -> dict[str, Any]:
        """The learner's names for a piece: its own code, passing earlier pieces', the reference's for the rest."""
        return self.lender.learner_for(self.parts[piece], set(passed))

    def do_begin(self, limit: float) -> None:
        """A piece starts: its time runs from now, for limit seconds (its own, or the grading's)."""
        self.output.take()
        self.leftovers.start()
        self.timer.start(limit)

    def do_end(self) -> Any:
        """A piece ends: its timer stops, what it left is charged, what it started ends."""
        self.timer.cancel()
        left = self.leftovers.left()
        reaping.end_descendants()
        return None if left is None else [left.summary, left.where, left.hint]

    def do_pause(self) -> float:
        return self.timer.pause()

    def do_resume(self, left: float) -> None:
        self.timer.resume(left)

    def do_output(self) -> str:
        return self.output.take()

    def do_release(self, numbers: list[int]) -> None:
        for number in numbers:
            value = self.objects.get(number)
            if value is not None and not isinstance(value, type):  # a type's handle stays: the judge caches by it
                del self.objects[number]
                if self.handles.get(id(value)) == number:
                    del self.handles[id(value)]

def _import_torch() -> None:
    try:
        import torch  # noqa: F401
    except Exception:  # not installed, or broken: the learner's own import says so
        pass


def _clear(error: BaseException) -> None:
    seen: list[BaseException] = []
    chain: list[BaseException | None] = [error]
    while chain:
        e = chain.pop()
        if e is not None and all(e is not s for s in seen):
            seen.append(e)
            chain += [getattr(e, "error", None), e.__cause__, e.__context__]
    for e in seen:
        traceback.clear_frames(e.__traceback__)


def template(channel: int, reference: Path, modules: dict[str, str]) -> None:
    """Keep a clean agent ready, with the reference loaded, and fork a copy of it for each grading (grade watch).

    Each request on the channel (a UNIX socket) brings the judge's process group and four file descriptors: the
    two ends of the agent's pipe, the results pipe, and one to write how the agent ended, which only its parent
    (this process) can learn.
    """
    import socket

    reaping.guard(os.getppid())
    loaded = (modules, lending.load_reference(reference, modules))  # a grading of another track loads its own
    requests = socket.socket(fileno=channel)
    while True:
        message, fds, _, _ = socket.recv_fds(requests, 64, 4)
        if not message:
            return
        read_fd, write_fd, results_fd, status_fd = fds
        pid = os.fork()
        if pid == 0:
            requests.close()
            os.close(status_fd)
            try:
                os.setpgid(0, int(message))  # in the judge's group: killed with it
            except OSError:
                pass
            Agent(wire.Pipe(read_fd, write_fd), results_fd, loaded).serve()
            _exit(0)
        for fd in (read_fd, write_fd, results_fd):
            os.close(fd)
        _, status = os.waitpid(pid, 0)
        reaping.end_descendants()
        try:
            os.write(status_fd, str(os.waitstatus_to_exitcode(status)).encode())
        except OSError:  # the judge is gone already: no one to tell
            pass
        os.close(status_fd)


def main() -> int:
    if sys.argv[1] == "--template":
        template(int(sys.argv[2]), Path(sys.argv[3]), json.loads(sys.argv[4]))
        return 0
    pipe = wire.Pipe(int(sys.argv[1]), int(sys.argv[2]))
    Agent(pipe).serve()
    return 0


if __name__ == "__main__":
    main()
    _exit(0)  # learner threads must not keep the agent alive

