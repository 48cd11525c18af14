"""micrograd's engine: a scalar Value that remembers how it was made, then backpropagates."""


class Value:
    """Stores a single scalar value and its gradient."""

    def __init__(self, data, _children=(), _op=''):
        """Wrap data; grad starts at 0 and _backward does nothing until an op sets it."""
        # TODO: store data, grad = 0, _backward doing nothing, _children as the set _prev, and _op
        raise NotImplementedError("value: Value.__init__")

    def __add__(self, other):
        """Return self + other; the local derivative of a sum is 1 for both sides."""
        # TODO: return self + other as a new Value, with a _backward
        raise NotImplementedError("add-mul: Value.__add__")

    def __mul__(self, other):
        """Return self * other; each side's local derivative is the other side's data."""
        # TODO: return self * other as a new Value, with a _backward
        raise NotImplementedError("add-mul: Value.__mul__")

    def __pow__(self, other):
        """Return self**other for an int or float other; the power rule: n * x**(n-1)."""
        # TODO: return self**other for an int/float other, with a _backward
        raise NotImplementedError("pow: Value.__pow__")

    def relu(self):
        """Return max(0, self); its slope is 1 where the input is positive, else 0."""
        # TODO: return relu(self) as a new Value, with a _backward
        raise NotImplementedError("relu: Value.relu")

    def backward(self):
        """Fill in grad for every node in the graph: topological sort, then the chain rule in reverse."""
        # TODO: sort the graph topologically, seed self.grad = 1, call each _backward in reverse
        raise NotImplementedError("backward: Value.backward")

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
        """Return other - self, for a number on the left."""
        # TODO: return other - self
        raise NotImplementedError("derived-ops: Value.__rsub__")

    def __rmul__(self, other):  # other * self
        """Return other * self, for a number on the left."""
        # TODO: return other * self
        raise NotImplementedError("derived-ops: Value.__rmul__")

    def __truediv__(self, other):  # self / other
        """Return self / other."""
        # TODO: return self / other
        raise NotImplementedError("derived-ops: Value.__truediv__")

    def __rtruediv__(self, other):  # other / self
        """Return other / self, for a number on the left."""
        # TODO: return other / self
        raise NotImplementedError("derived-ops: Value.__rtruediv__")

    def __repr__(self):
        """Show the data and the gradient: Value(data=2.0, grad=0)."""
        # TODO: return a string such as Value(data=2.0, grad=0)
        raise NotImplementedError("value: Value.__repr__")
