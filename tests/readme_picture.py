"""The README's picture of a failing graph is real output: this makes the README's add-mul bug (`=` for `+=` in
__mul__'s _backward) in a workspace of the model answers and runs `grade show add-mul` on it, with the examples' seed.

    python -m tests.readme_picture      # rewrite tests/pictures/failing-graph.svg (needs graphviz's dot)
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from micrograd_kata.cli import cli
from micrograd_kata.learner import workspace
from tests.grading_pool import apply_edit
from tests.readme_examples import SEED

PICTURE = Path(__file__).resolve().parent / "pictures" / "failing-graph.svg"
BUG = ("engine.py", "self.grad += other.data * out.grad", "self.grad = other.data * out.grad")


def main(picture: Path = PICTURE) -> int:
    """Draw the picture into `picture`; 1 (and why, on stderr) when it could not be drawn."""
    if shutil.which("dot") is None:
        print("graphviz's dot program is needed to draw the picture: apt-get install graphviz", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as home:
        ws = workspace.init(Path(home) / "kata", source="solutions")
        apply_edit(ws, *BUG)
        result = CliRunner().invoke(cli, ["show", "add-mul", "--seed", str(SEED), "--workspace", str(ws.root),
                                          "--output", str(picture)])
    print(result.output, end="")
    return 0 if picture.exists() and result.exit_code == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
