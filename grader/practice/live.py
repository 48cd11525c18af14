"""`grade watch` on screen: each re-grade's verdict, in place with rich Live on a terminal, one after another elsewhere."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.console import Console, RenderableType
from rich.live import Live

from micrograd_kata import grading
from micrograd_kata.curriculum import Piece
from micrograd_kata.learner import hints
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.practice import views, watch


def watch_loop(workspace: Workspace, piece: Piece | None, *, seed: int | None, timeout: float,
               batches: Iterable[set[str]], console: Console,
               grade: grading.Grader = grading.grade,
               after: Callable[[watch.Verdict], None] | None = None) -> None:
    """Re-grade on each batch of saves; in place with rich Live on a terminal, one verdict after another elsewhere.
    after: called with each verdict before it is shown (`--show` redraws the failing graph's picture)."""
    watching = piece.file if piece else "the kata files"

    def regrade() -> watch.Verdict:
        verdict = watch.grade_current(workspace, grade, piece=piece, seed=seed, timeout=timeout)
        if after is not None:
            after(verdict)
        return verdict

    def view(verdict: watch.Verdict, *, grading_now: bool = False) -> RenderableType:
        names = verdict.piece is None or hints.names_shown(workspace, verdict.piece)
        return views.verdict_view(verdict, watching=watching, grading=grading_now, names=names)

    if not console.is_terminal:
        watch.on_every_save(batches, regrade, lambda v: console.print(view(v)))
        return
    with Live(views.waiting_view(watching), console=console, auto_refresh=False) as screen:
        shown: list[watch.Verdict] = []

        def regrade_in_place() -> watch.Verdict:
            if shown:  # keep the last verdict on screen while the new one is graded
                screen.update(view(shown[-1], grading_now=True), refresh=True)
            return regrade()

        def show(verdict: watch.Verdict) -> None:
            shown[:] = [verdict]
            screen.update(view(verdict), refresh=True)

        watch.on_every_save(batches, regrade_in_place, show)
