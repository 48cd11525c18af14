"""Numerical slope by central difference."""


def derivative(f, x, h=1e-6):
    """Return (f(x + h) - f(x - h)) / 2h, accurate to O(h**2)."""
    return (f(x + h) - f(x - h)) / (2 * h)
