"""The ``edz_claims`` spaCy component and the bridge from its findings to the record."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

CLAIMS_EXTENSION = "edz_claims"
# The article's publication date (YYYY-MM-DD or None), per document: relative periods
# ("last year") are resolved with it.
PUBLISHED_KEY = "edz_published"


@dataclass(frozen=True)
class ClaimValue:
    """One claim as the component finds it; the fact is named by kind and start offset."""

    kind: str
    fact_start: int
    indicator: str
    quantity: str
    direction: str | None
    status: str
    year: int | None
    period: str | None
    subject: str | None
    metric: tuple[int, int] | None


def set_published(doc: Doc, published: str | None) -> None:
    """Give the component the article's publication date (``YYYY-MM-DD``) for this doc."""
    doc.user_data[PUBLISHED_KEY] = published


class ClaimsRecognizer:
    """The ``edz_claims`` component: a list of :class:`ClaimValue` in ``doc._.edz_claims``."""

    def __init__(self, nlp: Language, name: str) -> None:
        if not Doc.has_extension(CLAIMS_EXTENSION):
            Doc.set_extension(CLAIMS_EXTENSION, default=None)

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(CLAIMS_EXTENSION, [])
        return doc


@Language.factory("edz_claims")
def make_claims(nlp: Language, name: str) -> ClaimsRecognizer:
    return ClaimsRecognizer(nlp, name)


def claims_of(
    doc: Doc, facts: Mapping[str, Sequence[Any]], sent_starts: Sequence[int]
) -> tuple[Any, ...]:
    """The record's claims from what ``edz_claims`` stored on ``doc`` (none if it did not run)."""
    from extractor.record import Claim, FactRef, Metric

    found: list[ClaimValue] = (
        doc._.get(CLAIMS_EXTENSION) if Doc.has_extension(CLAIMS_EXTENSION) else None
    ) or []
    index = {
        kind: {fact.start: i for i, fact in enumerate(facts[kind])}
        for kind in ("money", "percentages")
    }
    text = doc.text if found else ""
    claims = []
    for value in sorted(found, key=lambda v: v.fact_start):
        i = index[value.kind].get(value.fact_start)
        if i is None:
            continue
        metric = None
        if value.metric is not None:
            start, end = value.metric
            metric = Metric(text=text[start:end], start=start, end=end)
        claims.append(
            Claim(
                fact=FactRef(kind=value.kind, index=i),  # type: ignore[arg-type]
                indicator=value.indicator,  # type: ignore[arg-type]
                quantity=value.quantity,  # type: ignore[arg-type]
                direction=value.direction,  # type: ignore[arg-type]
                status=value.status,  # type: ignore[arg-type]
                year=value.year,
                period=value.period,
                subject=value.subject,
                metric=metric,
                sentence=max(0, bisect.bisect_right(sent_starts, value.fact_start) - 1),
            )
        )
    return tuple(claims)
