"""Checks for `relu`: v.relu() and its _backward, with gradient 0 at exactly 0, as torch."""
from __future__ import annotations

import random
from types import ModuleType, SimpleNamespace

from grader.checks import explain, graphs
from grader.checks.expect import expect_programs
from grader.checks.graphs import program

METHODS = {"relu"}
RANDOM_OPS = ["add", "mul", "relu", "relu", "add_k", "mul_k"]

SINGLE = [program({"a": x}, "r = a.relu()") for x in (-2.0, 0.0, 3.0)]

# the input of relu is used again above it, so an `=` in relu's _backward overwrites on every run
REUSE = [
    program({"a": 1.5}, "r = a.relu()", "s = r * a"),
    program({"a": 2.0}, "c = a + -2.0", "r = c.relu()", "s = r * a"),  # relu of a computed 0
    program({"a": -0.8, "b": -1.5}, "c = a * b", "r = c.relu()", "s = r + c"),
]


def check_values(engine: SimpleNamespace, reference: SimpleNamespace, torch: ModuleType | None, seed: int) -> None:
    expect_programs(SINGLE, engine.Value, reference.Value, torch, seed=seed, backward_calls=0,
                    explain=explain.operations(engine.Value, METHODS))


def check_local_gradient(engine: SimpleNamespace, reference: SimpleNamespace, torch: ModuleType | None,
                         seed: int) -> None:
    """1 where the input is positive, 0 where it is negative, and 0 at exactly 0."""
    expect_programs(SINGLE, engine.Value, reference.Value, torch, seed=seed,
                    explain=explain.operations(engine.Value, METHODS))


def check_reused_nodes(engine: SimpleNamespace, reference: SimpleNamespace, torch: ModuleType | None,
                       seed: int) -> None:
    expect_programs(REUSE, engine.Value, reference.Value, torch, seed=seed, what="graphs that reuse a node",
                    explain=explain.operations(engine.Value, METHODS))


def check_random_graphs(engine: SimpleNamespace, reference: SimpleNamespace, torch: ModuleType | None,
                        rng: random.Random, seed: int) -> None:
    programs = [graphs.random_program(rng, RANDOM_OPS, 4) for _ in range(40)]
    expect_programs(programs, engine.Value, reference.Value, torch, seed=seed, what="random graphs",
                    explain=explain.operations(engine.Value, METHODS))
