"""Checks for `neuron`: Neuron(nin, nonlin=True) holds nin weights in [-1, 1] and a bias of 0; n(x) is
relu(w . x + b), or w . x + b when linear; parameters() weights then bias; repr ReLUNeuron(nin) / LinearNeuron(nin)."""
from __future__ import annotations

import random
from types import SimpleNamespace

from micrograd_kata.checks.expect import TOLERANCE, close, fail, number, where
from micrograd_kata.checks.networks import Shape, expect_network, parameters, random_values
from micrograd_kata.checks.repo_networks import neuron_repr, set_values

HINT = "n(x) = relu(w[0]*x[0] + ... + w[nin-1]*x[nin-1] + b), or the sum alone when nonlin is False"


def check_init_weights_and_zero_bias(learner: SimpleNamespace) -> None:
    params = parameters(learner.Neuron(4), Shape("Neuron", 4, (1,)), learner.Value)
    weights, bias = [float(p.data) for p in params[:4]], float(params[4].data)
    program = ("n = Neuron(4)", "[p.data for p in n.parameters()]")
    if not all(-1 <= w <= 1 for w in weights) or len(set(weights)) == 1:
        fail("Neuron(4) does not start with random weights in [-1, 1]", expected="4 random numbers in [-1, 1]",
             got=", ".join(map(number, weights)), program=program, where=where(learner.Neuron, "__init__"),
             hint="self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]")
    if bias != 0:
        fail("Neuron(4)'s bias does not start at 0, as the repository's", expected="0", got=number(bias),
             program=program, where=where(learner.Neuron, "__init__"), hint="self.b = Value(0)")


def _outputs(learner: SimpleNamespace, nonlin: bool) -> None:
    n = learner.Neuron(3) if nonlin else learner.Neuron(3, nonlin=False)
    parameters(n, Shape("Neuron", 3, (1,)), learner.Value)
    set_values(n, [0.5] * 4)
    made = "Neuron(3)" if nonlin else "Neuron(3, nonlin=False)"
    for x in ([1.0, 2.0, -0.5], [-2.0, -1.0, 0.5]):
        act = 0.5 * sum(x) + 0.5
        expected = max(act, 0.0) if nonlin else act
        got = float(n(x).data)
        if close(got, expected):
            continue
        if nonlin and close(got, act):
            hint = "a neuron made with nonlin=True (the default) returns act.relu()"
        elif not nonlin and close(got, max(act, 0.0)):
            hint = "with nonlin=False the neuron is linear: return act itself, no relu"
        elif close(got, (max if nonlin else float)(act - 0.5, 0.0) if nonlin else act - 0.5):
            hint = "add the bias to the weighted sum: sum((wi*xi for ...), self.b)"
        else:
            hint = HINT
        fail(f"{made}({x}) is wrong", expected=number(expected), got=number(got), inputs=f"x = {x}",
             program=(f"n = {made}", "for p in n.parameters(): p.data = 0.5", f"n({x})"),
             where=where(learner.Neuron, "__call__"), hint=hint, tolerance=TOLERANCE)


def check_relu_of_weighted_sum(learner: SimpleNamespace) -> None:
    """Every parameter 0.5, so that the order of parameters() does not matter yet: relu(0.5 * sum(x) + 0.5)."""
    _outputs(learner, nonlin=True)


def check_linear_when_not_nonlin(learner: SimpleNamespace) -> None:
    _outputs(learner, nonlin=False)


def check_parameters_are_weights_then_bias(learner: SimpleNamespace) -> None:
    """A linear neuron with x = 0 gives b; with x = 1 at one place, w[i] + b."""
    values = [0.3, -0.6, 0.9, 0.5]  # w[0], w[1], w[2], then b
    n = learner.Neuron(3, nonlin=False)
    parameters(n, Shape("Neuron", 3, (1,)), learner.Value)
    set_values(n, values)
    for x, expected, meaning in [([0.0, 0.0, 0.0], 0.5, "b")] + [
            ([1.0 if j == i else 0.0 for j in range(3)], values[i] + 0.5, f"w[{i}] + b") for i in range(3)]:
        got = float(n(x).data)
        if not close(got, expected):
            fail(f"Neuron(3, nonlin=False)({x}) is not {meaning} with parameters() = {values}",
                 expected=number(expected), got=number(got), inputs=f"x = {x}",
                 program=("n = Neuron(3, nonlin=False)", f"for p, v in zip(n.parameters(), {values}): p.data = v",
                          f"n({x})"),
                 where=where(learner.Neuron, "parameters"), tolerance=TOLERANCE,
                 hint="parameters() lists w[0], ..., w[nin-1], then b (self.w + [self.b]), and __call__ multiplies "
                      "w[i] by x[i]")


def check_output_and_gradients(learner: SimpleNamespace, reference: SimpleNamespace, rng: random.Random) -> None:
    """Inputs as Values, so their gradients are compared too; against the reference's ReLU neuron."""
    for nin in (1, 2, 3, 5):
        shape = Shape("Neuron", nin, (1,))
        for _ in range(3):
            expect_network(learner, reference, None, shape, random_values(rng, shape.count),
                           [[round(rng.uniform(-2, 2), 2) for _ in range(nin)]], rng=rng, as_values=True, hint=HINT)


def check_repr(learner: SimpleNamespace) -> None:
    for made, expected in (("Neuron(2)", neuron_repr(2)), ("Neuron(3, nonlin=False)", neuron_repr(3, False))):
        n = learner.Neuron(2) if made == "Neuron(2)" else learner.Neuron(3, nonlin=False)
        if repr(n) != expected:
            fail(f"repr({made}) is not the repository's", expected=repr(expected), got=repr(repr(n)),
                 program=(f"repr({made})",), where=where(learner.Neuron, "__repr__"),
                 hint="return f\"{'ReLU' if self.nonlin else 'Linear'}Neuron({len(self.w)})\"")
