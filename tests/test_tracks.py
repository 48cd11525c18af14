"""Tracks: each a curriculum file of its own; a workspace remembers its track, and every command follows it."""
from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from micrograd_kata import curriculum
from micrograd_kata.cli import cli
from micrograd_kata.curriculum import CurriculumError, UnknownTrack
from micrograd_kata.learner import workspace
from micrograd_kata.learner.state import StateError
from micrograd_kata.learner.workspace import TRACK_FILE, Workspace
from micrograd_kata.runner import judge

ROOT = Path(__file__).resolve().parent.parent
LECTURE_FILE = curriculum.TRACKS_DIR / "lecture.toml"
GOOD = '''[track]
name = "tiny"
title = "A tiny track"
description = "Two pieces."

[[piece]]
id = "one"
title = "One"
file = "calc.py"
symbols = ["one"]
goal = "one() returns 1."
hints = ["return 1"]
'''


def invoke(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "120"}).invoke(cli, list(args), catch_exceptions=False)


def written(tmp_path: Path, text: str, name: str = "tiny") -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


# the curriculum of a track

def test_the_lecture_is_the_first_track_and_its_pieces_know_their_track() -> None:
    assert curriculum.track_names()[0] == "lecture"
    lecture = curriculum.get_track("lecture")
    assert lecture.name == "lecture" and lecture.title and lecture.description
    assert lecture.pieces == curriculum.load() == curriculum.load("lecture") and len(lecture.pieces) == 17
    assert {p.track for p in lecture.pieces} == {"lecture"}
    assert curriculum.get("tanh").check_module == "lecture/check_tanh.py"
    assert [t.name for t in curriculum.tracks()] == list(curriculum.track_names())


def test_a_check_module_names_its_track_and_piece() -> None:
    for name in ("micrograd_kata.checks.lecture.check_add_mul", "grader.checks.lecture.check_add_mul",
                 "/somewhere/grader/checks/lecture/check_add_mul.py", "lecture/check_add_mul.py"):
        piece = curriculum.graded_by(name)
        assert (piece.track, piece.id) == ("lecture", "add-mul"), name


def test_an_unknown_track_is_one_line_naming_the_tracks() -> None:
    with pytest.raises(UnknownTrack) as raised:
        curriculum.load("nope")
    message = str(raised.value)
    assert message == f"no track called 'nope': the tracks are {', '.join(curriculum.track_names())}"
    assert "lecture" in message and "\n" not in message


def test_a_good_track_file_reads(tmp_path: Path) -> None:
    track = curriculum.read(written(tmp_path, GOOD))
    assert (track.name, track.title, track.description) == ("tiny", "A tiny track", "Two pieces.")
    (piece,) = track.pieces
    assert (piece.id, piece.track, piece.file, piece.symbols, piece.index) == ("one", "tiny", "calc.py", ("one",), 0)
    assert piece.chapters == () and piece.may_import == ()


def test_a_piece_may_import_what_the_kata_forbids_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = GOOD.replace('hints = ["return 1"]', 'hints = []\nmay_import = ["torch"]')
    assert curriculum.read(written(tmp_path, text)).pieces[0].may_import == ("torch",)
    assert curriculum.may_import("engine.py") == set()
    monkeypatch.setattr(curriculum, "TRACKS_DIR", tmp_path)
    curriculum.get_track.cache_clear()
    try:
        assert curriculum.may_import("calc.py", "tiny") == {"torch"}
        assert curriculum.may_import("other.py", "tiny") == set()
    finally:
        curriculum.get_track.cache_clear()


def test_a_track_may_cite_the_lectures_chapters(tmp_path: Path) -> None:
    track = curriculum.read(written(tmp_path, GOOD.replace('hints = ["return 1"]', 'hints = []\nchapters = ["00:08:08"]')))
    assert track.pieces[0].chapters == curriculum.get("derivative").chapters[:1]


