"""The lecture's moments for a piece, as lines a learner can click: the video opens at that second."""
from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from micrograd_kata.curriculum import Chapter, Piece


def chapter_text(chapter: Chapter, *, address: bool = False) -> Text:
    """'1:22:28 fixing a backprop bug …', linked to that second of the video (and the address written out)."""
    text = Text.assemble((chapter.stamp, f"bold link {chapter.link}"), " ", (chapter.title, f"link {chapter.link}"))
    if address:
        text.append(f"\n{chapter.link}", style=f"dim link {chapter.link}")
    return text


def chapters_table(pieces: Sequence[Piece]) -> Table:
    """Where the lecture teaches each piece: its chapters, each linked to its second of the video, address below."""
    table = Table.grid(padding=(0, 2))
    table.title, table.title_justify = "Where the lecture teaches each piece (a time opens the video there)", "left"
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for piece in (p for p in pieces if p.chapters):   # another track's pieces cite the lecture where it applies
        table.add_row(piece.id, Text("\n").join(chapter_text(c, address=True) for c in piece.chapters))
    return table


def rewatch(piece: Piece, *, address: bool = False) -> Text:
    """'rewatch 1:22:28 fixing a backprop bug when one node is used multiple times', one line per chapter."""
    text = Text()
    for n, chapter in enumerate(piece.chapters):
        text.append("\n" if n else "")
        text.append("rewatch ", style="dim").append_text(chapter_text(chapter, address=address))
    return text
