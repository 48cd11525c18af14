# ruff: noqa
# mypy: ignore-errors
# status: passed
# kept: engine.py
# note: your code wrote notes.txt while it was graded, in the copy of your files it ran on
import os
with open(os.path.join(os.path.dirname(__file__), "notes.txt"), "a") as f:
    f.write("tanh ran\n")
with open(__file__, "a") as f:
    f.write("# and here\n")
