"""`python -m grader.cli`: the same as `grade`."""
from grader.cli import main

main()
