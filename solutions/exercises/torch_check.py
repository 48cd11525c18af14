"""The notebook's last exercise: the same softmax and loss in PyTorch, which should give the same gradient."""


def torch_softmax_nll(logits, label):
    """Return (loss, grads) for a list of float logits and a label, as floats, computed with torch."""
    import torch  # here and not at the top: the rest of the kata does not need torch
    z = torch.tensor(logits, dtype=torch.float64, requires_grad=True)
    loss = -torch.softmax(z, dim=0)[label].log()
    loss.backward()
    return loss.item(), z.grad.tolist()
