"""The expression graphs that the engine's pieces are graded on, the same in every track whose Value has these ops
(the lecture's and the repository's): a + b and a * b, powers, and the graphs on which backward()'s order shows."""
from __future__ import annotations

from micrograd_kata.checks.graphs import program

# The lecture's own graph: L = (a*b + c) * f
LECTURE = program({"a": 2.0, "b": -3.0, "c": 10.0, "f": -2.0}, "e = a * b", "d = e + c", "L = d * f")

ADD_MUL = [
    program({"a": 2.0, "b": -3.0}, "c = a + b"),
    program({"a": 2.0, "b": -3.0}, "c = a * b"),
    program({"a": 2.0}, "c = a + 2.5"),
    program({"a": 2.0}, "c = a * 3"),
    LECTURE,
]

# Each graph reuses a node so that an `=` where `+=` belongs fails on every run, whatever order
# the set _prev iterates in: in `a + a` both operands write into a; after `c = a + b; d = c * a`
# d's _backward always adds into a before c's _backward runs and would overwrite it.
ADD_MUL_REUSE = [
    program({"a": 3.0}, "b = a + a"),
    program({"a": -3.0}, "b = a * a"),
    program({"a": 2.0, "b": -3.0}, "c = a + b", "d = c * a"),
    program({"a": 2.0, "b": -3.0}, "c = b + a", "d = c * a"),
    program({"a": 2.0, "b": -3.0}, "c = a * b", "d = c + a"),
    program({"a": 2.0, "b": -3.0}, "c = b * a", "d = c + a"),
    program({"a": 1.5}, "c = a + 2.5", "d = c * a"),
    program({"a": 1.5}, "c = a * 2", "d = c + a"),
    program({"a": 2.0, "b": -1.5}, "c = a * b", "d = c + a", "e = c * d"),  # a diamond below e
]

# negative bases only with whole powers; fractional powers of positive numbers
POWERS = [program({"a": a}, f"p = a ** {k}")
          for a, k in ((-1.5, 2), (-2.0, 3), (4.0, -1), (-0.5, -2), (2.25, 0.5), (4.0, 1.5), (4.0, -0.5))]

# the power feeds another op, so its grad is not 1: a _backward without `* out.grad` shows, with nothing reused
POWER_CHAIN = [program({"a": -1.5}, "p = a ** 2", "q = p * 3")]

# the base is used again above the power, so an `=` in __pow__'s _backward overwrites on every run
POWER_REUSE = [
    program({"a": -1.5}, "p = a ** 2", "q = p * a"),
    program({"a": 2.0}, "p = a ** -1", "q = p + a"),
    program({"a": 1.5, "b": 0.5}, "c = a * b", "p = c ** 3", "q = p * c"),
]

# Graphs on which a wrong order fails on every run, whatever order the set _prev iterates in.
BACKWARD_ORDER = [
    LECTURE,  # depth 3: walking the topological list without reversing it runs L's _backward last
    # x is reached from w directly and through z and y: breadth-first visits x before y, whose
    # _backward still has to add into x; without a visited set x is ordered twice
    program({"a": 2.0, "b": -1.0, "c": 1.5}, "x = a * b", "y = x + c", "z = y * c", "w = x * z"),
    # x is shared by p and q: without a visited set its _backward runs twice
    program({"a": 2.0, "b": -1.0, "c": 1.5}, "x = a * b", "p = x + c", "q = x * c", "r = p * q"),
]
