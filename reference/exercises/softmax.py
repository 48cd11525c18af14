"""The reference softmax and negative log likelihood, on whichever Value class the logits are."""
from __future__ import annotations

import math
from typing import Any


def softmax(logits: list[Any]) -> list[Any]:
    shift = max(z.data for z in logits)  # softmax(z) = softmax(z - shift): every exp stays at most 1
    exps = [(z + -shift).exp() for z in logits]
    total = exps[0]
    for e in exps[1:]:
        total = total + e
    return [e / total for e in exps]


def nll(probs: list[Any], label: int) -> Any:
    return -probs[label].log()


def softmax_floats(logits: list[float]) -> list[float]:
    """The softmax in plain floats: what the checks hold the learner's Values to."""
    shift = max(logits)
    exps = [math.exp(z - shift) for z in logits]
    return [e / math.fsum(exps) for e in exps]
