"""The loss and the gradient-descent loop that trains a network."""


def sum_squared_error(ypred, ys):
    """Return the sum of (prediction - target)**2 over the examples, as a Value."""
    return sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))


def train(model, xs, ys, steps=20, lr=0.05):
    """Run plain gradient descent on model; return each step's loss (before its update) as a float."""
    losses = []
    for k in range(steps):
        # forward pass
        ypred = [model(x) for x in xs]
        loss = sum_squared_error(ypred, ys)

        # backward pass
        model.zero_grad()
        loss.backward()

        # update
        for p in model.parameters():
            p.data -= lr * p.grad

        losses.append(loss.data)
    return losses
