"""The nodes and edges of an expression graph."""


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
