"""Every piece points back to its moment in the lecture: in a failing panel, after the last hint, in `grade list --long`."""
from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner
from rich.console import Console

from micrograd_kata import curriculum
from micrograd_kata.cli import cli
from micrograd_kata.grading import views
from tests.fakes import FakeGrader, failed, passed

BUG = "1:22:28 fixing a backprop bug when one node is used multiple times"
LINK = "https://www.youtube.com/watch?v=VMj-3S1tku0&t=4948s"


def text(renderable: object, *, terminal: bool = False) -> str:
    out = io.StringIO()
    Console(file=out, width=100, height=200, force_terminal=terminal).print(renderable)
    return out.getvalue()


def test_a_failing_panel_says_what_to_rewatch_with_a_link() -> None:
    backward = curriculum.get("backward")
    panel = views.next_panel(backward, failed("backward"), location=None, total_pieces=16)
    assert f"rewatch {BUG}" in text(panel)
    assert LINK in text(panel, terminal=True)   # the time opens the video at that second (a terminal hyperlink)


def test_a_passing_panel_does_not() -> None:
    panel = views.next_panel(curriculum.get("backward"), passed("backward"), location=None, total_pieces=16)
    assert "rewatch" not in text(panel)


def test_after_the_last_hint_the_lecture_moment_and_its_address() -> None:
    backward = curriculum.get("backward")
    last = text(views.hint_panel(backward, len(backward.hints)))
    assert f"rewatch {BUG}" in last and LINK in last
    assert "rewatch" not in text(views.hint_panel(backward, 1))


def test_list_long_gives_every_piece_its_chapters(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    out = CliRunner(env={"COLUMNS": "100"}).invoke(cli, ["list", "--long"]).output
    assert "Where the lecture teaches each piece" in out and BUG in out and LINK in out
    assert all(piece.id in out for piece in curriculum.load())
    assert "Where the lecture" not in CliRunner().invoke(cli, ["list"]).output
