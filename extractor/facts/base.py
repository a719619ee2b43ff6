"""What all fact components share: span groups, extensions and their order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from spacy.tokens import Doc, Span

# Fact kind -> spaCy factory name, in the order components run: later
# components read earlier groups (counts skip money, percentages and years).
FACT_COMPONENTS: dict[str, str] = {
    "money": "edz_money",
    "percentages": "edz_percentages",
    "years": "edz_years",
    "counts": "edz_counts",
    "entities": "edz_entities",
}


def group_name(kind: str) -> str:
    """``money`` -> ``edz_money``: both the span group and the span extension."""
    return FACT_COMPONENTS[kind]


def ensure_extension(kind: str) -> None:
    name = group_name(kind)
    if not Span.has_extension(name):
        Span.set_extension(name, default=None)


def set_fact_spans(doc: Doc, kind: str, found: Iterable[tuple[Span, Any]]) -> None:
    """Store ``(span, value)`` pairs as the doc's facts of ``kind``.

    Spans are sorted by position; on overlap the earlier, then longer, span wins,
    so a group never holds two facts over the same characters.
    """
    ensure_extension(kind)
    name = group_name(kind)
    kept: list[Span] = []
    last_end = -1
    for span, value in sorted(found, key=lambda sv: (sv[0].start_char, -sv[0].end_char)):
        if span.start_char < last_end:
            continue
        span._.set(name, value)
        kept.append(span)
        last_end = span.end_char
    doc.spans[name] = kept


def fact_spans(doc: Doc, kind: str) -> Sequence[Span]:
    """The facts of ``kind`` a component stored on ``doc`` (empty if it did not run)."""
    name = group_name(kind)
    return list(doc.spans[name]) if name in doc.spans else []


def taken_chars(doc: Doc, kinds: Iterable[str]) -> list[tuple[int, int]]:
    """Character ranges already claimed by facts of ``kinds`` (sorted)."""
    ranges = [(s.start_char, s.end_char) for k in kinds for s in fact_spans(doc, k)]
    return sorted(ranges)


def overlaps(ranges: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in ranges)
