"""micrograd's neural-net library: neurons with ReLU, layers, and a multi-layer perceptron."""
import random

from .engine import Value


class Module:
    """Anything with parameters: it can list them and zero their gradients."""

    def zero_grad(self):
        """Set the grad of every parameter back to 0 before the next backward pass."""
        for p in self.parameters():
            p.grad = 0

    def parameters(self):
        """Return the list of parameters; a module with none returns []."""
        return []


class Neuron(Module):
    """One neuron: the weighted sum of its inputs plus a bias, through a ReLU when nonlin."""

    def __init__(self, nin, nonlin=True):
        """Make nin random weights uniform in [-1, 1] and a bias of 0."""
        self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(0)
        self.nonlin = nonlin

    def __call__(self, x):
        """Return relu(w . x + b), or w . x + b for a linear neuron."""
        act = sum((wi*xi for wi, xi in zip(self.w, x)), self.b)
        return act.relu() if self.nonlin else act

    def parameters(self):
        """Return the weights, then the bias."""
        return self.w + [self.b]

    def __repr__(self):
        """ReLUNeuron(2) or LinearNeuron(2)."""
        return f"{'ReLU' if self.nonlin else 'Linear'}Neuron({len(self.w)})"


class Layer(Module):
    """A layer of nout neurons, each looking at the same nin inputs."""

    def __init__(self, nin, nout, **kwargs):
        """Make nout neurons of nin inputs each, passing kwargs (nonlin) on to them."""
        self.neurons = [Neuron(nin, **kwargs) for _ in range(nout)]

    def __call__(self, x):
        """Return each neuron's output: a list, or a single Value when there is one neuron."""
        out = [n(x) for n in self.neurons]
        return out[0] if len(out) == 1 else out

    def parameters(self):
        """Return every neuron's parameters, neuron by neuron."""
        return [p for n in self.neurons for p in n.parameters()]

    def __repr__(self):
        """Layer of [ReLUNeuron(2), ReLUNeuron(2)]."""
        return f"Layer of [{', '.join(str(n) for n in self.neurons)}]"


class MLP(Module):
    """A multi-layer perceptron: layers of ReLU neurons, then a linear last layer."""

    def __init__(self, nin, nouts):
        """Make one layer per entry of nouts, all ReLU but the last, which is linear."""
        sz = [nin] + nouts
        self.layers = [Layer(sz[i], sz[i+1], nonlin=i != len(nouts)-1) for i in range(len(nouts))]

    def __call__(self, x):
        """Feed x through every layer in turn."""
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        """Return every layer's parameters, layer by layer."""
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self):
        """MLP of [Layer of [...], Layer of [...]]."""
        return f"MLP of [{', '.join(str(layer) for layer in self.layers)}]"
