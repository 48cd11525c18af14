"""A polynomial of a Num."""


def poly(n):
    """n squared plus one."""
    # TODO: n squared, plus one
    raise NotImplementedError("poly: poly")
