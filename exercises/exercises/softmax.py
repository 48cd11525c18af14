"""Section 2 of the lecture's exercise notebook: the softmax, and the negative log likelihood loss."""


def softmax(logits):
    """Return the softmax of a list of Values: their exps, each divided by the sum of them all."""
    # TODO: see https://en.wikipedia.org/wiki/Softmax_function; return a list of Values
    raise NotImplementedError("softmax: softmax")


def nll(probs, label):
    """Return the negative log likelihood of the label's probability: the loss of classification."""
    # TODO: return the loss as a Value, so that loss.backward() fills in the grads
    raise NotImplementedError("nll: nll")
