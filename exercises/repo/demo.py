"""micrograd's demo: an SVM max-margin loss and gradient descent that learn the two moons."""
from .engine import Value


def loss(model, X, y, alpha=1e-4):
    """Return (total_loss, accuracy): the mean max-margin loss plus alpha * sum(p*p), and the share of points
    whose score has the sign of their label."""
    # TODO: score every point, take the max-margin loss plus alpha * sum(p*p), and the accuracy
    raise NotImplementedError("loss: loss")


def train(model, X, y, steps=100):
    """Full-batch gradient descent with a learning rate falling from 1.0 to 0.1; each step's (loss, accuracy)
    as floats, measured before that step's update."""
    # TODO: loop: loss, zero_grad, backward, update with the decaying lr; record (loss, accuracy) floats
    raise NotImplementedError("train: train")
