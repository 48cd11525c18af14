"""The grader's own trusted engine: the oracle every piece is checked against.

Written apart from solutions/ and in a different style (an iterative topological
sort, tanh from math.tanh, sub and div with their own backward), so that a slip
in one is not copied into the other. Every method reaches other classes through
its module globals and never uses super(): the grader lends these methods to a
learner's classes when one of the learner's pieces does not pass yet.
"""
