# ruff: noqa
# mypy: ignore-errors
# status: error
# message: died (signal 11)
import sys
sys.setrecursionlimit(10**7)
def deeper(n):
    return list(map(deeper, [n + 1]))
deeper(0)
