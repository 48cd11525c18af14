"""The hostile learner files of tests/adversarial/: each, put at the start of tanh, gets the verdict its header
names; every other piece still passes, nothing it starts is left running, and what it changes in the learner's
files is told and lost to nobody."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from micrograd_kata import grading
from micrograd_kata.learner.backup import backups
from micrograd_kata.results import Status
from tests.grading_pool import result_of
from tests.test_fault_charging import with_tanh
from tests.test_processes import gone

CASES = sorted((Path(__file__).parent / "adversarial").glob("*.py"))


def header(path: Path) -> dict[str, str]:
    """The case's `# key: value` lines."""
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ") and ": " in line:
            key, value = line[2:].split(": ", 1)
            fields[key] = value
    return fields


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_a_hostile_file_gets_its_verdict(case: Path, tmp_path: Path) -> None:
    want = header(case)
    code = case.read_text(encoding="utf-8").replace("WORKSPACE", repr(str(tmp_path / "ws")))
    ws = with_tanh(tmp_path / "ws", textwrap.indent(code, " " * 8))
    kept = ws.root / want.get("kept", "engine.py")
    if not kept.exists():   # a state file the case's code goes after
        kept.write_text("{}", encoding="utf-8")
    before = {name: ws.path(name).read_bytes() for name in ("engine.py", "graph.py", "nn.py")} | {"kept": kept.read_bytes()}
    run = grading.grade(ws, seed=6, memory=int(want.get("memory", grading.DEFAULT_MEMORY)))
    tanh = result_of(run, "tanh")
    assert tanh.status is Status(want["status"]), tanh.message
    assert want.get("message", "") in tanh.message
    assert [r.piece_id for r in run.results if r.status is not Status.PASSED] == \
        ([] if tanh.status is Status.PASSED else ["tanh"])
    if "gone" in want:
        assert gone(want["gone"], within=2.0)
    assert kept.read_bytes() == before["kept"]
    if "note" in want:
        assert any(want["note"] in note for note in run.notes), run.notes
    else:
        assert run.notes == ()
    if "backed up" in want:   # left as the code made it, and the version graded kept where `grade restore` finds it
        name = want["backed up"]
        assert [b.files for b in backups(ws)] == [(name,)] and backups(ws)[0].reason == "graded"
        assert (backups(ws)[0].folder / name).read_bytes() == before[name]
