"""micrograd's engine: a scalar Value that remembers how it was made, then backpropagates."""


class Value:
    """Stores a single scalar value and its gradient."""

    def __init__(self, data, _children=(), _op=''):
        """Wrap data; grad starts at 0 and _backward does nothing until an op sets it."""
        self.data = data
        self.grad = 0
        # internal variables used for autograd graph construction
        self._backward = lambda: None
        self._prev = set(_children)
        self._op = _op  # the op that produced this node, for graphviz / debugging / etc

    def __add__(self, other):
        """Return self + other; the local derivative of a sum is 1 for both sides."""
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), '+')

        def _backward():
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

    def __pow__(self, other):
        """Return self**other for an int or float other; the power rule: n * x**(n-1)."""
        assert isinstance(other, (int, float)), "only supporting int/float powers for now"
        out = Value(self.data**other, (self,), f'**{other}')

        def _backward():
            self.grad += (other * self.data**(other-1)) * out.grad
        out._backward = _backward

        return out

    def relu(self):
        """Return max(0, self); its slope is 1 where the input is positive, else 0."""
        out = Value(0 if self.data < 0 else self.data, (self,), 'ReLU')

        def _backward():
            self.grad += (out.data > 0) * out.grad
        out._backward = _backward

        return out

    def backward(self):
        """Fill in grad for every node in the graph: topological sort, then the chain rule in reverse."""
        # topological order all of the children in the graph
        topo = []
        visited = set()

        def build_topo(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build_topo(child)
                topo.append(v)
        build_topo(self)

        # go one variable at a time and apply the chain rule to get its gradient
        self.grad = 1
        for v in reversed(topo):
            v._backward()

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
        """Return other - self, for a number on the left."""
        return other + (-self)

    def __rmul__(self, other):  # other * self
        """Return other * self, for a number on the left."""
        return self * other

    def __truediv__(self, other):  # self / other
        """Return self / other."""
        return self * other**-1

    def __rtruediv__(self, other):  # other / self
        """Return other / self, for a number on the left."""
        return other * self**-1

    def __repr__(self):
        """Show the data and the gradient: Value(data=2.0, grad=0)."""
        return f"Value(data={self.data}, grad={self.grad})"
