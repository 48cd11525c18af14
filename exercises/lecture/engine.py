"""A scalar-valued autograd engine: a Value remembers how it was made, then backpropagates."""
import math


class Value:
    """A scalar and its gradient, with the graph of operations that produced it."""

    def __init__(self, data, _children=(), _op='', label=''):
        """Wrap data; grad starts at 0 and _backward does nothing until an op sets it."""
        # TODO: store data, _children as _prev, _op and label; grad starts at 0; _backward does nothing
        raise NotImplementedError("value: Value.__init__")

    def __repr__(self):
        """Show the data, as the lecture does: Value(data=2.0)."""
        # TODO: return a string such as Value(data=2.0)
        raise NotImplementedError("value: Value.__repr__")

    def __add__(self, other):
        """Return self + other; the local derivative of a sum is 1 for both sides."""
        # TODO: return self + other as a new Value, with a _backward
        raise NotImplementedError("add-mul: Value.__add__")

    def __mul__(self, other):
        """Return self * other; each side's local derivative is the other side's data."""
        # TODO: return self * other as a new Value, with a _backward
        raise NotImplementedError("add-mul: Value.__mul__")

    def backward(self):
        """Fill in grad for every node in the graph: topological sort, then the chain rule in reverse."""
        # TODO: sort the graph topologically, seed self.grad, call each _backward in reverse
        raise NotImplementedError("backward: Value.backward")

    def tanh(self):
        """Return tanh(self); d/dx tanh(x) = 1 - tanh(x)**2."""
        # TODO: return tanh(self) as a new Value, with a _backward
        raise NotImplementedError("tanh: Value.tanh")

    def exp(self):
        """Return e**self; the derivative of e**x is e**x itself."""
        # TODO: return e**self as a new Value, with a _backward
        raise NotImplementedError("exp: Value.exp")

    def __pow__(self, other):
        """Return self**other for a number other; the power rule: n * x**(n-1)."""
        # TODO: return self**other for a number other, with a _backward
        raise NotImplementedError("pow: Value.__pow__")

    def __neg__(self):  # -self
        """Return -self."""
        # TODO: return -self
        raise NotImplementedError("derived-ops: Value.__neg__")

    def __radd__(self, other):  # other + self
        """Return other + self, for a number on the left (and sum())."""
        # TODO: return other + self
        raise NotImplementedError("derived-ops: Value.__radd__")

    def __sub__(self, other):  # self - other
        """Return self - other."""
        # TODO: return self - other
        raise NotImplementedError("derived-ops: Value.__sub__")

    def __rsub__(self, other):  # other - self
        """Return other - self."""
        # TODO: return other - self
        raise NotImplementedError("derived-ops: Value.__rsub__")

    def __rmul__(self, other):  # other * self
        """Return other * self."""
        # TODO: return other * self
        raise NotImplementedError("derived-ops: Value.__rmul__")

    def __truediv__(self, other):  # self / other
        """Return self / other, as self * other**-1."""
        # TODO: return self / other
        raise NotImplementedError("derived-ops: Value.__truediv__")

    def __rtruediv__(self, other):  # other / self
        """Return other / self."""
        # TODO: return other / self
        raise NotImplementedError("derived-ops: Value.__rtruediv__")

    def relu(self):
        """Return max(0, self); the gradient is 1 where the output is positive, else 0."""
        # TODO: return max(0, self) as a new Value, with a _backward
        raise NotImplementedError("relu: Value.relu")
