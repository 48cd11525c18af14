"""Finding 3 of issue 7: the learner's code cannot forge a verdict. It runs in the agent, a process apart from
the checks, the expected values, the reference and the verdicts (tests/adversarial/ has the hostile files;
these are the cases that need a grading of their own: without torch, or looking into the agent itself)."""
from __future__ import annotations

from pathlib import Path

import pytest

from micrograd_kata import grading
from micrograd_kata.curriculum import get
from micrograd_kata.results import Status
from tests.grading_pool import result_of
from tests.test_fault_charging import with_tanh
from tests.test_without_torch import no_torch  # noqa: F401 (a fixture)

# tanh wrong by 0.5, with math.tanh patched to agree: a reference in the same process would compute it too
WRONG_WITH_MATH = """\
        import math
        if not getattr(math, "_kata_patched", False):
            math._kata_patched = True
            real_tanh = math.tanh
            math.tanh = lambda x: real_tanh(x) + 0.5
        out = Value(math.tanh(self.data), (self,), 'tanh')
        def _backward():
            self.grad += (1 - (out.data - 0.5) ** 2) * out.grad
        out._backward = _backward
        return out
"""

# tanh that does nothing right, with float() patched to call every number 0.0: comparisons would all agree
WRONG_WITH_FLOAT = """\
        import builtins
        builtins.float = lambda x=0.0: 0.0
        return Value(0.0, (self,), 'tanh')
"""


@pytest.mark.parametrize("code", [WRONG_WITH_MATH, WRONG_WITH_FLOAT], ids=["math.tanh", "builtins.float"])
def test_patching_math_or_float_does_not_change_the_expected_values(code: str, tmp_path: Path,
                                                                    no_torch: None) -> None:  # noqa: F811
    """Without torch the reference alone says what is right: patched under it, it would agree with a wrong tanh."""
    run = grading.grade(with_tanh(tmp_path / "ws", code), [get("value"), get("add-mul"), get("backward"), get("tanh")],
                        seed=3)
    tanh = result_of(run, "tanh")
    assert tanh.status is Status.FAILED, tanh.message
    assert tanh.message.startswith("wrong value for"), tanh.message


def test_the_agent_holds_nothing_of_the_grader(tmp_path: Path) -> None:
    """What the learner's code finds in its process: none of the grader's modules, and `import micrograd_kata`
    gives a stand-in with nothing in it."""
    probe = """\
        import sys
        grader = sorted(m for m in sys.modules if m.startswith("micrograd_kata") or "pytest" in m or m == "torch")
        import importlib
        compare = importlib.import_module("micrograd_" + "kata.checks.compare")  # past the static check
        raise NotImplementedError(f"found {grader}, {type(compare.ProgramValues).__name__}")
"""
    run = grading.grade(with_tanh(tmp_path / "ws", probe), [get("tanh")], seed=3)
    assert result_of(run, "tanh").message.startswith("still raises NotImplementedError(found [], Unusable)")
