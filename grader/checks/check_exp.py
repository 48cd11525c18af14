"""Checks for `exp`: v.exp() and its _backward, out.data * out.grad."""
from __future__ import annotations

import random
from types import ModuleType, SimpleNamespace

from grader.checks import explain, graphs
from grader.checks.expect import expect_programs
from grader.checks.graphs import program

METHODS = {"exp"}
RANDOM_OPS = ["add", "mul", "exp", "exp", "add_k", "mul_k"]

SINGLE = [program({"a": x}, "e = a.exp()") for x in (0.0, 1.0, -2.0, 2.5)]

# the input of exp is used again above it, so an `=` in exp's _backward overwrites on every run
REUSE = [
    program({"a": 0.7}, "e = a.exp()", "f = e * a"),
    program({"a": -0.8, "b": 1.5}, "c = a * b", "e = c.exp()", "f = e + c"),
    program({"a": 0.3}, "e = a.exp()", "f = e.exp()", "g = f * e"),
]


def check_values(engine: SimpleNamespace, reference: SimpleNamespace, torch: ModuleType | None, seed: int) -> None:
    expect_programs(SINGLE, engine.Value, reference.Value, torch, seed=seed, backward_calls=0,
                    explain=explain.operations(engine.Value, METHODS))


def check_local_gradient(engine: SimpleNamespace, reference: SimpleNamespace, torch: ModuleType | None,
                         seed: int) -> None:
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
