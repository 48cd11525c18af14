# ruff: noqa
# mypy: ignore-errors
# status: passed
# gone: 3112
import os
import time
if not getattr(Value, "_forked", False):
    Value._forked = True
    if os.fork() == 0:
        os.execvp("sleep", ["sleep", "3112"])
