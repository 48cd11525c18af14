"""The curriculum: the tracks of the kata, each an ordered list of pieces read from grader/tracks/<track>.toml."""
from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

TRACKS_DIR = Path(__file__).with_name("tracks")
LECTURE = "lecture"  # the first track, and the track of a workspace that does not say
COURSE = (LECTURE, "exercises", "repo")  # the order `grade list --tracks` shows them in; any other track after, by name
PIECE_KEYS = {"id": str, "title": str, "file": str, "symbols": list, "goal": str, "hints": list}
OPTIONAL_KEYS = ("chapters", "may_import")  # lists of strings; empty when left out
TRACK_KEYS = ("name", "title", "description")


class CurriculumError(ValueError):
    """A track file that does not hold a curriculum: the message names the file and what is wrong, in one line."""


class UnknownTrack(LookupError):
    """A track name with no track file; the message lists the tracks there are."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"no track called {name!r}: the tracks are {', '.join(track_names())}")


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
    index: int  # 0-based position in its track
    chapters: tuple[Chapter, ...] = ()  # where the lecture teaches it
    track: str = LECTURE
    may_import: tuple[str, ...] = ()  # modules its file may use that no other file may (the exercises' torch)
    timeout: float | None = None  # seconds its checks get at least, for a piece that needs more than the default

    def time_limit(self, timeout: float) -> float:
        """The seconds this piece's checks get when a grading gives each piece `timeout`: the longer of the two."""
        return max(timeout, self.timeout or 0.0)

    @property
    def module(self) -> str:
        """The module name of the piece's file: 'engine' for engine.py."""
        return self.file.removesuffix(".py")

    @property
    def check_module(self) -> str:
        """The file of pytest checks that grades this piece, relative to grader/checks/: lecture/check_tanh.py."""
        return f"{self.track}/check_{self.id.replace('-', '_')}.py"


@dataclass(frozen=True)
class Track:
    """A course through the kata: its own curriculum, stubs, solutions and checks."""

    name: str
    title: str
    description: str  # one line, for `grade list --tracks`
    pieces: tuple[Piece, ...]
    given: tuple[tuple[str, str], ...] = ()  # (file, symbol) handed out written, in stubs and solutions: no piece's


def track_names() -> tuple[str, ...]:
    """The tracks there are, one per file in grader/tracks/, in course order."""
    names = [p.stem for p in TRACKS_DIR.glob("*.toml")]
    return tuple(sorted(names, key=lambda n: (COURSE.index(n) if n in COURSE else len(COURSE), n)))


def tracks() -> tuple[Track, ...]:
    """Every track, in course order."""
    return tuple(get_track(name) for name in track_names())


@cache
def get_track(name: str = LECTURE) -> Track:
    """One track, read from its file and checked; raises UnknownTrack for a name with no file."""
    path = TRACKS_DIR / f"{name}.toml"
    if not path.is_file():
        raise UnknownTrack(name)
    return read(path)


def load(track: str = LECTURE) -> tuple[Piece, ...]:
    """A track's pieces, in order."""
    return get_track(track).pieces


def read(path: Path) -> Track:
    """Read and check one track file; raises CurriculumError naming the file and what is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise CurriculumError(f"{path.name}: cannot be read: {e}") from e
    head = data.get("track")
    if not isinstance(head, dict) or any(not isinstance(head.get(key), str) for key in TRACK_KEYS):
        raise CurriculumError(f"{path.name}: needs a [track] table with {', '.join(TRACK_KEYS)} as strings")
    if head["name"] != path.stem:
        raise CurriculumError(f"{path.name}: [track] name is {head['name']!r}, not the file's name {path.stem!r}")
    entries = data.get("piece")
    if not isinstance(entries, list) or not entries:
        raise CurriculumError(f"{path.name}: has no [[piece]] entries")
    chapters = lecture_chapters(data["lecture"] if "lecture" in data else _lecture_table())
    pieces = tuple(_piece(path.name, head["name"], i, e, chapters) for i, e in enumerate(entries))
    seen: set[str] = set()
    for piece in pieces:
        if piece.id in seen:
            raise CurriculumError(f"{path.name}: two pieces are called {piece.id!r}")
        seen.add(piece.id)
    return Track(head["name"], head["title"], head["description"], pieces, _given(path.name, head.get("given", [])))


def _given(file: str, entries: Any) -> tuple[tuple[str, str], ...]:
    """[track] given = ["engine.py:Value.__add__", ...]: the functions a track hands out already written."""
    if not isinstance(entries, list) or not all(isinstance(e, str) and e.count(":") == 1 for e in entries):
        raise CurriculumError(f"{file}: [track] given must be a list of strings such as \"engine.py:Value.__add__\"")
    return tuple((e.split(":")[0], e.split(":")[1]) for e in entries)


def _piece(file: str, track_name: str, index: int, entry: Any, chapters: dict[str, Chapter]) -> Piece:
    where = f"{file}: piece {index + 1}" + (f" ({entry['id']})" if isinstance(entry, dict) and "id" in entry else "")
    if not isinstance(entry, dict):
        raise CurriculumError(f"{where} is not a table")
    for key, kind in [*PIECE_KEYS.items(), *((key, list) for key in OPTIONAL_KEYS)]:
        if not isinstance(entry.get(key, [] if key in OPTIONAL_KEYS else None), kind):
            raise CurriculumError(f"{where}: {key} must be a {kind.__name__}")
    if not all(isinstance(s, str) for key in ("symbols", "hints", *OPTIONAL_KEYS) for s in entry.get(key, [])):
        raise CurriculumError(f"{where}: {', '.join(('symbols', 'hints', *OPTIONAL_KEYS))} must be lists of strings")
    timeout = entry.get("timeout")
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0):
        raise CurriculumError(f"{where}: timeout must be a number of seconds above 0")
    return Piece(id=entry["id"], title=entry["title"], file=entry["file"], symbols=tuple(entry["symbols"]),
                 goal=entry["goal"], hints=tuple(entry["hints"]), index=index, track=track_name,
                 may_import=tuple(entry.get("may_import", ())),
                 chapters=tuple(_cited(chapters, where, start) for start in entry.get("chapters", ())),
                 timeout=None if timeout is None else float(timeout))


@cache
def _lecture_table() -> dict[str, Any]:
    """The [lecture] table of lecture.toml: every track cites the lecture's chapters from there."""
    return dict(tomllib.loads((TRACKS_DIR / f"{LECTURE}.toml").read_text(encoding="utf-8"))["lecture"])


