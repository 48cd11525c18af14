# ruff: noqa
# mypy: ignore-errors
# status: error
# message: your code set a timer
import signal
if not getattr(Value, "_timed", False):
    Value._timed = True
    signal.alarm(3)
