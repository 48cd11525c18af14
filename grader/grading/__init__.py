"""The grader's side of one grading: a static read, then the checks in child processes, and the views of the results."""
from micrograd_kata.grading.pipeline import DEFAULT_MEMORY, DEFAULT_TIMEOUT, Grader, PassCache, grade, new_seed

__all__ = ["DEFAULT_MEMORY", "DEFAULT_TIMEOUT", "Grader", "PassCache", "grade", "new_seed"]
