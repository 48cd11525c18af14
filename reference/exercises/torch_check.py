"""The reference for the notebook's last exercise: the loss and its gradient with torch, in float64."""
from __future__ import annotations


def torch_softmax_nll(logits: list[float], label: int) -> tuple[float, list[float]]:
    import torch
    z = torch.tensor(logits, dtype=torch.float64, requires_grad=True)
    loss = -torch.log_softmax(z, dim=0)[label]
    loss.backward()
    assert z.grad is not None
    return loss.item(), z.grad.tolist()
