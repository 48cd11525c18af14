# ruff: noqa
# mypy: ignore-errors
# status: passed
# gone: sleep 3111
import subprocess
if not getattr(Value, "_spawned", False):
    Value._spawned = True
    for _ in range(50):
        subprocess.Popen(["sleep", "3111"])
