"""`python -m micrograd_kata.cli`: the same as `grade`."""
from micrograd_kata.cli import main

main()
