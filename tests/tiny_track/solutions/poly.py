"""A polynomial of a Num."""


def poly(n):
    """n squared plus one."""
    return n.square().x + 1
