"""Known learner bugs and correct alternative styles of the exercises track (the lecture's exercise notebook),
as small edits of solutions/exercises/. Data only, in the shape of tests/learner_bugs.py: a Bug must fail first
at its own piece, a Style must pass every piece. Each Edit's file is relative to solutions/exercises/."""
from __future__ import annotations

from tests.learner_bugs import Bug, Edit, Style

FORWARD = "return [(f(a + h, b, c) - y) / h, (f(a, b + h, c) - y) / h, (f(a, b, c + h) - y) / h]"
SYMMETRIC_A = "return [(f(a + h, b, c) - f(a - h, b, c)) / (2*h),"
RMUL = '    def __rmul__(self, other):  # other * self\n        """Return other * self, for a number on the left: 2 * v."""\n        '


def derivatives(old: str, new: str) -> Edit:
    return Edit("derivatives.py", old, new)


def engine(old: str, new: str) -> Edit:
    return Edit("engine.py", old, new)


def softmax(old: str, new: str) -> Edit:
    return Edit("softmax.py", old, new)


def torch_check(old: str, new: str) -> Edit:
    return Edit("torch_check.py", old, new)


BUGS: tuple[Bug, ...] = (
    # gradf
    Bug("gradf-chain-rule-forgotten", "gradf", "d/db sin(3b) written cos(3b), without the 3 of the chain rule",
        (derivatives("df_db = 3*math.cos(3*b) + 2.5*b**1.5", "df_db = math.cos(3*b) + 2.5*b**1.5"),)),
    Bug("gradf-dc-sign", "gradf", "d/dc of -1/c taken as -1/c**2: the two minus signs do not cancel",
        (derivatives("df_dc = 1.0/c**2", "df_dc = -1.0/c**2"),)),
    Bug("gradf-sqrt-term-dropped", "gradf", "the -a**0.5 term left out of df/da",
        (derivatives("df_da = -3*a**2 - 0.5*a**-0.5", "df_da = -3*a**2"),)),
    Bug("gradf-notebook-answer-written-in", "gradf", "the notebook's expected answer returned for every point",
        (derivatives("return [df_da, df_db, df_dc]", "return [-12.353553390593273, 10.25699027111255, 0.0625]"),)),

    # numerical-grad
    Bug("forward-difference-over-2h", "numerical-grad", "the forward difference divided by 2h, as if it were central",
        (derivatives(FORWARD, FORWARD.replace(" / h", " / (2*h)")),)),
    Bug("forward-difference-fixed-h", "numerical-grad", "steps by the notebook's 0.000001 whatever h is passed",
        (derivatives(FORWARD, FORWARD.replace("+ h", "+ 0.000001").replace("/ h", "/ 0.000001")),)),
    Bug("forward-difference-calls-gradf", "numerical-grad", "returns the calculus answer instead of estimating it",
        (derivatives(FORWARD, "return gradf(a, b, c)"),)),
    Bug("forward-difference-is-central", "numerical-grad", "the symmetric difference where the video's forward one belongs",
        (derivatives(FORWARD, "return [(f(a + h, b, c) - f(a - h, b, c)) / (2*h), (f(a, b + h, c) - f(a, b - h, c)) / (2*h), "
                              "(f(a, b, c + h) - f(a, b, c - h)) / (2*h)]"),)),

    # symmetric-grad
    Bug("symmetric-over-h", "symmetric-grad", "the two points are 2h apart, but the difference is divided by h",
        (derivatives("(f(a, b + h, c) - f(a, b - h, c)) / (2*h)", "(f(a, b + h, c) - f(a, b - h, c)) / h"),)),
    Bug("symmetric-one-sided", "symmetric-grad", "steps back from a by h but divides by 2h: a one-sided difference",
        (derivatives(SYMMETRIC_A, "return [(f(a, b, c) - f(a - h, b, c)) / (2*h),"),)),
    Bug("symmetric-sign-flipped", "symmetric-grad", "(f(x - h) - f(x + h)) / 2h for c",
        (derivatives("(f(a, b, c + h) - f(a, b, c - h)) / (2*h)", "(f(a, b, c - h) - f(a, b, c + h)) / (2*h)"),)),

    # exp
    Bug("exp-derivative-of-input", "exp", "exp's local derivative taken as the input's data, not e**x",
        (engine("self.grad += out.data * out.grad", "self.grad += self.data * out.grad"),)),
    Bug("exp-assigns-grad", "exp", "`=` instead of `+=` in exp's _backward",
        (engine("self.grad += out.data * out.grad", "self.grad = out.data * out.grad"),)),

    # log
    Bug("log-derivative-out-data", "log", "log's local derivative written as out.data, as if it were exp",
        (engine("self.grad += (1 / self.data) * out.grad", "self.grad += out.data * out.grad"),)),
    Bug("log-without-chain-rule", "log", "the local derivative 1/x alone, not times out.grad",
        (engine("self.grad += (1 / self.data) * out.grad", "self.grad += 1 / self.data"),)),

    # mul
    Bug("mul-assigns-grad", "mul", "`=` instead of `+=` in __mul__'s _backward",
        (engine("            self.grad += other.data * out.grad\n            other.grad += self.data * out.grad",
                "            self.grad = other.data * out.grad\n            other.grad = self.data * out.grad"),)),
    Bug("rmul-calls-itself", "mul", "__rmul__ returns other * self: a number times a Value calls __rmul__ again, for ever",
        (engine(RMUL + "return self * other", RMUL + "return other * self"),)),

    # pow
    Bug("pow-rule-without-minus-one", "pow", "the power rule as k * x**k instead of k * x**(k - 1)",
        (engine("self.grad += other * self.data**(other - 1) * out.grad", "self.grad += other * self.data**other * out.grad"),)),

    # div
    Bug("div-upside-down", "div", "a / b computed as b / a",
        (engine("return self * other**-1", "return other * self**-1"),)),

    # neg-sub
    Bug("neg-not-negated", "neg-sub", "-v multiplies by 1 instead of -1",
        (engine("return self * -1", "return self * 1"),)),
    Bug("sub-adds", "neg-sub", "a - b adds b instead of its negation",
        (engine("return self + (-other)", "return self + other"),)),

    # radd
    Bug("radd-drops-the-number", "radd", "2.5 + v returns v: right for sum()'s 0 + v, wrong for any other number",
        (engine("    def __radd__(self, other):  # other + self\n        \"\"\"Return other + self, for a number on the left: "
                "what sum() of Values needs.\"\"\"\n        return self + other",
                "    def __radd__(self, other):  # other + self\n        \"\"\"Return other + self, for a number on the left: "
                "what sum() of Values needs.\"\"\"\n        return self"),)),

    # softmax
    Bug("softmax-denominator-per-element", "softmax", "each count divided by a running total recomputed per element, "
        "not by the sum of every count",
        (softmax("return [count / denominator for count in counts]",
                 "return [count / sum(counts[:i + 1]) for i, count in enumerate(counts)]"),)),
    Bug("softmax-overflows", "softmax", "the notebook's softmax, without subtracting the largest logit: e**1000 overflows",
        (softmax("counts = [(logit - top).exp() for logit in logits]", "counts = [logit.exp() for logit in logits]"),)),
    Bug("softmax-denominator-a-float", "softmax", "the denominator summed as floats: right probabilities, but no "
        "gradient through the sum",
        (softmax("denominator = sum(counts)", "denominator = sum(count.data for count in counts)"),)),

    # nll
    Bug("nll-without-minus", "nll", "the log likelihood without its minus: a loss that rises as the probability rises",
        (softmax("return -probs[label].log()", "return probs[label].log()"),)),
    Bug("nll-returns-a-float", "nll", "the loss taken out of the graph as a float",
        (softmax("return -probs[label].log()", "return -probs[label].log().data"),)),
    Bug("nll-every-label", "nll", "the logs of every probability summed, not only the label's",
        (softmax("return -probs[label].log()", "return -sum(p.log() for p in probs)"),)),
    Bug("nll-label-off-by-one", "nll", "probs[label - 1]: labels counted from 1",
        (softmax("return -probs[label].log()", "return -probs[label - 1].log()"),)),

    # torch
    Bug("torch-returns-tensors", "torch", "the loss and the gradient handed back as tensors, not floats",
        (torch_check("return loss.item(), z.grad.tolist()", "return loss, z.grad"),)),
    Bug("torch-without-log", "torch", "minus the probability instead of minus its log",
        (torch_check("loss = -torch.softmax(z, dim=0)[label].log()", "loss = -torch.softmax(z, dim=0)[label]"),)),
)


