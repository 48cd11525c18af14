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
from micrograd_kata.learner import lock
from micrograd_kata.learner.workspace import Workspace, WorkspaceError, find, shown_path
from micrograd_kata.practice import reset
from micrograd_kata.results import NO_TORCH, PieceResult, Status
from micrograd_kata.runner.processes import WarmWorker
from micrograd_kata.speedrun import store, timing
from micrograd_kata.speedrun.clock import Clock, SystemClock
from micrograd_kata.speedrun.report import Report, report
from micrograd_kata.speedrun.timing import ALL, Attempt, History, SpeedrunError
from micrograd_kata.wording import and_list

CLOCK: Clock = SystemClock()  # the wall clock checked by a steady one (clock.py); tests swap in a fake

Note = Callable[[str], None]


def category_of(pieces: Sequence[Piece] | None, track: str) -> tuple[str, tuple[str, ...]]:
    """The category and its piece ids: 'all' for the track's whole library, else the piece's id."""
    everything = tuple(p.id for p in curriculum.load(track))
    ids = tuple(p.id for p in pieces) if pieces else everything
    return (ALL if ids == everything else ",".join(ids)), ids


def piece_ids(category: str, track: str) -> tuple[str, ...]:
    """The piece ids of a category of the track."""
    return tuple(p.id for p in curriculum.load(track)) if category == ALL else tuple(category.split(","))


def pieces_of(category: str, track: str) -> tuple[Piece, ...] | None:
    """The pieces of a category, as the speedrun takes them: None for the whole library."""
    return None if category == ALL else tuple(curriculum.get(p, track) for p in piece_ids(category, track))


def running_category(workspace: Workspace, note: Note) -> str | None:
    """The category of the run going on in this workspace, if one is."""
    active = load(workspace, note).active()
    return None if active is None else active.category


def command_for(workspace: Workspace, category: str) -> str:
    """The command that goes on with a run of this category in this workspace."""
    command = "grade --all --speedrun" if category == ALL else f"grade {category} --speedrun"
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
    """The speedrun of one category (the whole library, or pieces timed alone) in one workspace."""

    workspace: Workspace
    category: str
    ids: tuple[str, ...]
    note: Note   # where the session's notes go: backups made, state files recovered

    @classmethod
    def of(cls, workspace: Workspace, pieces: Sequence[Piece] | None, note: Note) -> Speedrun:
        """The speedrun of these pieces (all of them by default)."""
        category, ids = category_of(pieces, workspace.track)
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
        """End this category's running attempt without finishing it; the files are left as they are."""
        with lock.held(self.workspace):
            history = self.load()
            active = history.active()
            if active is None or active.category != self.category:
                running = f" (the one running is {active.category!r})" if active else ""
                raise SpeedrunError(f"no speedrun of {self.category!r} is running{running}.")
            history, ended = timing.abandon(history, CLOCK.reading())
            store.save(self.workspace, history)
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
                    f"a speedrun of {active.category!r} is running in this workspace, one at a time: go on with "
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
        number = len(history.of(self.category))
        self.note(f"{saved}{what}. The clock is running: attempt #{number}.")
        return history

    def _reset(self) -> tuple[Path | None, str]:
        """Put the run's code back to stubs: the backup folder, and what is a stub again."""
        reset.ensure_not_stub_source(self.workspace)
        if self.category == ALL:
            return reset.reset_all(self.workspace, reason="speedrun-all"), "every file is a stub again"
        done = [reset.reset_piece(self.workspace, curriculum.get(p, self.workspace.track), reason=f"speedrun-{p}") for p in self.ids]
        folder = next((d.backup for d in done if d.backup), None)
        what = f"{and_list(self.ids)} {'is a stub' if len(self.ids) == 1 else 'are stubs'} again"
        for missing in (d.transplant.missing for d in done if d.transplant.missing):
            self.note(f"note: {and_list(missing)} could not be put back: its class is not in your file.")
        return folder, what

    def grade_and_record(self, *, seed: int | None, timeout: float, warm: WarmWorker | None = None,
                         passes: grading.PassCache | None = None, memory: int = grading.DEFAULT_MEMORY) -> Graded:
        """Grade the run's pieces and give the newly passing ones their split, timed from when grading began."""
        began = CLOCK.reading()
        pieces = None if self.category == ALL else [curriculum.get(p, self.workspace.track) for p in self.ids]
        try:
            run = grading.grade(self.workspace, pieces, seed=seed, timeout=timeout, warm=warm, passes=passes,
                                memory=memory)
        except WorkspaceError as e:
            raise SpeedrunError(str(e)) from e
        for said in run.notes:   # what the code changed while it was graded, and what was put back
            if said != NO_TORCH:
                self.note(f"note: {said}")
        passing = {r.piece_id for r in run.results if r.status is Status.PASSED}
        with lock.held(self.workspace):
            history = self.load()  # afresh: the run may have been abandoned from another terminal meanwhile
            active = history.active()
            if active is None or active.category != self.category:
                return Graded(history)
            history, newly = timing.record_passes(history, passing, began)
            store.save(self.workspace, history)
        current = self.report(history).current_piece
        return Graded(history, newly, run.result(current) if current else None)
