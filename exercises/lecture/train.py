"""The loss and the gradient-descent loop that trains a network."""


def sum_squared_error(ypred, ys):
    """Return the sum of (prediction - target)**2 over the examples, as a Value."""
    # TODO: return the sum of squared errors as a Value
    raise NotImplementedError("loss: sum_squared_error")


def train(model, xs, ys, steps=20, lr=0.05):
    """Run plain gradient descent on model; return each step's loss (before its update) as a float."""
    # TODO: loop: forward, loss, zero_grad, backward, update; collect the losses
    raise NotImplementedError("train: train")
