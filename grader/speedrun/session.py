"""A speedrun in a workspace: start it (backing up and resetting the code), go on with it, grade and record, abandon.

The session keeps the history on disk and says what it did through `note` (the CLI prints to stderr); what it
cannot do it raises as a SpeedrunError. Display is left to the caller.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from micrograd_kata import curriculum, grading
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner import lock, review
from micrograd_kata.learner.rating import PieceAttempt, card_key
from micrograd_kata.learner.workspace import Workspace, WorkspaceError, find, shown_path
from micrograd_kata.practice import drill, reset
from micrograd_kata.results import NO_TORCH, PieceResult, Status
from micrograd_kata.runner.processes import WarmWorker
from micrograd_kata.speedrun import category as categories
from micrograd_kata.speedrun import store, timing
from micrograd_kata.speedrun.category import Category
from micrograd_kata.speedrun.clock import Clock, SystemClock
from micrograd_kata.speedrun.records import best_alone, best_segments
from micrograd_kata.speedrun.report import Report, report
from micrograd_kata.speedrun.timing import Attempt, History, SpeedrunError
from micrograd_kata.wording import and_list

CLOCK: Clock = SystemClock()  # the wall clock checked by a steady one (clock.py); tests swap in a fake

Note = Callable[[str], None]
SLIPPED = (Status.FAILED, Status.ERROR, Status.TIMEOUT)   # a grading where the piece's code ran and was wrong


def level_of(workspace: Workspace) -> str:
    """The workspace's scaffold level (full until the workspace knows its level)."""
    return str(getattr(workspace, "level", categories.DEFAULT_LEVEL))


def current(workspace: Workspace) -> Category:
    """The workspace's own category: its whole track at its level; a drill's workspace, its drill."""
    drilled = drill.piece_of(workspace)
    if drilled is not None and drilled in (p.id for p in workspace.pieces):
        return categories.of_pieces(workspace.track, level_of(workspace), (drilled,), drill=True)
    return categories.whole(workspace.track, level_of(workspace))


def category_of(workspace: Workspace, pieces: Sequence[Piece] | None) -> tuple[Category, tuple[str, ...]]:
    """Where a run of these pieces (all by default) in this workspace is filed, and its piece ids: the whole track,
    or the pieces timed alone; in a drill's workspace, its piece is timed as a drill."""
    track = workspace.track
    everything = tuple(p.id for p in curriculum.load(track))
    ids = tuple(p.id for p in pieces) if pieces else everything
    if ids == everything:
        return categories.whole(track, level_of(workspace)), ids
    return categories.of_pieces(track, level_of(workspace), ids, drill=ids == (drill.piece_of(workspace),)), ids


def piece_ids(category: Category) -> tuple[str, ...]:
    """The piece ids of a category."""
    return tuple(p.id for p in curriculum.load(category.track)) if category.whole_track else category.piece_ids


def pieces_of(category: Category) -> tuple[Piece, ...] | None:
    """The pieces of a category, as the speedrun takes them: None for the whole track."""
    return None if category.whole_track else tuple(curriculum.get(p, category.track) for p in category.piece_ids)


def running_category(workspace: Workspace, note: Note) -> Category | None:
    """The category of the run going on in this workspace, if one is."""
    active = load(workspace, note).active()
    return None if active is None else active.category


def command_for(workspace: Workspace, category: Category) -> str:
    """The command that goes on with a run of this category in this workspace."""
    command = "grade --all --speedrun" if category.whole_track else f"grade {' '.join(category.piece_ids)} --speedrun"
    try:
        here = find().root == workspace.root
    except WorkspaceError:   # no workspace around the current directory: name this one
        here = False
    return command if here else f"{command} --workspace {workspace.describe()}"


def load(workspace: Workspace, note: Note) -> History:
    """The workspace's speedrun history; a state file that cannot be read is moved aside, with a note."""
    history, recovered = store.load(workspace)
    if recovered is not None:
        note(recovered.message())
    return history


