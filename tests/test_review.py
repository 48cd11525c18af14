"""Spaced review without the CLI: the rating rule, the cards on disk, the scheduler's dates and the due order."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from fsrs import Card, Rating

from micrograd_kata import curriculum
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner import review, workspace
from micrograd_kata.learner.deck import FILE, Deck, to_data
from micrograd_kata.learner.rating import PieceAttempt, rate, reason
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.results import PieceResult, Status
from micrograd_kata.review.agenda import agenda
from micrograd_kata.review.mastery import mastery
from micrograd_kata.speedrun.session import Speedrun
from tests.fakes import FakeClock, stand_in
from tests.practice_fakes import StaticGrader, solve

DAY = 86400.0


def attempt(**kw: object) -> PieceAttempt:
    return PieceAttempt(**{"track": "lecture", "piece": "tanh", "level": "full", "finished": True, "seconds": 30.0,
                           **kw})  # type: ignore[arg-type]


@pytest.mark.parametrize(("what", "best", "expected"), [
    (attempt(finished=False, seconds=None), 40.0, Rating.Again),
    (attempt(failed_gradings=2), 40.0, Rating.Hard),
    (attempt(hints=1), 40.0, Rating.Hard),
    (attempt(peeked=True), 40.0, Rating.Hard),
    (attempt(), None, Rating.Good),           # no best segment yet: the first clean finish is Good
    (attempt(), 20.0, Rating.Good),           # clean, but slower than the best
    (attempt(seconds=None), 20.0, Rating.Good),  # split together with another piece: no time of its own
    (attempt(), 30.0, Rating.Easy),           # at the best segment
    (attempt(), 45.0, Rating.Easy),
    (attempt(failed_gradings=1, seconds=1.0), 45.0, Rating.Hard),   # fast does not wash out a slip
])
def test_the_rating_rule(what: PieceAttempt, best: float | None, expected: Rating) -> None:
    assert rate(what, best) is expected


def test_the_reason_names_the_slips() -> None:
    slipped = attempt(failed_gradings=2, hints=1, peeked=True)
    assert reason(slipped, rate(slipped, None)) == "finished after 2 failed gradings and a hint and a peek at the solution"
    assert reason(attempt(finished=False), Rating.Again) == "not finished"
    assert reason(attempt(), Rating.Easy) == "clean, at or under your best segment"


@dataclass
class SlippingGrader(StaticGrader):
    """A piece in `wrong` runs but computes the wrong thing: a failed grading."""

    wrong: set[str] = field(default_factory=set)

    def verdict(self, workspace: Workspace, piece: Piece) -> PieceResult:
        return PieceResult(piece.id, Status.FAILED) if piece.id in self.wrong else super().verdict(workspace, piece)


@pytest.fixture
def grader(monkeypatch: pytest.MonkeyPatch) -> SlippingGrader:
    fake = SlippingGrader()
    stand_in(monkeypatch, fake.grade)
    return fake


@pytest.fixture
def solved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock, grader: SlippingGrader) -> Workspace:
    monkeypatch.delenv(review.SHARED, raising=False)
    ws = workspace.init(tmp_path / "kata", source="solutions")
    monkeypatch.chdir(ws.root)
    return ws


def timed(ws: Workspace, clock: FakeClock, piece_id: str, seconds: float, *, between: object = None,
          give_up: bool = False) -> list[str]:
    """One timed attempt at a piece through the speedrun session, with a grading and then `between` done halfway
    when given: the review notes it made."""
    notes: list[str] = []
    run = Speedrun.of(ws, [curriculum.get(piece_id)], notes.append)
    run.start_or_resume()
    clock.advance(seconds)
    if callable(between):
        run.grade_and_record(seed=1, timeout=5.0)
        between()
    if give_up:
        run.abandon()
    else:
        solve(ws, piece_id)
        run.grade_and_record(seed=1, timeout=5.0)
    return [n for n in notes if n.startswith("Review of")]


def ratings(ws: Workspace) -> list[str]:
    deck, _ = review.load(ws)
    return [r.rating.name for r in deck.log]


def test_timed_attempts_reach_each_rating_on_a_fake_clock(solved: Workspace, clock: FakeClock,
                                                          grader: SlippingGrader) -> None:
    assert timed(solved, clock, "tanh", 30) == ["Review of tanh: Good (clean); next due in 10 minutes."]
    clock.advance(DAY)
    assert timed(solved, clock, "tanh", 25)[0].startswith("Review of tanh: Easy (clean, at or under your best segment)")
    clock.advance(DAY)
    assert timed(solved, clock, "tanh", 40, give_up=True)[0].startswith("Review of tanh: Again (not finished)")
    clock.advance(DAY)
    grader.wrong = {"tanh"}

    def mend() -> None:
        grader.wrong.clear()

    notes = timed(solved, clock, "tanh", 10, between=mend)   # a failed grading first, then it passes
    assert notes[0].startswith("Review of tanh: Hard (finished after a failed grading)")
    assert ratings(solved) == ["Good", "Easy", "Again", "Hard"]
    assert review.load(solved)[0].log[-1].seconds == 10


def test_a_hint_or_a_peek_during_the_attempt_makes_it_hard_and_a_new_start_forgets_them(solved: Workspace,
                                                                                     clock: FakeClock) -> None:
    review.slip(solved, "tanh", "hints", lambda _: None)   # before the run: the start forgets it
    timed(solved, clock, "tanh", 30)
    clock.advance(DAY)
    timed(solved, clock, "tanh", 30, between=lambda: review.slip(solved, "tanh", "peeked", lambda _: None))
    assert ratings(solved) == ["Good", "Hard"]
    assert review.load(solved)[0].slips == {}


def test_a_drill_shares_the_cards_of_its_workspace(solved: Workspace, clock: FakeClock) -> None:
    from micrograd_kata.practice import drill

    made = drill.make(curriculum.get("tanh"), drill.default_location(solved, curriculum.get("tanh")))
    timed(made.workspace, clock, "tanh", 30)
    assert review.path(made.workspace) == solved.state_dir / FILE
    assert ratings(solved) == ["Good"]


def test_shared_cards_live_in_the_data_directory(solved: Workspace, clock: FakeClock, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(review.SHARED, "shared")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr("sys.platform", "linux")
    timed(solved, clock, "tanh", 30)
    assert not (solved.state_dir / FILE).exists()
    assert "lecture/tanh" in json.loads((tmp_path / "data" / "micrograd-kata" / FILE).read_text())["cards"]


def reviewed(deck: Deck, piece: str, rating: Rating, at: float) -> Deck:
    return review.review(deck, attempt(piece=piece), rating, at, piece)[0]


def test_the_interval_grows_after_good_and_shrinks_after_again_with_the_schedulers_dates() -> None:
    at, deck = 1_700_000_000.0, Deck()
    intervals = []
    for _ in range(5):
        deck = reviewed(deck, "tanh", Rating.Good, at)
        card = deck.cards["lecture/tanh"]
        intervals.append(card.due - review.moment(at))
        at = card.due.timestamp()   # reviewed when due
    assert intervals == sorted(intervals) and intervals[-1] > intervals[-2] > timedelta(days=1)
    before = intervals[-1]
    deck = reviewed(deck, "tanh", Rating.Again, at)
    after = deck.cards["lecture/tanh"].due - review.moment(at)
    assert after < before and after < timedelta(days=1)
    # the dates are the scheduler's own: the same reviews through fsrs directly give the same due date
    card, when = Card(card_id=1, due=review.moment(1_700_000_000.0)), 1_700_000_000.0
    for rating in [Rating.Good] * 5 + [Rating.Again]:
        card, _ = review.scheduler().review_card(card, rating, review.moment(when))
        when = card.due.timestamp() if rating is Rating.Good else when
    assert card.due == deck.cards["lecture/tanh"].due


def test_due_pieces_come_most_overdue_first_with_their_last_attempt() -> None:
    deck, start = Deck(), 1_700_000_000.0
    for piece, offset in (("tanh", 0.0), ("value", -3 * DAY), ("exp", -1 * DAY)):
        deck = reviewed(deck, piece, Rating.Good, start + offset)
    a = agenda(deck, "lecture", start + 2 * DAY)
    assert [s.piece.id for s in a.due] == ["value", "exp", "tanh"]
    assert [s.overdue(a.at) > 0 for s in a.due] == [True, True, True]
    assert all(0 < s.retrievability <= 1 for s in a.due) and a.due[0].last is not None
    assert a.due[0].last.rating is Rating.Good and "tanh" not in [p.id for p in a.new]
    assert agenda(deck, "lecture", start - 3 * DAY + 1).due == ()


def test_mastery_counts_clean_passes_per_level_and_best_times() -> None:
    deck, at = Deck(), 1_700_000_000.0
    deck = review.review(deck, attempt(level="blank", seconds=50.0), Rating.Good, at, "tanh")[0]
    deck = review.review(deck, attempt(level="blank", seconds=20.0, hints=1), Rating.Hard, at + DAY, "tanh")[0]
    deck = review.review(deck, attempt(piece="exp", level="bare", seconds=9.0), Rating.Easy, at, "exp")[0]
    m = mastery(deck, "lecture")
    by = {p.piece.id: p for p in m.pieces}
    assert by["tanh"].highest == "blank" and by["tanh"].best == {"blank": 20.0} and by["tanh"].recited
    assert by["exp"].highest == "bare" and not by["exp"].recited and by["exp"].stability is not None
    assert by["relu"].highest is None and m.recited == 1 and not m.done


@pytest.mark.parametrize("content", [
    "{not json",
    '{"version": 1, "cards": {"lecture/tanh": {"card_id": 1, "state": 9, "step": 0, "due": "2023-01-01T00:00:00+00:00"}}}',
    '{"version": 1, "cards": {"lecture/tanh": {"card_id": 1, "state": 1, "step": 0, "due": "yesterday"}}}',
    '{"version": 1, "log": [{"card": "lecture/tanh", "level": "huge", "rating": "Good", "at": 1, "scope": "x"}]}',
    '{"version": 1, "log": [{"card": "lecture/tanh", "level": "full", "rating": "Superb", "at": 1, "scope": "x"}]}',
    '{"version": 1, "slips": {"lecture/tanh": {"failed": -1}}}',
    '[]',
])
def test_a_malformed_review_file_is_moved_aside_with_a_message(tmp_path: Path, content: str) -> None:
    ws = workspace.init(tmp_path / "kata")
    (ws.state_dir / FILE).write_text(content)
    deck, recovered = review.load(ws)
    assert deck == Deck() and recovered is not None
    assert recovered.moved_to.name == "review.json.corrupt" and recovered.moved_to.read_text() == content
    assert "could not be read" in recovered.message() and "\n" not in recovered.message()


def test_the_review_file_round_trips(tmp_path: Path) -> None:
    ws = workspace.init(tmp_path / "kata")
    deck = review.add_slip(reviewed(Deck(), "tanh", Rating.Good, 1_700_000_000.0), "lecture/exp", "hints")
    review.save(ws, deck)
    again, recovered = review.load(ws)
    assert recovered is None and to_data(again) == to_data(deck)
