"""The README's console examples are what the commands print (tests/readme_examples.py writes them)."""
from __future__ import annotations

import re

import pytest

from tests import readme_examples
from tests.readme_sessions import EXAMPLES


def test_every_example_has_its_markers_and_every_marker_an_example() -> None:
    readme = readme_examples.README.read_text(encoding="utf-8")
    assert set(re.findall(r"<!-- example: ([\w-]+) -->", readme)) == {e.name for e in EXAMPLES}


def test_the_readme_examples_are_real_output(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("torch", reason="without torch every command adds a note the README does not show")
    code = readme_examples.main(["--check"])
    assert code == 0, capsys.readouterr().out


def test_machine_dependent_output_is_normalised() -> None:
    home = readme_examples.Path("/tmp/abc")
    lines = readme_examples.normalise("Backed up to /tmp/abc/kata/.kata/backups/20261122-035454-reset   \n"
                                      "Graded at 03:54:54 in 1.2 s · save\n\n", home)
    assert lines == ["Backed up to ~/kata/.kata/backups/20250101-150000-reset", "Graded at 14:02:11 in 0.3 s · save"]
    assert readme_examples.excerpt([str(n) for n in range(10)], (2, 1)) == ["0", "1", "...", "9"]
