"""Section 1 of the lecture's exercise notebook: the gradient of f, by hand and numerically."""
import math


def f(a, b, c):
    """A mathematical expression that takes 3 inputs and produces one output (given)."""
    return -a**3 + math.sin(3*b) - 1.0/c + b**2.5 - a**0.5


def gradf(a, b, c):
    """Return the analytical gradient of f at (a, b, c): [df/da, df/db, df/dc], worked out by hand."""
    # TODO: take the derivative of f with respect to each input, then implement the formulas
    raise NotImplementedError("gradf: gradf")


def numerical_grad(f, a, b, c, h):
    """Estimate the gradient of f at (a, b, c) without calculus: nudge each input forward by h, rise over run."""
    # TODO: the approximation of the video, for each input in turn; do not call gradf
    raise NotImplementedError("numerical-grad: numerical_grad")


def symmetric_grad(f, a, b, c, h):
    """Estimate the gradient of f at (a, b, c) with the symmetric difference: a step of h to each side."""
    # TODO: see https://en.wikipedia.org/wiki/Symmetric_derivative
    raise NotImplementedError("symmetric-grad: symmetric_grad")
