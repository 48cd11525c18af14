"""Checks for `pow`: v ** k for an int or float k, negative and fractional too, the power rule, and the
repository's refusal of a Value exponent."""
from __future__ import annotations

import random
from collections.abc import Callable
from types import SimpleNamespace

from micrograd_kata.checks import engine_graphs
from micrograd_kata.checks.expect import fail, where
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
    expect([random_program(rng, RANDOM_OPS, 4) for _ in range(40)], what="random graphs")


def check_op_and_value_exponent(learner: SimpleNamespace) -> None:
    """_op is '**k' as in the repository; a Value as the exponent is refused with an AssertionError."""
    a = learner.Value(2.0)
    p = a ** 3
    if p._op != "**3":
        fail("p = a ** 3 has the wrong _op", expected="'**3'", got=repr(p._op),
             program=("a = Value(2.0)", "p = a ** 3", "p._op"), where=where(learner.Value, "__pow__"),
             hint="out = Value(self.data**other, (self,), f'**{other}')")
    try:
        a ** learner.Value(3.0)
    except AssertionError:
        return
    except Exception as error:
        got = f"{type(error).__name__}: {error}"
    else:
        got = "no error"
    fail("a ** Value(3.0) is not refused as the repository refuses it", expected="AssertionError", got=got,
         program=("a = Value(2.0)", "a ** Value(3.0)"), where=where(learner.Value, "__pow__"),
         hint='assert isinstance(other, (int, float)), "only supporting int/float powers for now"')
