"""Rich renderables for the practice loop: the watch verdict, and a piece beside its solution."""
from __future__ import annotations

import textwrap
import time
from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from micrograd_kata import curriculum
from micrograd_kata.grading import views as grading_views
from micrograd_kata.learner.backup import Backup, Restored
from micrograd_kata.practice.diff import Comparison, SymbolPair
from micrograd_kata.practice.tryout import PACKAGE
from micrograd_kata.practice.watch import Verdict
from micrograd_kata.results import NO_TORCH, Status

SIDE_BY_SIDE_WIDTH = 140   # below this, two columns of code wrap too much: show a unified diff
THEME = "monokai"


def verdict_view(verdict: Verdict, *, watching: str, grading: bool = False) -> RenderableType:
    """What passed since the last verdict, the current piece's panel (as `grade next` shows it) or the all-done
    panel, and, on one line below, when it was graded: all of it within the screen's height."""
    total = len(curriculum.load(verdict.track))
    passed_now = grading_views.moved_on_view(verdict.passed_now)
    notes = grading_views.notes_view(verdict.run, said={NO_TORCH})   # what the code changed while it was graded
    noted = 2 * len(notes.plain.splitlines()) if notes else 0   # a note takes about two lines of a terminal
    if verdict.piece is None or verdict.result is None:
        body: RenderableType = grading_views.all_done_panel(verdict.run, total)
    else:
        body = grading_views.next_panel(verdict.piece, verdict.result, location=verdict.result.look_at,
                                        total_pieces=total, passing=verdict.passing,
                                        reserve=1 + bool(passed_now) + noted)
    stamp = time.strftime("%H:%M:%S", time.localtime(verdict.at))
    footer = Text("Saved: grading…", style="bold") if grading else Text(
        f"Graded at {stamp} in {verdict.seconds:.1f} s · save {watching} to re-grade, Ctrl-C to stop",
        style="dim", no_wrap=True, overflow="ellipsis")
    return Group(*([passed_now] if passed_now else []), body, *([notes] if notes else []), footer)


def waiting_view(watching: str) -> Text:
    return Text(f"Grading… (watching {watching})", style="dim")


def _code(text: str, start: int) -> Syntax:
    return Syntax(text.rstrip("\n"), "python", theme=THEME, line_numbers=True, start_line=start, word_wrap=True)


def _missing(pair: SymbolPair) -> Text:
    return Text(f"{pair.name} is not in your file", style="yellow")


def side_by_side(comparison: Comparison) -> Table:
    """Yours on the left, the solution on the right, one row per function or method."""
    table = Table(expand=True, show_lines=True, title=f"{comparison.piece.title} ({comparison.piece.id})",
                  title_justify="left")
    table.add_column(f"yours: {comparison.mine_path}", ratio=1)
    table.add_column(f"solution: {comparison.solution_path}", ratio=1)
    for pair in comparison.pairs:
        mine = _code(pair.mine, pair.mine_line) if pair.mine is not None else _missing(pair)
        table.add_row(mine, _code(pair.solution, pair.solution_line))
    return table


def unified(comparison: Comparison) -> RenderableType:
    """A unified diff from your code to the solution, for narrow terminals."""
    text = comparison.unified()
    if not text:
        return Text(matches(comparison), style="green")
    return Panel(Syntax(text.rstrip("\n"), "diff", theme=THEME, word_wrap=True),
                 title=f"{comparison.piece.title} ({comparison.piece.id}): yours → solution", title_align="left")


def comparison_view(comparison: Comparison, *, width: int, layout: str = "auto") -> RenderableType:
    """Side by side when the terminal is wide enough (or asked for), else a unified diff."""
    wide = layout == "side-by-side" or (layout == "auto" and width >= SIDE_BY_SIDE_WIDTH)
    if not wide and not comparison.unified():
        return unified(comparison)   # nothing to list: it says so itself
    view = side_by_side(comparison) if wide else unified(comparison)
    return Group(view, Text(matches(comparison), style="dim"))


def matches(comparison: Comparison) -> str:
    """How many of the piece's functions are the solution's, said the way a person would."""
    same, total = sum(pair.same for pair in comparison.pairs), len(comparison.pairs)
    if same == total:
        return ("Your function is the solution's" if total == 1 else f"All {total} functions are the solution's") + \
            ", docstrings aside."
    if total == 1:
        told = "Your function differs from the solution's"
    else:
        told = f"{same} of {total} functions {'matches' if same == 1 else 'match'} the solution's"
    return told + " (docstrings aside); a different way that passes is just as right."


def locked_view(piece_id: str, status: Status) -> Text:
    """Why the solution is not shown yet."""
    return Text.assemble(
        (f"{piece_id} does not pass yet ({status.value}), so its solution stays hidden. ", "bold"),
        "Keep at it: ", (f"grade hint {piece_id}", "bold"), " gives a hint, and ",
        (f"grade diff {piece_id} --peek", "bold"), " shows the solution anyway.")


def backups_view(found: list[Backup]) -> RenderableType:
    """The workspace's backups, newest first and numbered, with what each holds; and how to put one back."""
    table = Table(title="Backups of your files, newest first", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("taken", no_wrap=True)
    table.add_column("why")
    table.add_column("files")
    for number, backup in enumerate(found, start=1):
        taken = backup.taken.strftime("%Y-%m-%d %H:%M:%S") if backup.taken else "?"
        table.add_row(str(number), taken, backup.reason, files_held(backup) or "none (broken)")
    return Group(table, Text("`grade restore NUMBER` puts one back; your files are backed up first.", style="dim"))


def files_held(backup: Backup) -> str:
    """The kata files a backup holds: "every file", or their names."""
    return "every file" if backup.every_file else ", ".join(backup.files)


def restored_text(done: Restored) -> str:
    """What a restore did, and how to undo it."""
    chosen = done.backup
    lines = []
    if done.saved is not None:
        lines.append(f"Backed up your current files to {done.saved}.")
    lines.append(f"Restored {files_held(chosen)} from the backup {chosen.name}.")
    if done.saved is not None:
        lines.append(f"To undo: grade restore {done.saved.name}")
    return "\n".join(lines)


def shell_banner(workspace: str, names: Iterable[str]) -> str:
    """The first lines of `grade shell`: whose code this is, and what is already imported."""
    defined = textwrap.fill(", ".join(names), width=78, initial_indent="  ", subsequent_indent="  ")
    return (f"Your code in {workspace}, imported as the package `{PACKAGE}`. Already defined:\n{defined}\n"
            "Ctrl-D (Ctrl-Z then Enter on Windows) leaves.")
