"""The speedrun history on disk: .kata/speedrun.json, written atomically, checked field by field when read.

A file that is not a history this grader can trust (broken JSON, wrong types, non-finite or out-of-range numbers,
an unknown outcome, splits outside their run, attempts out of order) is moved aside, never deleted, and an
empty history starts. Format 1 (before the clock marks) is read as well: its runs are timed by the wall clock.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from micrograd_kata import curriculum
from micrograd_kata.learner.fields import entries, finite, flag, table, text, whole
from micrograd_kata.learner.state import Malformed, Recovered, StateError, read_json, write_json
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.speedrun.clock import Jump, Mark, Reading
from micrograd_kata.speedrun.timing import ABANDONED, ALL, FINISHED, RUNNING, Attempt, History

FILE = "speedrun.json"
VERSION = 2             # 2: each attempt keeps its clock mark and the wall clock's jumps
LAST_TIME = 1e11        # wall-clock seconds (the year 5138): later is no time the grader wrote
LONGEST = 1e9           # seconds on a run's clock (31 years)


def path(workspace: Workspace) -> Path:
    return workspace.state_dir / FILE


def load(workspace: Workspace) -> tuple[History, Recovered | None]:
    """The workspace's speedrun history; one that cannot be trusted is moved aside (and reported), and a new starts."""
    history, recovered = read_json(path(workspace), default=None, check=lambda data: from_data(data, workspace.track))
    return history or History(), recovered


def save(workspace: Workspace, history: History) -> None:
    """Write the history atomically: a kill mid-write leaves the previous file whole."""
    write_json(path(workspace), to_data(history))


def to_data(history: History) -> dict[str, Any]:
    return {"version": VERSION, "attempts": [_attempt_data(a) for a in history.attempts]}


def _attempt_data(a: Attempt) -> dict[str, Any]:
    mark = None if a.mark is None else {"wall": a.mark.reading.wall, "steady": a.mark.reading.steady,
                                        "boot": a.mark.reading.boot, "elapsed": a.mark.elapsed}
    return {"number": a.number, "category": a.category, "pieces": list(a.pieces), "started": a.started,
            "splits": dict(a.splits), "outcome": a.outcome, "ended": a.ended, "mark": mark,
            "clock_jumps": [{"at": j.at, "seconds": j.seconds, "steady": j.steady} for j in a.jumps]}


def from_data(data: Any, track: str = curriculum.LECTURE) -> History:
    """The history in data, checked against the workspace's track: raises Malformed saying what is wrong and where."""
    root = table(data, "the file")
    version = whole(root.get("version", 1), "version", low=1)
    if version > VERSION:
        raise StateError(f"{FILE} was written by a newer micrograd-kata (format {version}): upgrade it to read "
                         "your records (`pip install -U micrograd-kata`)")
    attempts = tuple(_attempt(a, f"attempt {i + 1}", track) for i, a in enumerate(entries(root.get("attempts"), "attempts")))
    _check_order(attempts)
    return History(attempts)


def _attempt(data: Any, where: str, track: str) -> Attempt:
    a = table(data, where)
    pieces = tuple(text(p, f"{where}: a piece") for p in entries(a.get("pieces"), f"{where}: pieces"))
    if not pieces or len(set(pieces)) != len(pieces):
        raise Malformed(f"{where}: pieces must be one or more different piece ids, not {list(pieces)}")
    splits = {text(p, f"{where}: a split's piece"): finite(t, f"{where}: split of {p}", high=LONGEST)
              for p, t in table(a.get("splits"), f"{where}: splits").items()}
    outcome = a.get("outcome", RUNNING)
    if outcome not in (RUNNING, FINISHED, ABANDONED):
        raise Malformed(f"{where}: unknown outcome {outcome!r}")
    ended = a.get("ended")
    jumps = entries(a.get("clock_jumps", []), f"{where}: clock_jumps")
    attempt = Attempt(
        number=whole(a.get("number"), f"{where}: number", low=1),
        category=text(a.get("category"), f"{where}: category"),
        pieces=pieces,
        started=finite(a.get("started"), f"{where}: started", high=LAST_TIME),
        splits=splits,
        outcome=outcome,
        ended=None if ended is None else finite(ended, f"{where}: ended", high=LONGEST),
        mark=_mark(a.get("mark"), where),
        jumps=tuple(_jump(j, where) for j in jumps))
    _check_category(attempt, where, track)
    _check_splits(attempt, where)
    return attempt