STYLES: tuple[Style, ...] = (
    Style("gradf-with-sqrt", "-0.5/sqrt(a) for the derivative of -a**0.5, and c**-2 for 1/c**2",
          (derivatives("df_da = -3*a**2 - 0.5*a**-0.5", "df_da = -3 * a * a - 0.5 / math.sqrt(a)"),
           derivatives("df_dc = 1.0/c**2", "df_dc = c**-2"))),
    Style("differences-in-a-loop", "both estimates written as a loop over the inputs, nudging a copy of the point",
          (derivatives(FORWARD, "point = [a, b, c]\n    grad = []\n    for i in range(3):\n        nudged = list(point)\n"
                                "        nudged[i] += h\n        grad.append((f(*nudged) - f(*point)) / h)\n    return grad"),)),
    Style("engine-with-own-backwards", "exp via math.e, log's _backward as a division, and -, / with _backward of their own",
          (engine("out = Value(math.exp(self.data), (self,), 'exp')", "out = Value(math.e**self.data, (self,), 'exp')"),
           engine("self.grad += (1 / self.data) * out.grad", "self.grad += out.grad / self.data"),
           engine("        return self * other**-1",
                  "        other = other if isinstance(other, Value) else Value(other)\n"
                  "        out = Value(self.data / other.data, (self, other), '/')\n\n        def _backward():\n"
                  "            self.grad += out.grad / other.data\n            other.grad -= self.data / other.data**2 * out.grad\n"
                  "        out._backward = _backward\n        return out"),
           engine("        return self * -1",
                  "        out = Value(-self.data, (self,), 'neg')\n\n        def _backward():\n"
                  "            self.grad -= out.grad\n        out._backward = _backward\n        return out"))),
    Style("softmax-shift-by-a-value", "the largest logit subtracted as a Value: the shift's gradients cancel out",
          (softmax("top = max(logit.data for logit in logits)", "top = max(logits, key=lambda logit: logit.data)"),)),
    Style("softmax-running-denominator", "the denominator added up in a loop, and nll as a product with -1",
          (softmax("denominator = sum(counts)", "denominator = counts[0]\n    for count in counts[1:]:\n"
                                                "        denominator = denominator + count"),
           softmax("return -probs[label].log()", "return probs[label].log() * -1"))),
    Style("torch-as-the-notebook", "torch's default float32 and log_softmax, as a learner in the notebook might",
          (torch_check("z = torch.tensor(logits, dtype=torch.float64, requires_grad=True)",
                       "z = torch.tensor(logits, requires_grad=True)"),
           torch_check("loss = -torch.softmax(z, dim=0)[label].log()", "loss = -torch.log_softmax(z, dim=0)[label]"))),
)

# `=` where `+=` belongs: graded with three seeds, so that a set's iteration order cannot hide it on some runs
ORDER_SENSITIVE = frozenset({"exp-assigns-grad", "mul-assigns-grad"})
