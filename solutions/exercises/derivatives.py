"""Section 1 of the lecture's exercise notebook: the gradient of f, by hand and numerically."""
import math


def f(a, b, c):
    """A mathematical expression that takes 3 inputs and produces one output (given)."""
    return -a**3 + math.sin(3*b) - 1.0/c + b**2.5 - a**0.5


def gradf(a, b, c):
    """Return the analytical gradient of f at (a, b, c): [df/da, df/db, df/dc], worked out by hand."""
    df_da = -3*a**2 - 0.5*a**-0.5
    df_db = 3*math.cos(3*b) + 2.5*b**1.5
    df_dc = 1.0/c**2
    return [df_da, df_db, df_dc]


def numerical_grad(f, a, b, c, h):
    """Estimate the gradient of f at (a, b, c) without calculus: nudge each input forward by h, rise over run."""
    y = f(a, b, c)
    return [(f(a + h, b, c) - y) / h, (f(a, b + h, c) - y) / h, (f(a, b, c + h) - y) / h]


def symmetric_grad(f, a, b, c, h):
    """Estimate the gradient of f at (a, b, c) with the symmetric difference: a step of h to each side."""
    # the error of (f(x+h) - f(x-h)) / 2h shrinks with h**2, the forward difference's only with h
    return [(f(a + h, b, c) - f(a - h, b, c)) / (2*h),
            (f(a, b + h, c) - f(a, b - h, c)) / (2*h),
            (f(a, b, c + h) - f(a, b, c - h)) / (2*h)]
