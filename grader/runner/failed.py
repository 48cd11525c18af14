"""The grader's own failure, apart from the runner that raises it, so that a command can catch it without loading
the runner (runner/supervisor.py) before it grades anything."""
from __future__ import annotations


class WorkerFailed(Exception):
    """The grader itself failed, not the learner's code: its worker, its checks, or its reference engine."""

    def __init__(self, message: str, diagnostics: str = "") -> None:
        super().__init__(message + (f"\n{diagnostics.strip()[-3000:]}" if diagnostics.strip() else ""))
