"""The reference of the repo track's demo: the SVM max-margin loss with L2 regularisation, and its training loop."""
from .engine import Value


def loss(model, X, y, alpha=1e-4):
    scores = [model([Value(x) for x in row]) for row in X]
    data_loss = sum((1 - yi * s).relu() for yi, s in zip(y, scores)) * (1.0 / len(scores))
    reg_loss = alpha * sum(p * p for p in model.parameters())
    # a score of exactly 0 counts as -1, as in the repository's demo: (yi > 0) == (score > 0)
    accuracy = sum((yi > 0) == (s.data > 0) for yi, s in zip(y, scores)) / len(scores)
    return data_loss + reg_loss, accuracy


def train(model, X, y, steps=100):
    history = []
    for k in range(steps):
        total_loss, accuracy = loss(model, X, y)
        model.zero_grad()
        total_loss.backward()
        lr = 1.0 - 0.9 * k / steps
        for p in model.parameters():
            p.data -= lr * p.grad
        history.append((float(total_loss.data), float(accuracy)))
    return history
