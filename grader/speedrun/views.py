"""Rich renderables for speedruns: the live splits table, the final summary, and stats with a chart of times."""
from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from micrograd_kata.grading.failure_views import STATUS_STYLE, in_brief, status_text
from micrograd_kata.results import PieceResult, Status
from micrograd_kata.speedrun.report import CategoryBest, PieceRow, Report
from micrograd_kata.speedrun.row_note import RowNote
from micrograd_kata.speedrun.timing import Attempt
from micrograd_kata.wording import and_list

GOLD = "bold gold1"
CURRENT = "▸ "   # marks the current piece's row
BLOCKS = " ▁▂▃▄▅▆▇█"


def format_time(seconds: float | None) -> str:
    """12.3 -> '0:12.3', 3725 -> '1:02:05.0'; None -> '—'."""
    if seconds is None:
        return "—"
    minutes, secs = divmod(max(0.0, seconds), 60)
    hours, minutes = divmod(int(minutes), 60)
    return f"{hours}:{minutes:02d}:{secs:04.1f}" if hours else f"{minutes}:{secs:04.1f}"


def format_delta(seconds: float | None) -> Text:
    """A split against the personal best: green when ahead (-), red when behind (+)."""
    if seconds is None:
        return Text("")
    sign, style = ("-", "green") if seconds < 0 else ("+", "red")
    return Text(sign + format_time(abs(seconds)), style=style)


def title(report: Report) -> str:
    number = f" · attempt #{report.attempt.number}" if report.attempt else ""
    return f"Speedrun {report.category}{number}"


def splits_table(report: Report) -> Table:
    """One row per piece: split, segment (gold when it beats the piece's best), delta against the PB, best segment."""
    table = Table(title=title(report), title_justify="left", expand=False)
    table.add_column("Piece")
    table.add_column("Split", justify="right")
    table.add_column("Segment", justify="right")
    table.add_column("Δ PB", justify="right")
    table.add_column("Best segment", justify="right", style="dim")
    current = report.current_piece if report.active else None
    for row in report.rows:
        name = Text((CURRENT if row.piece_id == current else "  ") + row.piece_id,
                    style="bold" if row.piece_id == current else "")
        segment = segment_text(row)
        table.add_row(name, format_time(row.split) if row.split is not None else "", segment,
                      format_delta(row.delta), format_time(row.best_segment) if row.best_segment is not None else "")
    return table


def segment_text(row: PieceRow) -> Text:
    """The segment's time on the row that carries it (gold when it beats the best); a pointer on the others."""
    if row.segment is None:
        return Text("")
    if not row.carries_segment:
        return Text(f"with {row.segment.pieces[-1]}", style="dim")
    text = Text(format_time(row.segment.seconds), style=GOLD if row.gold else "")
    if len(row.segment.pieces) > 1:
        text.append(f" ({len(row.segment.pieces)} together)", style="dim")
    return text


def clock(report: Report) -> Text:
    """The running time, big and bold, with the personal best beside it."""
    text = Text(format_time(report.elapsed), style="bold cyan" if report.active else "bold")
    if report.previous_best is not None:
        text.append(f"   PB {format_time(report.previous_best.final_time)}", style="dim")
    if report.sum_of_best is not None:
        text.append(f"   sum of best {format_time(report.sum_of_best)}", style="dim")
    jumps = clock_jumps(report)
    if jumps is not None:
        text.append("\n").append_text(jumps)
    return text


def why_not_yet(result: PieceResult) -> Text:
    """One line on why the current piece does not pass: its status, where, and what is wrong."""
    detail, where = in_brief(result)
    if result.status is Status.BLOCKED:
        return Text(detail, style=STATUS_STYLE[result.status])
    text = status_text(result.status)
    if where and str(where) not in detail:
        text.append(f" at {where}")
    return text.append(f": {detail}")


def clock_jumps(report: Report) -> Text | None:
    """The wall clock's jumps during the shown run, and how the run was timed across them."""
    if not report.clock_jumps:
        return None
    said = []
    for jump in report.clock_jumps:
        way, by = "forward" if jump.seconds > 0 else "back", format_time(abs(jump.seconds))
        said.append(f"the wall clock jumped {way} {by} at {format_time(jump.at)}, timed by the steady clock instead"
                    if jump.steady else
                    f"the wall clock went back {by} across a restart, at {format_time(jump.at)}, timed from the "
                    "restart instead")
    return Text("Clock: " + "; ".join(said) + ".", style="yellow")


def splits_with_reason(report: Report, current: PieceResult | None) -> RenderableType:
    """The splits table, with why the current piece does not pass yet on a line under its row."""
    table = splits_table(report)
    piece = report.current_piece if report.active else None
    if current is None or piece is None or current.piece_id != piece or current.status is Status.PASSED:
        return table
    return RowNote(table, f"{CURRENT}{piece}", Text("  └ ").append_text(why_not_yet(current)))


def live_view(report: Report, status: str, current: PieceResult | None = None) -> RenderableType:
    """What the live speedrun shows: the clock, the splits (with why the current piece does not pass yet), and
    what it is doing now."""
    return Group(clock(report), splits_with_reason(report, current), Text(status, style="dim"))


