"""Known learner bugs and correct alternative styles of the lecture track, as small edits of solutions/lecture/.

Data only: tests/test_learner_bugs.py applies each edit to a workspace made from the solutions
and grades it. A Bug must fail first at its own piece; a Style must pass every piece.
Each Edit's `old` occurs exactly once in solutions/<track>/<file>; the edit replaces it with `new`.
Another track's cases live in tests/learner_bugs_<track>.py, made of the same Edit, Bug and Style.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """Replace the one occurrence of `old` in solutions/<track>/<file> with `new`."""

    file: str
    old: str
    new: str


@dataclass(frozen=True)
class Bug:
    """A mistake learners make; `piece` owns the code it edits, and is the first piece that must not pass."""

    id: str
    piece: str
    why: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Style:
    """A correct way of writing the code that differs from the solution: it must pass every piece."""

    id: str
    why: str
    edits: tuple[Edit, ...]


def engine(old: str, new: str) -> Edit:
    return Edit("engine.py", old, new)


BUGS: tuple[Bug, ...] = (
    # derivative
    Bug("derivative-ignores-h", "derivative", "steps by a fixed 0.0001 whatever h is passed",
        (Edit("derivative.py", "return (f(x + h) - f(x)) / h", "return (f(x + 0.0001) - f(x)) / 0.0001"),)),
    Bug("derivative-wrong-sign", "derivative", "(f(x - h) - f(x)) / h: the slope with its sign flipped",
        (Edit("derivative.py", "return (f(x + h) - f(x)) / h", "return (f(x - h) - f(x)) / h"),)),
    Bug("derivative-forward-over-2h", "derivative", "a forward difference divided by 2h, as if it were central",
        (Edit("derivative.py", "return (f(x + h) - f(x)) / h", "return (f(x + h) - f(x)) / (2 * h)"),)),

    # value
    Bug("value-grad-starts-at-1", "value", "a new Value's grad starts at 1 instead of 0",
        (engine("self.grad = 0.0", "self.grad = 1.0"),)),
    Bug("value-prev-not-stored", "value", "_prev ignores the children passed",
        (engine("self._prev = set(_children)", "self._prev = set()"),)),
    Bug("value-op-not-stored", "value", "_op ignores the op passed",
        (engine("self._op = _op", "self._op = ''"),)),
    Bug("value-repr-without-data", "value", "repr shows the class name but not the data",
        (engine('return f"Value(data={self.data})"', 'return "Value"'),)),

    # add-mul
    Bug("add-assigns-grad", "add-mul", "`=` instead of `+=` in __add__'s _backward",
        (engine("            self.grad += out.grad\n            other.grad += out.grad",
                "            self.grad = out.grad\n            other.grad = out.grad"),)),
    Bug("mul-assigns-grad", "add-mul", "`=` instead of `+=` in __mul__'s _backward",
        (engine("            self.grad += other.data * out.grad\n            other.grad += self.data * out.grad",
                "            self.grad = other.data * out.grad\n            other.grad = self.data * out.grad"),)),
    Bug("mul-backward-uses-own-data", "add-mul", "self's gradient uses self.data instead of other.data",
        (engine("self.grad += other.data * out.grad", "self.grad += self.data * out.grad"),)),
    Bug("add-does-not-wrap-numbers", "add-mul", "a + 2.5 without wrapping 2.5 in a Value",
        (engine("        other = other if isinstance(other, Value) else Value(other)\n"
                "        out = Value(self.data + other.data, (self, other), '+')",
                "        out = Value(self.data + other.data, (self, other), '+')"),)),
    Bug("add-forgets-backward", "add-mul", "__add__ never attaches its _backward to out",
        (engine("            other.grad += out.grad\n        out._backward = _backward\n",
                "            other.grad += out.grad\n"),)),
    Bug("mul-children-only-self", "add-mul", "a * b remembers only a in _prev",
        (engine("out = Value(self.data * other.data, (self, other), '*')",
                "out = Value(self.data * other.data, (self,), '*')"),)),

    # backward
    Bug("backward-no-visited-set", "backward", "the topological sort appends a shared node once per use",
        (engine("            if v not in visited:\n"
                "                visited.add(v)\n"
                "                for child in v._prev:\n"
                "                    build_topo(child)\n"
                "                topo.append(v)\n",
                "            for child in v._prev:\n"
                "                build_topo(child)\n"
                "            topo.append(v)\n"),)),
    Bug("backward-topo-not-reversed", "backward", "walks the topological order from the leaves up",
        (engine("for node in reversed(topo):", "for node in topo:"),)),
    Bug("backward-preorder", "backward", "appends a node before its children and walks the list forwards",
        (engine("                visited.add(v)\n"
                "                for child in v._prev:\n"
                "                    build_topo(child)\n"
                "                topo.append(v)\n",
                "                visited.add(v)\n"
                "                topo.append(v)\n"
                "                for child in v._prev:\n"
                "                    build_topo(child)\n"),
         engine("for node in reversed(topo):", "for node in topo:"))),
    Bug("backward-no-seed", "backward", "never sets the output's grad to 1",
        (engine("        self.grad = 1.0\n", ""),)),
    Bug("backward-seeds-zero", "backward", "seeds the output's grad with 0",
        (engine("self.grad = 1.0", "self.grad = 0"),)),
    Bug("backward-seed-accumulates", "backward", "self.grad += 1.0: a second backward() seeds 2",
        (engine("self.grad = 1.0", "self.grad += 1.0"),)),
    Bug("backward-only-root", "backward", "calls _backward on the root alone",
        (engine("        for node in reversed(topo):\n            node._backward()",
                "        self._backward()"),)),

    # trace
    Bug("trace-no-edges", "trace", "collects the nodes but never the edges",
        (Edit("graph.py", "                edges.add((child, v))\n", ""),)),
    Bug("trace-edges-reversed", "trace", "edges as (parent, child)",
        (Edit("graph.py", "edges.add((child, v))", "edges.add((v, child))"),)),
    Bug("trace-list-without-visited", "trace", "lists instead of sets and no visited check: shared nodes twice",
        (Edit("graph.py", "nodes, edges = set(), set()", "nodes, edges = [], []"),
         Edit("graph.py", "        if v not in nodes:\n"
                          "            nodes.add(v)\n"
                          "            for child in v._prev:\n"
                          "                edges.add((child, v))\n"
                          "                build(child)\n",
                          "        nodes.append(v)\n"
                          "        for child in v._prev:\n"
                          "            edges.append((child, v))\n"
                          "            build(child)\n"))),
    Bug("trace-children-only", "trace", "adds the root's children but does not recurse",
        (Edit("graph.py", "                edges.add((child, v))\n                build(child)\n",
                          "                edges.add((child, v))\n                nodes.add(child)\n"),)),

    # draw-dot
    Bug("draw-dot-edges-reversed", "draw-dot", "arrows from result to op to child",
        (Edit("graph.py", "dot.edge(uid + n._op, uid)", "dot.edge(uid, uid + n._op)"),
         Edit("graph.py", "dot.edge(str(id(n1)), str(id(n2)) + n2._op)", "dot.edge(str(id(n2)) + n2._op, str(id(n1)))"))),
    Bug("draw-dot-no-op-node", "draw-dot", "no op nodes: each child wired straight to its result",
        (Edit("graph.py", "        if n._op:\n"
                          "            # the op that made it, as its own small node, pointing at it\n"
                          "            dot.node(name=uid + n._op, label=n._op)\n"
                          "            dot.edge(uid + n._op, uid)\n", ""),
         Edit("graph.py", "dot.edge(str(id(n1)), str(id(n2)) + n2._op)", "dot.edge(str(id(n1)), str(id(n2)))"))),
    Bug("draw-dot-op-node-unlabelled", "draw-dot", "the op node is only named, so graphviz shows its id",
        (Edit("graph.py", "dot.node(name=uid + n._op, label=n._op)", "dot.node(name=uid + n._op)"),)),
    Bug("draw-dot-data-grad-swapped", "draw-dot", "the label shows the grad as data and the data as grad",
        (Edit("graph.py", "% (n.label, n.data, n.grad)", "% (n.label, n.grad, n.data)"),)),
    Bug("draw-dot-children-only", "draw-dot", "draws the root and its children without walking further",
        (Edit("graph.py", "    nodes, edges = trace(root)\n",
                          "    nodes, edges = {root, *root._prev}, {(child, root) for child in root._prev}\n"),)),
    Bug("draw-dot-no-decimals", "draw-dot", "%s instead of %.4f: data 2.0, not data 2.0000",
        (Edit("graph.py", "data %.4f | grad %.4f", "data %s | grad %s"),)),
    Bug("draw-dot-top-to-bottom", "draw-dot", "rankdir TB: the graph drawn top to bottom",
        (Edit("graph.py", "graph_attr={'rankdir': 'LR'}", "graph_attr={'rankdir': 'TB'}"),)),
    Bug("draw-dot-not-records", "draw-dot", "the value nodes drawn without shape='record'",
        (Edit("graph.py", ", shape='record')", ")"),)),

    # tanh
    Bug("tanh-derivative-1-minus-t", "tanh", "local derivative 1 - t instead of 1 - t**2",
        (engine("self.grad += (1 - t**2) * out.grad", "self.grad += (1 - t) * out.grad"),)),
    Bug("tanh-forward-wrong-sign", "tanh", "(1 - e**2x) / (e**2x + 1): minus tanh",
        (engine("t = (math.exp(2*x) - 1) / (math.exp(2*x) + 1)", "t = (1 - math.exp(2*x)) / (math.exp(2*x) + 1)"),)),
    Bug("tanh-assigns-grad", "tanh", "`=` instead of `+=` in tanh's _backward",
        (engine("self.grad += (1 - t**2) * out.grad", "self.grad = (1 - t**2) * out.grad"),)),

    # exp
    Bug("exp-backward-uses-input", "exp", "the local derivative taken as self.data instead of out.data",
        (engine("self.grad += out.data * out.grad", "self.grad += self.data * out.grad"),)),
    Bug("exp-assigns-grad", "exp", "`=` instead of `+=` in exp's _backward",
        (engine("self.grad += out.data * out.grad", "self.grad = out.data * out.grad"),)),

    # pow
    Bug("pow-rule-keeps-exponent", "pow", "other * data**other: the exponent not lowered by one",
        (engine("other * self.data**(other - 1)", "other * self.data**other"),)),
    Bug("pow-missing-out-grad", "pow", "the power rule not multiplied by out.grad",
        (engine("self.grad += other * self.data**(other - 1) * out.grad",
                "self.grad += other * self.data**(other - 1)"),)),
    Bug("pow-assigns-grad", "pow", "`=` instead of `+=` in __pow__'s _backward",
        (engine("self.grad += other * self.data**(other - 1) * out.grad",
                "self.grad = other * self.data**(other - 1) * out.grad"),)),

    # derived-ops
    Bug("neg-returns-self", "derived-ops", "-a returns a itself",
        (engine("return self * -1", "return self"),)),
    Bug("sub-forgets-negation", "derived-ops", "a - b computed as a + b",
        (engine("return self + (-other)", "return self + other"),)),
    Bug("rsub-not-swapped", "derived-ops", "3 - a computed as a - 3",
        (engine("return other + (-self)", "return self - other"),)),
    Bug("rtruediv-not-swapped", "derived-ops", "2 / a computed as a / 2",
        (engine("return other * self**-1", "return self / other"),)),
    Bug("truediv-power-plus-one", "derived-ops", "a / b computed as a * b**1",
        (engine("return self * other**-1", "return self * other**1"),)),
    Bug("radd-missing", "derived-ops", "no __radd__: 2.5 + a and sum() raise TypeError",
        (engine("    def __radd__(self, other):  # other + self\n"
                "        \"\"\"Return other + self, for a number on the left (and sum()).\"\"\"\n"
                "        return self + other\n\n", ""),)),
    Bug("radd-not-implemented", "derived-ops", "__radd__ returns NotImplemented",
        (engine("    def __radd__(self, other):  # other + self\n"
                "        \"\"\"Return other + self, for a number on the left (and sum()).\"\"\"\n"
                "        return self + other\n",
                "    def __radd__(self, other):  # other + self\n"
                "        \"\"\"Return other + self, for a number on the left (and sum()).\"\"\"\n"
                "        return NotImplemented\n"),)),

    # relu
    Bug("relu-grad-at-zero", "relu", "passes the gradient where out.data >= 0, so at exactly 0 too",
        (engine("(out.data > 0) * out.grad", "(out.data >= 0) * out.grad"),)),
    Bug("relu-forward-wrong-way", "relu", "keeps the negative part: min(0, x)",
        (engine("0 if self.data < 0 else self.data", "0 if self.data > 0 else self.data"),)),
    Bug("relu-assigns-grad", "relu", "`=` instead of `+=` in relu's _backward",
        (engine("self.grad += (out.data > 0) * out.grad", "self.grad = (out.data > 0) * out.grad"),)),

    # neuron
    Bug("neuron-without-bias", "neuron", "the weighted sum leaves out the bias",
        (Edit("nn.py", "act = sum((wi*xi for wi, xi in zip(self.w, x)), self.b)",
                       "act = sum(wi*xi for wi, xi in zip(self.w, x))"),)),
    Bug("neuron-bias-not-in-parameters", "neuron", "parameters() returns the weights only",
        (Edit("nn.py", "return self.w + [self.b]", "return self.w"),)),
    Bug("neuron-parameters-bias-first", "neuron", "parameters() lists the bias before the weights",
        (Edit("nn.py", "return self.w + [self.b]", "return [self.b] + self.w"),)),
    Bug("neuron-uses-relu", "neuron", "relu instead of tanh as the activation",
        (Edit("nn.py", "out = act.tanh()", "out = act.relu()"),)),
    Bug("neuron-zero-init", "neuron", "weights and bias all start at 0, not random",
        (Edit("nn.py", "self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]\n"
                       "        self.b = Value(random.uniform(-1, 1))",
                       "self.w = [Value(0.0) for _ in range(nin)]\n"
                       "        self.b = Value(0.0)"),)),

    # layer
    Bug("layer-always-a-list", "layer", "returns a list even when nout == 1",
        (Edit("nn.py", "return outs[0] if len(outs) == 1 else outs", "return outs"),)),
    Bug("layer-parameters-first-neuron", "layer", "parameters() lists only the first neuron's",
        (Edit("nn.py", "return [p for neuron in self.neurons for p in neuron.parameters()]",
                       "return self.neurons[0].parameters()"),)),

    # mlp
    Bug("mlp-sizes-off-by-one", "mlp", "one layer too few: range(len(nouts) - 1)",
        (Edit("nn.py", "for i in range(len(nouts))]", "for i in range(len(nouts) - 1)]"),)),
    Bug("mlp-parameters-reversed", "mlp", "parameters() lists the last layer first",
        (Edit("nn.py", "return [p for layer in self.layers for p in layer.parameters()]",
                       "return [p for layer in reversed(self.layers) for p in layer.parameters()]"),)),
    Bug("mlp-feeds-input-to-every-layer", "mlp", "each layer gets the original x, not the previous layer's output",
        (Edit("nn.py", "            x = layer(x)\n        return x", "            out = layer(x)\n        return out"),)),

    # zero-grad
    Bug("zero-grad-does-nothing", "zero-grad", "zero_grad's loop body is pass",
        (Edit("nn.py", "        for p in self.parameters():\n            p.grad = 0.0", "        pass"),)),
    Bug("zero-grad-sets-one", "zero-grad", "zero_grad sets every grad to 1",
        (Edit("nn.py", "p.grad = 0.0", "p.grad = 1.0"),)),
    Bug("zero-grad-zeroes-data", "zero-grad", "zero_grad zeroes the data instead of the grad",
        (Edit("nn.py", "p.grad = 0.0", "p.data = 0.0"),)),
    Bug("module-parameters-none", "zero-grad", "Module.parameters() returns None instead of []",
        (Edit("nn.py", "        return []", "        return None"),)),

    # loss
    Bug("loss-not-squared", "loss", "sums the differences without squaring them",
        (Edit("train.py", "(yout - ygt)**2 for", "(yout - ygt) for"),)),
    Bug("loss-absolute", "loss", "sums |prediction - target| (as the square root of the square)",
        (Edit("train.py", "(yout - ygt)**2 for", "((yout - ygt)**2)**0.5 for"),)),
    Bug("loss-on-floats", "loss", "sums the data, so the loss is a float with no graph",
        (Edit("train.py", "(yout - ygt)**2 for", "(yout.data - ygt)**2 for"),)),
    Bug("loss-mean", "loss", "divides by the number of examples: a mean, not the sum",
        (Edit("train.py", "return sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))",
                          "return sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred)) / len(ys)"),)),

    # train
    Bug("train-without-zero-grad", "train", "never zeroes the grads: they pile up across steps",
        (Edit("train.py", "        model.zero_grad()\n", ""),)),
    Bug("train-zero-grad-after-backward", "train", "zeroes the grads after backward(), so no step moves",
        (Edit("train.py", "        model.zero_grad()\n        loss.backward()",
                          "        loss.backward()\n        model.zero_grad()"),)),
    Bug("train-loss-after-update", "train", "records the loss recomputed after the update",
        (Edit("train.py", "losses.append(loss.data)",
                          "losses.append(sum_squared_error([model(x) for x in xs], ys).data)"),)),
    Bug("train-steps-uphill", "train", "p.data += lr * p.grad",
        (Edit("train.py", "p.data -= lr * p.grad", "p.data += lr * p.grad"),)),
    Bug("train-returns-values", "train", "records the loss Value, not its float",
        (Edit("train.py", "losses.append(loss.data)", "losses.append(loss)"),)),
    Bug("train-ignores-lr", "train", "steps by a fixed 0.05 whatever lr is passed",
        (Edit("train.py", "p.data -= lr * p.grad", "p.data -= 0.05 * p.grad"),)),
)

# Bugs that delete a method the checks call from their own expression (2.5 + a): bug id -> the method.
MISSING_METHOD = {"radd-missing": "__radd__"}

# Bugs whose effect could depend on the order a set `_prev` iterates in, which changes between runs:
# the grader must fail them on every run, so they are graded several times.
ORDER_SENSITIVE = frozenset({
    "add-assigns-grad", "mul-assigns-grad", "tanh-assigns-grad", "exp-assigns-grad", "pow-assigns-grad",
    "relu-assigns-grad", "backward-no-visited-set", "backward-topo-not-reversed", "backward-preorder",
    "backward-only-root",
})


STYLES: tuple[Style, ...] = (
    Style("tanh-from-math", "tanh by math.tanh instead of exp",
          (engine("t = (math.exp(2*x) - 1) / (math.exp(2*x) + 1)", "t = math.tanh(x)"),)),
    Style("iterative-topological-sort", "backward() orders the graph with an explicit stack",
          (engine("        def build_topo(v):\n"
                  "            if v not in visited:\n"
                  "                visited.add(v)\n"
                  "                for child in v._prev:\n"
                  "                    build_topo(child)\n"
                  "                topo.append(v)\n"
                  "        build_topo(self)\n",
                  "        stack = [(self, False)]\n"
                  "        while stack:\n"
                  "            v, expanded = stack.pop()\n"
                  "            if expanded:\n"
                  "                topo.append(v)\n"
                  "            elif v not in visited:\n"
                  "                visited.add(v)\n"
                  "                stack.append((v, True))\n"
                  "                stack.extend((child, False) for child in v._prev)\n"),)),
    Style("prev-as-tuple", "_prev keeps the children as a tuple, duplicates and all",
          (engine("self._prev = set(_children)", "self._prev = tuple(_children)"),)),
    Style("grad-int-zero", "grad starts at the int 0, and backward seeds the int 1",
          (engine("self.grad = 0.0", "self.grad = 0"), engine("self.grad = 1.0", "self.grad = 1"))),
    Style("init-without-label", "__init__ takes no label parameter",
          (engine("def __init__(self, data, _children=(), _op='', label=''):",
                  "def __init__(self, data, _children=(), _op=''):"),
           engine("        self.label = label\n", ""))),
    Style("sub-div-direct", "sub and div with their own _backward instead of derived",
          (engine("    def __sub__(self, other):  # self - other\n"
                  "        \"\"\"Return self - other.\"\"\"\n"
                  "        return self + (-other)\n",
                  "    def __sub__(self, other):  # self - other\n"
                  "        \"\"\"Return self - other.\"\"\"\n"
                  "        other = other if isinstance(other, Value) else Value(other)\n"
                  "        out = Value(self.data - other.data, (self, other), '-')\n\n"
                  "        def _backward():\n"
                  "            self.grad += out.grad\n"
                  "            other.grad -= out.grad\n"
                  "        out._backward = _backward\n"
                  "        return out\n"),
           engine("    def __truediv__(self, other):  # self / other\n"
                  "        \"\"\"Return self / other, as self * other**-1.\"\"\"\n"
                  "        return self * other**-1\n",
                  "    def __truediv__(self, other):  # self / other\n"
                  "        \"\"\"Return self / other.\"\"\"\n"
                  "        other = other if isinstance(other, Value) else Value(other)\n"
                  "        out = Value(self.data / other.data, (self, other), '/')\n\n"
                  "        def _backward():\n"
                  "            self.grad += out.grad / other.data\n"
                  "            other.grad += -self.data / other.data**2 * out.grad\n"
                  "        out._backward = _backward\n"
                  "        return out\n"))),
    Style("numpy-scalars", "tanh and exp by numpy, so data becomes numpy.float64",
          (engine("import math\n", "import math\n\nimport numpy as np\n"),
           engine("t = (math.exp(2*x) - 1) / (math.exp(2*x) + 1)", "t = np.tanh(x)"),
           engine("out = Value(math.exp(x), (self, ), 'exp')", "out = Value(np.exp(x), (self, ), 'exp')"))),
    Style("neuron-explicit-loop", "Neuron.__call__ adds up w * x in a for loop",
          (Edit("nn.py", "        act = sum((wi*xi for wi, xi in zip(self.w, x)), self.b)\n",
                         "        act = self.b\n"
                         "        for i in range(len(self.w)):\n"
                         "            act = act + self.w[i] * x[i]\n"),)),
    Style("layer-mlp-written-differently", "zip of sizes in MLP, extend in a loop for Layer.parameters, map in call",
          (Edit("nn.py", "self.layers = [Layer(sz[i], sz[i+1]) for i in range(len(nouts))]",
                         "self.layers = [Layer(a, b) for a, b in zip(sz, sz[1:])]"),
           Edit("nn.py", "        return [p for neuron in self.neurons for p in neuron.parameters()]\n",
                         "        params = []\n"
                         "        for neuron in self.neurons:\n"
                         "            params.extend(neuron.parameters())\n"
                         "        return params\n"),
           Edit("nn.py", "outs = [n(x) for n in self.neurons]", "outs = list(map(lambda n: n(x), self.neurons))"))),
    Style("loss-explicit-loop", "the loss added up in a loop from 0",
          (Edit("train.py", "    return sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))\n",
                            "    total = 0\n"
                            "    for i in range(len(ys)):\n"
                            "        total = total + (ypred[i] - ys[i])**2\n"
                            "    return total\n"),)),
    Style("train-inline-loss", "train writes the sum of squares out instead of calling sum_squared_error",
          (Edit("train.py", "loss = sum_squared_error(ypred, ys)",
                            "loss = sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))"),
           Edit("train.py", "losses.append(loss.data)", "losses.append(float(loss.data))"))),
    Style("derivative-central-difference", "(f(x + h) - f(x - h)) / (2 * h)",
          (Edit("derivative.py", "return (f(x + h) - f(x)) / h", "return (f(x + h) - f(x - h)) / (2 * h)"),)),
    Style("relu-max", "relu forward by max(0, x) and a float mask",
          (engine("out = Value(0 if self.data < 0 else self.data, (self, ), 'ReLU')",
                  "out = Value(max(0, self.data), (self, ), 'ReLU')"),
           engine("(out.data > 0) * out.grad", "(1.0 if out.data > 0 else 0.0) * out.grad"))),
    Style("trace-stack-lists", "trace with an explicit stack, returning lists",
          (Edit("graph.py", "    nodes, edges = set(), set()\n\n"
                            "    def build(v):\n"
                            "        if v not in nodes:\n"
                            "            nodes.add(v)\n"
                            "            for child in v._prev:\n"
                            "                edges.add((child, v))\n"
                            "                build(child)\n"
                            "    build(root)\n",
                            "    nodes, edges, stack = [], [], [root]\n"
                            "    while stack:\n"
                            "        v = stack.pop()\n"
                            "        if any(v is n for n in nodes):\n"
                            "            continue\n"
                            "        nodes.append(v)\n"
                            "        for child in v._prev:\n"
                            "            edges.append((child, v))\n"
                            "            stack.append(child)\n"),)),
    Style("draw-dot-numbered-nodes", "nodes named n0, n1, ... and op nodes n0op, not by id()",
          (Edit("graph.py", "    nodes, edges = trace(root)\n",
                            "    nodes, edges = trace(root)\n    names = {n: f\"n{i}\" for i, n in enumerate(nodes)}\n"),
           Edit("graph.py", "uid = str(id(n))", "uid = names[n]"),
           Edit("graph.py", "dot.node(name=uid + n._op, label=n._op)\n            dot.edge(uid + n._op, uid)",
                            "dot.node(name=uid + 'op', label=n._op)\n            dot.edge(uid + 'op', uid)"),
           Edit("graph.py", "dot.edge(str(id(n1)), str(id(n2)) + n2._op)", "dot.edge(names[n1], names[n2] + 'op')"))),
    Style("draw-dot-label-only-when-set", "a Value without a label gets { data | grad }, no empty field",
          (Edit("graph.py", "label=\"{ %s | data %.4f | grad %.4f }\" % (n.label, n.data, n.grad)",
                            "label=(f\"{{ {n.label} | \" if n.label else \"{ \") + f\"data {n.data:.4f} | grad {n.grad:.4f} }}\""),)),
    Style("draw-dot-iterative-trace", "draw_dot walks the graph itself with a stack, attributes in another order",
          (Edit("graph.py", "    nodes, edges = trace(root)\n",
                            "    nodes, edges, stack = [], [], [root]\n"
                            "    while stack:\n"
                            "        v = stack.pop()\n"
                            "        if any(v is m for m in nodes):\n"
                            "            continue\n"
                            "        nodes.append(v)\n"
                            "        edges += [(child, v) for child in v._prev]\n"
                            "        stack += list(v._prev)\n"),
           Edit("graph.py", "dot = Digraph(format='svg', graph_attr={'rankdir': 'LR'})",
                            "dot = Digraph(format='svg')\n    dot.attr(rankdir='LR')"),
           Edit("graph.py", "dot.node(name=uid, label=", "dot.node(uid, shape='record', label="),
           Edit("graph.py", " % (n.label, n.data, n.grad), shape='record')", " % (n.label, n.data, n.grad))"))),
    Style("pow-math-pow-and-zero-grad-int", "pow by math.pow, zero_grad sets the int 0",
          (engine("out = Value(self.data**other, (self, ), f'**{other}')",
                  "out = Value(math.pow(self.data, other), (self, ), f'**{other}')"),
           Edit("nn.py", "p.grad = 0.0", "p.grad = 0"))),
)
