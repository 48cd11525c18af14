"""Reading a drawing back from its DOT source: the nodes with their attributes, the edges, the graph's attributes.

Enough of the DOT language for what the graphviz package writes (node, edge and attribute statements, plain
and quoted ids, subgraphs flattened into the graph), so that draw_dot is graded without the `dot` program.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

TOKEN = re.compile(r"""
    (?P<space>\s+|//[^\n]*|/\*.*?\*/|^\#[^\n]*)
  | (?P<quoted>"(?:\\.|[^"\\])*")
  | (?P<html><(?:[^<>]|<[^<>]*>)*>)
  | (?P<edge>->|--)
  | (?P<id>[A-Za-z_\x80-\uffff][\w\x80-\uffff]*|-?(?:\.\d+|\d+(?:\.\d*)?))
  | (?P<punct>[{}\[\];,=:+])
""", re.VERBOSE | re.DOTALL | re.MULTILINE)
KEYWORDS = {"graph", "digraph", "subgraph", "node", "edge", "strict"}


class DotError(ValueError):
    """The source is not DOT that this reader understands."""


@dataclass(frozen=True)
class Token:
    kind: str    # 'id' (plain, quoted or html: its text unquoted), 'keyword', 'edge' or the punctuation itself
    text: str


@dataclass
class Dot:
    """A drawing as its source says: node name -> attributes, edges (tail, head) in order, the graph's attributes."""

    nodes: dict[str, dict[str, str]] = field(default_factory=dict)
    edges: list[tuple[str, str]] = field(default_factory=list)
    graph: dict[str, str] = field(default_factory=dict)

    def label(self, node: str) -> str:
        """The text graphviz shows for a node: its label, else its name."""
        return self.nodes[node].get("label", "\\N").replace("\\N", node)


def tokens(source: str) -> list[Token]:
    found, at = [], 0
    while at < len(source):
        match = TOKEN.match(source, at)
        if match is None:
            raise DotError(f"unexpected {source[at:at + 20]!r} at character {at}")
        at, kind, text = match.end(), match.lastgroup or "", match.group()
        if kind == "quoted":
            found.append(Token("id", re.sub(r'\\(["\n])', lambda m: m.group(1) if m.group(1) == '"' else "", text[1:-1])))
        elif kind == "html":
            found.append(Token("id", text[1:-1]))
        elif kind == "id":
            found.append(Token("keyword" if text.lower() in KEYWORDS else "id", text.lower() if text.lower() in KEYWORDS else text))
        elif kind != "space":
            found.append(Token(kind if kind == "edge" else text, text))
    return found


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens, self.at = tokens(source), 0
        self.dot = Dot()
        self.node_defaults: dict[str, str] = {}

    def peek(self, ahead: int = 0) -> Token | None:
        return self.tokens[self.at + ahead] if self.at + ahead < len(self.tokens) else None

    def take(self, kind: str | None = None) -> Token:
        token = self.peek()
        if token is None or (kind is not None and token.kind != kind):
            raise DotError(f"expected {kind or 'more'}, found {token.text if token else 'the end'}")
        self.at += 1
        return token

    def accept(self, kind: str, text: str | None = None) -> bool:
        token = self.peek()
        if token is not None and token.kind == kind and (text is None or token.text == text):
            self.at += 1
            return True
        return False

    def graph(self) -> Dot:
        self.accept("keyword", "strict")
        if not (self.accept("keyword", "digraph") or self.accept("keyword", "graph")):
            raise DotError("the source does not start with `digraph {`")
        self.accept("id")
        self.block()
        if self.peek() is not None:
            raise DotError(f"unexpected {self.take().text!r} after the closing brace")
        return self.dot

    def block(self) -> list[str]:
        """`{ statements }`; returns the nodes named inside, for an edge to a subgraph."""
        self.take("{")
        named: list[str] = []
        while not self.accept("}"):
            named += self.statement()
            self.accept(";")
        return named

    def attributes(self) -> dict[str, str]:
        found: dict[str, str] = {}
        while self.accept("["):
            while not self.accept("]"):
                key = self.take("id").text
                self.take("=")
                found[key] = self.take("id").text
                self.accept(",") or self.accept(";")
        return found

    def operand(self) -> list[str]:
        """A node id (its port dropped), or a subgraph: the nodes it stands for."""
        token = self.peek()
        if token is not None and (token.text == "{" or (token.kind, token.text) == ("keyword", "subgraph")):
            self.accept("keyword", "subgraph")
            self.accept("id")
            return self.block()
        name = self.take("id").text
        while self.accept(":"):
            self.take("id")
        self.add_node(name, {})
        return [name]

    def add_node(self, name: str, attributes: dict[str, str]) -> None:
        self.dot.nodes.setdefault(name, dict(self.node_defaults)).update(attributes)

    def statement(self) -> list[str]:
        token = self.peek()
        if token is not None and token.kind == "keyword" and token.text in ("graph", "node", "edge"):
            self.take()
            attributes = self.attributes()
            if token.text == "graph":
                self.dot.graph.update(attributes)
            elif token.text == "node":
                self.node_defaults.update(attributes)
            return []
        nxt = self.peek(1)
        if token is not None and token.kind == "id" and nxt is not None and nxt.kind == "=":
            self.at += 2
            self.dot.graph[token.text] = self.take("id").text
            return []
        ends = [self.operand()]
        while self.accept("edge"):
            ends.append(self.operand())
        attributes = self.attributes()
        if len(ends) == 1:
            for name in ends[0]:
                self.add_node(name, attributes)
        for tails, heads in zip(ends, ends[1:]):
            self.dot.edges += [(tail, head) for tail in tails for head in heads]
        return [name for end in ends for name in end]


def parse(source: str) -> Dot:
    """The drawing a DOT source describes; raises DotError where it cannot be read."""
    return _Parser(source).graph()
