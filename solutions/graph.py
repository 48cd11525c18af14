"""Walk the expression graph: what draw_dot needs to draw it."""


def trace(root):
    """Return (nodes, edges): every Value reachable from root and the (child, parent) pairs."""
    nodes, edges = set(), set()

    def build(v):
        if v not in nodes:
            nodes.add(v)
            for child in v._prev:
                edges.add((child, v))
                build(child)
    build(root)
    return nodes, edges
