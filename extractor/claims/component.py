"""The ``edz_claims`` spaCy component and the bridge from its findings to the record."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from spacy.language import Language
from spacy.tokens import Doc

from extractor.claims.slots import (
    Figure,
    indicator_of,
    is_target,
    quantity_of,
    refers_back,
    threshold_span,
)
from extractor.claims.subject import Named, Subjects, named_entities
from extractor.claims.years import YearTracker
from extractor.facts.base import doc_text, fact_spans, group_name

CLAIMS_EXTENSION = "edz_claims"
# The article's publication date (YYYY-MM-DD or None) and title, per document: relative
# periods ("last year") are resolved with the date; the zone the title names is the
# article's main subject.
PUBLISHED_KEY = "edz_published"
TITLE_KEY = "edz_title"


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


def set_article(doc: Doc, published: str | None, title: str | None = None) -> None:
    """Give the component the article's publication date (``YYYY-MM-DD``) and title."""
    doc.user_data[PUBLISHED_KEY] = published
    doc.user_data[TITLE_KEY] = title


class ClaimsRecognizer:
    """The ``edz_claims`` component: a list of :class:`ClaimValue` in ``doc._.edz_claims``."""

    def __init__(self, nlp: Language, name: str) -> None:
        if not Doc.has_extension(CLAIMS_EXTENSION):
            Doc.set_extension(CLAIMS_EXTENSION, default=None)

    def __call__(self, doc: Doc) -> Doc:
        published = doc.user_data.get(PUBLISHED_KEY)
        doc._.set(CLAIMS_EXTENSION, find_claims(doc, published, doc.user_data.get(TITLE_KEY)))
        return doc


# Where a sentence splits into clauses that can have their own measure, subject and status:
# "... up 10.9 percent; the industrial added value ...", "..., while SAIC Hongyan's ...",
# "... to 416.7 billion yuan and the figure is expected to reach 900 billion yuan".
_CLAUSE_RE: Final = re.compile(r";|,?\s+(?:while|whereas)\s+|,\s+and\s+|\s+and\s+the\s+")
# Segments split only at semicolons: "the growth rate of both the sales ... and the zero
# amount ... exceeded 50%" is one segment of two clauses.
_SEGMENT_RE: Final = re.compile(r";")


def _figures(doc: Doc) -> list[Figure]:
    figures = []
    for kind in ("money", "percentages"):
        for span in fact_spans(doc, kind):
            value = span._.get(group_name(kind))
            if value is None or getattr(value, "equivalent_of", None) is not None:
                continue
            points = getattr(value, "unit", "percent") == "points"
            figures.append(Figure(kind, span.start_char, span.end_char, points))
    return sorted(figures, key=lambda f: f.start)


def _entities(doc: Doc) -> list[Named]:
    mentions = []
    for span in fact_spans(doc, "entities"):
        value = span._.get(group_name("entities"))
        if value is not None:
            mentions.append(
                (span.start_char, span.end_char, span.text, value.category, value.canonical)
            )
    return named_entities(mentions)


def _part(
    pattern: re.Pattern[str], text: str, sentence: tuple[int, int], fig: Figure
) -> tuple[int, int]:
    """The clause (or segment) of ``sentence`` that holds ``fig``."""
    lo, hi = sentence
    for m in pattern.finditer(text, sentence[0], sentence[1]):
        if m.end() <= fig.start:
            lo = m.end()
        elif m.start() >= fig.end:
            hi = m.start()
            break
    return lo, hi


def find_claims(doc: Doc, published: str | None, title: str | None = None) -> list[ClaimValue]:
    """One claim per money figure (not a conversion) and percentage of ``doc``."""
    figures = _figures(doc)
    if not figures:
        return []
    text = doc_text(doc)
    if doc.has_annotation("SENT_START"):
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
    else:
        sentences = [(0, len(text))]
    subjects = Subjects(text, _entities(doc), title)
    years = YearTracker(text, published, sentences)
    starts = [s for s, _ in sentences]
    indexes = [max(0, bisect.bisect_right(starts, fig.start) - 1) for fig in figures]
    claims = []
    for fig, index in zip(figures, indexes, strict=True):
        neighbours = [f for f, i in zip(figures, indexes, strict=True) if i == index and f != fig]
        previous = sentences[index - 1] if index else None
        claims.append(
            _claim(text, fig, sentences[index], previous, index, neighbours, subjects, years)
        )
    return claims


def _claim(
    text: str,
    fig: Figure,
    sentence: tuple[int, int],
    previous: tuple[int, int] | None,
    index: int,
    neighbours: list[Figure],
    subjects: Subjects,
    years: YearTracker,
) -> ClaimValue:
    clause = _part(_CLAUSE_RE, text, sentence, fig)
    segment = _part(_SEGMENT_RE, text, sentence, fig)
    kind = "money" if fig.kind == "money" else "percentages"
    if threshold_span(text, fig, clause) is not None:
        return ClaimValue(kind, fig.start, "other", "level", None, "actual", None, None, None, None)
    ignored = [
        span
        for other in neighbours
        if (span := threshold_span(text, other, _part(_CLAUSE_RE, text, sentence, other)))
    ]
    indicator, cue = indicator_of(text, fig, clause, segment, sentence, ignored, previous)
    quantity, direction = quantity_of(text, fig, clause, segment)
    target = is_target(text, fig, clause, indicator)
    year, period = years.year_of(fig, index, clause, target)
    target = target or years.is_future(period, year)
    return ClaimValue(
        kind=kind,
        fact_start=fig.start,
        indicator=indicator,
        quantity=quantity,
        direction=direction,
        status="target" if target else "actual",
        year=year,
        period=text[period.start : period.end] if period is not None else None,
        subject=subjects.of((fig.start, fig.end), clause)
        if previous is None or not refers_back(text, sentence)
        else subjects.of((previous[1], previous[1]), previous),
        metric=(cue.start, cue.end) if cue is not None else None,
    )


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
