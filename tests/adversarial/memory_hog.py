# ruff: noqa
# mypy: ignore-errors
# status: error
# message: MemoryError: your code used more memory than the limit of 128 MB
# memory: 128
hog = []
while True:
    hog.append([0] * 10_000)
