"""Speedrun timing with a fake clock: splits, segments, personal best, gold segments, sum of best."""
from __future__ import annotations

import json

import pytest

from micrograd_kata.speedrun import records, store, timing
from micrograd_kata.speedrun.category import Category
from micrograd_kata.speedrun.report import CategoryBest, others, report, to_json
from micrograd_kata.speedrun.timing import History, Segment, SpeedrunError
from tests.fakes import ALL, FakeClock, alone

PIECES = ("a", "b", "c")


def run_through(history: History, clock: FakeClock, times: list[float], category: Category = ALL) -> History:
    """Start a run and pass a, b, c after the given gaps (seconds), one piece per grading."""
    history = timing.start(history, category, PIECES, clock.now())
    passing: list[str] = []
    for piece, gap in zip(PIECES, times):
        clock.advance(gap)
        passing.append(piece)
        history, _ = timing.record_passes(history, passing, clock.now())
    return history


def test_splits_are_elapsed_times_and_segments_the_gaps_between_them() -> None:
    clock = FakeClock()
    history = timing.start(History(), ALL, PIECES, clock.now())
    clock.advance(10)
    history, newly = timing.record_passes(history, {"a"}, clock.now())
    assert newly == ("a",)
    clock.advance(25)
    history, newly = timing.record_passes(history, {"a", "b"}, clock.now())
    assert newly == ("b",)
    attempt = history.active()
    assert attempt is not None and attempt.splits == {"a": 10, "b": 35}
    assert attempt.segments() == (Segment(("a",), 10), Segment(("b",), 25))
    assert attempt.elapsed(clock.now() + 5) == 40


def test_a_piece_that_breaks_keeps_its_split_and_the_run_ends_when_all_pass_together() -> None:
    clock = FakeClock()
    history = timing.start(History(), ALL, PIECES, clock.now())
    clock.advance(10)
    history, _ = timing.record_passes(history, {"a", "b"}, clock.now())
    clock.advance(10)
    history, _ = timing.record_passes(history, {"b", "c"}, clock.now())   # a broke
    attempt = history.latest(ALL)
    assert attempt is not None and attempt.active and attempt.splits == {"a": 10, "b": 10, "c": 20}
    clock.advance(5)
    history, newly = timing.record_passes(history, set(PIECES), clock.now())
    attempt = history.latest(ALL)
    assert newly == () and attempt is not None
    assert attempt.outcome == timing.FINISHED and attempt.final_time == 25
    assert history.active() is None


def test_pieces_first_seen_together_share_the_split_and_one_combined_segment() -> None:
    clock = FakeClock()
    history = timing.start(History(), ALL, PIECES, clock.now())
    clock.advance(30)
    history, newly = timing.record_passes(history, {"c", "b"}, clock.now())
    assert newly == ("b", "c")
    attempt = history.active()
    assert attempt is not None and attempt.splits == {"b": 30, "c": 30}
    assert attempt.segments() == (Segment(("b", "c"), 30),)
    best = records.best_segments(history, ALL)
    assert best == {frozenset({"b", "c"}): 30} and records.best_alone(best) == {}


def test_sum_of_best_covers_each_piece_once_with_single_or_combined_segments() -> None:
    clock = FakeClock()
    history = run_through(History(), clock, [10, 20, 30])                 # a 10, b 20, c 30
    history = timing.start(history, ALL, PIECES, clock.now())
    clock.advance(12)
    history, _ = timing.record_passes(history, {"a", "b"}, clock.now())  # a+b in 12 < 10 + 20
    clock.advance(40)
    history, _ = timing.record_passes(history, set(PIECES), clock.now())  # c in 40: not its best
    assert records.sum_of_best(history, ALL, PIECES) == 12 + 30
    second = history.latest(ALL)
    assert second is not None
    assert records.gold_segments(history, second) == (Segment(("a", "b"), 12),)
    # Pieces never split: no sum of best yet.
    assert records.sum_of_best(history, ALL, PIECES + ("d",)) is None


def test_best_cover_stays_quick_for_the_whole_library() -> None:
    pieces = tuple(f"p{i}" for i in range(16))
    best = {frozenset({p}): 1.0 for p in pieces}
    best.update({frozenset(pieces[i:j]): 0.5 * (j - i) for i in range(16) for j in range(i + 2, 17)})
    assert records.best_cover(best, pieces) == 8.0


def test_the_clock_keeps_running_between_gradings_and_never_goes_negative() -> None:
    clock = FakeClock()
    history = timing.start(History(), ALL, PIECES, clock.now())
    attempt = history.active()
    assert attempt is not None
    assert attempt.elapsed(clock.now() + 3600) == 3600
    assert attempt.elapsed(clock.now() - 10) == 0     # the system clock was set back


def test_personal_best_is_the_fastest_finished_run() -> None:
    clock = FakeClock()
    history = run_through(History(), clock, [10, 10, 10])          # 30
    history = run_through(history, clock, [5, 5, 5])               # 15
    history = run_through(history, clock, [20, 20, 20])            # 60
    best = records.personal_best(history, ALL)
    assert best is not None and best.number == 2 and best.final_time == 15
    assert records.personal_best(history, ALL, before=2) is not None
    assert records.personal_best(history, ALL, before=1) is None


def test_an_unfinished_run_is_never_the_personal_best_but_its_segments_count() -> None:
    clock = FakeClock()
    history = run_through(History(), clock, [10, 10, 10])
    history = timing.start(history, ALL, PIECES, clock.now())
    clock.advance(2)
    history, _ = timing.record_passes(history, {"a"}, clock.now())
    history, abandoned = timing.abandon(history, clock.now() + 100)
    assert abandoned.outcome == timing.ABANDONED and abandoned.ended == 102
    best = records.personal_best(history, ALL)
    assert best is not None and best.number == 1
    assert records.best_alone(records.best_segments(history, ALL)) == {"a": 2, "b": 10, "c": 10}
    assert records.sum_of_best(history, ALL, PIECES) == 22


