"""What all fact components share: span groups, extensions and their order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from spacy.tokens import Doc, Span

from extractor.facts.scan import (
    MAX_FACTS_PER_KIND,
    CharRanges,
    DocText,
    char_spans,
    overlaps,
    warn_capped,
)

__all__ = [
    "FACT_COMPONENTS",
    "CharRanges",
    "DocText",
    "char_spans",
    "doc_text",
    "ensure_extension",
    "fact_spans",
    "group_name",
    "made_from",
    "overlaps",
    "set_fact_spans",
    "taken_chars",
    "text_of",
]

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


# ``Doc.text`` joins every token's text anew on each access (~0.3 us a token), and
# every component reads it, so the doc carries its text once, with what the finders
# derive from it (see scan.DocText), in ``doc.user_data``: it lives and dies with the
# doc, and no module keeps anything of a document.
_TEXT_KEY = "edz_text"


def text_of(doc: Doc) -> DocText:
    """The :class:`DocText` of ``doc``, built on first use and kept on the doc."""
    found = doc.user_data.get(_TEXT_KEY)
    if isinstance(found, DocText):
        end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
        if end == len(found.text):  # the same text (retokenizing keeps it)
            return found
    made = DocText(doc.text)
    doc.user_data[_TEXT_KEY] = made
    return made


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once for the doc."""
    return text_of(doc).text


def made_from(doc: Doc, text: str) -> DocText:
    """Tell the components that ``doc`` was just tokenized from ``text``, so the first
    one that needs the text does not rebuild it from every token."""
    made = DocText(text)
    doc.user_data[_TEXT_KEY] = made
    return made


def set_fact_spans(doc: Doc, kind: str, found: Iterable[tuple[Span, Any]]) -> None:
    """Store ``(span, value)`` pairs as the doc's facts of ``kind``.

    Spans are sorted by position; on overlap the earlier, then longer, span wins,
    so a group never holds two facts over the same characters. At most
    :data:`~extractor.facts.scan.MAX_FACTS_PER_KIND` are kept (a warning says so).
    """
    ensure_extension(kind)
    name = group_name(kind)
    kept: list[Span] = []
    last_end = -1
    for span, value in sorted(found, key=lambda sv: (sv[0].start_char, -sv[0].end_char)):
        if span.start_char < last_end:
            continue
        if len(kept) >= MAX_FACTS_PER_KIND:
            warn_capped(text_of(doc), kind)
            break
        span._.set(name, value)
        kept.append(span)
        last_end = span.end_char
    doc.spans[name] = kept


def fact_spans(doc: Doc, kind: str) -> Sequence[Span]:
    """The facts of ``kind`` a component stored on ``doc`` (empty if it did not run)."""
    name = group_name(kind)
    return list(doc.spans[name]) if name in doc.spans else []


def taken_chars(doc: Doc, kinds: Iterable[str]) -> CharRanges:
    """Character ranges already claimed by facts of ``kinds`` (sorted)."""
    return CharRanges((s.start_char, s.end_char) for k in kinds for s in fact_spans(doc, k))
