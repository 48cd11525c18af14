"""Known learner bugs and correct alternative styles of the repo track, as small edits of solutions/repo/.

Data only, as tests/learner_bugs.py (whose Edit, Bug and Style these are): each Bug must fail first at its own
piece, each Style must pass every piece. Edit.file is relative to solutions/repo/.
"""
from __future__ import annotations

from tests.learner_bugs import Bug, Edit, Style


def engine(old: str, new: str) -> Edit:
    return Edit("engine.py", old, new)


def nn(old: str, new: str) -> Edit:
    return Edit("nn.py", old, new)


def demo(old: str, new: str) -> Edit:
    return Edit("demo.py", old, new)


BUGS: tuple[Bug, ...] = (
    # value
    Bug("repr-as-the-lecture", "value", "repr shows the data alone, as the lecture's Value(data=2.0)",
        (engine('return f"Value(data={self.data}, grad={self.grad})"', 'return f"Value(data={self.data})"'),)),
    Bug("grad-starts-at-1", "value", "a new Value's grad starts at 1",
        (engine("        self.grad = 0\n", "        self.grad = 1\n"),)),

    # add-mul
    Bug("add-assigns-grad", "add-mul", "`=` instead of `+=` in __add__'s _backward",
        (engine("            self.grad += out.grad\n            other.grad += out.grad",
                "            self.grad = out.grad\n            other.grad = out.grad"),)),
    Bug("mul-backward-uses-own-data", "add-mul", "self's gradient uses self.data instead of other.data",
        (engine("self.grad += other.data * out.grad", "self.grad += self.data * out.grad"),)),

    # pow
    Bug("pow-forgets-the-exponent", "pow", "the power rule without its factor k: x**(k-1) alone",
        (engine("self.grad += (other * self.data**(other-1)) * out.grad",
                "self.grad += (self.data**(other-1)) * out.grad"),)),
    Bug("pow-without-out-grad", "pow", "the local derivative alone, not times out.grad",
        (engine("self.grad += (other * self.data**(other-1)) * out.grad",
                "self.grad += other * self.data**(other-1)"),)),

    # relu
    Bug("relu-grad-at-zero", "relu", "the gradient passes at exactly 0: self.data >= 0",
        (engine("self.grad += (out.data > 0) * out.grad", "self.grad += (self.data >= 0) * out.grad"),)),
    Bug("relu-grad-is-out-data", "relu", "out.data itself as the local derivative, not whether it is positive",
        (engine("self.grad += (out.data > 0) * out.grad", "self.grad += out.data * out.grad"),)),

    # backward
    Bug("backward-not-reversed", "backward", "walks the topological order from the leaves up",
        (engine("for v in reversed(topo):", "for v in topo:"),)),
    Bug("backward-without-visited", "backward", "no visited set: a shared node's _backward runs twice",
        (engine("            if v not in visited:\n                visited.add(v)\n                for child in v._prev:\n"
                "                    build_topo(child)\n                topo.append(v)",
                "            for child in v._prev:\n                build_topo(child)\n            topo.append(v)"),)),

    # derived-ops
    Bug("rtruediv-wrong-order", "derived-ops", "2 / a computed as a / 2",
        (engine("return other * self**-1", "return self * other**-1"),)),
    Bug("rsub-wrong-order", "derived-ops", "3 - a computed as a - 3",
        (engine("return other + (-self)", "return self + (-other)"),)),

    # module
    Bug("zero-grad-zeroes-data", "module", "zero_grad sets the data to 0, not the gradient",
        (nn("        for p in self.parameters():\n            p.grad = 0",
            "        for p in self.parameters():\n            p.data = 0"),)),

    # neuron
    Bug("neuron-random-bias", "neuron", "the bias starts random, as the lecture's, not at 0",
        (nn("self.b = Value(0)", "self.b = Value(random.uniform(-1, 1))"),)),
    Bug("neuron-ignores-nonlin", "neuron", "every neuron is ReLU, whatever nonlin says",
        (nn("return act.relu() if self.nonlin else act", "return act.relu()"),)),
    Bug("neuron-repr-always-relu", "neuron", "repr says ReLUNeuron for a linear neuron too",
        (nn("""return f"{'ReLU' if self.nonlin else 'Linear'}Neuron({len(self.w)})\"""",
            """return f"ReLUNeuron({len(self.w)})\""""),)),

    # layer
    Bug("layer-drops-kwargs", "layer", "Layer does not pass nonlin on to its neurons",
        (nn("self.neurons = [Neuron(nin, **kwargs) for _ in range(nout)]",
            "self.neurons = [Neuron(nin) for _ in range(nout)]"),)),

    # mlp
    Bug("mlp-last-layer-relu", "mlp", "a ReLU last layer: the score can never go below 0",
        (nn("nonlin=i != len(nouts)-1", "nonlin=True"),)),

    # loss
    Bug("margin-without-relu", "loss", "the margin loss without its relu: points beyond the margin lower the loss",
        (demo("losses = [(1 + -yi*scorei).relu() for", "losses = [(1 + -yi*scorei) for"),)),
    Bug("accuracy-with-greater-or-equal", "loss", "accuracy compared with >= 0 on both sides: a score of 0 counts as +1",
        (demo("accuracy = [(yi > 0) == (scorei.data > 0) for", "accuracy = [(yi >= 0) == (scorei.data >= 0) for"),)),
    Bug("loss-sums-the-margins", "loss", "the sum of the margins, not their mean",
        (demo("data_loss = sum(losses) * (1.0 / len(losses))", "data_loss = sum(losses)"),)),
    Bug("loss-ignores-alpha", "loss", "a fixed 1e-4 instead of the alpha passed",
        (demo("reg_loss = alpha * sum(", "reg_loss = 1e-4 * sum("),)),

    # train
    Bug("lr-decay-off-by-one", "train", "the learning rate decays one step early: 1.0 - 0.9*(k+1)/steps",
        (demo("learning_rate = 1.0 - 0.9*k/steps", "learning_rate = 1.0 - 0.9*(k+1)/steps"),)),
    Bug("train-without-zero-grad", "train", "no zero_grad: gradients pile up from step to step",
        (demo("        model.zero_grad()\n", ""),)),
    Bug("train-records-values", "train", "records the loss Value, not a float",
        (demo("history.append((float(total_loss.data), float(acc)))", "history.append((total_loss, acc))"),)),
)


