"""Small pieces of English shared by the messages: lists as "a, b and c", counts with their noun."""
from __future__ import annotations

from collections.abc import Sequence


def and_list(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def count(n: int, noun: str, plural: str | None = None) -> str:
    """'1 piece', '3 pieces'."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