def _mark(data: Any, where: str) -> Mark | None:
    if data is None:
        return None
    m = table(data, f"{where}: mark")
    steady, boot = m.get("steady"), m.get("boot")
    return Mark(Reading(finite(m.get("wall"), f"{where}: mark wall", high=LAST_TIME),
                        None if steady is None else finite(steady, f"{where}: mark steady", high=LAST_TIME),
                        None if boot is None else text(boot, f"{where}: mark boot")),
                finite(m.get("elapsed"), f"{where}: mark elapsed", high=LONGEST))


def _jump(data: Any, where: str) -> Jump:
    j = table(data, f"{where}: a clock jump")
    return Jump(at=finite(j.get("at"), f"{where}: clock jump at", high=LONGEST),
                seconds=finite(j.get("seconds"), f"{where}: clock jump", low=-LAST_TIME, high=LAST_TIME),
                steady=flag(j.get("steady"), f"{where}: clock jump steady"))


def _check_category(a: Attempt, where: str, track: str) -> None:
    """A piece's category names its pieces; a running attempt's pieces are all in the curriculum (to go on with)."""
    if a.category != ALL and a.category != ",".join(a.pieces):
        raise Malformed(f"{where}: category {a.category!r} with the pieces {', '.join(a.pieces)}")
    known = {p.id for p in curriculum.load(track)}
    unknown = [p for p in a.pieces if p not in known]
    if a.active and unknown:
        raise Malformed(f"{where}: a running attempt of {', '.join(unknown)}, which the kata does not have")


def _check_splits(a: Attempt, where: str) -> None:
    """Splits belong to the run's pieces and lie within it; an ended run has its time, a running one none."""
    strangers = [p for p in a.splits if p not in a.pieces]
    if strangers:
        raise Malformed(f"{where}: splits of {', '.join(strangers)}, which the run does not have")
    if (a.ended is None) != (a.outcome == RUNNING):
        raise Malformed(f"{where}: a {a.outcome} run {'without' if a.ended is None else 'with'} an end time")
    if a.ended is not None and any(t > a.ended for t in a.splits.values()):
        raise Malformed(f"{where}: a split after the run ended at {a.ended:g} s")
    if a.outcome == FINISHED and set(a.splits) != set(a.pieces):
        raise Malformed(f"{where}: finished without a split for every piece")
    if a.mark is not None and a.ended is None and any(t > a.mark.elapsed for t in a.splits.values()):
        raise Malformed(f"{where}: a split later than the run's clock ({a.mark.elapsed:g} s)")


def _check_order(attempts: tuple[Attempt, ...]) -> None:
    """Each category's attempts are numbered 1, 2, ... in the order they were started; one runs at a time."""
    count: dict[str, int] = {}
    for a in attempts:
        count[a.category] = count.get(a.category, 0) + 1
        if a.number != count[a.category]:
            raise Malformed(f"attempts out of order: {a.category!r} attempt #{a.number} where #{count[a.category]} "
                            "should be")
    running = [a for a in attempts if a.active]
    if len(running) > 1:
        raise Malformed(f"{len(running)} runs going on at once, where one at most can be")
    if running and running[0] is not [a for a in attempts if a.category == running[0].category][-1]:
        raise Malformed(f"{running[0].category!r} attempt #{running[0].number} is running but is not the latest")
