"""One grading in child processes: the supervisor in the grader, the worker that runs the checks beside the learner's code."""
