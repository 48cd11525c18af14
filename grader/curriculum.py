"""The curriculum: the ordered pieces of the kata, read from curriculum.toml."""
from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

CURRICULUM_FILE = Path(__file__).with_name("curriculum.toml")


class UnknownPiece(LookupError):
    """A piece id that is not in the curriculum; carries the closest ids."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"no piece called {name!r}.{hint}")


@dataclass(frozen=True)
class Chapter:
    """A chapter of the lecture: where it starts, and what it teaches."""

    start: int          # seconds into the video
    title: str
    video: str          # the lecture's address

    @property
    def stamp(self) -> str:
        """The start as the lecture's description writes it, without leading zeros: 8:08, 1:22:28."""
        hours, rest = divmod(self.start, 3600)
        return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"

    @property
    def link(self) -> str:
        """The video, opened at this chapter."""
        return f"{self.video}&t={self.start}s"


@dataclass(frozen=True)
class Piece:
    """One chunk of the library to rebuild: its file, the functions and methods it covers, and hints."""

    id: str
    title: str
    file: str
    symbols: tuple[str, ...]
    goal: str
    hints: tuple[str, ...]
    index: int  # 0-based position in the curriculum
    chapters: tuple[Chapter, ...] = ()  # where the lecture teaches it

    @property
    def module(self) -> str:
        """The module name of the piece's file: 'engine' for engine.py."""
        return self.file.removesuffix(".py")

    @property
    def check_module(self) -> str:
        """The file of pytest checks that grades this piece."""
        return f"check_{self.id.replace('-', '_')}.py"


@cache
def load(path: Path = CURRICULUM_FILE) -> tuple[Piece, ...]:
    """Read the curriculum, in order."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    entries, chapters = data["piece"], lecture_chapters(data["lecture"])
    return tuple(
        Piece(
            id=e["id"],
            title=e["title"],
            file=e["file"],
            symbols=tuple(e["symbols"]),
            goal=e["goal"],
            hints=tuple(e["hints"]),
            index=i,
            chapters=tuple(_cited(chapters, e["id"], start) for start in e.get("chapters", ())),
        )
        for i, e in enumerate(entries)
    )


def lecture_chapters(lecture: dict[str, Any]) -> dict[str, Chapter]:
    """The lecture's chapters by their start as the curriculum cites it: '01:22:28'."""
    return {start: Chapter(_seconds(start), title, lecture["video"]) for start, title in lecture["chapters"]}


def _seconds(stamp: str) -> int:
    hours, minutes, seconds = (int(part) for part in stamp.split(":"))
    return hours * 3600 + minutes * 60 + seconds


def _cited(chapters: dict[str, Chapter], piece_id: str, start: str) -> Chapter:
    if start not in chapters:
        raise ValueError(f"curriculum: {piece_id} cites the lecture at {start}, where no chapter starts")
    return chapters[start]


def get(piece_id: str) -> Piece:
    """Return the piece with this id, or this number as `grade list` numbers them (from 1), or raise UnknownPiece
    with did-you-mean suggestions."""
    pieces = {p.id: p for p in load()}
    if piece_id in pieces:
        return pieces[piece_id]
    if piece_id.isdecimal() and 1 <= int(piece_id) <= len(pieces):
        return load()[int(piece_id) - 1]
    lowered = piece_id.lower().replace("_", "-")
    if lowered in pieces:
        return pieces[lowered]
    raise UnknownPiece(piece_id, difflib.get_close_matches(lowered, list(pieces), n=2, cutoff=0.5))


def graded_by(check: str) -> Piece:
    """The piece a check module grades, from its path, file or module name: check_add_mul grades add-mul."""
    module = check.rsplit("/", 1)[-1].removesuffix(".py").rsplit(".", 1)[-1]
    return get(module.removeprefix("check_").replace("_", "-"))


def owner(name: str) -> Piece:
    """The piece that owns a symbol ('Value.__add__': add-mul) or a class (the first piece with one of its methods:
    'Layer': layer); raises KeyError for a name no piece covers."""
    for piece in load():
        if name in piece.symbols or any(s.startswith(name + ".") for s in piece.symbols):
            return piece
    raise KeyError(name)


def owner_in(file: str, name: str | None = None) -> Piece | None:
    """The piece that owns a symbol or class of a learner's file; the file's first piece for anything else."""
    pieces = [p for p in load() if p.file == file]
    return next((p for p in pieces if name is not None and (name in p.symbols or any(
        s.startswith(name + ".") for s in p.symbols))), pieces[0] if pieces else None)


def file_of(name: str) -> str | None:
    """The learner's file that defines a top-level name of the curriculum: 'Layer' is in nn.py."""
    return next((p.file for p in load() for s in p.symbols if s.split(".")[0] == name), None)


def files() -> tuple[str, ...]:
    """The workspace files, in the order the curriculum first uses them."""
    return tuple(dict.fromkeys(p.file for p in load()))
