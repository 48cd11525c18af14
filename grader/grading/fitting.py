"""Making a panel fit the screen: long values elided in the middle with a count, and levels of detail to fall back on.

A learner's terminal is often 80×24, and `grade watch` redraws in place: a panel taller than the screen loses its
bottom, which is where `where`, `why, usually` and the status line are. So values are elided
(`[0.12, -0.5, … 37 more …, 0.9]`), and a panel is built at the fullest level of detail that fits the height.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement

MAX_ITEMS = 6      # a list longer than this shows its first two items, the last, and a count of the rest
MAX_CHARS = 240    # a value longer than this, once its lists are elided, is cut in the middle
OPENING, CLOSING = "([{", ")]}"


@dataclass(frozen=True)
class Detail:
    """How much a panel shows. What a learner needs (what failed, expected and got, where, why) is always shown."""

    spacing: bool = True           # blank lines between the parts
    goal: bool = True              # the piece's goal; None of it at the last levels (`grade list` has it)
    one_line: bool = False         # the goal, inputs and program cut to one line each
    program: bool = True           # the failing program and its inputs
    tolerance: bool = True
    replay: bool = True
    stuck: bool = True             # "Stuck? grade hint PIECE shows a hint."
    lecture: bool = True           # "rewatch 1:22:28 ...": the first to go when room is short
    graph: bool = True             # the failing program drawn as a tree: the next to go
    output_lines: int = 12         # how much of what the learner's code printed


FULL = Detail()
LEVELS = (
    FULL,
    Detail(lecture=False),
    Detail(lecture=False, graph=False),
    Detail(spacing=False, tolerance=False, lecture=False, graph=False),
    Detail(spacing=False, tolerance=False, one_line=True, stuck=False, lecture=False, graph=False, output_lines=3),
    Detail(spacing=False, tolerance=False, one_line=True, stuck=False, lecture=False, graph=False, output_lines=0,
           goal=False),
    Detail(spacing=False, tolerance=False, one_line=True, stuck=False, lecture=False, graph=False, output_lines=0,
           goal=False, program=False, replay=False),
)


class Fit:
    """The fullest level of a panel that fits the height it is rendered in, less `reserve` lines kept for what is
    printed beside it; the most compact level when none fits."""

    def __init__(self, build: Callable[[Detail], RenderableType], *, reserve: int = 0) -> None:
        self.build = build
        self.reserve = reserve

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        height = (options.height or options.max_height) - self.reserve
        for detail in LEVELS:
            renderable = self.build(detail)
            if len(console.render_lines(renderable, options.update(height=None), pad=False)) <= height:
                break
        yield renderable

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.build(FULL))


def split_items(text: str) -> list[str]:
    """text split at its top-level commas, not those inside brackets."""
    items, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING:
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            items.append(text[start:i].strip())
            start = i + 1
    return [*items, text[start:].strip()]


def _closing(text: str, start: int) -> int | None:
    """The index of the bracket that closes the one at start, if it is closed."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] in OPENING:
            depth += 1
        elif text[i] in CLOSING:
            depth -= 1
            if depth == 0:
                return i
    return None


def _middle(items: list[str], show: Collection[int] = ()) -> list[str]:
    """A long list's first two items, the last, and those at `show`; a count in place of each run of the rest."""
    if len(items) <= MAX_ITEMS:
        return items
    out: list[str] = []
    last = -1
    for keep in sorted({0, 1, len(items) - 1, *(i for i in show if 0 <= i < len(items))}):
        gap = keep - last - 1
        out += [items[last + 1]] if gap == 1 else [f"… {gap} more …"] if gap > 1 else []
        out.append(items[keep])
        last = keep
    return out


def elide(text: str, show: Collection[int] = ()) -> str:
    """A value with each long list in it elided in the middle, `[0.12, -0.5, … 37 more …, 0.9]`, and then cut to
    MAX_CHARS; show: positions to keep in sight when the whole value is one list."""
    out: list[str] = []
    i = 0
    while i < len(text):
        end = _closing(text, i) if text[i] in OPENING else None
        if end is None:
            out.append(text[i])
            i += 1
            continue
        whole = i == 0 and end == len(text) - 1
        items = [elide(item) for item in split_items(text[i + 1:end])]
        out.append(text[i] + ", ".join(_middle(items, show if whole else ())) + text[end])
        i = end + 1
    return cut("".join(out))


def elide_pair(expected: str, got: str) -> tuple[str, str]:
    """Expected and got elided alike, keeping the first place where they differ in sight."""
    mine, theirs = split_items(expected), split_items(got)
    if len(mine) == len(theirs) > MAX_ITEMS:        # "5.9, 4.9, 4.4, ...": a list without brackets
        show = _first_difference(mine, theirs)
        return (cut(", ".join(_middle([elide(x) for x in mine], show))),
                cut(", ".join(_middle([elide(x) for x in theirs], show))))
    if all(v[:1] in OPENING and _closing(v, 0) == len(v) - 1 for v in (expected, got)):
        show = _first_difference(split_items(expected[1:-1]), split_items(got[1:-1]))
        return elide(expected, show), elide(got, show)
    return elide(expected), elide(got)


def _first_difference(a: list[str], b: list[str]) -> tuple[int, ...]:
    return next(((i,) for i, (x, y) in enumerate(zip(a, b)) if x != y), ())


def cut(text: str, limit: int = MAX_CHARS) -> str:
    """text cut in the middle to about limit characters, with a count of what was left out."""
    if len(text) <= limit:
        return text
    head, tail = text[:limit * 2 // 3], text[-(limit // 4):]
    return f"{head} … {len(text) - len(head) - len(tail)} more characters … {tail}"


def first_lines(lines: Iterable[str], keep: int) -> list[str]:
    """At most `keep` lines: the first ones, then a count of the rest."""
    lines = list(lines)
    return lines if len(lines) <= keep else [*lines[:keep - 1], f"… {len(lines) - keep + 1} more lines"]