def test_gold_segments_beat_every_earlier_best_segment_of_that_piece() -> None:
    clock = FakeClock()
    history = run_through(History(), clock, [10, 20, 30])
    first = history.latest(ALL)
    assert first is not None and records.gold_segments(history, first) == ()        # nothing to beat yet
    history = run_through(history, clock, [12, 15, 30])
    second = history.latest(ALL)
    assert second is not None and records.gold_segments(history, second) == (Segment(("b",), 15),)  # c only ties
    history = run_through(history, clock, [11, 16, 29])
    third = history.latest(ALL)
    assert third is not None and records.gold_segments(history, third) == (Segment(("c",), 29),)    # a: 11 > 10


def test_sum_of_best_waits_for_every_piece_to_have_a_segment() -> None:
    clock = FakeClock()
    history = timing.start(History(), ALL, PIECES, clock.now())
    clock.advance(4)
    history, _ = timing.record_passes(history, {"a"}, clock.now())
    assert records.sum_of_best(history, ALL, PIECES) is None
    history = run_through(timing.abandon(history, clock.now())[0], clock, [6, 7, 8])
    assert records.sum_of_best(history, ALL, PIECES) == 4 + 7 + 8


def test_deltas_compare_each_split_with_the_previous_personal_best() -> None:
    clock = FakeClock()
    history = run_through(History(), clock, [10, 10, 10])
    history = run_through(history, clock, [8, 14, 5])
    rep = report(history, ALL, PIECES, clock.now())
    assert [r.delta for r in rep.rows] == [-2, 2, -3]
    assert rep.new_personal_best and rep.previous_best is not None and rep.previous_best.number == 1


def test_categories_keep_their_own_records_and_one_run_at_a_time() -> None:
    clock = FakeClock()
    history = run_through(History(), clock, [1, 1, 1], category=alone("tanh"))
    assert records.personal_best(history, ALL) is None
    history = timing.start(history, ALL, PIECES, clock.now())
    with pytest.raises(SpeedrunError, match="lecture/full/all is already running"):
        timing.start(history, alone("tanh"), ("tanh",), clock.now())
    assert history.categories() == (ALL, alone("tanh"))
    assert [a.number for a in history.of(alone("tanh"))] == [1]


def test_a_blank_level_pb_does_not_beat_a_full_level_one() -> None:
    clock, blank = FakeClock(), Category("lecture", "blank", "all")
    history = run_through(History(), clock, [10, 10, 10])                    # full: 30 s
    history = run_through(history, clock, [2, 2, 2], category=blank)          # blank: 6 s, faster
    history = run_through(history, clock, [9, 9, 9])                         # full: 27 s
    full = report(history, ALL, PIECES, clock.now())
    assert full.personal_best is not None and full.personal_best.final_time == 27 and full.new_personal_best
    assert full.sum_of_best == 27 and [r.best_segment for r in full.rows] == [9, 9, 9]
    assert [(a.category.level, a.number) for a in history.attempts] == [("full", 1), ("blank", 1), ("full", 2)]
    only_blank = report(history, blank, PIECES, clock.now())
    assert only_blank.personal_best is not None and only_blank.personal_best.final_time == 6
    assert only_blank.sum_of_best == 6


def test_a_piece_speedrun_does_not_touch_the_whole_track_records() -> None:
    clock = FakeClock()
    history = run_through(History(), clock, [10, 10, 10])
    history = timing.start(history, alone("a"), ("a",), clock.now())
    clock.advance(1)
    history, _ = timing.record_passes(history, {"a"}, clock.now())
    whole = report(history, ALL, PIECES, clock.now())
    assert whole.personal_best is not None and whole.personal_best.number == 1 and whole.rows[0].best_segment == 10
    assert whole.sum_of_best == 30
    assert report(history, alone("a"), ("a",), clock.now()).rows[0].best_segment == 1
    assert others(history, ALL) == (CategoryBest(alone("a"), 1, 1.0),)


def test_abandon_without_a_run_is_an_error() -> None:
    with pytest.raises(SpeedrunError):
        timing.abandon(History(), 0.0)


def test_history_round_trips_through_json() -> None:
    clock = FakeClock()
    history = run_through(History(), clock, [1.5, 2.25, 3])
    history = timing.start(history, alone("tanh"), ("tanh",), clock.now())
    assert store.from_data(json.loads(json.dumps(store.to_data(history)))) == history


def test_the_json_state_says_active_started_elapsed_splits_finished_and_pb() -> None:
    clock = FakeClock()
    history = run_through(History(), clock, [10, 10, 10])
    history = timing.start(history, ALL, PIECES, clock.now())
    clock.advance(4)
    history, _ = timing.record_passes(history, {"a"}, clock.now())
    clock.advance(1.5)
    data = to_json(report(history, ALL, PIECES, clock.now()))
    assert data["active"] is True and data["finished"] is False and data["attempt"] == 2
    assert data["elapsed"] == 5.5 and data["started"]
    assert data["pieces"][0] == {"id": "a", "split": 4.0, "segment": 4.0, "segment_pieces": ["a"], "delta": -6.0,
                                 "gold": True, "best_segment": 4.0}
    assert data["pieces"][1]["split"] is None and data["pieces"][1]["segment"] is None
    assert data["personal_best"]["time"] == 30 and data["personal_best"]["attempt"] == 1
    assert data["sum_of_best"] == 24
