"""The learner sessions the README shows, as steps for tests/readme_examples.py to run: one Example per marker."""
from __future__ import annotations

from collections.abc import Callable

from micrograd_kata import curriculum
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.practice import reset
from tests.practice_fakes import solve
from tests.readme_examples import Example, Step

PIECES = tuple(p.id for p in curriculum.load())


def solved(*piece_ids: str) -> Callable[[Workspace], None]:
    """The learner writes these pieces (as the solution has them)."""
    return lambda ws: solve(ws, *piece_ids)


def edited(file: str, old: str, new: str) -> Callable[[Workspace], None]:
    """The learner changes a line of a file."""
    def edit(ws: Workspace) -> None:
        text = ws.path(file).read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {file}"
        ws.path(file).write_text(text.replace(old, new), encoding="utf-8")
    return edit


def track_solved(track: str) -> Callable[[Workspace], None]:
    """The learner writes every piece of a track (as the solution has them)."""
    def solve_all(ws: Workspace) -> None:
        for piece in curriculum.load(track):
            reset.restore_piece(ws, piece, donor="solutions", reason=f"solve-{piece.id}")
    return solve_all


def then(*edits: Callable[[Workspace], None]) -> Callable[[Workspace], None]:
    def all_of(ws: Workspace) -> None:
        for edit in edits:
            edit(ws)
    return all_of


ONCE = ("--all", "--speedrun", "--once")


def finished_run(*stages: tuple[float, int]) -> tuple[Step, ...]:
    """A whole-library speedrun in steps that are not shown: started, then at each stage (seconds later, pieces in
    all) the learner has written more pieces and grades again, until the last stage writes the rest."""
    steps = [Step("", ONCE, hidden=True)]
    done = 0
    for wait, pieces in stages:
        steps.append(Step("", ONCE, before=solved(*PIECES[done:pieces]), wait=wait, hidden=True))
        done = pieces
    return (*steps, Step("", ONCE, before=solved(*PIECES[done:]), wait=60, hidden=True))


EXAMPLES = (
    Example("repo-finish-line", start=None, steps=(
        Step("grade init kata --track repo && cd kata", ("init", "kata", "--track", "repo"), cd=True),
        Step("grade next        # every piece written", ("next",), before=track_solved("repo")),
    )),
    Example("first-minutes", start=None, steps=(
        Step("grade init kata && cd kata        # a fresh workspace of stubs", ("init", "kata"), cd=True),
        Step("grade next", ("next",)),
    )),
    Example("next-failed", steps=(
        Step("grade next", ("next",), before=then(
            solved("derivative", "value", "add-mul"),
            edited("engine.py", "            self.grad += other.data * out.grad",
                   "            self.grad = other.data * out.grad"))),
    )),
    Example("exercises-failed", start=None, steps=(
        Step("grade init kata --track exercises && cd kata", ("init", "kata", "--track", "exercises"), cd=True),
        # the learner types in the notebook's own softmax, which does not subtract the largest logit first
        Step("grade softmax", ("softmax",), before=edited(
            "softmax.py", '    # TODO: see https://en.wikipedia.org/wiki/Softmax_function; return a list of Values\n'
                          '    raise NotImplementedError("softmax: softmax")',
            "    counts = [logit.exp() for logit in logits]\n    denominator = sum(counts)\n"
            "    out = [c / denominator for c in counts]\n    return out")),
    )),
    Example("watch", start=None, steps=(
        Step("grade init kata && cd kata", ("init", "kata"), cd=True),
        Step("grade watch                      # in a second terminal, beside your editor", ("watch",)),
    )),
    Example("practice", start="solutions", steps=(
        Step("grade reset add-mul", ("reset", "add-mul")),
        Step("grade drill backward             # everything solved but backward(), in a workspace of its own",
             ("drill", "backward")),
        Step("grade diff tanh                  # once tanh passes: yours, then how the solution differs",
             ("diff", "tanh"), before=edited("engine.py", "        t = (math.exp(2*x) - 1) / (math.exp(2*x) + 1)",
                                             "        t = math.tanh(x)")),
    )),
    Example("speedrun", start="solutions", steps=(
        *finished_run((30, 1), (20, 2), (70, 5)),
        Step("grade --all --speedrun --once", ONCE, wait=3600, keep=(2, 0)),
        Step("", ONCE, before=solved(*PIECES[:2]), wait=31, hidden=True),
        Step("grade --all --speedrun --once", ONCE, before=solved(*PIECES[2:5]), wait=62.5),
    )),
    Example("speedrun-json", steps=(
        Step("", ONCE, hidden=True),
        Step("grade --all --speedrun --json", ("--all", "--speedrun", "--json"), before=solved(*PIECES[:2]),
             wait=21.4, keep=(22, 3)),
    )),
    Example("stats", start="solutions", steps=(
        *finished_run((30, 2), (70, 5)), *finished_run((35, 2), (55, 5)),
        Step("", ONCE, wait=600, hidden=True),
        Step("grade stats all", ("stats", "all")),
    )),
)
