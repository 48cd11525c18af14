"""Every piece is tied to its moment in the lecture, and every moment cited is a chapter of it."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from micrograd_kata import curriculum

LECTURE_FILE = curriculum.TRACKS_DIR / "lecture.toml"


def test_every_piece_has_a_chapter() -> None:
    assert all(piece.chapters for piece in curriculum.load())


def test_the_lecture_has_its_22_chapters_in_order() -> None:
    data = tomllib.loads(LECTURE_FILE.read_text(encoding="utf-8"))
    chapters = list(curriculum.lecture_chapters(data["lecture"]).values())
    assert len(chapters) == 22
    assert [c.start for c in chapters] == sorted(c.start for c in chapters)
    assert (chapters[0].stamp, chapters[0].title) == ("0:00", "intro")
    assert (chapters[10].stamp, chapters[10].title) == ("1:22:28", "fixing a backprop bug when one node is used multiple times")


def test_a_chapter_links_to_its_second_of_the_video() -> None:
    backward = curriculum.get("backward")
    bug = next(c for c in backward.chapters if "used multiple times" in c.title)
    assert bug.link == "https://www.youtube.com/watch?v=VMj-3S1tku0&t=4948s"


def test_citing_a_moment_that_is_no_chapter_is_refused(tmp_path: Path) -> None:
    text = LECTURE_FILE.read_text(encoding="utf-8").replace(
        'chapters = ["01:17:32", "01:22:28"]', 'chapters = ["01:17:32", "01:22:29"]', 1)
    path = tmp_path / "lecture.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"\(backward\) cites the lecture at 01:22:29"):
        curriculum.read(path)
