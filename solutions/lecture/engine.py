"""A scalar-valued autograd engine: a Value remembers how it was made, then backpropagates."""
import math


class Value:
    """A scalar and its gradient, with the graph of operations that produced it."""

    def __init__(self, data, _children=(), _op='', label=''):
        """Wrap data; grad starts at 0 and _backward does nothing until an op sets it."""
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = set(_children)
        self._op = _op
        self.label = label

    def __repr__(self):
        """Show the data, as the lecture does: Value(data=2.0)."""
        return f"Value(data={self.data})"

    def __add__(self, other):
        """Return self + other; the local derivative of a sum is 1 for both sides."""
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), '+')

        def _backward():
            # += because a node used twice must collect both contributions
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward

        return out

    def __mul__(self, other):
        """Return self * other; each side's local derivative is the other side's data."""
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), '*')

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward

        return out

    def backward(self):
        """Fill in grad for every node in the graph: topological sort, then the chain rule in reverse."""
        topo = []
        visited = set()

        def build_topo(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build_topo(child)
                topo.append(v)
        build_topo(self)

        self.grad = 1.0
        for node in reversed(topo):
            node._backward()

    def tanh(self):
        """Return tanh(self); d/dx tanh(x) = 1 - tanh(x)**2."""
        x = self.data
        t = (math.exp(2*x) - 1) / (math.exp(2*x) + 1)
        out = Value(t, (self, ), 'tanh')

        def _backward():
            self.grad += (1 - t**2) * out.grad
        out._backward = _backward

        return out

    def exp(self):
        """Return e**self; the derivative of e**x is e**x itself."""
        x = self.data
        out = Value(math.exp(x), (self, ), 'exp')

        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward

        return out

    def __pow__(self, other):
        """Return self**other for a number other; the power rule: n * x**(n-1)."""
        assert isinstance(other, (int, float)), "only supporting int/float powers for now"
        out = Value(self.data**other, (self, ), f'**{other}')

        def _backward():
            self.grad += other * self.data**(other - 1) * out.grad
        out._backward = _backward

        return out

    def __neg__(self):  # -self
        """Return -self."""
        return self * -1

    def __radd__(self, other):  # other + self
        """Return other + self, for a number on the left (and sum())."""
        return self + other

    def __sub__(self, other):  # self - other
        """Return self - other."""
        return self + (-other)

    def __rsub__(self, other):  # other - self
        """Return other - self."""
        return other + (-self)

    def __rmul__(self, other):  # other * self
        """Return other * self."""
        return self * other

    def __truediv__(self, other):  # self / other
        """Return self / other, as self * other**-1."""
        return self * other**-1

    def __rtruediv__(self, other):  # other / self
        """Return other / self."""
        return other * self**-1

    def relu(self):
        """Return max(0, self); the gradient is 1 where the output is positive, else 0."""
        out = Value(0 if self.data < 0 else self.data, (self, ), 'ReLU')

        def _backward():
            self.grad += (out.data > 0) * out.grad
        out._backward = _backward

        return out
