"""Where in the learner's files something happened: the innermost frame whose file is one of theirs.

It answers for a traceback (an exception) and for faulthandler's dump (a timeout, a crash); the agent, which
imports nothing of the grader's, walks its own tracebacks and live stacks (runner/agent_server.py).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from micrograd_kata.learner import source
from micrograd_kata.results import Location

# (file name, line, function name) of one frame
Frame = tuple[str, int, str]


def innermost(frames: Iterable[Frame], root: Path) -> Location | None:
    """The last of the frames (outermost first) that runs a file of the learner's workspace."""
    found = None
    for filename, line, name in frames:
        if Path(filename).parent == root:
            found = Location(Path(filename).name, line, name)
    return found


def in_traceback(tb: TracebackType | None, root: Path) -> Location | None:
    """Where an exception was raised in the learner's code, named as Python names it: Value.__mul__.<locals>._backward."""
    frames = []
    while tb is not None:
        frames.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno, tb.tb_frame.f_code.co_qualname))
        tb = tb.tb_next
    return innermost(frames, root)


DUMP_FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+) in (?P<name>\S+)')


def in_dump(dump: str, root: Path) -> Location | None:
    """Where faulthandler's dump (most recent call first) was stuck in the learner's files.

    faulthandler names a method `tanh`, not `Value.tanh`: the name comes from the file's own symbols.
    """
    frames = [(m["file"], int(m["line"]), m["name"]) for m in DUMP_FRAME.finditer(dump)]  # the most recent first
    found = innermost(reversed(frames), root)
    if found is None or found.line is None:
        return found
    read, line = source.read(root / found.file), found.line
    theirs = [frame for frame in frames if Path(frame[0]).parent == root]
    if _entered(read, line) and len(theirs) > 1 and Path(theirs[1][0]).name == found.file:
        line = theirs[1][1]  # a crash in the call itself: the line that made the call
    symbol = read.symbol_at(line)
    return Location(found.file, line, symbol.name if symbol else found.name)


def _entered(read: source.SourceFile, line: int) -> bool:
    """Whether a frame stands on its function's own `def` line: it had only just been entered when the dump was
    written, and the line that called it says more."""
    lines = read.text.splitlines()
    return 0 < line <= len(lines) and lines[line - 1].lstrip().startswith(("def ", "async def "))
