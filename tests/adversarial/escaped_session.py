# ruff: noqa
# mypy: ignore-errors
# status: passed
# gone: sleep 3113
import subprocess
if not getattr(Value, "_spawned", False):
    Value._spawned = True
    subprocess.Popen(["sleep", "3113"], start_new_session=True)
