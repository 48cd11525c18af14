"""Numeric options: nan, inf and absurd values are usage errors (exit 2) in one line, never a traceback."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from micrograd_kata.cli import cli
from tests.fakes import FakeGrader


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e300", "0", "-1", "1e-300", "ten"])
@pytest.mark.parametrize("command", [["tanh"], ["--all"], ["next"], ["list"], ["diff", "tanh", "--peek"]])
def test_a_timeout_that_is_no_number_of_seconds_is_a_usage_error(value: str, command: list[str], stub_workspace: Path,
                                                                 fake_grader: FakeGrader) -> None:
    result = CliRunner().invoke(cli, [*command, "--timeout", value])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Invalid value for '--timeout'" in result.stderr
    assert "give seconds from 0.1 to 3600, e.g. --timeout 20." in result.stderr
    assert "Traceback" not in result.output and fake_grader.calls == []


@pytest.mark.parametrize("value", ["-5", "99999999999999999999999", "1.5", "nan"])
def test_a_seed_out_of_range_is_a_usage_error(value: str, stub_workspace: Path, fake_grader: FakeGrader) -> None:
    result = CliRunner().invoke(cli, ["tanh", "--seed", value])
    assert result.exit_code == 2
    assert "Invalid value for '--seed'" in result.stderr and "from 0 to 4294967295" in result.stderr


def test_sensible_numbers_still_reach_the_grader(stub_workspace: Path, fake_grader: FakeGrader) -> None:
    CliRunner().invoke(cli, ["tanh", "--timeout", "20", "--seed", "4294967295"])
    assert fake_grader.calls[-1]["timeout"] == 20.0 and fake_grader.calls[-1]["seed"] == 4294967295
