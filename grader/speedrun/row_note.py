"""A line across a table, under one of its rows: where the live splits table says why the current piece does not
pass. Rich tables have no cell that spans the columns, so the table is rendered and the line put between its lines,
inside its edges."""
from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text


class RowNote:
    """`table` with `note` on a line of its own under the row that contains `marker` (the table alone when none
    does); the table is widened for the note as far as the screen allows, and the note is cut to one line."""

    def __init__(self, table: Table, marker: str, note: Text) -> None:
        self.table = table
        self.marker = marker
        self.note = note

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        self.table.min_width = min(options.max_width, self.note.cell_len + 4)   # 4: the edges and their padding
        lines = console.render_lines(self.table, options, pad=False)
        under = next((i for i, line in enumerate(lines) if self.marker in "".join(s.text for s in line)), None)
        for i, line in enumerate(lines):
            yield from line
            yield Segment.line()
            if i == under:
                yield from self.across(console, options, line)
                yield Segment.line()

    def across(self, console: Console, options: ConsoleOptions, row: list[Segment]) -> list[Segment]:
        """The note's line, as wide as the row and between the same edges."""
        left, right = row[0], row[-1]
        inner = Segment.get_line_length(row) - left.cell_length - right.cell_length - 2
        note = self.note.copy()
        note.no_wrap, note.overflow = True, "ellipsis"
        text = console.render_lines(note, options.update_width(max(1, inner)), pad=True)[0]
        return [left, Segment(" "), *text, Segment(" "), right]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.table)
