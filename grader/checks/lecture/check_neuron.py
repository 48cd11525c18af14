"""Checks for `neuron`: Neuron(nin) holds nin weights and a bias in [-1, 1]; n(x) = tanh(w . x + b)."""
from __future__ import annotations

import math
import random
from types import SimpleNamespace

from micrograd_kata.checks.expect import TOLERANCE, close, fail, number, where
from micrograd_kata.checks.networks import LECTURE_XS, Shape, expect_network, parameters, random_values, set_values
from micrograd_kata.checks.session import Audit

HINT = "n(x) = tanh(w[0]*x[0] + ... + w[nin-1]*x[nin-1] + b), computed with the Values that parameters() returns"


def check_random_init_in_range(learner: SimpleNamespace) -> None:
    shape = Shape("Neuron", 4, (1,))
    params = parameters(learner.Neuron(4), shape, learner.Value)
    data = [float(p.data) for p in params]
    if not all(-1 <= d <= 1 for d in data) or len(set(data)) == 1:
        fail("Neuron(4) does not start with random weights and bias in [-1, 1]", expected="5 random numbers in [-1, 1]",
             got=", ".join(number(d) for d in data), program=("n = Neuron(4)", "[p.data for p in n.parameters()]"),
             where=where(learner.Neuron, "__init__"), hint="Value(random.uniform(-1, 1)) for each weight and the bias")


def check_output_is_tanh_of_weighted_sum(learner: SimpleNamespace) -> None:
    """Every parameter 0.5, so that the order of parameters() does not matter yet: n(x) = tanh(0.5 * sum(x) + 0.5)."""
    n = learner.Neuron(3)
    parameters(n, Shape("Neuron", 3, (1,)), learner.Value)
    set_values(n, [0.5] * 4)
    for x in ([1.0, 2.0, -0.5], [-2.0, -1.0, 0.5]):
        act = 0.5 * sum(x) + 0.5
        got = float(n(x).data)
        if close(got, math.tanh(act)):
            continue
        # what a Neuron that forgot one part gives: the first that matches names the part
        what, hint = next(((what, hint) for value, what, hint in (
            (act, "w . x + b without the tanh", "the output is tanh(w . x + b): act.tanh()"),
            (math.tanh(act - 0.5), "tanh(w . x) without the bias", "add the bias to the weighted sum: ... + self.b"),
        ) if close(got, value)), ("not tanh(w . x + b)", HINT))
        fail(f"Neuron(3)({x}) is {what}", expected=f"tanh({number(act)}) = {number(math.tanh(act))}", got=number(got),
             inputs=f"x = {x}", program=("n = Neuron(3)", "for p in n.parameters(): p.data = 0.5", f"n({x})"),
             where=where(learner.Neuron, "__call__"), hint=hint, tolerance=TOLERANCE)


def check_parameters_are_weights_then_bias(learner: SimpleNamespace) -> None:
    """With x = 0 the output is tanh(b); with x = 1 at one place, tanh(w[i] + b)."""
    values = [0.3, -0.6, 0.9, 0.5]  # w[0], w[1], w[2], then b
    n = learner.Neuron(3)
    parameters(n, Shape("Neuron", 3, (1,)), learner.Value)
    set_values(n, values)
    for x, act, meaning in [([0.0, 0.0, 0.0], 0.5, "tanh(b)")] + [
            ([1.0 if j == i else 0.0 for j in range(3)], values[i] + 0.5, f"tanh(w[{i}] + b)") for i in range(3)]:
        got = float(n(x).data)
        if close(got, math.tanh(act)):
            continue
        # the output of another order of the same numbers points at parameters(); anything else at __call__
        reordered = any(close(got, math.tanh(v)) or close(got, math.tanh(v + w))
                        for v in values for w in values if v != w) and not close(got, act)
        fail(f"Neuron(3)({x}) is not {meaning} with parameters() = {values}", expected=number(math.tanh(act)),
             got=number(got), inputs=f"x = {x}",
             program=("n = Neuron(3)", f"for p, v in zip(n.parameters(), {values}): p.data = v", f"n({x})"),
             where=where(learner.Neuron, "parameters" if reordered else "__call__"),
             hint="parameters() lists w[0], ..., w[nin-1], then b (self.w + [self.b]), and __call__ multiplies "
                  "w[i] by x[i]" if reordered
             else "the output is tanh(w . x + b): act.tanh()" if close(got, act) else HINT,
             tolerance=TOLERANCE)


def check_output_and_gradients(learner: SimpleNamespace, reference: SimpleNamespace, audit: Audit,
                               rng: random.Random) -> None:
    """Inputs as Values, so their gradients are compared too."""
    for nin in (1, 2, 3, 5):
        shape = Shape("Neuron", nin, (1,))
        expect_network(learner, reference, audit, shape, random_values(rng, shape.count),
                       [[round(rng.uniform(-2, 2), 2) for _ in range(nin)]], rng=rng, as_values=True, hint=HINT)


def check_lecture_inputs(learner: SimpleNamespace, reference: SimpleNamespace, audit: Audit,
                         rng: random.Random) -> None:
    """Plain numbers as inputs, as the lecture feeds them."""
    shape = Shape("Neuron", 3, (1,))
    expect_network(learner, reference, audit, shape, random_values(rng, shape.count), LECTURE_XS, rng=rng,
                   hint=HINT)
