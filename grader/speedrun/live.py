"""The live speedrun on a terminal: a ticking splits table, re-graded on every save, until every piece passes."""
from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.live import Live

from micrograd_kata import grading
from micrograd_kata.practice import watch
from micrograd_kata.runner.processes import WarmWorker
from micrograd_kata.speedrun.session import Graded, Speedrun
from micrograd_kata.speedrun.timing import History
from micrograd_kata.speedrun.views import final_view, live_view
from micrograd_kata.wording import and_list

WATCHING = "Save to re-grade · Ctrl-C pauses (the clock keeps running)"


def live(run: Speedrun, console: Console, *, seed: int | None, timeout: float,
         batches: Iterable[set[str]] | None = None, memory: int = grading.DEFAULT_MEMORY) -> int:
    """Show the run live and re-grade on each save; 0 when it finishes, 1 after Ctrl-C or when ended elsewhere."""
    graded = Graded(run.load())
    status = "Grading…"

    def view() -> object:
        return live_view(run.report(graded.history), status, graded.current)

    passes = grading.PassCache()  # pieces passing since the last save are not graded again
    with WarmWorker() as warm, \
            Live(get_renderable=view, console=console, refresh_per_second=4, transient=True) as screen:  # type: ignore[arg-type]

        def regrade() -> History:
            nonlocal graded, status
            status = "Grading…"
            screen.refresh()
            graded = run.grade_and_record(seed=seed, timeout=timeout, warm=warm, passes=passes, memory=memory)
            newly = graded.newly
            status = (f"New split{'s' if len(newly) > 1 else ''}: {and_list(newly)}. " if newly else "") + WATCHING
            return graded.history

        try:
            watch.on_every_save(batches if batches is not None else watch.saves(run.workspace), regrade,
                                lambda _: screen.refresh(), done=lambda h: h.active() is None)
        except KeyboardInterrupt:
            pass
    return finish(run, graded, console)


def finish(run: Speedrun, graded: Graded, console: Console) -> int:
    """What the screen keeps once the live view is gone: the final time, or where the run stands and how to go on."""
    rep = run.report(graded.history)
    if rep.finished:
        console.print(final_view(rep))
        return 0
    command = run.command()
    console.print(live_view(rep, "", graded.current))
    if rep.active:
        run.note(f"Paused: the clock keeps running. Go on with `{command}`, end the run with `{command} --abandon`.")
    else:
        run.note("The run was ended elsewhere (abandoned, or another run finished it).")
    return 1
