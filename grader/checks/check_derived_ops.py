"""Checks for `derived-ops`: -v, a - b, a / b, a number on the left of + - * /, and sum() of Values."""
from __future__ import annotations

import random
from types import ModuleType, SimpleNamespace

from grader.checks import explain, graphs
from grader.checks.expect import expect_programs
from grader.checks.graphs import program

METHODS = {"__neg__", "__radd__", "__sub__", "__rsub__", "__rmul__", "__truediv__", "__rtruediv__"}
RANDOM_OPS = ["add", "mul", "neg", "sub", "sub_k", "k_sub", "k_add", "k_mul", "div", "div_k", "k_div", "sum"]

# Python calls the reflected method (__radd__, __rsub__, ...) when the number is on the left
LEFT = [program({"a": -1.5}, line) for line in ("c = 2.5 + a", "c = 3 - a", "c = 2 * a", "c = 2 / a")]
SUB_NEG_DIV = [
    program({"a": 2.0}, "c = -a"),
    program({"a": 2.0, "b": -3.0}, "c = a - b"),
    program({"a": 2.0}, "c = a - 2.5"),
    program({"a": 2.0, "b": -4.0}, "c = a / b"),
    program({"a": 2.0}, "c = a / 4"),
]
SUMS = [
    program({"a": 2.0, "b": -3.0, "c": 0.5}, "s = sum([a, b, c])"),
    program({"a": 2.0, "b": -3.0}, "s = sum([a, a, b])"),
    program({"a": 2.0}, "s = sum([a])"),
]

# a node used twice by one op, or used again above the op, so an `=` where `+=` belongs fails on every run
REUSE = [
    program({"a": 2.0}, "c = a - a"),
    program({"a": 2.0}, "c = a / a"),
    program({"a": 2.0}, "c = -a", "d = c * a"),
    program({"a": 2.0, "b": -3.0}, "c = a - b", "d = c * a"),
    program({"a": 2.0, "b": -3.0}, "c = b - a", "d = c * a"),
    program({"a": 2.0, "b": -4.0}, "c = a / b", "d = c * a"),
    program({"a": 2.0, "b": -4.0}, "c = b / a", "d = c * a"),
    program({"a": 2.0}, "c = 2.5 + a", "d = c * a"),
    program({"a": 2.0}, "c = 3 - a", "d = c * a"),
    program({"a": 2.0}, "c = 2 * a", "d = c * a"),
    program({"a": 2.0}, "c = 2 / a", "d = c * a"),
    program({"a": 2.0, "b": -3.0}, "s = sum([a, b, a])", "t = s * b"),
]


def expect(programs: list[graphs.Program], engine: SimpleNamespace, reference: SimpleNamespace,
           torch: ModuleType | None, seed: int, what: str = "graphs") -> None:
    expect_programs(programs, engine.Value, reference.Value, torch, seed=seed, what=what,
                    explain=explain.operations(engine.Value, METHODS))


def check_neg_sub_div(engine: SimpleNamespace, reference: SimpleNamespace, torch: ModuleType | None,
                      seed: int) -> None:
    expect(SUB_NEG_DIV, engine, reference, torch, seed)


def check_numbers_on_the_left(engine: SimpleNamespace, reference: SimpleNamespace, torch: ModuleType | None,
                              seed: int) -> None:
    expect(LEFT, engine, reference, torch, seed)


def check_sum_of_values(engine: SimpleNamespace, reference: SimpleNamespace, torch: ModuleType | None,
                        seed: int) -> None:
    expect(SUMS, engine, reference, torch, seed)


def check_reused_nodes(engine: SimpleNamespace, reference: SimpleNamespace, torch: ModuleType | None,
                       seed: int) -> None:
    expect(REUSE, engine, reference, torch, seed, what="graphs that reuse a node")


def check_random_graphs(engine: SimpleNamespace, reference: SimpleNamespace, torch: ModuleType | None,
                        rng: random.Random, seed: int) -> None:
    expect([graphs.random_program(rng, RANDOM_OPS, 4) for _ in range(40)], engine, reference, torch, seed,
           what="random graphs")
