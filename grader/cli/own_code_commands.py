"""Commands on your own code outside grading: put a backup back (`restore`), try it by hand (`shell`, `run`)."""
from __future__ import annotations

from pathlib import Path

import click

from micrograd_kata.cli import output
from micrograd_kata.cli.options import json_option, settings, workspace_option
from micrograd_kata.learner import backup
from micrograd_kata.learner.workspace import Workspace


@click.command("restore")
@click.argument("which", metavar="[NAME|NUMBER]", required=False)
@workspace_option
@json_option
@click.pass_context
def restore_command(ctx: click.Context, which: str | None) -> None:
    """List the backups of your files, newest first; with NAME or NUMBER, put that one back.

    Your current files are backed up first, so a restore can be undone the same way.
    """
    from micrograd_kata.practice import views

    s = settings(ctx)
    workspace = s.open_workspace()
    if which is None:
        found = backup.backups(workspace)
        if s.as_json:
            output.emit_json({"backups": [
                {"number": n, "name": b.name, "taken": b.taken.isoformat() if b.taken else None, "reason": b.reason,
                 "files": list(b.files)} for n, b in enumerate(found, start=1)]})
        elif not found:
            output.show(f"No backups yet (they go in {backup.backups_dir(workspace)}): one is made whenever grade "
                        "rewrites your files (reset, init --force, drill --force, a speedrun).")
        else:
            output.show(views.backups_view(found))
        return
    refuse_during_a_speedrun(workspace)
    try:
        done = backup.restore(workspace, backup.choose(workspace, which))
    except backup.RestoreError as e:
        raise click.ClickException(str(e)) from e
    output.show(views.restored_text(done))


def refuse_during_a_speedrun(workspace: Workspace) -> None:
    """Restoring code into a running speedrun would hand it splits it did not earn."""
    from micrograd_kata.speedrun import session

    running = session.running_category(workspace, output.note)
    if running is not None:
        command = session.command_for(workspace, running)
        raise click.ClickException(
            f"a speedrun of {running!r} is running here, and your restored code would count towards it: "
            f"end it with `{command} --abandon` first.")


@click.command("shell")
@workspace_option
@click.pass_context
def shell_command(ctx: click.Context) -> None:
    """A Python prompt with your code already imported: Value, Neuron, Layer, MLP, trace, train and the rest.

    IPython when it is installed, else Python's own. Your files are the package `kata` (`kata.engine`, ...).
    """
    from micrograd_kata.practice import tryout, views

    workspace = settings(ctx).open_workspace()
    try:
        tryout.shell(workspace, lambda names: views.shell_banner(str(workspace.root), names))
    except tryout.TryoutError as e:
        raise click.ClickException(str(e)) from e


@click.command("run", context_settings={"ignore_unknown_options": True})
@click.argument("script", metavar="SCRIPT.py", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@workspace_option
@click.pass_context
def run_command(ctx: click.Context, script: Path, args: tuple[str, ...]) -> None:
    """Run a scratch script of yours with your code already imported: Value, MLP, train and the rest are defined.

    In the script, `from kata import Value, MLP` also works (your files are the package `kata`), so an editor
    knows the names. An error prints one line: where, in your files, and what.
    """
    from micrograd_kata.practice import tryout

    workspace = settings(ctx).open_workspace()
    try:
        tryout.run_script(workspace, script, args)
    except tryout.TryoutError as e:
        raise click.ClickException(str(e)) from e
    except SystemExit as e:   # the script's own sys.exit(code), as Python would take it
        if isinstance(e.code, str):
            output.note(e.code)
        ctx.exit(e.code if isinstance(e.code, int) else (0 if e.code is None else 1))


@click.command("demo")
@workspace_option
@click.pass_context
def demo_command(ctx: click.Context) -> None:
    """The repo track's finish line at full size: your MLP(2, [16, 16, 1]) trained by your train() on 100 moons
    for 100 steps, as the repository's demo notebook does, then its decision boundary drawn here.

    A few minutes of pure Python. An error prints one line: where, in your files, and what.
    """
    from micrograd_kata.grading import boundary_views
    from micrograd_kata.practice import demo, tryout

    workspace = settings(ctx).open_workspace()
    output.note(f"Training your {demo.describe()} (a few minutes)...")
    try:
        done = demo.run(workspace)
    except tryout.TryoutError as e:
        raise click.ClickException(str(e)) from e
    output.show(boundary_views.demo_view(done.history, done.picture))


def register(cli: click.Group) -> None:
    """Add restore, shell, run and demo to the grade command."""
    for command in (restore_command, shell_command, run_command, demo_command):
        cli.add_command(command)
