"""Checks for `backward`: seed the output's grad, order the graph topologically, run each _backward once."""
from __future__ import annotations

import random
from types import SimpleNamespace

from micrograd_kata.checks import engine_graphs, explain
from micrograd_kata.checks.compare import Difference, expect_programs
from micrograd_kata.checks.expect import fail, number, where
from micrograd_kata.checks.graphs import program
from micrograd_kata.checks.random_graphs import random_program
from micrograd_kata.checks.session import Audit
from micrograd_kata.results import Location

RANDOM_OPS = ["add", "mul", "add", "mul", "add_k", "mul_k"]


def check_seeds_the_output(learner: SimpleNamespace) -> None:
    """backward() starts from grad 1 on the node it is called on, even a lone leaf."""
    a = learner.Value(2.0)
    a.backward()
    if float(a.grad) != 1.0:
        fail("a.backward() on a lone Value left a.grad wrong", expected="a.grad = 1.0",
             got=f"a.grad = {number(a.grad)}", program=("a = Value(2.0)", "a.backward()"),
             where=where(learner.Value, "backward"),
             hint="d(a)/d(a) = 1: backward() starts with self.grad = 1.0")
    a, b = learner.Value(2.0), learner.Value(-3.0)
    c = a * b
    c.backward()
    if (float(c.grad), float(a.grad), float(b.grad)) != (1.0, -3.0, 2.0):
        fail("c.backward() did not seed c.grad = 1 and pass it to a and b",
             expected="c.grad = 1, a.grad = -3, b.grad = 2",
             got=f"c.grad = {number(c.grad)}, a.grad = {number(a.grad)}, b.grad = {number(b.grad)}",
             program=("a = Value(2.0)", "b = Value(-3.0)", "c = a * b", "c.backward()"),
             where=where(learner.Value, "backward"),
             hint="set self.grad = 1.0, then call _backward on every node, starting with self")


def check_order_on_shared_nodes(learner: SimpleNamespace, reference: SimpleNamespace, audit: Audit) -> None:
    expect_programs(engine_graphs.BACKWARD_ORDER, learner.Value, reference.Value, audit, what="graphs",
                    explain=explain.backward_order(learner.Value))


def check_random_graphs(learner: SimpleNamespace, reference: SimpleNamespace, audit: Audit,
                        rng: random.Random) -> None:
    programs = [random_program(rng, RANDOM_OPS, 4) for _ in range(40)]
    expect_programs(programs, learner.Value, reference.Value, audit, what="random graphs",
                    explain=explain.backward_order(learner.Value))


def check_gradients_accumulate(learner: SimpleNamespace, reference: SimpleNamespace, audit: Audit) -> None:
    """Calling backward() twice adds the gradients again: the leaves double, as in torch."""

    def hint(difference: Difference) -> tuple[Location | None, str | None]:
        return where(learner.Value, "backward"), ("a second backward() adds the same gradients again, as in torch: "
                                                 "do not reset grads inside backward() (that is zero_grad's job), "
                                                 "and set the output's grad to 1, not += 1")

    graph = program({"a": 2.0, "b": -3.0}, "c = a * b")
    expect_programs([graph], learner.Value, reference.Value, audit, explain=hint, backward_calls=2,
                    names=lambda p: [name for name, _ in p.inputs])
