"""The repo track's finish line: the learner's trained classifier drawn in the terminal, the points over the two
regions of its decision boundary, and how to run the full-size demo. Pure builders; nothing here prints."""
from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from micrograd_kata.results import Boundary, Run

POINT = {1: ("o", "bold blue"), -1: ("x", "bold red")}   # the label's mark, on either region
REGION = {"+": ("░", "blue", "grey19"), "-": (" ", "default", "grey11")}   # character, its colour, the background
FULL_DEMO = "grade demo"


def boundary_view(boundary: Boundary) -> Group:
    """The grid of regions (░ where the model says +1), the points marked o (+1) and x (-1), a legend below."""
    rows, columns = len(boundary.signs), len(boundary.signs[0]) if boundary.signs else 0
    (x0, x1), (y0, y1) = boundary.x_range, boundary.y_range
    marks: dict[tuple[int, int], int] = {}
    for x, y, label in boundary.points:
        column = min(columns - 1, max(0, int((x - x0) / (x1 - x0) * columns)))
        row = min(rows - 1, max(0, int((y1 - y) / (y1 - y0) * rows)))
        marks[row, column] = label
    lines = []
    for r, signs in enumerate(boundary.signs):
        line = Text()
        for c, sign in enumerate(signs):
            char, colour, background = REGION[sign]
            if (r, c) in marks:
                char, colour = POINT[marks[r, c]]
            line.append(char, style=f"{colour} on {background}")
        lines.append(line)
    legend = Text.assemble(("o", POINT[1][1]), " label +1   ", ("x", POINT[-1][1]), " label -1   ",
                           ("░", "blue"), " the model says +1, blank -1", style="dim")
    return Group(Text(boundary.title, style="bold"), *lines, legend)


def trained(run: Run) -> Boundary | None:
    """The picture a passing check left in this run, if any."""
    return next((c.boundary for r in run.results for c in r.checks if c.boundary is not None), None)


def finish_line(run: Run) -> list[RenderableType]:
    """The drawing and the way to the full-size demo, when the run holds a trained classifier; else nothing."""
    boundary = trained(run)
    if boundary is None:
        return []
    return [boundary_view(boundary), Text(""),
            Text.assemble("Your own engine and network learned the moons. The demo notebook's full size, "
                          "MLP(2, [16, 16, 1]) on 100 points for 100 steps: ", (FULL_DEMO, "bold"),
                          " (a few minutes of pure Python).")]


def history_view(history: Sequence[tuple[float, float]], every: int = 10) -> Table:
    """Every `every`-th step's loss and accuracy, and the last, as the notebook prints them."""
    table = Table(box=None, padding=(0, 2), show_header=True, header_style="dim")
    for column in ("step", "loss", "accuracy"):
        table.add_column(column, justify="right")
    for k, (loss, accuracy) in enumerate(history):
        if k % every == 0 or k == len(history) - 1:
            table.add_row(str(k), f"{loss:.4f}", f"{accuracy:.0%}")
    return table


def demo_view(history: Sequence[tuple[float, float]], boundary: Boundary) -> Group:
    """`grade demo`: the training as it went, then the trained boundary."""
    return Group(history_view(history), Text(""), boundary_view(boundary))
