"""micrograd's neural-net library: neurons with ReLU, layers, and a multi-layer perceptron."""
import random

from .engine import Value


class Module:
    """Anything with parameters: it can list them and zero their gradients."""

    def zero_grad(self):
        """Set the grad of every parameter back to 0 before the next backward pass."""
        # TODO: set every parameter's grad to 0
        raise NotImplementedError("module: Module.zero_grad")

    def parameters(self):
        """Return the list of parameters; a module with none returns []."""
        # TODO: return the parameters: none for a bare Module
        raise NotImplementedError("module: Module.parameters")


class Neuron(Module):
    """One neuron: the weighted sum of its inputs plus a bias, through a ReLU when nonlin."""

    def __init__(self, nin, nonlin=True):
        """Make nin random weights uniform in [-1, 1] and a bias of 0."""
        # TODO: make nin weights uniform in [-1, 1], a bias Value(0), and remember nonlin
        raise NotImplementedError("neuron: Neuron.__init__")

    def __call__(self, x):
        """Return relu(w . x + b), or w . x + b for a linear neuron."""
        # TODO: return relu(w . x + b), or w . x + b when not nonlin
        raise NotImplementedError("neuron: Neuron.__call__")

    def parameters(self):
        """Return the weights, then the bias."""
        # TODO: return the weights, then the bias
        raise NotImplementedError("neuron: Neuron.parameters")

    def __repr__(self):
        """ReLUNeuron(2) or LinearNeuron(2)."""
        # TODO: return ReLUNeuron(nin) or LinearNeuron(nin)
        raise NotImplementedError("neuron: Neuron.__repr__")


class Layer(Module):
    """A layer of nout neurons, each looking at the same nin inputs."""

    def __init__(self, nin, nout, **kwargs):
        """Make nout neurons of nin inputs each, passing kwargs (nonlin) on to them."""
        # TODO: make nout neurons of nin inputs, passing kwargs on
        raise NotImplementedError("layer: Layer.__init__")

    def __call__(self, x):
        """Return each neuron's output: a list, or a single Value when there is one neuron."""
        # TODO: return the neurons' outputs (a single Value for one neuron)
        raise NotImplementedError("layer: Layer.__call__")

    def parameters(self):
        """Return every neuron's parameters, neuron by neuron."""
        # TODO: return every neuron's parameters, in order
        raise NotImplementedError("layer: Layer.parameters")

    def __repr__(self):
        """Layer of [ReLUNeuron(2), ReLUNeuron(2)]."""
        # TODO: return Layer of [...] with each neuron's repr
        raise NotImplementedError("layer: Layer.__repr__")


class MLP(Module):
    """A multi-layer perceptron: layers of ReLU neurons, then a linear last layer."""

    def __init__(self, nin, nouts):
        """Make one layer per entry of nouts, all ReLU but the last, which is linear."""
        # TODO: make a layer per entry of nouts, ReLU but the last, which is linear
        raise NotImplementedError("mlp: MLP.__init__")

    def __call__(self, x):
        """Feed x through every layer in turn."""
        # TODO: feed x through every layer
        raise NotImplementedError("mlp: MLP.__call__")

    def parameters(self):
        """Return every layer's parameters, layer by layer."""
        # TODO: return every layer's parameters, in order
        raise NotImplementedError("mlp: MLP.parameters")

    def __repr__(self):
        """MLP of [Layer of [...], Layer of [...]]."""
        # TODO: return MLP of [...] with each layer's repr
        raise NotImplementedError("mlp: MLP.__repr__")
