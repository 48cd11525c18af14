"""Walk the expression graph: what draw_dot needs to draw it."""


def trace(root):
    """Return (nodes, edges): every Value reachable from root and the (child, parent) pairs."""
    # TODO: collect every node reachable from root and every (child, parent) edge
    raise NotImplementedError("trace: trace")
