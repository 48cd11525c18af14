"""The one place the CLI prints: renderables and JSON to stdout, notes and errors to stderr."""
from __future__ import annotations

import json
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager as ContextManager
from contextlib import contextmanager, nullcontext
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from micrograd_kata.results import PieceResult


def console() -> Console:
    """A console on the current stdout (made per call, so tests that swap stdout see the output)."""
    from rich.console import Console

    return Console()


def show(*renderables: RenderableType | None) -> None:
    """Print renderables to stdout, skipping the Nones."""
    out = console()
    for renderable in renderables:
        if renderable is not None:
            out.print(renderable)


def note(message: str) -> None:
    """A plain note on stderr (stdout stays clean for --json); on a terminal, wrapped between words."""
    width = note_width()
    if width:
        message = "\n".join(textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False) or line
                            for line in message.splitlines())
    click.echo(message, err=True)


def note_width() -> int | None:
    """The terminal's width when stderr is one; None elsewhere (a log or a pipe gets each note on one line)."""
    return shutil.get_terminal_size().columns if sys.stderr.isatty() else None


def emit_json(data: Any) -> None:
    """One JSON object on stdout."""
    click.echo(json.dumps(data, indent=2))


def grading_status(enabled: bool) -> ContextManager[Callable[[PieceResult], None] | None]:
    """A transient spinner naming each piece as it is graded, on a terminal only; yields the on_result hook."""
    if not enabled:
        return nullcontext(None)
    out = console()
    if not out.is_terminal:
        return nullcontext(None)
    return _spinner(out)


@contextmanager
def _spinner(out: Console) -> Iterator[Callable[[PieceResult], None]]:
    with out.status("Grading…", spinner="dots") as status:
        yield lambda result: status.update(f"Graded {result.piece_id} ({result.status.value}); grading on…")
