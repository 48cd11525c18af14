"""Explaining one piece's problem: a failed check's details, an error, a block, what the code printed."""
from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from micrograd_kata.grading.fitting import FULL, Detail, elide, elide_pair, first_lines
from micrograd_kata.grading.graph_views import graph_view
from micrograd_kata.results import Failure, Location, PieceResult, Status

OUTPUT_CHARS = 1200   # the learner's printed output is cut to Detail.output_lines lines and this many characters

STATUS_STYLE = {
    Status.PASSED: "green",
    Status.FAILED: "red",
    Status.TODO: "yellow",
    Status.ERROR: "red",
    Status.TIMEOUT: "magenta",
    Status.SKIPPED: "dim",
    Status.BLOCKED: "blue",
}


def status_text(status: Status) -> Text:
    """The status word in its colour."""
    return Text(status.value, style=f"bold {STATUS_STYLE[status]}")


def facts_grid() -> Table:
    """Two columns, a dim label and its value; a value that wraps keeps to its column."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    return grid


def failure_view(failure: Failure, piece_id: str | None = None, detail: Detail = FULL) -> Table:
    """A failed check's details (below its summary): program, inputs, expected vs got, the wrong node, where,
    what usually causes it, tolerance, and how to replay it; long values elided in the middle."""
    grid = facts_grid()
    expected, got = elide_pair(failure.expected or "", failure.got or "")
    if failure.program and detail.program:
        program = [elide(line) for line in failure.program]
        grid.add_row("program", Text("\n".join(first_lines(program, 3) if detail.one_line else program), style="cyan"))
    rows = [
        ("inputs", elide(failure.inputs or "") if detail.program else None, "", detail.one_line),
        ("expected", expected, "green", False),
        ("got", got, "red", False),
        ("first wrong grad", failure.node, "bold", False),
        ("where", str(failure.where) if failure.where else None, "", False),
        ("why, usually", failure.hint, "italic", False),
        ("tolerance", failure.tolerance if detail.tolerance else None, "dim", False),
    ]
    for label, value, style, one_line in rows:
        if value:
            grid.add_row(label, Text(value, style=style, no_wrap=one_line, overflow="ellipsis"))
    if failure.seed is not None and detail.replay:
        replay = f"grade {piece_id} --seed {failure.seed}" if piece_id else f"--seed {failure.seed}"
        grid.add_row("replay", Text.assemble("same inputs again: ", (replay, "bold")))
    return grid


def code_view(failure: Failure, indent: int = 2) -> Text | None:
    """The learner's line where Python stopped, and a caret under the place: for a syntax error."""
    if failure.source_line is None or failure.where is None or failure.where.line is None:
        return None
    written = failure.source_line.rstrip()
    code = written.lstrip()
    gutter = f"{' ' * indent}{failure.where.line} | "
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(gutter, style="dim").append(code, style="cyan")
    if failure.column is not None:
        column = max(0, failure.column - 1 - (len(written) - len(code)))
        text.append("\n" + " " * (len(gutter) - 2), style="dim").append("| ", style="dim")
        text.append(" " * column + "^", style="bold red")
    return text


def has_details(failure: Failure) -> bool:
    """True when a failure says more than its summary and place: a program, inputs, values, a node."""
    return any((failure.program, failure.inputs, failure.expected, failure.got, failure.node))


def problem_view(result: PieceResult, detail: Detail = FULL) -> RenderableType:
    """Why a piece does not pass, whatever its status; a passing piece just counts its checks."""
    if result.status is Status.PASSED:
        return Text(f"All {result.total} checks pass.", style="green")
    if result.status is Status.BLOCKED:
        first = result.blocked_by or "an earlier piece"
        text = Text.assemble(("Blocked: ", "bold blue"), f"{first} must be fixed first; ",
                             (f"grade {first}", "bold"), " explains it.")
        if result.message:
            text.append(f"\n{result.message}")
        return text
    problem = result.first_problem
    if problem is not None and problem.failure is not None and (
            result.status is Status.FAILED or has_details(problem.failure)):
        counted = Text(f"{result.passed} of {result.total} checks pass. The first that does not, {problem.name}:",
                       style="dim")
        summary = Text(problem.failure.summary, style=f"bold {STATUS_STYLE[problem.status]}")
        graph = graph_view(problem.failure) if detail.graph else None
        drawn: list[RenderableType] = [] if graph is None else [graph, *([Text("")] if detail.spacing else [])]
        return Group(counted, summary, *drawn, failure_view(problem.failure, result.piece_id, detail))
    lead = {Status.TODO: "Not written yet: ", Status.TIMEOUT: "Too slow: ", Status.ERROR: "Error: ", Status.SKIPPED: "Skipped: "}
    text = Text.assemble((lead.get(result.status, ""), f"bold {STATUS_STYLE[result.status]}"),
                         result.message or (problem.name if problem else result.status.value))
    grid = facts_grid()
    if result.where and result.status is not Status.TODO and str(result.where) not in text.plain:
        grid.add_row("where", Text(str(result.where)))   # Text, never markup: a name may hold [brackets]
    failure = problem.failure if problem is not None else None
    if failure is not None and failure.hint:
        grid.add_row("why, usually", Text(failure.hint, style="italic"))
    code = code_view(failure) if failure is not None else None
    parts = [part for part in (text, grid if grid.row_count else None, code) if part is not None]
    return Group(*parts) if len(parts) > 1 else text


def output_view(output: str, detail: Detail = FULL) -> RenderableType | None:
    """What the learner's code printed, cut short; None when it printed nothing (or there is no room for it)."""
    if not output.strip() or not detail.output_lines:
        return None
    lines = output.rstrip().splitlines()
    shown = "\n".join(lines[:detail.output_lines])[:OUTPUT_CHARS]
    cut = len(shown) < len(output.rstrip())
    body = Text(shown, style="dim")
    if cut:
        body.append(f"\n… cut short ({len(lines)} lines in all)", style="italic dim")
    return Group(Text("Your code printed:", style="bold"), body)


def in_brief(result: PieceResult) -> tuple[str, Location | None]:
    """A piece's problem in a phrase, and where it is."""
    problem = result.first_problem
    failure = problem.failure if problem else None
    if result.status is Status.BLOCKED:
        detail = f"blocked until {result.blocked_by or 'an earlier piece'} passes"
    elif failure is not None:
        detail = failure.summary
    else:
        detail = result.message or result.status.value
    return detail, (failure.where if failure and failure.where else None) or result.where


def brief_problem(result: PieceResult) -> Group:
    """A few lines on a piece's problem, for below the --all table: what, where (the line, for a syntax error)."""
    detail, where = in_brief(result)
    failure = result.first_problem.failure if result.first_problem else None
    text = Text.assemble(("First problem: ", "bold"), (result.piece_id, "bold"), " ",
                         status_text(result.status), f" — {detail}")
    if where and str(where) not in detail:
        text.append(f" ({where})")
    details = Text.assemble("Details: ", (f"grade {result.piece_id}", "bold"))
    code = code_view(failure) if failure is not None else None
    return Group(text, details) if code is None else Group(text, code, details)
