"""A neural-net library on top of Value: neurons, layers and a multi-layer perceptron."""
import random

from .engine import Value


class Module:
    """Anything with parameters: it can list them and zero their gradients."""

    def zero_grad(self):
        """Set the grad of every parameter back to 0 before the next backward pass."""
        for p in self.parameters():
            p.grad = 0.0

    def parameters(self):
        """Return the list of parameters; a module with none returns []."""
        return []


class Neuron(Module):
    """One neuron: tanh of the weighted sum of its inputs plus a bias."""

    def __init__(self, nin):
        """Make nin random weights and a random bias, each uniform in [-1, 1]."""
        self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(random.uniform(-1, 1))

    def __call__(self, x):
        """Return tanh(w . x + b)."""
        act = sum((wi*xi for wi, xi in zip(self.w, x)), self.b)
        out = act.tanh()
        return out

    def parameters(self):
        """Return the weights, then the bias."""
        return self.w + [self.b]


class Layer(Module):
    """A layer of nout neurons, each looking at the same nin inputs."""

    def __init__(self, nin, nout):
        """Make nout neurons of nin inputs each."""
        self.neurons = [Neuron(nin) for _ in range(nout)]

    def __call__(self, x):
        """Return each neuron's output: a list, or a single Value when there is one neuron."""
        outs = [n(x) for n in self.neurons]
        return outs[0] if len(outs) == 1 else outs

    def parameters(self):
        """Return every neuron's parameters, neuron by neuron."""
        return [p for neuron in self.neurons for p in neuron.parameters()]


class MLP(Module):
    """A multi-layer perceptron: layers of the sizes in nouts, one after another."""

    def __init__(self, nin, nouts):
        """Make len(nouts) layers: nin inputs into the first, each layer's outputs into the next."""
        sz = [nin] + nouts
        self.layers = [Layer(sz[i], sz[i+1]) for i in range(len(nouts))]

    def __call__(self, x):
        """Feed x through every layer in turn."""
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        """Return every layer's parameters, layer by layer."""
        return [p for layer in self.layers for p in layer.parameters()]
