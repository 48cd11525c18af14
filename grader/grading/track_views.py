"""The tracks as `grade list --tracks` shows them, and as JSON."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.table import Table
from rich.text import Text

from micrograd_kata.curriculum import Track


def tracks_table(tracks: Sequence[Track], current: str | None = None) -> Table:
    """Each track with its description and how many pieces it has; the workspace's own track marked."""
    table = Table(title="micrograd kata: the tracks", title_justify="left",
                  caption="Start one with `grade init DIR --track TRACK`.", caption_justify="left")
    table.add_column("track", no_wrap=True)
    table.add_column("what it is")   # the title, and the description below it: the one column that may wrap
    table.add_column("pieces", justify="right", no_wrap=True)
    for track in tracks:
        name = Text(track.name, style="bold")
        if track.name == current:
            name.append("\n(this workspace)", style="dim")
        about = Text(track.title)
        about.append(f"\n{track.description}", style="dim")
        table.add_row(name, about, str(len(track.pieces)))
    return table


def tracks_json(tracks: Sequence[Track], current: str | None = None) -> dict[str, Any]:
    """The tracks as one JSON-ready object, and the workspace's own track (None outside a workspace)."""
    return {"current": current, "tracks": [{"name": t.name, "title": t.title, "description": t.description,
                                            "pieces": len(t.pieces)} for t in tracks]}
