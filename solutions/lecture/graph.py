"""Walk the expression graph and draw it, as the lecture does."""
from graphviz import Digraph


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


def draw_dot(root):
    """Return a graphviz Digraph of root's graph, left to right: a record per Value, a node per op."""
    dot = Digraph(format='svg', graph_attr={'rankdir': 'LR'})  # LR = left to right
    nodes, edges = trace(root)
    for n in nodes:
        uid = str(id(n))
        # a record for every value: its label, data and grad
        dot.node(name=uid, label="{ %s | data %.4f | grad %.4f }" % (n.label, n.data, n.grad), shape='record')
        if n._op:
            # the op that made it, as its own small node, pointing at it
            dot.node(name=uid + n._op, label=n._op)
            dot.edge(uid + n._op, uid)
    for n1, n2 in edges:
        # each child feeds the op node of its parent
        dot.edge(str(id(n1)), str(id(n2)) + n2._op)
    return dot