def progress_view(report: Report, newly: tuple[str, ...], current: PieceResult | None = None) -> RenderableType:
    """After a one-off grading: the splits, what just passed, why the current piece does not yet, and the clock."""
    done = sum(r.split is not None for r in report.rows)
    line = Text(f"{done}/{len(report.rows)} pieces split.")
    if newly:
        line.append(f" New split{'s' if len(newly) > 1 else ''}: {and_list(newly)}.", style="green")
    if report.active:
        line.append(" The clock keeps running: save your work and run the command again.", style="dim")
    return Group(splits_with_reason(report, current), clock(report), line)


def final_view(report: Report) -> RenderableType:
    """The end of a run: its time against the personal best and the sum of best."""
    attempt = report.attempt
    assert attempt is not None and attempt.final_time is not None
    lines = Text()
    lines.append(f"Final time {format_time(attempt.final_time)}\n", style="bold")
    if report.previous_best is None:
        lines.append("Your first finished run: it is your personal best.\n", style=GOLD)
    elif report.new_personal_best:
        lines.append(f"New personal best! The last one was {format_time(report.previous_best.final_time)} "
                     f"(attempt #{report.previous_best.number}).\n", style=GOLD)
    else:
        best = report.previous_best.final_time or 0.0
        lines.append(f"Personal best {format_time(best)} (attempt #{report.previous_best.number}): ")
        lines.append_text(format_delta(attempt.final_time - best))
        lines.append("\n")
    lines.append(f"Sum of best {format_time(report.sum_of_best)}")
    golds = sum(r.gold and r.carries_segment for r in report.rows)
    if golds:
        lines.append(f" · {golds} gold segment{'s' if golds > 1 else ''}", style=GOLD)
    jumps = clock_jumps(report)
    if jumps is not None:
        lines.append("\n").append_text(jumps)
    return Group(splits_table(report), Panel(lines, title="Finished", expand=False))


def time_chart(attempts: tuple[Attempt, ...], *, height: int = 8, max_columns: int = 60) -> Text:
    """A column chart of finished runs' times over attempt numbers, drawn with block characters."""
    points = [(a.number, a.final_time) for a in attempts if a.final_time is not None][-max_columns:]
    if not points:
        return Text("No finished run yet: finish one to see the chart.", style="dim")
    times = [t for _, t in points]
    low, high = min(times), max(times)
    floor = max(0.0, low - (high - low) * 0.25) if high > low else 0.0   # zoom in on the spread, bars never empty
    eighths = [round((t - floor) / ((high - floor) or 1) * height * 8) or 1 for t in times]
    best = times.index(low)
    label_width = max(len(format_time(high)), len(format_time(floor)))
    chart = Text()
    for level in range(height, 0, -1):
        label = format_time(high) if level == height else format_time(floor) if level == 1 else ""
        chart.append(f"{label:>{label_width}} ┤", style="dim")
        for i, size in enumerate(eighths):
            cell = BLOCKS[max(0, min(8, size - (level - 1) * 8))]
            chart.append(cell * 2 + " ", style=GOLD if i == best else "cyan")
        chart.append("\n")
    chart.append(" " * label_width + " └" + "───" * len(points) + "\n", style="dim")
    chart.append(" " * (label_width + 2) + "".join(f"{n:<3}"[-3:] for n, _ in points) + " attempt", style="dim")
    return chart


def stats_view(report: Report) -> RenderableType:
    """Attempts, personal best, sum of best, best segment per piece, and the chart of finished times."""
    attempts = report.attempts
    finished = sum(a.final_time is not None for a in attempts)
    summary = Table.grid(padding=(0, 2))
    summary.add_row("Attempts", f"{len(attempts)} ({finished} finished"
                    f"{', 1 running' if report.active else ''})")
    pb = report.personal_best
    summary.add_row("Personal best", f"{format_time(pb.final_time)} (attempt #{pb.number})" if pb else "—")
    summary.add_row("Sum of best", format_time(report.sum_of_best))
    segments = Table(title="Best segments", title_justify="left")
    segments.add_column("Piece")
    segments.add_column("Best segment", justify="right")
    segments.add_column("In PB", justify="right", style="dim")
    pb_segments = {s.pieces[-1]: s for s in pb.segments()} if pb else {}
    ever_split = {p for a in attempts for p in a.splits}
    for row in report.rows:
        in_pb = pb_segments.get(row.piece_id)
        best = format_time(row.best_segment) if row.best_segment is not None else (
            "— (only with others)" if row.piece_id in ever_split else "—")
        segments.add_row(row.piece_id, best,
                         "" if in_pb is None else format_time(in_pb.seconds) + (
                             f" ({len(in_pb.pieces)} together)" if len(in_pb.pieces) > 1 else ""))
    chart = Panel(time_chart(attempts), title="Finished runs", expand=False)
    name = f"Speedrun of {report.category.in_words()} · {report.category}"
    return Panel(Group(summary, Text(""), segments, chart), title=name, expand=False)


def others_table(others: tuple[CategoryBest, ...]) -> Table:
    """The other categories run in this workspace, each with its attempts and its personal best."""
    table = Table(title="Other categories (`grade stats --category NAME`)", title_justify="left")
    table.add_column("Category")
    table.add_column("Attempts", justify="right")
    table.add_column("Personal best", justify="right")
    for other in others:
        table.add_row(str(other.category), str(other.attempts),
                      format_time(other.best) if other.best is not None else "—")
    return table

