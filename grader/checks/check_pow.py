"""Checks for `pow`: v ** k for a number k, negative and fractional too, and the power rule."""
from __future__ import annotations

import random
from types import ModuleType, SimpleNamespace

from grader.checks import explain, graphs
from grader.checks.expect import expect_programs
from grader.checks.graphs import program

METHODS = {"__pow__"}
RANDOM_OPS = ["add", "mul", "pow", "pow", "add_k", "mul_k"]

# negative bases only with whole powers; fractional powers of positive numbers
SINGLE = [program({"a": a}, f"p = a ** {k}")
          for a, k in ((-1.5, 2), (-2.0, 3), (4.0, -1), (-0.5, -2), (2.25, 0.5), (4.0, 1.5), (4.0, -0.5))]

# the base is used again above the power, so an `=` in __pow__'s _backward overwrites on every run
REUSE = [
    program({"a": -1.5}, "p = a ** 2", "q = p * a"),
    program({"a": 2.0}, "p = a ** -1", "q = p + a"),
    program({"a": 1.5, "b": 0.5}, "c = a * b", "p = c ** 3", "q = p * c"),
]


def check_values(engine: SimpleNamespace, reference: SimpleNamespace, torch: ModuleType | None, seed: int) -> None:
    expect_programs(SINGLE, engine.Value, reference.Value, torch, seed=seed, backward_calls=0,
                    explain=explain.operations(engine.Value, METHODS))


def check_power_rule(engine: SimpleNamespace, reference: SimpleNamespace, torch: ModuleType | None,
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
