"""How ``edz diff`` pairs the facts of two records: by value, then place, near-linearly.

Facts of a kind are paired in three stages, closest first: the same normalized value and the
same surface text; the same value written differently; what is left at the same place (the span
in A, carried over to B through the alignment of the texts, overlaps the fact in B). Inside a
stage facts are bucketed by key and paired by position, comparing only neighbours on the line.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Container, Sequence
from typing import Any

from pydantic import BaseModel

from extractor.diff_align import Alignment

# The normalized value a fact is matched on first. An entity's name is its
# canonical name, or its text when it has none (so "TEDA" with canonical
# "Tianjin Economic..." matches the long name written out).
_KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "money": ("amount", "currency", "low", "high"),
    "percentages": ("value", "unit"),
    "years": ("value",),
    "counts": ("value", "noun"),
    "entities": ("canonical", "label"),
}


def _fact_key(kind: str, fact: BaseModel, ignore: Container[str]) -> tuple[Any, ...]:
    key = []
    for name in _KEY_FIELDS[kind]:
        if f"{kind}.{name}" in ignore:
            continue
        value = getattr(fact, name)
        if kind == "entities" and name == "canonical" and value is None:
            value = None if "entities.text" in ignore else fact.text  # type: ignore[attr-defined]
        key.append(value)
    return tuple(key)


def closest_pairs(
    points_a: Sequence[tuple[int, int]], points_b: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Pair ``(position, index)`` points of A with points of B, closest first
    (ties by A index, then B index), each point at most once; ``(i, j)`` pairs.

    The closest pair left is always two neighbours on the line once paired
    points are taken out, so only neighbours are ever compared: O(n log n),
    not the n x m of every pair.
    """
    line = sorted([(p, 0, i) for p, i in points_a] + [(p, 1, j) for p, j in points_b])
    before = list(range(-1, len(line) - 1))
    after = list(range(1, len(line) + 1))
    gone = [False] * len(line)
    heap: list[tuple[int, int, int, int, int]] = []

    def push(left: int, right: int) -> None:
        if left >= 0 and right < len(line) and line[left][1] != line[right][1]:
            a, b = (line[left], line[right]) if line[left][1] == 0 else (line[right], line[left])
            heapq.heappush(heap, (abs(a[0] - b[0]), a[2], b[2], left, right))

    for k in range(len(line) - 1):
        push(k, k + 1)
    pairs = []
    while heap:
        _distance, i, j, left, right = heapq.heappop(heap)
        if gone[left] or gone[right] or after[left] != right:
            continue
        pairs.append((i, j))
        gone[left] = gone[right] = True
        outer_left, outer_right = before[left], after[right]
        if outer_left >= 0:
            after[outer_left] = outer_right
        if outer_right < len(line):
            before[outer_right] = outer_left
        push(outer_left, outer_right)
    return pairs


def match_facts(
    kind: str,
    facts_a: Sequence[Any],
    facts_b: Sequence[Any],
    align: Alignment,
    ignore: Container[str],
) -> dict[int, int]:
    """Pair facts of one kind, A index -> B index (see the module docstring).
    Near linear: facts are bucketed by key, and paired inside a bucket by place."""
    keys_a = [_fact_key(kind, f, ignore) for f in facts_a]
    keys_b = [_fact_key(kind, f, ignore) for f in facts_b]
    starts_a = [align.project(f.start) for f in facts_a]
    ends_a = [max(align.project(f.end - 1) + 1, s) for f, s in zip(facts_a, starts_a, strict=True)]
    pairs: dict[int, int] = {}
    taken_b: set[int] = set()

    stage_keys: list[tuple[list[Any], list[Any]]] = [(keys_a, keys_b)]
    if f"{kind}.text" not in ignore:
        with_text_a = [(k, f.text) for k, f in zip(keys_a, facts_a, strict=True)]
        with_text_b = [(k, f.text) for k, f in zip(keys_b, facts_b, strict=True)]
        stage_keys.insert(0, (with_text_a, with_text_b))
    for stage_a, stage_b in stage_keys:
        buckets: dict[Any, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {}
        for i, key in enumerate(stage_a):
            if i not in pairs:
                buckets.setdefault(key, ([], []))[0].append((starts_a[i], i))
        for j, key in enumerate(stage_b):
            if j not in taken_b and key in buckets:
                buckets[key][1].append((facts_b[j].start, j))
        for side_a, side_b in buckets.values():
            for i, j in closest_pairs(side_a, side_b):  # buckets share no fact
                pairs[i] = j
                taken_b.add(j)
    # Stage 3: what is left, at the same place. B's facts are in order and do not
    # overlap (checked when a record is read), so their ends are in order too.
    left_b = [j for j in range(len(facts_b)) if j not in taken_b]
    ends_b = [facts_b[j].end for j in left_b]
    candidates = []
    for i in range(len(facts_a)):
        if i in pairs:
            continue
        k = bisect.bisect_right(ends_b, starts_a[i])
        while k < len(left_b) and facts_b[left_b[k]].start < ends_a[i]:
            j = left_b[k]
            candidates.append((abs(starts_a[i] - facts_b[j].start), i, j))
            k += 1
    for _distance, i, j in sorted(candidates):
        if i not in pairs and j not in taken_b:
            pairs[i] = j
            taken_b.add(j)
    return pairs
