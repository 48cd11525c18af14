"""The README's console examples are what the commands print (tests/readme_examples.py writes them)."""
from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests import readme_examples, readme_picture
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


def words(svg: Path) -> list[tuple[str, str]]:
    """Each text of the picture, with its colour."""
    return [(t.text or "", t.get("fill") or "") for t in ET.parse(svg).iter("{http://www.w3.org/2000/svg}text")]


def test_the_readme_shows_the_picture_of_a_failing_graph() -> None:
    readme = readme_examples.README.read_text(encoding="utf-8")
    relative = readme_picture.PICTURE.relative_to(readme_examples.README.parent).as_posix()
    assert f"]({relative})" in readme and "python -m tests.readme_picture" in readme
    drawn = words(readme_picture.PICTURE)
    for red in ["a (first wrong)", "expected grad 3.0000", "your grad 2.0000"]:
        assert (red, "red") in drawn, red


@pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz's dot program is not installed")
def test_the_picture_is_what_grade_show_draws(tmp_path: Path) -> None:
    pytest.importorskip("torch", reason="the README's seed is replayed as graded with torch")
    assert readme_picture.main(tmp_path / "drawn.svg") == 0
    assert words(tmp_path / "drawn.svg") == words(readme_picture.PICTURE), "run python -m tests.readme_picture"