@pytest.mark.parametrize(("change", "message"), [
    (lambda t: t.replace('name = "tiny"', 'name = "other"'), "[track] name is 'other', not the file's name 'tiny'"),
    (lambda t: t.replace('description = "Two pieces."\n', ""), "needs a [track] table with name, title, description"),
    (lambda t: t[:t.index("[[piece]]")], "has no [[piece]] entries"),
    (lambda t: t + t[t.index("[[piece]]"):], "two pieces are called 'one'"),
    (lambda t: t.replace('symbols = ["one"]', 'symbols = "one"'), "piece 1 (one): symbols must be a list"),
    (lambda t: t.replace('goal = "one() returns 1."\n', ""), "piece 1 (one): goal must be a str"),
    (lambda t: t.replace('hints = ["return 1"]', "hints = [1]"), "must be lists of strings"),
    (lambda t: t.replace('hints = ["return 1"]', 'hints = []\nmay_import = "torch"'), "may_import must be a list"),
    (lambda t: t.replace('hints = ["return 1"]', 'hints = []\nchapters = ["00:08:09"]'),
     "cites the lecture at 00:08:09, where no chapter starts"),
    (lambda t: t.replace("[track]", "[track"), "cannot be read"),
])
def test_a_broken_track_file_says_what_is_wrong_in_one_line(tmp_path: Path, change, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CurriculumError) as raised:
        curriculum.read(written(tmp_path, change(GOOD)))
    assert str(raised.value).startswith("tiny.toml") and message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_every_track_file_is_a_good_one() -> None:
    for path in curriculum.TRACKS_DIR.glob("*.toml"):
        assert curriculum.read(path).name == path.stem
        assert "track" in tomllib.loads(path.read_text(encoding="utf-8"))


# what a piece's checks import

def test_a_piece_needs_its_own_file_and_the_earlier_files_of_classes() -> None:
    assert judge.needs(curriculum.get("derivative")) == ("derivative",)
    assert judge.needs(curriculum.get("value")) == ("engine",)
    assert judge.needs(curriculum.get("draw-dot")) == ("engine", "graph")
    assert judge.needs(curriculum.get("neuron")) == ("engine", "nn")
    assert judge.needs(curriculum.get("train")) == ("engine", "nn", "train")


def test_the_reference_of_a_track_is_its_own_where_it_has_one() -> None:
    assert judge.reference_module("lecture", "engine").__name__ == "micrograd_kata.reference.engine"
    assert judge.reference_module("no-such-track", "nn").__name__ == "micrograd_kata.reference.nn"


# the workspace's track

def test_a_workspace_remembers_its_track(tmp_path: Path) -> None:
    made = workspace.init(tmp_path / "kata")
    assert json.loads((made.state_dir / TRACK_FILE).read_text()) == {"track": "lecture", "level": "full"}
    assert Workspace(made.root).track == "lecture" and Workspace(made.root).pieces == curriculum.load()


def test_a_workspace_from_before_tracks_follows_the_lecture(tmp_path: Path) -> None:
    made = workspace.init(tmp_path / "kata")
    (made.state_dir / TRACK_FILE).unlink()
    assert Workspace(made.root).track == "lecture"


def test_the_kata_s_own_stubs_follow_their_track() -> None:
    assert Workspace(workspace.track_dir("exercises", "lecture")).track == "lecture"


@pytest.mark.parametrize("text", ['{"track": "nope"}', '{"track": 3}', "[]", "{not json", ""])
def test_a_workspace_file_that_names_no_track_is_said_in_one_line(tmp_path: Path, text: str) -> None:
    made = workspace.init(tmp_path / "kata")
    (made.state_dir / TRACK_FILE).write_text(text)
    with pytest.raises(StateError) as raised:
        _ = Workspace(made.root).track
    message = str(raised.value)
    assert str(made.state_dir / TRACK_FILE) in message and "\n" not in message
    assert ", ".join(curriculum.track_names()) in message
    assert (made.state_dir / TRACK_FILE).read_text() == text   # left for the learner to mend


def test_init_refuses_a_track_there_is_not(tmp_path: Path) -> None:
    with pytest.raises(UnknownTrack):
        workspace.init(tmp_path / "kata", track="nope")
    assert not (tmp_path / "kata").exists()


# the command line

def test_grade_init_takes_a_track(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "kata"), "--track", "lecture")
    assert result.exit_code == 0 and "on the lecture track" in " ".join(result.output.split())
    assert Workspace(tmp_path / "kata").track == "lecture"


def test_grade_init_with_an_unknown_track_is_a_usage_error_listing_the_tracks(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "kata"), "--track", "nope")
    assert result.exit_code == 2
    assert f"no track called 'nope': the tracks are {', '.join(curriculum.track_names())}" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "kata").exists()


