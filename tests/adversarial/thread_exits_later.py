# ruff: noqa
# mypy: ignore-errors
# status: error
# message: os._exit(9)
import os
import threading
import time
if not getattr(Value, "_started", False):
    Value._started = True
    threading.Thread(target=lambda: (time.sleep(0.5), os._exit(9))).start()
