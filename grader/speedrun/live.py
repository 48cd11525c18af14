"""The live speedrun on a terminal: a ticking splits table, re-graded on every save, until every piece passes."""
from __future__ import annotations

from collections.abc import Iterable

from micrograd_kata import grading
from micrograd_kata.cli import output
from micrograd_kata.cli import speedrun_commands as commands
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.practice import watch
from micrograd_kata.runner.processes import WarmWorker
from micrograd_kata.speedrun.report import report
from micrograd_kata.speedrun.timing import History
from micrograd_kata.speedrun.views import final_view, live_view
from rich.live import Live

WATCHING = "Save to re-grade · Ctrl-C pauses (the clock keeps running)"


def live(workspace: Workspace, category: str, ids: tuple[str, ...], *, seed: int | None, timeout: float,
         batches: Iterable[set[str]] | None = None) -> int:
    """Show the run live and re-grade on each save; 0 when it finishes, 1 after Ctrl-C or when ended elsewhere."""
    console = output.console()
    history = commands.load(workspace)
    status = "Grading…"

    def view() -> object:
        return live_view(report(history, category, ids, commands.CLOCK.now()), status)

    passes = grading.PassCache()  # pieces passing since the last save are not graded again
    with WarmWorker() as warm, \
            Live(get_renderable=view, console=console, refresh_per_second=4, transient=True) as screen:  # type: ignore[arg-type]

        def regrade() -> History:
            nonlocal history, status
            status = "Grading…"
            screen.refresh()
            history, newly = commands.grade_and_record(workspace, ids, category, seed=seed, timeout=timeout,
                                                       warm=warm, passes=passes)
            status = (f"New split: {', '.join(newly)}. " if newly else "") + WATCHING
            return history

        try:
            watch.on_every_save(batches if batches is not None else watch.saves(workspace), regrade,
                                lambda _: screen.refresh(), done=lambda h: h.active() is None)
        except KeyboardInterrupt:
            pass
    rep = report(history, category, ids, commands.CLOCK.now())
    if rep.finished:
        output.show(final_view(rep))
        return 0
    command = commands.command_for(workspace, category)
    output.show(live_view(rep, ""))
    if rep.active:
        output.note(f"Paused: the clock keeps running. Go on with `{command}`, end the run with `{command} --abandon`.")
    else:
        output.note("The run was ended elsewhere (abandoned, or another run finished it).")
    return 1