def test_grade_list_tracks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("list", "--tracks")
    assert result.exit_code == 0
    for track in curriculum.tracks():
        assert track.name in result.output and str(len(track.pieces)) in result.output
    assert "Karpathy's lecture" in result.output and "grade init DIR --track TRACK" in result.output
    data = json.loads(invoke("list", "--tracks", "--json").output)
    assert data["tracks"][0] == {"name": "lecture", "title": curriculum.get_track().title,
                                 "description": curriculum.get_track().description, "pieces": 17}


def test_grade_list_tracks_marks_the_workspace_s_own(tmp_path: Path) -> None:
    workspace.init(tmp_path / "kata")
    data = json.loads(invoke("list", "--tracks", "--json", "--workspace", str(tmp_path / "kata")).output)
    assert data["current"] == "lecture"
    assert "(this workspace)" in invoke("list", "--tracks", "--workspace", str(tmp_path / "kata")).output


def test_a_broken_workspace_file_ends_a_command_in_one_line(tmp_path: Path) -> None:
    made = workspace.init(tmp_path / "kata")
    (made.state_dir / TRACK_FILE).write_text('{"track": "nope"}')
    result = invoke("list", "--workspace", str(made.root))
    assert result.exit_code == 1 and "should name this workspace's track" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


# packaging: every track's folders ship

def test_every_package_folder_is_listed_in_pyproject() -> None:
    """setuptools ships only the packages pyproject.toml lists: a track's folder left out would be missing from
    the wheel (tests/test_installed.py installs one)."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(("micrograd_kata", *init.parent.relative_to(ROOT / "grader").parts))
             for init in (ROOT / "grader").rglob("__init__.py") if "__pycache__" not in init.parts}
    for name in ("exercises", "solutions", "reference"):
        found |= {".".join(("micrograd_kata", name, *init.parent.relative_to(ROOT / name).parts))
                  for init in (ROOT / name).rglob("__init__.py") if "__pycache__" not in init.parts}
    found = {name.removesuffix(".") for name in found}
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"


def test_a_broken_track_file_of_the_kata_ends_a_command_in_one_line(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    tracks = tmp_path / "tracks"
    tracks.mkdir()
    (tracks / "lecture.toml").write_text(LECTURE_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    (tracks / "tiny.toml").write_text(GOOD.replace('name = "tiny"', 'name = "other"'), encoding="utf-8")
    monkeypatch.setattr(curriculum, "TRACKS_DIR", tracks)
    curriculum.get_track.cache_clear()
    try:
        result = invoke("list", "--tracks")
    finally:
        curriculum.get_track.cache_clear()
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip().splitlines() == [
        "Error: the kata's own grader/tracks/tiny.toml: [track] name is 'other', not the file's name 'tiny'"]


def test_a_piece_named_before_its_commands_workspace_is_that_workspaces_tracks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`grade torch --workspace DIR` from outside DIR: torch is a piece of DIR's track, not an unknown name."""
    workspace.init(tmp_path / "notebook", track="exercises")
    monkeypatch.chdir(tmp_path)
    for args in (["hint", "torch", "--workspace", "notebook"], ["torch", "--workspace", "notebook"],
                 ["torch", "--workspace=notebook"]):
        result = CliRunner().invoke(cli, args)
        assert "No piece or command" not in result.output, args
        assert result.exit_code in (0, 1), (args, result.output)
    unknown = CliRunner().invoke(cli, ["nonsense", "--workspace", "notebook"])
    assert unknown.exit_code == 2 and "No piece or command called 'nonsense'" in unknown.output


@pytest.mark.parametrize("track", [t.name for t in curriculum.tracks()])
def test_the_check_names_read_by_pattern_are_the_check_functions(track: str) -> None:
    """checks.check_names reads a module's checks by a pattern, for speed: the same names, in the same order, as
    the module's top-level check_ functions (what pytest collects, and what a score counts)."""
    import ast

    from micrograd_kata.checks import CHECKS_DIR, check_names
    for piece in curriculum.load(track):
        tree = ast.parse((CHECKS_DIR / piece.check_module).read_text(encoding="utf-8"))
        functions = tuple(node.name for node in tree.body
                          if isinstance(node, ast.FunctionDef) and node.name.startswith("check_"))
        assert check_names(piece.check_module) == functions, piece.id
        assert functions, piece.id
