"""Walk the expression graph and draw it, as the lecture does."""
from graphviz import Digraph


def trace(root):
    """Return (nodes, edges): every Value reachable from root and the (child, parent) pairs."""
    # TODO: collect every node reachable from root and every (child, parent) edge
    raise NotImplementedError("trace: trace")


def draw_dot(root):
    """Return a graphviz Digraph of root's graph, left to right: a record per Value, a node per op."""
    # TODO: a record node per Value and a node per op, wired child -> op -> result, with rankdir LR
    raise NotImplementedError("draw-dot: draw_dot")
