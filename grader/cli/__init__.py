"""The `grade` command line: a click group where `grade PIECE` grades one piece and bare `grade` is `grade next`."""
from __future__ import annotations

import difflib
import importlib

import click

from micrograd_kata import curriculum
from micrograd_kata.cli import grade_commands, workspace_commands
from micrograd_kata.cli.options import common_options, settings, speedrun_options
from micrograd_kata.learner.state import StateError

# Modules of other commands. Each defines register(cli), which adds its commands with cli.add_command(...).
# They are imported only when a name is not one of ours (or for --help), so `grade next` never pays for them.
COMMAND_MODULES = ("micrograd_kata.cli.practice_commands", "micrograd_kata.cli.speedrun_commands",
                   "micrograd_kata.cli.own_code_commands", "micrograd_kata.cli.show_commands")


class KataGroup(click.Group):
    """A group whose unknown names are piece ids: `grade tanh` runs the hidden command for that piece."""

    modules_registered = False

    def register_modules(self) -> None:
        """Import the other command modules and let each register its commands, once."""
        if self.modules_registered:
            return
        self.modules_registered = True
        for name in COMMAND_MODULES:
            importlib.import_module(name).register(self)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and not self.modules_registered:
            self.register_modules()
            command = super().get_command(ctx, cmd_name)
        if command is not None:
            return command
        try:
            return grade_commands.piece_command(curriculum.get(cmd_name, settings(ctx).track()))
        except curriculum.UnknownPiece:
            return None

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; a file or folder of the workspace that cannot be used ends it in one line (exit 1), and so
        does a track file of the kata's own that does not hold a curriculum."""
        try:
            return super().invoke(ctx)
        except StateError as e:
            raise click.ClickException(str(e)) from e
        except curriculum.CurriculumError as e:
            raise click.ClickException(f"the kata's own grader/tracks/{e}") from e

    def list_commands(self, ctx: click.Context) -> list[str]:
        self.register_modules()
        return super().list_commands(ctx)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands and the first sentence of each one's help, wrapped to the terminal rather than cut short."""
        rows = [(name, command.get_short_help_str(limit=1000)) for name in self.list_commands(ctx)
                if (command := self.get_command(ctx, name)) is not None and not command.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        if not name.startswith("-") and self.get_command(ctx, name) is None and not ctx.resilient_parsing:
            raise click.UsageError(unknown_name(name, self.list_commands(ctx), settings(ctx).track()), ctx)
        return super().resolve_command(ctx, args)


def unknown_name(name: str, commands: list[str], track: str = curriculum.LECTURE) -> str:
    """The message for a name that is neither a command nor a piece of the track, with the closest of both."""
    try:
        curriculum.get(name, track)
        close_pieces: list[str] = []
    except curriculum.UnknownPiece as e:
        close_pieces = e.suggestions
    close_commands = difflib.get_close_matches(name.lower(), commands, n=2, cutoff=0.6)
    suggestions = [*close_commands, *(p for p in close_pieces if p not in close_commands)]
    message = f"No piece or command called {name!r}."
    if suggestions:
        message += f" Did you mean {' or '.join(repr(s) for s in suggestions)}?"
    return message + " `grade list` shows the pieces, `grade --help` the commands."


@click.group("grade", cls=KataGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--all", "every_piece", is_flag=True, help="Grade every piece: a table of results and the score.")
@common_options
@speedrun_options
@click.pass_context
def cli(ctx: click.Context, every_piece: bool) -> None:
    """Rebuild micrograd from memory, one piece at a time, and grade it.

    \b
      grade                grade in order, explain the first piece that does not pass
      grade PIECE          grade one piece, by id or number: `grade tanh`, `grade 6`
      grade --all          every piece in a table, with the score
      grade list           the pieces, in order
      grade hint [PIECE]   one more hint, for the current piece unless one is named

    The options before a command apply to it too: `grade --json tanh` is `grade tanh --json`.
    Exit status: 0 when every piece graded passes, 1 when one does not, 2 for a usage error.
    """
    s = settings(ctx)
    if ctx.invoked_subcommand is not None:
        if every_piece:
            raise click.UsageError("--all takes no command or piece: run `grade --all` on its own.")
        return
    if every_piece:
        grade_commands.grade_all(ctx, s)
    else:
        grade_commands.grade_next(ctx, s)


for command in (grade_commands.next_command, grade_commands.list_command, workspace_commands.hint_command,
                workspace_commands.init_command):
    cli.add_command(command)


def main() -> None:
    """The `grade` console script."""
    cli.main(prog_name="grade")