STYLES: tuple[Style, ...] = (
    Style("float-grads", "grad starts at 0.0 (repr then shows grad=0.0, the Value's own grad)",
          (engine("        self.grad = 0\n", "        self.grad = 0.0\n"),
           Edit("nn.py", "            p.grad = 0", "            p.grad = 0.0"))),
    Style("relu-with-max-and-input", "relu as max(0, x), its gradient read from the input",
          (engine("out = Value(0 if self.data < 0 else self.data, (self,), 'ReLU')",
                  "out = Value(max(0, self.data), (self,), 'ReLU')"),
           engine("self.grad += (out.data > 0) * out.grad", "self.grad += (self.data > 0) * out.grad"))),
    Style("sub-and-div-with-their-own-backward", "a - b and a / b as ops of their own, not on top of + and *",
          (engine("        return self + (-other)\n",
                  "        other = other if isinstance(other, Value) else Value(other)\n"
                  "        out = Value(self.data - other.data, (self, other), '-')\n\n"
                  "        def _backward():\n"
                  "            self.grad += out.grad\n"
                  "            other.grad -= out.grad\n"
                  "        out._backward = _backward\n"
                  "        return out\n"),
           engine("        return self * other**-1\n",
                  "        other = other if isinstance(other, Value) else Value(other)\n"
                  "        out = Value(self.data / other.data, (self, other), '/')\n\n"
                  "        def _backward():\n"
                  "            self.grad += out.grad / other.data\n"
                  "            other.grad -= self.data / other.data**2 * out.grad\n"
                  "        out._backward = _backward\n"
                  "        return out\n"))),
    Style("neuron-loop", "the weighted sum as a loop from the bias, not sum(..., self.b)",
          (nn("        act = sum((wi*xi for wi, xi in zip(self.w, x)), self.b)\n",
              "        act = self.b\n        for wi, xi in zip(self.w, x):\n            act = act + wi*xi\n"),)),
    Style("layer-repr-of-the-list", "Layer's repr through the list's own repr, which calls each neuron's",
          (nn("return f\"Layer of [{', '.join(str(n) for n in self.neurons)}]\"",
              'return f"Layer of {self.neurons}"'),)),
    Style("mean-by-division", "the mean as sum(losses) / len(losses), and accuracy by counting",
          (demo("data_loss = sum(losses) * (1.0 / len(losses))", "data_loss = sum(losses) / len(losses)"),
           demo("return total_loss, sum(accuracy) / len(accuracy)",
                "return total_loss, accuracy.count(True) / len(y)"))),
)

# graded with three seeds: whether they show can depend on the order a set of children is walked in
ORDER_SENSITIVE = frozenset({"add-assigns-grad", "backward-not-reversed", "backward-without-visited"})
