"""Random expression programs for the checks: nodes used again and again, values kept modest.

Reuse is what catches an `=` where `+=` belongs in a _backward (random_program says how much
is guaranteed); values stay in each op's safe range and within +-LIMIT, so nothing overflows.
"""
from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import count

from micrograd_kata.checks.graphs import Program, Statement
from micrograd_kata.checks.operations import OPS

LIMIT = 20.0  # |value| of any generated node: no overflow, gradients stay readable


def _names() -> Iterator[str]:
    yield from "abcdefghijklmnopqrstuvwxyz"
    for i in count(1):
        yield f"n{i}"


def _operands(rng: random.Random, names: list[str], uses: Counter[str], n: int, anywhere: bool) -> list[str]:
    """Pick n operands, the least used first, so that every node is used again; sometimes twice at once."""
    picked: list[str] = []
    for _ in range(n):
        if picked and rng.random() < 0.3:
            picked.append(rng.choice(picked))  # a * a: the same node in both slots
            continue
        if anywhere:
            picked.append(rng.choice(names))
            continue
        fewest = min(uses[m] + picked.count(m) for m in names)
        picked.append(rng.choice([m for m in names if uses[m] + picked.count(m) == fewest]))
    return picked


def _statement(rng: random.Random, ops: Sequence[str], values: dict[str, float], uses: Counter[str],
               name: str) -> Statement:
    """A random statement whose operands are in the op's safe range and whose value stays modest."""
    for attempt in range(100):
        op_name = rng.choice(ops)
        op = OPS[op_name]
        arity = op.arity or rng.randint(2, 4)
        args = _operands(rng, list(values), uses, arity, anywhere=attempt >= 50)
        k = rng.choice(op.numbers) if op.numbers else None
        x = [values[a] for a in args]
        if op.safe(x, k) and abs(op.value(x, k)) <= LIMIT:
            return Statement(name, op_name, tuple(args), k)
    least = min(values, key=lambda m: uses[m])
    return Statement(name, "add", (least, least))


def random_program(rng: random.Random, ops: Sequence[str], size: int) -> Program:
    """A random program of `size` statements drawn from `ops`, then statements that gather the loose ends.

    Reuse is guaranteed: operands are picked least-used first, and the closing statements
    use every node that is used fewer than twice, so every input and every result but the
    output is used at least twice (by two statements, or twice by one as in `a * a`). The exception,
    forced by counting when `sum` is not among the ops, is the chain of running totals
    `+` builds at the end. Values stay in each op's safe range and within +-LIMIT.
    """
    names = _names()
    values = {next(names): round(rng.choice((-1, 1)) * rng.uniform(0.3, 2.0), 2) for _ in range(rng.randint(2, 3))}
    inputs = tuple(values.items())
    uses: Counter[str] = Counter()
    statements: list[Statement] = []

    def add(s: Statement) -> None:
        statements.append(s)
        uses.update(s.args)
        values[s.name] = OPS[s.op].value([values[a] for a in s.args], s.k)

    for _ in range(size):
        add(_statement(rng, ops, values, uses, next(names)))
    loose = [m for m in values for _ in range(2 - uses[m])]
    if "sum" in ops:
        add(Statement(next(names), "sum", tuple(loose)))
    else:
        total = loose[0]
        for term in loose[1:]:
            add(Statement(next(names), "add", (total, term)))
            total = statements[-1].name
    return Program(inputs, tuple(statements))
