"""The `grade` command line, through CliRunner, with a fake grader."""
from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from micrograd_kata import curriculum
from micrograd_kata.cli import KataGroup, cli
from micrograd_kata.results import Location, PieceResult, Status
from tests.fakes import PIECES, FakeGrader, failed, results_where


def invoke(*args: str) -> Result:
    """Run `grade ARGS` on a wide terminal, so that checked phrases are not wrapped."""
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args), catch_exceptions=False)


# --- grade next -------------------------------------------------------------------------------

def test_bare_grade_is_next_and_explains_the_first_failure(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    fake_grader.results = results_where(3, failed("backward"))
    result = invoke()
    assert result.exit_code == 1
    assert fake_grader.calls[0]["stop_at_first_failure"] is False and fake_grader.calls[0]["pieces"] is None
    out = result.output
    for expected in ["backward(): topological sort", "(backward)", "engine.py:27 in Value.__mul__",
                     "sets v.grad to 1", "wrong gradient for a in c = a * a", "c = a * a", "a = 2.0",
                     "a.grad = 4.0", "a.grad = 2.0", "first wrong grad", "accumulate its grad with +=",
                     "1e-6", "grade backward --seed 1234", "grade hint backward", "3 of 17 pieces pass",
                     "2 of 3 checks pass"]:
        assert expected in out, expected


def test_next_on_stubs_points_at_the_first_stub(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    fake_grader.results = results_where(0)
    result = invoke("next")
    assert result.exit_code == 1
    assert "derivative.py:4 in derivative" in result.output
    assert "Not written yet" in result.output
    assert "0 of 17 pieces pass" in result.output


def test_next_when_everything_passes(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    result = invoke("next")
    assert result.exit_code == 0
    assert "All 17 pieces pass: 51 of 51 checks" in result.output
    for idea in ["grade --all --speedrun", "grade drill PIECE", "grade init ../attempt-2"]:
        assert idea in result.output


def test_blocked_piece_says_which_to_fix_first(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    fake_grader.results = results_where(4, PieceResult("tanh", Status.BLOCKED, blocked_by="add-mul"))
    result = invoke()
    assert result.exit_code == 1
    assert "add-mul must be fixed first" in result.output and "grade add-mul" in result.output


def test_error_shows_message_where_and_printed_output_cut_short(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    printed = "\n".join(f"debug line {n}" for n in range(100))
    fake_grader.results = results_where(0, PieceResult("derivative", Status.ERROR, message="ZeroDivisionError: division by zero",
                                                where=Location("derivative.py", 7, "derivative"), output=printed))
    result = invoke()
    assert "ZeroDivisionError: division by zero" in result.output
    assert "derivative.py:7 in derivative" in result.output
    assert "debug line 0" in result.output and "debug line 99" not in result.output
    assert "cut short" in result.output


# --- grade PIECE --------------------------------------------------------------------------------

def test_grade_piece_grades_that_piece(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    fake_grader.results = results_where(6, failed("tanh"))
    result = invoke("tanh")
    assert result.exit_code == 1
    assert fake_grader.calls[0]["pieces"] == (curriculum.get("tanh"),)
    assert "piece 7 of 17" in result.output and "grade tanh --seed 1234" in result.output


def test_grade_piece_passing_exits_0(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    result = invoke("add_mul")  # ids are forgiving about _ and case
    assert result.exit_code == 0
    assert "All 3 checks pass" in result.output
    assert "grade hint" not in result.output


@pytest.mark.parametrize("name, suggestion", [("tanhh", "'tanh'"), ("lst", "'list'"), ("nueron", "'neuron'")])
def test_unknown_name_is_a_usage_error_with_suggestions(fake_grader: FakeGrader, name: str, suggestion: str) -> None:
    result = CliRunner().invoke(cli, [name])
    assert result.exit_code == 2
    assert f"No piece or command called '{name}'" in result.output
    assert suggestion in result.output
    assert "Traceback" not in result.output


# --- grade --all and list -----------------------------------------------------------------------

def test_all_shows_table_score_and_first_problem(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    fake_grader.results = results_where(6, failed("tanh"))
    result = invoke("--all")
    assert result.exit_code == 1
    assert fake_grader.calls[0]["stop_at_first_failure"] is False and fake_grader.calls[0]["pieces"] is None
    out = result.output
    assert all(p.id in out for p in PIECES)
    assert "Score: 20/21 checks passed (95%)" in out
    assert "First problem: tanh failed" in out and "grade tanh" in out


def test_all_passing_exits_0(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    result = invoke("--all")
    assert result.exit_code == 0
    assert "Score: 51/51 checks passed (100%)" in result.output
    assert "First problem" not in result.output


def test_list_shows_every_piece_with_status(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    fake_grader.results = results_where(2)
    result = invoke("list")
    assert result.exit_code == 1   # some pieces do not pass
    for piece in PIECES:
        assert piece.id in result.output
    assert "Value.__init__" in result.output and "passed" in result.output and "todo" in result.output


# --- --json -------------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["--json"], ["next", "--json"], ["--all", "--json"], ["--json", "tanh"],
                                  ["tanh", "--json"], ["list", "--json"]])
def test_json_is_one_object_on_stdout(fake_grader: FakeGrader, stub_workspace: Path, args: list[str]) -> None:
    fake_grader.results = results_where(6, failed("tanh"))
    fake_grader.torch = False
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code in (0, 1)
    data = json.loads(result.stdout)
    assert set(data) >= {"score", "pieces"}
    ids = [p["id"] for p in data["pieces"]]
    assert ids == sorted(ids, key=lambda i: curriculum.get(i).index)
    for piece in data["pieces"]:
        assert set(piece) >= {"id", "title", "file", "symbols", "status", "passed", "total", "message", "seconds"}
    assert "torch is not installed" in result.stderr


def test_json_next_names_the_piece_and_its_failure(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    fake_grader.results = results_where(6, failed("tanh"))
    data = json.loads(invoke("--json").stdout)
    assert data["next"] == "tanh"
    assert len(data["pieces"]) == 17  # every piece is graded, so that progress counts the pieces that pass
    tanh = next(piece for piece in data["pieces"] if piece["id"] == "tanh")
    assert tanh["status"] == "failed" and tanh["passed"] == 2 and tanh["total"] == 3
    assert tanh["checks"][2]["failure"]["seed"] == 1234


# --- options, notes, errors ---------------------------------------------------------------------

def test_options_work_on_group_and_command_and_the_command_wins(fake_grader: FakeGrader, stub_workspace: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    for name in ("__init__.py", *curriculum.files()):
        (other / name).write_text((stub_workspace / name).read_text())
    invoke("--seed", "5", "--timeout", "2", "tanh")
    invoke("--seed", "5", "tanh", "--seed", "7", "--workspace", str(other))
    invoke("--workspace", str(other), "next")
    assert [c["seed"] for c in fake_grader.calls] == [5, 7, None]
    assert fake_grader.calls[0]["timeout"] == 2.0
    assert [c["workspace"].root for c in fake_grader.calls] == [stub_workspace, other, other]


def test_missing_torch_and_notes_are_mentioned_once(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    fake_grader.torch, fake_grader.notes = False, ("engine.py changed while grading",)
    result = invoke("--all")
    assert result.output.count("torch is not installed") == 1
    assert "engine.py changed while grading" in result.output


def test_missing_workspace_directory(fake_grader: FakeGrader, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["next", "--workspace", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "is not a directory" in result.output and "grade init" in result.output
    assert not fake_grader.calls


def test_missing_file_says_which_and_how_to_restore(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    (stub_workspace / "nn.py").unlink()
    result = CliRunner().invoke(cli, [])
    assert result.exit_code == 1
    assert "nn.py is missing from this workspace" in result.output
    assert "grade reset --all" in result.output and "grade init" in result.output
    assert "Traceback" not in result.output


def test_missing_file_of_another_piece_does_not_stop_grading_one_piece(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    (stub_workspace / "nn.py").unlink()
    assert invoke("tanh").exit_code == 0


def test_all_with_a_command_is_a_usage_error(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    assert CliRunner().invoke(cli, ["--all", "tanh"]).exit_code == 2


def test_help(fake_grader: FakeGrader) -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert "grade PIECE" in result.output and "hint" in result.output and "--workspace" in result.output
    assert "Grade tanh" in invoke("tanh", "--help").output


# --- speedrun hand-over -------------------------------------------------------------------------

@pytest.fixture
def speedruns(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    from micrograd_kata.cli import speedrun_commands

    calls: list[dict[str, object]] = []

    def speedrun(ws: object, pieces: object = None, **options: object) -> int:
        calls.append({"pieces": pieces, **options})
        return 3

    monkeypatch.setattr(speedrun_commands, "speedrun", speedrun)
    return calls


def test_speedrun_is_handed_the_right_pieces(fake_grader: FakeGrader, stub_workspace: Path, speedruns: list[dict[str, object]]) -> None:
    fake_grader.results = results_where(2)
    assert invoke("--all", "--speedrun", "--once").exit_code == 3
    assert invoke("next", "--speedrun").exit_code == 3
    assert invoke("--speedrun", "tanh", "--abandon", "--seed", "9").exit_code == 3
    assert [c["pieces"] for c in speedruns] == [None, (curriculum.get("add-mul"),), (curriculum.get("tanh"),)]
    assert speedruns[0]["once"] is True and speedruns[2]["abandon"] is True and speedruns[2]["seed"] == 9


def test_once_without_speedrun_is_a_usage_error(fake_grader: FakeGrader, stub_workspace: Path) -> None:
    assert CliRunner().invoke(cli, ["--all", "--once"]).exit_code == 2


def test_other_modules_register_their_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("micrograd_kata.cli.practice_commands")

    @click.command("watch")
    def watch() -> None:
        """Re-grade on save."""
        click.echo("watching")

    module.register = lambda group: group.add_command(watch)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "micrograd_kata.cli.practice_commands", module)
    group = KataGroup("grade")
    assert group.get_command(click.Context(group), "watch") is watch
    assert CliRunner().invoke(group, ["watch"]).output == "watching\n"


# --- hint and init ------------------------------------------------------------------------------

def test_hint_shows_one_more_each_time_then_points_to_diff(stub_workspace: Path) -> None:
    first = invoke("hint", "tanh").output
    assert "1. tanh(x)" in first and "2." not in first and "1 of 3" in first
    assert "2 of 3" in invoke("hint", "tanh").output
    third = invoke("hint", "tanh").output
    assert "3. Return Value" in third and "last hint" in third and "grade diff tanh --peek" in third
    assert "No more hints" in invoke("hint", "tanh").output
    assert json.loads((stub_workspace / ".kata" / "hints.json").read_text()) == {"tanh": 3}


def test_hint_recovers_from_a_corrupt_state_file(stub_workspace: Path) -> None:
    (stub_workspace / ".kata" / "hints.json").write_text("{not json")
    result = invoke("hint", "exp")
    assert result.exit_code == 0
    assert "could not be read" in result.stderr and "hints.json.corrupt" in result.stderr
    assert "1 of 3" in result.stdout
    assert (stub_workspace / ".kata" / "hints.json.corrupt").read_text() == "{not json"


def test_hint_for_an_unknown_piece(stub_workspace: Path) -> None:
    result = CliRunner().invoke(cli, ["hint", "tahn"])
    assert result.exit_code == 2 and "'tanh'" in result.output


def test_init_makes_a_workspace_and_says_what_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("init", "attempt-1")
    assert result.exit_code == 0
    assert (tmp_path / "attempt-1" / "engine.py").is_file() and (tmp_path / "attempt-1" / ".kata").is_dir()
    assert "cd attempt-1 && grade next" in result.output


def test_init_refuses_to_overwrite_then_backs_up_with_force(stub_workspace: Path) -> None:
    (stub_workspace / "engine.py").write_text("# my work\n")
    refused = CliRunner().invoke(cli, ["init", str(stub_workspace)])
    assert refused.exit_code == 1 and "--force" in refused.output
    assert (stub_workspace / "engine.py").read_text() == "# my work\n"
    forced = invoke("init", str(stub_workspace), "--force")
    assert forced.exit_code == 0
    backups = list((stub_workspace / ".kata" / "backups").iterdir())
    assert len(backups) == 1 and (backups[0] / "engine.py").read_text() == "# my work\n"
    assert "backed up to" in forced.output and backups[0].name in forced.output.replace("\n", "")
    assert "raise NotImplementedError" in (stub_workspace / "engine.py").read_text()



def test_hint_as_json(stub_workspace: Path) -> None:
    invoke("hint", "relu")
    data = json.loads(invoke("--json", "hint", "relu").stdout)
    assert data == {"id": "relu", "shown": 2, "total": 3, "hints": list(curriculum.get("relu").hints[:2]),
                    "exhausted": False}
