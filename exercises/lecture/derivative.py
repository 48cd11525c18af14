"""The slope of a function, found numerically: where the lecture starts."""


def derivative(f, x, h=0.0001):
    """Return the numerical slope of f at x: rise over run for a small step h."""
    # TODO: return the slope of f at x over a small step h
    raise NotImplementedError("derivative: derivative")
