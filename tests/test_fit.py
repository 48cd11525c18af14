"""Every panel fits an 80×24 terminal with what a learner needs: what failed, expected vs got, where, why."""
from __future__ import annotations

import io
import re

import pytest
from rich.console import Console, RenderableType

from micrograd_kata import curriculum
from micrograd_kata.grading import views
from micrograd_kata.grading.fitting import elide, elide_pair
from micrograd_kata.practice import views as practice_views
from micrograd_kata.practice.watch import Verdict
from micrograd_kata.results import CheckResult, Failure, Location, PieceResult, Run, Status
from tests.fakes import PIECES, passed

PARAMETERS = [round((n * 0.37) % 2 - 1, 2) for n in range(41)]
EXPECTED = [5.945296726 - n * 0.29 for n in range(20)]
GOT = EXPECTED[:2] + [4.255526184] + EXPECTED[3:]
HINT = "call model.zero_grad() before loss.backward() on every step: grads pile up from the steps before"
LONG_FAILURE = Failure(
    summary="train's losses differ from plain gradient descent",
    expected=", ".join(f"{x:.9f}" for x in EXPECTED),
    got=", ".join(f"{x:.9f}" for x in GOT),
    inputs=f"parameters = {PARAMETERS}; xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]; "
           "ys = [1.0, -1.0, -1.0, 1.0]",
    program=("model = MLP(3, [4, 4, 1])", "for p, v in zip(model.parameters(), parameters): p.data = v",
             "losses = train(model, xs, ys, steps=20, lr=0.05)"),
    where=Location("train.py", 9, "train"),
    hint=HINT,
    seed=350702,
    tolerance="|got - expected| <= 1e-6 + 1e-6·|expected|",
)
PRINTED = "\n".join(f"step {n}: loss = {x}" for n, x in enumerate(EXPECTED * 5))


def failed_train(**changes: object) -> PieceResult:
    checks = (CheckResult("check_loss_decreases", Status.PASSED), CheckResult("check_returns_floats", Status.PASSED),
              CheckResult("check_matches_reference_training", Status.FAILED, failure=LONG_FAILURE))
    fields: dict[str, object] = {"message": LONG_FAILURE.summary, "checks": checks, "output": PRINTED,
                                 "look_at": LONG_FAILURE.where, **changes}
    return PieceResult("train", Status.FAILED, **fields)  # type: ignore[arg-type]


def screen(renderable: RenderableType) -> list[str]:
    console = Console(file=io.StringIO(), width=80, height=24, color_system=None)
    console.print(renderable)
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


def said(lines: list[str]) -> str:
    """The words on screen, whatever the wrapping and the panel's edges."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", "\n".join(lines)).split())


def panel(result: PieceResult, piece: str = "train") -> RenderableType:
    return views.next_panel(curriculum.get(piece), result, location=result.look_at, total_pieces=16, passing=15)


def test_long_lists_are_elided_in_the_middle_with_a_count() -> None:
    assert elide(f"parameters = {PARAMETERS}") == f"parameters = [{PARAMETERS[0]}, {PARAMETERS[1]}, … 38 more …, " \
                                                  f"{PARAMETERS[-1]}]"
    assert elide("MLP(3, [4, 4, 1])") == "MLP(3, [4, 4, 1])"
    expected, got = elide_pair(LONG_FAILURE.expected or "", LONG_FAILURE.got or "")
    assert "4.255526184" in got and "… 16 more …" in got and expected.count(",") == got.count(",")
    assert len(elide("x" * 5000)) < 300


def test_a_long_failure_fits_with_what_failed_expected_got_where_and_why() -> None:
    lines = screen(panel(failed_train()))
    assert len(lines) <= 24
    text = said(lines)
    for essential in ["The training loop (train) failed", LONG_FAILURE.summary, "expected", "got", "4.255526184",
                      "where train.py:9 in train", f"why, usually {HINT}", "15 of 16 pieces pass"]:
        assert essential in text, essential
    assert "38 more" in text or "parameters" not in text


def test_the_watch_panel_fits_with_its_status_line() -> None:
    result = failed_train()
    verdict = Verdict(run=Run((result,), seed=1), piece=curriculum.get("train"), result=result, passing=15,
                      seconds=0.21, at=0.0)
    lines = screen(practice_views.verdict_view(verdict, watching="the kata files"))
    assert len(lines) <= 24
    assert "Graded at" in lines[-1] and "Ctrl-C to stop" in lines[-1]
    text = said(lines)
    for essential in [LONG_FAILURE.summary, "4.255526184", "where train.py:9 in train", f"why, usually {HINT}"]:
        assert essential in text, essential


@pytest.mark.parametrize("status, message", [
    (Status.ERROR, "AttributeError: 'float' object has no attribute 'data' " * 3),
    (Status.TIMEOUT, "still running after 5 s: stuck in train.py:14 in train, in a loop that never ends " * 2),
    (Status.TODO, "train still raises NotImplementedError"),
    (Status.BLOCKED, "blocked by loss: train.py has a syntax error at line 3"),
])
def test_every_other_status_fits(status: Status, message: str) -> None:
    failure = Failure(summary=message, where=Location("train.py", 14, "train"), hint=HINT)
    result = PieceResult("train", status, message=message, where=failure.where, look_at=failure.where, output=PRINTED,
                         blocked_by="loss",
                         checks=(CheckResult("check_matches_reference_training", status, failure=failure),))
    lines = screen(panel(result))
    assert len(lines) <= 24
    text = said(lines)
    assert f"(train) {status.value}" in text
    if status is not Status.BLOCKED:
        assert " ".join(message.split()[:6]) in text and "train.py:14" in text


def test_the_other_panels_fit() -> None:
    everything = Run(tuple(passed(p.id) for p in PIECES), seed=1)
    assert len(screen(views.all_done_panel(everything, 16))) <= 24
    for piece in PIECES:
        assert len(screen(views.hint_panel(piece, 3))) <= 24, piece.id
    assert len(screen(panel(passed("train")))) <= 24


def test_what_is_printed_with_a_panel_is_kept_room_for() -> None:
    result = failed_train()
    verdict = Verdict(run=Run((result,), seed=1), piece=curriculum.get("train"), result=result, passing=15,
                      seconds=0.21, at=0.0, passed_now=("loss",))
    lines = screen(practice_views.verdict_view(verdict, watching="the kata files"))
    assert len(lines) <= 24 and lines[0].startswith("✓ loss passed") and "Graded at" in lines[-1]
    below_a_line = views.next_panel(curriculum.get("train"), result, location=result.look_at, total_pieces=16,
                                    passing=15, reserve=2)
    assert len(screen(below_a_line)) <= 22


def test_a_tall_screen_shows_everything() -> None:
    console = Console(file=io.StringIO(), width=80, height=200, color_system=None)
    console.print(panel(failed_train()))
    text = said(console.file.getvalue().splitlines())  # type: ignore[attr-defined]
    for detail in ["tolerance", "replay same inputs again: grade train --seed 350702", "Your code printed",
                   "Stuck? grade hint train", "goal train(model, xs, ys, steps, lr) repeats"]:
        assert detail in text, detail
