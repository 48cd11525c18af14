"""The records a run is measured against: personal best, best segments, sum of best, gold segments.

Best segments are kept per piece, and per group of pieces first seen passing together: a combined segment
says how long the group took, never how long any one of its pieces took.
"""
from __future__ import annotations

import heapq
from collections.abc import Iterable

from micrograd_kata.speedrun.category import Category
from micrograd_kata.speedrun.timing import Attempt, History, Segment

Best = dict[frozenset[str], float]   # the fastest time seen for a piece (a set of one) or a group of pieces


def personal_best(history: History, category: Category, *, before: int | None = None) -> Attempt | None:
    """The fastest finished attempt of category (among those numbered below `before`, if given)."""
    finished = [a for a in history.of(category)
                if a.final_time is not None and (before is None or a.number < before)]
    return min(finished, key=lambda a: (a.final_time or 0.0, a.number)) if finished else None


def best_segments(history: History, category: Category, *, before: int | None = None) -> Best:
    """The fastest segment for each piece and each group, over every attempt of category, finished or not."""
    best: Best = {}
    for attempt in history.of(category):
        if before is not None and attempt.number >= before:
            continue
        for segment in attempt.segments():
            key = frozenset(segment.pieces)
            best[key] = min(segment.seconds, best.get(key, segment.seconds))
    return best


def best_alone(best: Best) -> dict[str, float]:
    """Each piece's best segment of its own (pieces only ever seen in a group have none)."""
    return {next(iter(group)): t for group, t in best.items() if len(group) == 1}


def best_cover(best: Best, pieces: Iterable[str]) -> float | None:
    """The fastest the pieces were ever done, segment by segment: each piece in exactly one best segment.

    None when some piece was never split. A search over sets of pieces done so far (bit masks), always
    extending by a segment that holds the lowest piece not yet done, so each way is counted once.
    """
    order = list(dict.fromkeys(pieces))
    bit = {p: 1 << i for i, p in enumerate(order)}
    wanted = set(order)
    groups = [(sum(bit[p] for p in g), t) for g, t in best.items() if g <= wanted]
    full = (1 << len(order)) - 1
    cost = {0: 0.0}
    queue = [0]
    while queue:
        done = heapq.heappop(queue)   # masks only grow, so the smallest waiting one is final
        lowest = ~done & (done + 1)
        for group, seconds in groups:
            if group & lowest and not group & done:
                after, total = done | group, cost[done] + seconds
                if after not in cost:
                    heapq.heappush(queue, after)
                if total < cost.get(after, float("inf")):
                    cost[after] = total
    return cost.get(full)


def sum_of_best(history: History, category: Category, pieces: Iterable[str]) -> float | None:
    """The sum of best segments: what a run doing every piece at its best would take; None until each has one."""
    return best_cover(best_segments(history, category), pieces)


def gold_segments(history: History, attempt: Attempt) -> tuple[Segment, ...]:
    """The attempt's segments that beat the best earlier attempts had for the same piece (or pieces)."""
    earlier = best_segments(history, attempt.category, before=attempt.number)
    gold = []
    for segment in attempt.segments():
        previous = best_cover(earlier, segment.pieces)
        if previous is not None and segment.seconds < previous:
            gold.append(segment)
    return tuple(gold)


def deltas(attempt: Attempt, best: Attempt | None) -> dict[str, float]:
    """Each split minus the personal best's split for the same piece (negative: ahead)."""
    if best is None or best.number == attempt.number:
        return {}
    return {p: s - best.splits[p] for p, s in attempt.splits.items() if p in best.splits}
