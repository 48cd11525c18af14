"""The repo track's full-size demo, as the repository's demo.ipynb runs it: the learner's MLP(2, [16, 16, 1]) trained
by the learner's train() on 100 moons for 100 steps, then its decision boundary. `grade demo` runs it."""
from __future__ import annotations

import random
from dataclasses import dataclass

from micrograd_kata.checks.moons import DEMO_SEED, boundary, make_moons
from micrograd_kata.learner.workspace import Workspace
from micrograd_kata.practice import tryout
from micrograd_kata.results import Boundary

TRACK = "repo"
SIZES, POINTS, STEPS = [16, 16, 1], 100, 100
NEEDED = ("Value", "MLP", "train")


@dataclass(frozen=True)
class DemoRun:
    """What the demo did: each step's (loss, accuracy), and the trained model's picture."""

    history: tuple[tuple[float, float], ...]
    picture: Boundary


def describe() -> str:
    return f"MLP(2, {SIZES}) on {POINTS} moons for {STEPS} steps"


def run(workspace: Workspace, seed: int = DEMO_SEED) -> DemoRun:
    """Train the workspace's own network with its own train(); a problem in the learner's code is a TryoutError."""
    if workspace.track != TRACK:
        raise tryout.TryoutError(f"the demo trains the repo track's MLP with its train(), and this workspace is on the "
                                 f"{workspace.track} track: `grade init DIR --track {TRACK}` makes a repo workspace")
    names = tryout.load(workspace)
    random.seed(seed)   # the notebook's random.seed(1337): the same initial weights every time
    data = make_moons(POINTS, noise=0.1, seed=seed)
    try:
        Value, MLP, train = (names[name] for name in NEEDED)
        model = MLP(2, list(SIZES))
        history = tuple((float(loss), float(accuracy)) for loss, accuracy in train(model, data.X, data.y, steps=STEPS))
        picture = boundary(lambda a, b: float(model([Value(a), Value(b)]).data), data,
                           title=f"{describe()}: loss {history[-1][0]:.4f}, accuracy {history[-1][1]:.0%} "
                                 f"before the last step")
    except Exception as e:
        raise tryout.TryoutError(tryout.describe(e, workspace.root)) from e
    return DemoRun(history, picture)
