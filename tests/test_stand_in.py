"""A syntax error confined to the function that holds it: that function read as a stub, every other line in place."""
from __future__ import annotations

import ast
from pathlib import Path

from micrograd_kata.learner import source
from micrograd_kata.learner.stand_in import confine

ENGINE = '''import math


class Value:
    def __init__(self, data):
        self.data = data

    def a(self):
        return Value(math.exp(self.data)

    def b(self):
        return Value(2 * self.data)


def helper(x):
    return x
'''
NAMES = ("Value.__init__", "Value.a", "Value.b")


def read(text: str) -> source.SourceFile:
    return source.parse(Path("engine.py"), text)


def test_the_broken_function_is_read_as_a_stub_and_every_other_line_stays_put() -> None:
    graded = confine(read(ENGINE), NAMES)
    assert graded.parse_error is None and set(graded.stood_in) == {"Value.a"}
    assert graded.stood_in["Value.a"].line == 9 and "never closed" in graded.stood_in["Value.a"].message
    ast.parse(graded.text)
    assert len(graded.text.splitlines()) == len(ENGINE.splitlines())
    for name in ("Value.__init__", "Value.b", "helper"):
        assert graded.symbols[name] == read(ENGINE.replace("math.exp(self.data)", "math.exp(self.data))")).symbols[name]
    holding = graded.symbol_at(9)
    assert holding is not None and holding.name == "Value.a"  # the learner's lines, not the stub's
    assert graded.syntax_error is None and read(ENGINE).syntax_error == (9, "'(' was never closed")


def test_an_error_reported_on_the_next_function_is_charged_to_the_one_above() -> None:
    """`if x:` with no body at the end of a: Python reports it on b's `def` line."""
    text = ENGINE.replace("        return Value(math.exp(self.data)\n", "        if self.data:\n")
    problem = read(text).parse_error
    assert problem is not None and problem.line == 11
    assert set(confine(read(text), NAMES).stood_in) == {"Value.a"}


def test_two_broken_functions_are_both_stood_in() -> None:
    text = ENGINE.replace("Value(2 * self.data)", "Value(2 * * self.data)")
    assert set(confine(read(text), NAMES).stood_in) == {"Value.a", "Value.b"}


def test_an_error_outside_the_curriculums_functions_is_not_confined() -> None:
    for text in (ENGINE.replace("import math", "import math +"),                      # module level
                 ENGINE.replace("    return x\n", "    return x +\n")):                  # a helper of the learner's
        fixed = text.replace("math.exp(self.data)", "math.exp(self.data))")
        assert confine(read(fixed), NAMES) == read(fixed)
