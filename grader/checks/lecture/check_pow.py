"""Checks for `pow`: v ** k for a number k, negative and fractional too, and the power rule."""
from __future__ import annotations

import random
from collections.abc import Callable

from micrograd_kata.checks import engine_graphs
from micrograd_kata.checks.random_graphs import random_program

METHODS = {"__pow__"}
RANDOM_OPS = ["add", "mul", "pow", "pow", "add_k", "mul_k"]


def check_values(expect: Callable[..., None]) -> None:
    expect(engine_graphs.POWERS, backward_calls=0)


def check_power_rule(expect: Callable[..., None]) -> None:
    expect(engine_graphs.POWERS)


def check_chain_rule(expect: Callable[..., None]) -> None:
    """The local derivative times the output's grad, which is not 1 here."""
    expect(engine_graphs.POWER_CHAIN)


def check_reused_nodes(expect: Callable[..., None]) -> None:
    expect(engine_graphs.POWER_REUSE, what="graphs that reuse a node")


def check_random_graphs(expect: Callable[..., None], rng: random.Random) -> None:
    programs = [random_program(rng, RANDOM_OPS, 4) for _ in range(40)]
    expect(programs, what="random graphs")
