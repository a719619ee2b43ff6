"""The ``edz_claims`` spaCy component and the bridge from its findings to the record."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from extractor.claims.bodies import Bodies, bodies
from extractor.claims.cues import INDICATOR, DocCues
from extractor.claims.lists import Respective, respective_lists
from extractor.claims.measures import part_of_kind, topical
from extractor.claims.names import Named, named_entities
from extractor.claims.slots import (
    Figure,
    after_parens,
    indicator_of,
    metric_span,
    of_figure_before,
    quantity_of,
    refers_back,
    shares_of,
)
from extractor.claims.stakes import stake_of
from extractor.claims.status import is_target, reported_done
from extractor.claims.subject import Subjects
from extractor.claims.thresholds import threshold_span
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
# "... climbed to 238.4 billion yuan and the figure should pass 500 billion yuan by 2030"; and
# line breaks inside a sentence (a list of figures with no full stops). A ", and" before a
# capitalized word closes a list of names ("Xiaomi, NAURA, and Vision China all grew"), not
# a clause.
_CLAUSE_RE: Final = re.compile(
    r";|\n+|,?\s+(?:while|whereas)\s+|,\s+and\s+(?![A-Z])|\s+and\s+the\s+"
)
# Segments split only at semicolons: "the growth rate of both the sales ... and the zero
# amount ... exceeded 50%" is one segment of two clauses.
_SEGMENT_RE: Final = re.compile(r";")


def sentence_bounds(doc: Doc, text: str) -> list[tuple[int, int]]:
    """``(start_char, end_char)`` of each of ``doc``'s sentences, as ``doc.sents`` gives them,
    from the token arrays (``doc.sents`` makes a Python object of every token)."""
    if not len(doc) or not doc.has_annotation("SENT_START"):
        return [(0, len(text))]
    columns = doc.to_array([SENT_START, IDX, LENGTH]).astype(numpy.int64, copy=False)
    firsts = numpy.flatnonzero(columns[:, 0] == 1)
    if not len(firsts) or firsts[0] != 0:
        firsts = numpy.insert(firsts, 0, 0)
    starts = columns[firsts, 1].tolist()
    lasts = numpy.append(firsts[1:] - 1, len(doc) - 1)  # each sentence's last token
    ends = (columns[lasts, 1] + columns[lasts, 2]).tolist()
    return list(zip(starts, ends, strict=True))


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


def _entities(doc: Doc) -> tuple[list[Named], list[Named]]:
    """The entities as claims see them, and the public bodies among them (bodies.py)."""
    mentions = []
    for span in fact_spans(doc, "entities"):
        value = span._.get(group_name("entities"))
        if value is not None:
            mentions.append(
                (span.start_char, span.end_char, span.text, value.category, value.canonical)
            )
    return named_entities(mentions), bodies(mentions)


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


# How far from its figure a claim reads (characters): each claim costs the same however
# long the article or its sentences are.
REACH: Final = 300


def find_claims(doc: Doc, published: str | None, title: str | None = None) -> list[ClaimValue]:
    """One claim per money figure (not a conversion) and percentage of ``doc``."""
    figures = _figures(doc)
    if not figures:
        return []
    text = doc_text(doc)
    sentences = sentence_bounds(doc, text)
    last = sentences[-1][1]
    for start, end in sentences:
        if start <= figures[-1].start < end:
            last = end
            break
    cues = DocCues(doc, until=last)
    entities, public = _entities(doc)
    subjects = Subjects(text, entities, title, Bodies(text, public))
    years = YearTracker(cues, published, sentences, until=last)
    starts = [s for s, _ in sentences]
    indexes = [max(0, bisect.bisect_right(starts, fig.start) - 1) for fig in figures]
    near = [_near(sentences[i], fig) for fig, i in zip(figures, indexes, strict=True)]
    clauses = [_part(_CLAUSE_RE, text, w, fig) for fig, w in zip(figures, near, strict=True)]
    thresholds = [threshold_span(cues, f, c) for f, c in zip(figures, clauses, strict=True)]
    fig_starts = [f.start for f in figures]
    respective = respective_lists(cues, figures)
    counts = sorted((span.start_char, span.end_char) for span in fact_spans(doc, "counts"))
    count_ends = sorted(end for _, end in counts)
    held = set(count_ends)
    counts = sorted(counts + [a for a in _amounts(cues, last) if a[1] not in held])
    # Indicator words inside a name measure nothing ("Economic and Trade Cooperation Zone").
    in_names = subjects.inside_names([c.start for c in cues.within(INDICATOR, 0, last)])
    claims = []
    # Where a figure's own words start: after the figure before it, unless that one is a
    # threshold, which only names a group ("growth of output for enterprises with annual
    # income exceeding 20 million yuan has been 37.8 percent").
    since = 0
    for k, (fig, index) in enumerate(zip(figures, indexes, strict=True)):
        kind = "money" if fig.kind == "money" else "percentages"
        if thresholds[k] is not None:
            claims.append(
                ClaimValue(
                    kind, fig.start, "other", "level", None, "actual", None, None, None, None
                )
            )
            continue
        lo = bisect.bisect_left(fig_starts, fig.start - 2 * REACH)
        hi = bisect.bisect_right(fig_starts, fig.end + 2 * REACH)
        ignored = [span for span in thresholds[lo:hi] if span is not None]
        previous = sentences[index - 1] if index else None
        wide = sentences[index]
        wide = (max(wide[0], fig.start - 2 * REACH), min(wide[1], fig.end + REACH))
        i = bisect.bisect_left(count_ends, fig.start)
        counted = bool(i) and count_ends[i - 1] > max(since, clauses[k][0])
        context = _Context(
            near[k],
            clauses[k],
            previous,
            index,
            ignored,
            since,
            wide,
            in_names,
            respective[k],
            counted and not cues.within(INDICATOR, count_ends[i - 1], fig.start),
        )
        claim = _claim(cues, fig, context, subjects, years)
        # "attracted $2 billion, up 15%": the change of a figure whose clause names no measure.
        unnamed = (claim.indicator, claim.metric) == ("other", None)
        if k and unnamed and of_figure_before(text, figures[k - 1], fig):
            claim = dataclasses.replace(claim, indicator=claims[k - 1].indicator)
        place = respective[k]
        if place is not None and fig.kind != "money":
            segment = _part(_SEGMENT_RE, text, near[k], fig)
            claim = _paired_with_values(claim, place, segment, figures, claims, counts)
            closing = figures[k - place.position + place.size - 1]
            if claim.quantity == "level" and shares_of(text, closing):
                # "The three parks held 52.4%, 41.8% and 5.8% of the total": all shares.
                claim = dataclasses.replace(claim, quantity="share")
        claims.append(claim)
        since = fig.end
    return claims


# A number right before a counted noun: an amount of goods ("34,700 tonnes").
_NUMBER_BEFORE_RE: Final = re.compile(r"\d[\d,.]*\s*(?:(?:million|billion|thousand)\s+)?$")


def _amounts(cues: DocCues, last: int) -> list[tuple[int, int]]:
    """Spans of amounts of counted things the counts do not hold ("34,700 tonnes")."""
    out = []
    for cue in cues.within("counted", 0, last):
        m = _NUMBER_BEFORE_RE.search(cues.text, max(0, cue.start - 24), cue.start)
        if m is not None:
            out.append((m.start(), cue.end))
    return out


def _paired_with_values(
    claim: ClaimValue,
    place: Respective,
    segment: tuple[int, int],
    figures: list[Figure],
    claims: list[ClaimValue],
    counts: list[tuple[int, int]],
) -> ClaimValue:
    """A percentage of a "respectively" list that follows as many values stated before it
    ("34,700 tonnes of goods and 30 million dollars of trade, up 15 percent and 4 percent
    respectively") measures the value of its rank: a count's change measures no
    indicator, a figure's change the indicator of that figure."""
    # Only the values inside the segment are read (two binary searches each), so a claim
    # costs the same however many figures and counts the article has.
    lo = bisect.bisect_left(counts, (segment[0], 0))
    hi = bisect.bisect_left(counts, (place.start, 0))
    values: list[tuple[int, ClaimValue | None]] = [
        (start, None) for start, end in counts[lo:hi] if end <= place.start
    ]
    lo = bisect.bisect_left(figures, segment[0], key=lambda f: f.start)
    hi = bisect.bisect_left(figures, place.start, key=lambda f: f.start)
    values += [(f.start, c) for f, c in zip(figures[lo:hi], claims[lo:hi], strict=True)]
    if len(values) < place.size:
        return claim
    values.sort(key=lambda v: v[0])
    _, paired = values[len(values) - place.size + place.position]
    if paired is None:
        return dataclasses.replace(claim, indicator="other", metric=None)
    return dataclasses.replace(claim, indicator=paired.indicator, metric=paired.metric)


def _near(sentence: tuple[int, int], fig: Figure) -> tuple[int, int]:
    """The part of the figure's sentence within ``REACH`` of it."""
    return max(sentence[0], fig.start - REACH), min(sentence[1], fig.end + REACH)


@dataclass(frozen=True)
class _Context:
    """Where a figure stands: its sentence (within reach), clause, the sentence before."""

    sentence: tuple[int, int]
    clause: tuple[int, int]
    previous: tuple[int, int] | None
    index: int
    ignored: list[tuple[int, int]]
    since: int  # the end of the figure before it (0: none)
    # The sentence within twice the reach before the figure: whose measure a cue names
    # ("The four leading industries ... had a combined industrial output value of ...,
    # an increase of 33.0 percent") is read back from the cue, not from the figure.
    wide: tuple[int, int]
    in_names: frozenset[int]  # the starts of indicator cues inside an entity's name
    respective: Respective | None  # its place in a "respectively" list
    counted: bool  # a count of things stands in its clause before it, after the figure before


def _claim(
    cues: DocCues, fig: Figure, where: _Context, subjects: Subjects, years: YearTracker
) -> ClaimValue:
    text, sentence, clause = cues.text, where.sentence, where.clause
    previous = (
        _near(where.previous, Figure("", where.previous[1], where.previous[1]))
        if where.previous
        else None
    )
    segment = _part(_SEGMENT_RE, text, sentence, fig)
    stake = stake_of(text, fig, clause)
    if stake is not None:  # an ownership stake: a share of no indicator
        quantity, direction, indicator, cue = "share", None, "other", None
    else:
        quantity, direction = quantity_of(cues, fig, clause, segment)
        indicator, cue = indicator_of(
            cues,
            fig,
            clause,
            _part(_SEGMENT_RE, text, where.wide, fig),
            sentence,
            where.ignored,
            where.in_names,
            previous,
            share=quantity == "share",
            respective=where.respective,
            since=where.since,
            counted=where.counted,
        )
        indicator = topical(cues, indicator, cue, previous, where.in_names)
        indicator = part_of_kind(cues, indicator, cue, clause)
    target = is_target(cues, fig, clause, indicator, where.since, segment[0])
    # A share states how things stand now, unless it is the share of a figure before it in
    # its sentence ("hit 230 billion yuan, accounting for 41 percent"), whose year it keeps.
    now = quantity == "share" and not (
        where.since > years.sentences[where.index][0]
        and _SHARE_OF_BEFORE_RE.match(text, after_parens(text, where.since), fig.start)
    )
    year, period = years.year_of(
        fig, where.index, clause, target, max(clause[0], where.since), now, where.respective
    )
    target = target or (
        years.is_future(period, year)
        and not reported_done(text, clause, fig, year, years.published_year)
    )
    if stake is not None and stake.owner_at is not None:
        subject = subjects.named_at(stake.owner_at)  # "held by A": A's, or nobody named
    elif stake is not None:
        subject = subjects.holder(fig.start, clause)  # "A owns ...": A's, or nobody named
    elif previous is not None and refers_back(text, sentence):
        subject = subjects.of((previous[1], previous[1]), previous)
    else:
        measure = cue.start if cue is not None and cue.end <= fig.start else None
        # "the FTZ contributes 13.6 percent of ..., and 46.6 percent of ...": a clause that
        # opens with its figure goes on the list of the clause before, and shares its owner.
        owned = (segment[0], clause[1]) if not text[clause[0] : fig.start].strip() else clause
        subject = subjects.of((fig.start, fig.end), owned, measure, where.respective)
    return ClaimValue(
        kind="money" if fig.kind == "money" else "percentages",
        fact_start=fig.start,
        indicator=indicator,
        quantity=quantity,
        direction=direction,
        status="target" if target else "actual",
        year=year,
        period=text[period.start : period.end] if period is not None else None,
        subject=subject,
        metric=metric_span(text, cue, sentence[0]) if cue is not None else None,
    )


# Between a figure and the share of it that follows: "230 billion yuan, accounting for".
_SHARE_OF_BEFORE_RE: Final = re.compile(
    r"\s*,\s*(?:accounting\s+for|making\s+up|representing|which\s+(?:accounted|accounts|made"
    r"|makes)(?:\s+(?:for|up))?)\s+(?:about\s+|around\s+|nearly\s+|over\s+|more\s+than\s+)?$",
    re.IGNORECASE,
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
    text = doc_text(doc) if found else ""
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