def lecture_chapters(lecture: dict[str, Any]) -> dict[str, Chapter]:
    """The lecture's chapters by their start as the curriculum cites it: '01:22:28'."""
    return {start: Chapter(_seconds(start), title, lecture["video"]) for start, title in lecture["chapters"]}


def _seconds(stamp: str) -> int:
    hours, minutes, seconds = (int(part) for part in stamp.split(":"))
    return hours * 3600 + minutes * 60 + seconds


def _cited(chapters: dict[str, Chapter], where: str, start: str) -> Chapter:
    if start not in chapters:
        raise CurriculumError(f"{where} cites the lecture at {start}, where no chapter starts")
    return chapters[start]


def get(piece_id: str, track: str = LECTURE) -> Piece:
    """Return the track's piece with this id, or this number as `grade list` numbers them (from 1), or raise
    UnknownPiece with did-you-mean suggestions."""
    pieces = {p.id: p for p in load(track)}
    if piece_id in pieces:
        return pieces[piece_id]
    if piece_id.isdecimal() and 1 <= int(piece_id) <= len(pieces):
        return load(track)[int(piece_id) - 1]
    lowered = piece_id.lower().replace("_", "-")
    if lowered in pieces:
        return pieces[lowered]
    raise UnknownPiece(piece_id, difflib.get_close_matches(lowered, list(pieces), n=2, cutoff=0.5))


def graded_by(check: str) -> Piece:
    """The piece a check module grades, from its path, file or module name: micrograd_kata.checks.lecture.check_add_mul
    (or .../checks/lecture/check_add_mul.py) grades the lecture track's add-mul."""
    parts = check.removesuffix(".py").replace("\\", "/").replace("/", ".").split(".")
    return get(parts[-1].removeprefix("check_").replace("_", "-"), parts[-2])


def _covers(piece: Piece, name: str) -> bool:
    return name in piece.symbols or any(s.startswith(name + ".") for s in piece.symbols)


def owner(name: str, track: str = LECTURE) -> Piece:
    """The piece that owns a symbol ('Value.__add__': add-mul) or a class (the first piece with one of its methods:
    'Layer': layer); raises KeyError for a name no piece covers."""
    for piece in load(track):
        if _covers(piece, name):
            return piece
    raise KeyError(name)


def owner_in(file: str, name: str | None = None, track: str = LECTURE) -> Piece | None:
    """The piece that owns a symbol or class of a learner's file; the file's first piece for anything else."""
    pieces = [p for p in load(track) if p.file == file]
    return next((p for p in pieces if name is not None and _covers(p, name)), pieces[0] if pieces else None)


def file_of(name: str, track: str = LECTURE) -> str | None:
    """The learner's file that defines a top-level name of the curriculum: 'Layer' is in nn.py."""
    return next((p.file for p in load(track) for s in p.symbols if s.split(".")[0] == name), None)


def may_import(file: str, track: str = LECTURE) -> frozenset[str]:
    """The modules a learner's file may import although the kata forbids them elsewhere: its pieces' may_import."""
    return frozenset(m for p in load(track) if p.file == file for m in p.may_import)


def files(track: str = LECTURE) -> tuple[str, ...]:
    """The workspace files, in the order the track first uses them."""
    return tuple(dict.fromkeys(p.file for p in load(track)))
