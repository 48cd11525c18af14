"""The hints shown so far, kept in .kata/hints.json: one more on each ask, and a corrupt file never stops the learner."""
from __future__ import annotations

from pathlib import Path

from micrograd_kata import curriculum
from micrograd_kata.learner import workspace
from micrograd_kata.learner.hints import next_hint


def test_one_more_hint_each_time_until_there_are_no_more(tmp_path: Path) -> None:
    ws = workspace.init(tmp_path / "kata")
    tanh = curriculum.get("tanh")
    shown = [next_hint(ws, tanh) for _ in range(len(tanh.hints) + 1)]
    assert [p.shown for p in shown] == [1, 2, 3, 3]
    assert [p.exhausted for p in shown] == [False, False, False, True]
    assert shown[1].hints == tanh.hints[:2] and shown[1].total == 3
    assert next_hint(ws, curriculum.get("exp")).shown == 1     # each piece counts on its own


def test_a_corrupt_file_is_moved_aside_and_counting_starts_again(tmp_path: Path) -> None:
    ws = workspace.init(tmp_path / "kata")
    (ws.state_dir / "hints.json").write_text("[1, 2]")   # valid JSON of the wrong shape: counting starts again
    assert next_hint(ws, curriculum.get("tanh")).shown == 1
    (ws.state_dir / "hints.json").write_text("{not json")
    progress = next_hint(ws, curriculum.get("tanh"))
    assert progress.shown == 1 and progress.recovered is not None
    assert progress.recovered.moved_to.read_text() == "{not json"
