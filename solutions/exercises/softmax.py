"""Section 2 of the lecture's exercise notebook: the softmax, and the negative log likelihood loss."""


def softmax(logits):
    """Return the softmax of a list of Values: their exps, each divided by the sum of them all."""
    # softmax(z) = softmax(z - max(z)): the shift keeps every exp at most 1, so large logits cannot overflow
    top = max(logit.data for logit in logits)
    counts = [(logit - top).exp() for logit in logits]
    denominator = sum(counts)
    return [count / denominator for count in counts]


def nll(probs, label):
    """Return the negative log likelihood of the label's probability: the loss of classification."""
    return -probs[label].log()
