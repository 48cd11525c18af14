"""The micrograd kata grader: checks each piece of a learner's workspace against the reference engine and PyTorch."""
