"""The repo track's oracles and numbers: its reference engine against torch, the repository's two tests on the
reference and the solutions, the numpy twin of the demo's training against the pure-Python reference, and the
finish line's picture."""
from __future__ import annotations

import io
import json
import random

import pytest
from rich.console import Console

from micrograd_kata.checks import graphs
from micrograd_kata.checks.compare import program_values, torch_program_values
from micrograd_kata.checks.moons import boundary, make_moons
from micrograd_kata.checks.random_graphs import random_program
from micrograd_kata.checks.repo import check_derived_ops
from micrograd_kata.grading import boundary_views
from micrograd_kata.reference.repo import demo, engine, matrices, nn
from micrograd_kata.results import CheckResult, PieceResult, Run, Status
from micrograd_kata.solutions.repo import engine as solution_engine

REPO_OPS = [op for op in graphs.OPS if op not in ("exp", "tanh")]   # the repository's Value has neither


@pytest.mark.parametrize("Value", [engine.Value, solution_engine.Value], ids=["reference", "solution"])
def test_the_repositorys_own_tests_hold(Value: type) -> None:
    sanity = check_derived_ops._sanity(Value)
    assert sanity == {"y.data": -20.0, "x.grad": 46.0}
    more = check_derived_ops._more_ops(Value)
    for quantity, stated in {"g.data": 24.70408163265306, "a.grad": 138.83381924198252,
                             "b.grad": 645.5772594752186}.items():
        assert abs(more[quantity] - stated) < 1e-6, quantity


def test_the_stepwise_programs_are_the_repositorys_tests() -> None:
    for program, names, stated in ((check_derived_ops.SANITY, ("y", "x"), (-20.0, 46.0)),
                                   (check_derived_ops.MORE_OPS, ("g", "a", "b"),
                                    (24.70408163265306, 138.83381924198252, 645.5772594752186))):
        values = program_values(program, engine.Value)
        got = [values.data[names[0]]] + [values.grad[n] for n in names[1:]]
        assert got == pytest.approx(list(stated), abs=1e-9)


def test_reprs_are_the_repositorys() -> None:
    v = engine.Value(2.0)
    assert repr(v) == "Value(data=2.0, grad=0)"
    assert repr(nn.MLP(2, [2, 1])) == "MLP of [Layer of [ReLUNeuron(2), ReLUNeuron(2)], Layer of [LinearNeuron(2)]]"


def test_reference_engine_agrees_with_torch_on_random_graphs() -> None:
    torch = pytest.importorskip("torch")
    rng = random.Random("repo reference")
    for _ in range(300):
        program = random_program(rng, REPO_OPS, rng.randint(2, 6))
        ours, theirs = program_values(program, engine.Value), torch_program_values(program, torch)
        for name in program.names:
            assert ours.data[name] == pytest.approx(theirs.data[name], rel=1e-12, abs=1e-12)
            assert ours.grad[name] == pytest.approx(theirs.grad[name], rel=1e-12, abs=1e-12)


def test_reference_network_agrees_with_torch() -> None:
    torch = pytest.importorskip("torch")
    random.seed(4)
    model = nn.MLP(3, [5, 4, 1])
    values = [random.uniform(-1, 1) for _ in model.parameters()]
    for p, v in zip(model.parameters(), values):
        p.data = v
    xs = [[random.uniform(-2, 2) for _ in range(3)] for _ in range(6)]
    total = sum(model(x) for x in xs)
    total.backward()
    params = [torch.tensor(W, dtype=torch.float64, requires_grad=True) for W, b in matrices.unpack(3, [5, 4, 1], values)
              for W in (W, b)]
    h = torch.tensor(xs, dtype=torch.float64)
    for i in range(3):
        h = h @ params[2 * i].T + params[2 * i + 1]
        h = torch.relu(h) if i < 2 else h
    h.sum().backward()
    assert float(total.data) == pytest.approx(h.sum().item(), abs=1e-12)
    grads = matrices.pack([(params[2 * i].grad.numpy(), params[2 * i + 1].grad.numpy()) for i in range(3)])
    assert [p.grad for p in model.parameters()] == pytest.approx(grads, abs=1e-12)


@pytest.mark.parametrize("seed, nouts, points, steps", [(0, [6, 5, 1], 30, 20), (1, [8, 8, 1], 20, 15),
                                                         (2, [4, 1], 12, 10)])
def test_the_numpy_twin_trains_as_the_reference(seed: int, nouts: list[int], points: int, steps: int) -> None:
    data = make_moons(points, noise=0.1, seed=seed)
    random.seed(seed)
    model = nn.MLP(2, nouts)
    values = [float(p.data) for p in model.parameters()]
    training = matrices.train(2, nouts, values, data.X, data.y, steps)
    expected = demo.train(model, data.X, data.y, steps=steps)
    assert [loss for loss, _ in training.history] == pytest.approx([loss for loss, _ in expected], abs=1e-12)
    for (_, ours), (_, theirs), unsure in zip(training.history, expected, training.unsure):
        assert abs(ours - theirs) <= unsure / points   # the same, but for scores within rounding of 0
    assert training.after == pytest.approx([p.data for p in model.parameters()], abs=1e-12)


def test_the_finish_line_draws_the_points_over_the_two_regions() -> None:
    data = make_moons(30, noise=0.1, seed=5)
    picture = boundary(lambda x, y: y - 0.25, data, title="a straight line")   # +1 above y = 0.25
    assert picture.signs[0] == "+" * 40 and picture.signs[-1] == "-" * 40
    check = CheckResult("check_learns_the_moons", Status.PASSED, 1.0, None, picture)
    result = PieceResult("train", Status.PASSED, (check,))
    assert PieceResult.from_dict(json.loads(json.dumps(result.to_dict()))) == result   # as it crosses the pipe
    run = Run((result,), seed=1)
    console = Console(file=io.StringIO(), width=80)
    console.print(*boundary_views.finish_line(run))
    text = console.file.getvalue()   # type: ignore[attr-defined]
    lines = text.splitlines()
    assert lines[0] == "a straight line" and "░" * 10 in lines[1] and " " * 10 in lines[12]
    assert "o" in text and "x" in text and "label +1" in lines[13] and "grade demo" in text
    assert boundary_views.finish_line(Run((PieceResult("train", Status.PASSED, (CheckResult("c", Status.PASSED),)),),
                                          seed=1)) == []
