"""The reference engine, the grader's oracle, agrees with torch (float64) on every value and every gradient:
thousands of random graphs of every op, then the cases that are easy to get wrong."""
from __future__ import annotations

import random
from collections import Counter

import pytest

from micrograd_kata.checks import graphs
from micrograd_kata.checks.compare import program_values, torch_program_values
from micrograd_kata.checks.graphs import Program, Statement, program
from micrograd_kata.checks.random_graphs import random_program
from micrograd_kata.reference.engine import Value

torch = pytest.importorskip("torch")

# far tighter than the checks' 1e-6: the two compute the same float64 maths, summed in a different order
RELATIVE = ABSOLUTE = 1e-12
EVERY_OP = list(graphs.OPS)


def agree(ours: float, theirs: float) -> bool:
    return abs(ours - theirs) <= ABSOLUTE + RELATIVE * abs(theirs)


def expect_agrees(graph: Program, backward_calls: int = 1) -> None:
    """Every node's data and grad, as the reference computes them and as torch does."""
    ours, theirs = program_values(graph, Value, backward_calls), torch_program_values(graph, torch, backward_calls)
    # after two backward() calls only the leaves compare: torch also accumulates into the output's grad
    names = [name for name, _ in graph.inputs] if backward_calls > 1 else graph.names
    text = "\n".join(graph.render(backward_calls))
    for name in names:
        assert agree(ours.data[name], theirs.data[name]), f"{name}.data: {ours.data[name]!r} vs torch " \
                                                          f"{theirs.data[name]!r} in\n{text}"
        assert agree(ours.grad[name], theirs.grad[name]), f"{name}.grad: {ours.grad[name]!r} vs torch " \
                                                          f"{theirs.grad[name]!r} in\n{text}"


def random_programs(name: str, ops: list[str], count: int, sizes: tuple[int, int]) -> list[Program]:
    rng = random.Random(f"reference:{name}")
    return [random_program(rng, ops, rng.randint(*sizes)) for _ in range(count)]


def test_random_graphs_of_every_op() -> None:
    programs = random_programs("every op", EVERY_OP, 2500, (1, 10))
    used = Counter(s.op for p in programs for s in p.statements)
    assert set(used) == set(EVERY_OP), f"ops never generated: {set(EVERY_OP) - set(used)}"
    # log takes positive operands only, so about half the nodes cannot feed it: it is drawn less often
    assert min(n for op, n in used.items() if op != "log") >= 500 and used["log"] >= 350, used
    for graph in programs:
        expect_agrees(graph)


@pytest.mark.parametrize("op", EVERY_OP)
def test_random_graphs_of_one_op(op: str) -> None:
    """One op, with + and * around it to reuse its result: 150 graphs each."""
    programs = random_programs(op, [op, op, "add", "mul"], 150, (2, 8))
    assert any(s.op == op for p in programs for s in p.statements)
    for graph in programs:
        expect_agrees(graph)


def one_op_programs(count: int) -> list[Program]:
    """`out = op(leaves)` for every op but sum (0 + a + b: an inner node), sometimes with one leaf in every slot."""
    rng, found = random.Random("reference:one op"), list[Program]()
    for name, op in graphs.OPS.items():
        if name == "sum":
            continue
        while sum(s.op == name for p in found for s in p.statements) < count:
            n = op.arity or rng.randint(2, 4)
            values = {chr(ord("a") + i): round(rng.choice((-1, 1)) * rng.uniform(0.3, 2.0), 2) for i in range(n)}
            args = tuple(values) if rng.random() < 0.7 else ("a",) * n
            k = rng.choice(op.numbers) if op.numbers else None
            if op.safe([values[a] for a in args], k):
                found.append(Program(tuple((a, values[a]) for a in dict.fromkeys(args)), (Statement("out", name, args, k),)))
    return found


def test_backward_twice_accumulates_as_torch_does() -> None:
    """Grads accumulate across backward() calls. Like micrograd, the reference also keeps the grads of inner nodes,
    so a second call matches torch only where no inner node sits between the output and the leaves."""
    for graph in one_op_programs(20):
        expect_agrees(graph, backward_calls=2)


TARGETED = {
    "relu at 0": program({"a": 0.0}, "r = a.relu()"),
    "relu of a computed 0": program({"a": 2.0}, "c = a + -2.0", "r = c.relu()", "s = r * a"),
    "relu of a negative": program({"a": -1.5}, "r = a.relu()", "s = r + a"),
    "square root": program({"a": 2.25}, "p = a ** 0.5"),
    "power 1.5": program({"a": 4.0}, "p = a ** 1.5"),
    "power -0.5": program({"a": 4.0}, "p = a ** -0.5"),
    "power -1 of a negative": program({"a": -0.5}, "p = a ** -1"),
    "power -2 of a negative": program({"a": -0.5}, "p = a ** -2"),
    "cube of a negative": program({"a": -2.0}, "p = a ** 3"),
    "number + a": program({"a": -1.5}, "c = 2.5 + a"),
    "number - a": program({"a": -1.5}, "c = 3 - a"),
    "number * a": program({"a": -1.5}, "c = 2 * a"),
    "number / a": program({"a": -1.5}, "c = 2 / a"),
    "a + number": program({"a": -1.5}, "c = a + 2.5"),
    "a - number": program({"a": -1.5}, "c = a - 2.5"),
    "a * number": program({"a": -1.5}, "c = a * 2"),
    "a / number": program({"a": -1.5}, "c = a / 4"),
    "sum of Values": program({"a": 2.0, "b": -3.0, "c": 0.5}, "s = sum([a, b, c])"),
    "sum with a Value twice": program({"a": 2.0, "b": -3.0}, "s = sum([a, a, b])", "t = s * b"),
    "sum of one Value": program({"a": 2.0}, "s = sum([a])"),
    "a + a": program({"a": 3.0}, "b = a + a"),
    "a * a": program({"a": -3.0}, "b = a * a"),
    "a - a": program({"a": 2.0}, "c = a - a"),
    "a / a": program({"a": 2.0}, "c = a / a"),
    "diamond": program({"a": 2.0, "b": -1.0, "c": 1.5}, "x = a * b", "y = x + c", "z = y * c", "w = x * z"),
    "shared by two users": program({"a": 2.0, "b": -1.0, "c": 1.5}, "x = a * b", "p = x + c", "q = x * c",
                                   "r = p * q"),
    "the lecture's neuron": program({"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432},
                                    "x1w1 = x1 * w1", "x2w2 = x2 * w2", "x1w1x2w2 = x1w1 + x2w2",
                                    "n = x1w1x2w2 + b", "o = n.tanh()"),
    "tanh far out": program({"a": -19.0}, "t = a.tanh()", "u = t * a"),
    "exp reused": program({"a": 0.3}, "e = a.exp()", "f = e.exp()", "g = f * e"),
}


@pytest.mark.parametrize("graph", TARGETED.values(), ids=TARGETED.keys())
def test_targeted_cases(graph: Program) -> None:
    expect_agrees(graph)


def test_relu_gradient_at_zero_is_zero() -> None:
    """As torch: the gradient of relu at exactly 0 is 0, also when the 0 is computed."""
    for name, node in (("relu at 0", "a"), ("relu of a computed 0", "c")):
        assert program_values(TARGETED[name], Value).grad[node] == 0.0