@dataclass(frozen=True)
class Graded:
    """What one grading of a run did: the history with the new splits, the pieces newly split, and the result of the
    current piece (the first without a split), so that the view can say why it does not pass yet."""

    history: History
    newly: tuple[str, ...] = ()
    current: PieceResult | None = None


@dataclass(frozen=True)
class Speedrun:
    """The speedrun of one category (the whole track, or pieces timed alone) in one workspace."""

    workspace: Workspace
    category: Category
    ids: tuple[str, ...]
    note: Note   # where the session's notes go: backups made, state files recovered
    level: str | None = None   # the scaffold level to reset to (a review's --level); None: the workspace's

    @classmethod
    def of(cls, workspace: Workspace, pieces: Sequence[Piece] | None, note: Note) -> Speedrun:
        """The speedrun of these pieces (all of them by default)."""
        category, ids = category_of(workspace, pieces)
        return cls(workspace, category, ids, note)

    def load(self) -> History:
        return load(self.workspace, self.note)

    def report(self, history: History) -> Report:
        """The run's state now, for the views and --json."""
        return report(history, self.category, self.ids, CLOCK.reading())

    def command(self) -> str:
        """The command that goes on with this run."""
        return command_for(self.workspace, self.category)

    def abandon(self) -> tuple[History, Attempt]:
        """End this category's running attempt without finishing it; the files are left as they are. The piece it
        was on is reviewed as not finished."""
        with lock.held(self.workspace):
            history = self.load()
            active = history.active()
            if active is None or active.category != self.category:
                running = f" (the one running is {active.category})" if active else ""
                raise SpeedrunError(f"no speedrun of {self.category} is running{running}.")
            before = history
            history, ended = timing.abandon(history, CLOCK.reading())
            store.save(self.workspace, history)
        unfinished = next((p for p in ended.pieces if p not in ended.splits), None)
        if unfinished is not None:
            self._review(before, [self._attempt(unfinished, finished=False)])
        return history, ended

    def start_or_resume(self) -> History:
        """Go on with this category's running attempt, or start one; another category's run must end first.

        Under the workspace's lock: two grades started together make one attempt, and the second goes on with it.
        """
        with lock.held(self.workspace):
            history = self.load()
            active = history.active()
            if active is not None and active.category != self.category:
                command = command_for(self.workspace, active.category)
                raise SpeedrunError(
                    f"a speedrun of {active.category} is running in this workspace, one at a time: go on with "
                    f"`{command}`, or end it with `{command} --abandon`.")
            return self.start(history) if active is None else history

    def start(self, history: History) -> History:
        """Back up and reset the run's code to stubs, then start the clock."""
        try:
            folder, what = self._reset()
        except (reset.ResetError, WorkspaceError) as e:
            raise SpeedrunError(f"cannot start the speedrun: {e}") from e
        saved = f"Your files are backed up in {shown_path(folder)}; " if folder else ""
        history = timing.start(history, self.category, self.ids, CLOCK.reading())
        store.save(self.workspace, history)
        review.change(self.workspace, lambda deck: review.forget_slips(deck, self._keys(self.ids)), self.note)
        number = len(history.of(self.category))
        self.note(f"{saved}{what}. The clock is running: attempt #{number}.")
        return history

    def _reset(self) -> tuple[Path | None, str]:
        """Put the run's code back to stubs: the backup folder, and what is a stub again."""
        reset.ensure_not_stub_source(self.workspace)
        if self.category.whole_track:
            return reset.reset_all(self.workspace, reason="speedrun-all", **self._at_level()), "every file is a stub again"
        done = [reset.reset_piece(self.workspace, curriculum.get(p, self.workspace.track), reason=f"speedrun-{p}",
                                  **self._at_level()) for p in self.ids]
        folder = next((d.backup for d in done if d.backup), None)
        what = f"{and_list(self.ids)} {'is a stub' if len(self.ids) == 1 else 'are stubs'} again"
        for missing in (d.transplant.missing for d in done if d.transplant.missing):
            self.note(f"note: {and_list(missing)} could not be put back: its class is not in your file.")
        return folder, what

    def grade_and_record(self, *, seed: int | None, timeout: float, warm: WarmWorker | None = None,
                         passes: grading.PassCache | None = None, memory: int = grading.DEFAULT_MEMORY) -> Graded:
        """Grade the run's pieces and give the newly passing ones their split, timed from when grading began."""
        began = CLOCK.reading()
        pieces = pieces_of(self.category)
        try:
            run = grading.grade(self.workspace, pieces, seed=seed, timeout=timeout, warm=warm, passes=passes,
                                memory=memory)
        except WorkspaceError as e:
            raise SpeedrunError(str(e)) from e
        for said in run.notes:   # what the code changed while it was graded, and what was put back
            if said != NO_TORCH:
                self.note(f"note: {said}")
        history, newly, before = self.record_passes({r.piece_id for r in run.results if r.status is Status.PASSED},
                                                    began)
        current = self.report(history).current_piece
        result = run.result(current) if current else None
        self._review_grading(history, before, newly, result)
        return Graded(history, newly, result)

    def record_passes(self, passing: set[str], began: timing.Now) -> tuple[History, tuple[str, ...], History]:
        """Give the pieces passing in a grading that began at `began` their split, and save: the one place a run's
        splits (and so its segments, and its end when every piece passes) are recorded. Returns the history, the
        pieces split now and the history before; nothing is recorded when this category's run is no longer going on."""
        with lock.held(self.workspace):
            history = self.load()  # afresh: the run may have been abandoned from another terminal meanwhile
            active = history.active()
            if active is None or active.category != self.category:
                return history, (), history
            before = history
            history, newly = timing.record_passes(history, passing, began)
            store.save(self.workspace, history)
            return history, newly, before

    def _review_grading(self, history: History, before: History, newly: tuple[str, ...],
                        result: PieceResult | None) -> None:
        """A grading of a timed attempt as reviews: the current piece slipped when its code ran and was wrong; each
        newly split piece is an attempt finished, rated and recorded on its card."""
        if result is not None and result.status in SLIPPED:
            key = self._keys([result.piece_id])[0]
            review.change(self.workspace, lambda deck: review.add_slip(deck, key, "failed"), self.note)
        if newly:
            attempt = history.latest(self.category)
            alone = {s.pieces[0]: s.seconds for s in attempt.segments() if len(s.pieces) == 1} if attempt else {}
            self._review(before, [self._attempt(p, finished=True, seconds=alone.get(p)) for p in newly])

    def _at_level(self) -> dict[str, str]:
        return {} if self.level is None else {"level": self.level}

    def _keys(self, ids: Sequence[str]) -> list[str]:
        return [card_key(self.workspace.track, p) for p in ids]

    def _attempt(self, piece_id: str, *, finished: bool, seconds: float | None = None) -> PieceAttempt:
        return PieceAttempt(self.workspace.track, piece_id, self.level or self.category.level, finished=finished,
                            seconds=seconds)

    def _review(self, before: History, attempts: list[PieceAttempt]) -> None:
        """Record each attempt as a review of its piece's card, and say how it was rated."""
        at = CLOCK.reading().wall
        level = self.level or self.category.level
        for recorded in review.record(self.workspace, attempts, lambda p: best_segment(before, self.category, p, level),
                                      at, str(self.category), self.note):
            self.note(review.in_words(recorded, at))


def best_segment(history: History, category: Category, piece_id: str, level: str) -> float | None:
    """The piece's best segment of its own at this level, in any run of the track (the whole track, the piece alone,
    a drill): the bar an Easy review must meet."""
    times = [t for c in history.categories() if c.track == category.track and c.level == level
             if (t := best_alone(best_segments(history, c)).get(piece_id)) is not None]
    return min(times, default=None)
