"""A neural-net library on top of Value: neurons, layers and a multi-layer perceptron."""
import random

from .engine import Value


class Module:
    """Anything with parameters: it can list them and zero their gradients."""

    def zero_grad(self):
        """Set the grad of every parameter back to 0 before the next backward pass."""
        # TODO: set the grad of every parameter to 0
        raise NotImplementedError("zero-grad: Module.zero_grad")

    def parameters(self):
        """Return the list of parameters; a module with none returns []."""
        # TODO: return the parameters of a module that has none
        raise NotImplementedError("zero-grad: Module.parameters")


class Neuron(Module):
    """One neuron: tanh of the weighted sum of its inputs plus a bias."""

    def __init__(self, nin):
        """Make nin random weights and a random bias, each uniform in [-1, 1]."""
        # TODO: make nin weights and a bias, random Values in [-1, 1]
        raise NotImplementedError("neuron: Neuron.__init__")

    def __call__(self, x):
        """Return tanh(w . x + b)."""
        # TODO: return tanh(w . x + b)
        raise NotImplementedError("neuron: Neuron.__call__")

    def parameters(self):
        """Return the weights, then the bias."""
        # TODO: return the weights, then the bias
        raise NotImplementedError("neuron: Neuron.parameters")


class Layer(Module):
    """A layer of nout neurons, each looking at the same nin inputs."""

    def __init__(self, nin, nout):
        """Make nout neurons of nin inputs each."""
        # TODO: make nout neurons of nin inputs
        raise NotImplementedError("layer: Layer.__init__")

    def __call__(self, x):
        """Return each neuron's output: a list, or a single Value when there is one neuron."""
        # TODO: return the neurons' outputs (one Value when there is one neuron)
        raise NotImplementedError("layer: Layer.__call__")

    def parameters(self):
        """Return every neuron's parameters, neuron by neuron."""
        # TODO: return every neuron's parameters, in order
        raise NotImplementedError("layer: Layer.parameters")


class MLP(Module):
    """A multi-layer perceptron: layers of the sizes in nouts, one after another."""

    def __init__(self, nin, nouts):
        """Make len(nouts) layers: nin inputs into the first, each layer's outputs into the next."""
        # TODO: make the layers: nin inputs, then the sizes in nouts
        raise NotImplementedError("mlp: MLP.__init__")

    def __call__(self, x):
        """Feed x through every layer in turn."""
        # TODO: feed x through every layer
        raise NotImplementedError("mlp: MLP.__call__")

    def parameters(self):
        """Return every layer's parameters, layer by layer."""
        # TODO: return every layer's parameters, in order
        raise NotImplementedError("mlp: MLP.parameters")
