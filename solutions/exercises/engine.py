"""Section 2 of the lecture's exercise notebook: the Value operations that the softmax and its loss need."""
import math


class Value:
    """A scalar and its gradient, with the graph of operations that produced it (the notebook's starter code)."""

    def __init__(self, data, _children=(), _op='', label=''):
        """Given: wrap data; grad starts at 0 and _backward does nothing until an op sets it."""
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = set(_children)
        self._op = _op
        self.label = label

    def __repr__(self):
        """Given: show the data, as the lecture does."""
        return f"Value(data={self.data})"

    def __add__(self, other):
        """Given, exactly as in the video: self + other."""
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), '+')

        def _backward():
            self.grad += 1.0 * out.grad
            other.grad += 1.0 * out.grad
        out._backward = _backward
        return out

    def exp(self):
        """Return e**self; the derivative of e**x is e**x itself."""
        out = Value(math.exp(self.data), (self,), 'exp')

        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self):
        """Return the natural log of self; the derivative of log(x) is 1/x."""
        out = Value(math.log(self.data), (self,), 'log')

        def _backward():
            self.grad += (1 / self.data) * out.grad
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

    def __rmul__(self, other):  # other * self
        """Return other * self, for a number on the left: 2 * v."""
        return self * other

    def __pow__(self, other):
        """Return self**other for a number other; the power rule gives the derivative."""
        assert isinstance(other, (int, float)), "only supporting int/float powers for now"
        out = Value(self.data**other, (self,), f'**{other}')

        def _backward():
            self.grad += other * self.data**(other - 1) * out.grad
        out._backward = _backward
        return out

    def __truediv__(self, other):  # self / other
        """Return self / other."""
        return self * other**-1

    def __neg__(self):  # -self
        """Return -self."""
        return self * -1

    def __sub__(self, other):  # self - other
        """Return self - other."""
        return self + (-other)

    def __radd__(self, other):  # other + self
        """Return other + self, for a number on the left: what sum() of Values needs."""
        return self + other

    def backward(self):
        """Given, exactly as in the video: topological sort, then the chain rule from self back to the leaves."""
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
