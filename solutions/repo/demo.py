"""micrograd's demo: an SVM max-margin loss and gradient descent that learn the two moons."""
from .engine import Value


def loss(model, X, y, alpha=1e-4):
    """Return (total_loss, accuracy): the mean max-margin loss plus alpha * sum(p*p), and the share of points
    whose score has the sign of their label."""
    inputs = [list(map(Value, xrow)) for xrow in X]
    scores = list(map(model, inputs))

    # svm "max-margin" loss
    losses = [(1 + -yi*scorei).relu() for yi, scorei in zip(y, scores)]
    data_loss = sum(losses) * (1.0 / len(losses))
    # L2 regularization
    reg_loss = alpha * sum(p*p for p in model.parameters())
    total_loss = data_loss + reg_loss

    # also get accuracy
    accuracy = [(yi > 0) == (scorei.data > 0) for yi, scorei in zip(y, scores)]
    return total_loss, sum(accuracy) / len(accuracy)


def train(model, X, y, steps=100):
    """Full-batch gradient descent with a learning rate falling from 1.0 to 0.1; each step's (loss, accuracy)
    as floats, measured before that step's update."""
    history = []
    for k in range(steps):
        # forward
        total_loss, acc = loss(model, X, y)

        # backward
        model.zero_grad()
        total_loss.backward()

        # update (sgd)
        learning_rate = 1.0 - 0.9*k/steps
        for p in model.parameters():
            p.data -= learning_rate * p.grad

        history.append((float(total_loss.data), float(acc)))
    return history
