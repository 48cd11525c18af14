"""The reference's polynomial."""


def poly(n):
    return n.square().x + 1.0
