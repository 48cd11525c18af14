"""The nodes and edges of an expression graph, and its drawing."""
from graphviz import Digraph


def trace(root):
    """Return (nodes, edges) reachable from root, edges as (child, parent)."""
    nodes, edges, todo = set(), set(), [root]
    while todo:
        v = todo.pop()
        if v in nodes:
            continue
        nodes.add(v)
        for child in v._prev:
            edges.add((child, v))
            todo.append(child)
    return nodes, edges


def draw_dot(root):
    """A Digraph of root's graph, left to right: a record per Value, and an op node between children and result."""
    nodes, edges = trace(root)
    name = {id(v): f"v{i}" for i, v in enumerate(nodes)}
    dot = Digraph()
    dot.attr(rankdir="LR")
    for v in nodes:
        dot.node(name[id(v)], f"{{ {v.label} | data {v.data:.4f} | grad {v.grad:.4f} }}", shape="record")
        if v._op:
            dot.node(f"{name[id(v)]}op", v._op)
            dot.edge(f"{name[id(v)]}op", name[id(v)])
    for child, parent in edges:
        dot.edge(name[id(child)], f"{name[id(parent)]}op")
    return dot
