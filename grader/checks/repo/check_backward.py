"""Checks for `backward`: seed the output's grad, order the graph topologically, run each _backward once."""
from __future__ import annotations

import random
from types import SimpleNamespace

from micrograd_kata.checks import engine_checks
from micrograd_kata.checks.expect import fail, number, where
from micrograd_kata.checks.session import Audit

RANDOM_OPS = ["add", "mul", "add", "mul", "add_k", "mul_k", "relu"]


def check_seeds_the_output(learner: SimpleNamespace) -> None:
    """backward() starts from grad 1 on the node it is called on, even a lone leaf."""
    a = learner.Value(2.0)
    a.backward()
    if float(a.grad) != 1.0:
        fail("a.backward() on a lone Value left a.grad wrong", expected="a.grad = 1",
             got=f"a.grad = {number(a.grad)}", program=("a = Value(2.0)", "a.backward()"),
             where=where(learner.Value, "backward"), hint="d(a)/d(a) = 1: backward() starts with self.grad = 1")


def check_order_on_shared_nodes(learner: SimpleNamespace, reference: SimpleNamespace, audit: Audit) -> None:
    engine_checks.backward_order(learner, reference, audit)


def check_random_graphs(learner: SimpleNamespace, reference: SimpleNamespace, audit: Audit,
                        rng: random.Random) -> None:
    engine_checks.backward_random_graphs(learner, reference, audit, rng, RANDOM_OPS)


def check_gradients_accumulate(learner: SimpleNamespace, reference: SimpleNamespace, audit: Audit) -> None:
    """Calling backward() twice adds the gradients again: the leaves double, as in torch."""
    engine_checks.gradients_accumulate(learner, reference, audit)
