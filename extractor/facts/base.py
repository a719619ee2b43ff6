"""What all fact components share: span groups, extensions and their order."""

from __future__ import annotations

import bisect
import re
import weakref
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from spacy.tokens import Doc, Span, Token

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
# every component reads it. The text of a doc never changes (retokenizing keeps
# it), so the last doc's text is kept, keyed by the doc itself (a weak
# reference: the cache never keeps a doc alive) and checked against its length.
_last_text: tuple[weakref.ref[Doc], int, str] | None = None


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once for the doc the pipeline is working on."""
    global _last_text
    cached = _last_text
    if cached is not None and cached[0]() is doc and cached[1] == len(doc):
        text = cached[2]
        if not len(doc) or doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
            return text
    text = doc.text
    _last_text = (weakref.ref(doc), len(doc), text)
    return text


def made_from(doc: Doc, text: str) -> None:
    """Tell :func:`doc_text` that ``doc`` was just tokenized from ``text``, so the
    first component that needs the text does not rebuild it from every token."""
    global _last_text
    _last_text = (weakref.ref(doc), len(doc), text)


def _retokenized(doc: Doc, old_length: int) -> None:
    """Keep ``doc_text``'s cache after splitting tokens of ``doc``: the text is unchanged,
    only the token count (its check) moved, and recomputing it costs a pass over the doc."""
    global _last_text
    cached = _last_text
    if cached is not None and cached[0]() is doc and cached[1] == old_length:
        _last_text = (cached[0], len(doc), cached[2])


# Every pattern of money, percentages and counts runs over the lower-cased text (see
# money.Scanner), several per component: the last text's lower-cased form is kept, keyed
# by the text itself (a string never changes, so the same object gives the same result).
_last_lower: tuple[str, str] | None = None


def lower_text(text: str) -> str:
    """``text.lower()``, computed once for the text the pipeline is working on."""
    global _last_lower
    cached = _last_lower
    if cached is not None and cached[0] is text:
        return cached[1]
    low = text.lower()
    _last_lower = (text, low)
    return low


_LOWER_RUN_RE = re.compile(r"[a-z]+")
_last_runs: tuple[str, frozenset[str]] | None = None


def lower_runs(haystack: str) -> frozenset[str]:
    """The distinct runs of ``[a-z]`` letters in ``haystack`` (the lower-cased text),
    computed once per text: money and counts ask which of their words a text holds."""
    global _last_runs
    cached = _last_runs
    if cached is not None and cached[0] is haystack:
        return cached[1]
    runs = frozenset(_LOWER_RUN_RE.findall(haystack))
    _last_runs = (haystack, runs)
    return runs


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


class CharRanges(list[tuple[int, int]]):
    """Sorted character ranges that answer "does anything overlap [start, end)?" in O(log n).

    Components ask this once per candidate match, so a linear scan would make a
    document full of figures quadratic. Ranges may overlap each other.
    """

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        super().__init__(sorted(ranges))
        self._starts = [s for s, _ in self]
        self._max_end: list[int] = []  # the largest end among ranges[: i + 1]
        top = -1
        for _, e in self:
            top = max(top, e)
            self._max_end.append(top)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end)  # ranges[:i] start before ``end``
        return i > 0 and self._max_end[i - 1] > start


def taken_chars(doc: Doc, kinds: Iterable[str]) -> CharRanges:
    """Character ranges already claimed by facts of ``kinds`` (sorted)."""
    return CharRanges((s.start_char, s.end_char) for k in kinds for s in fact_spans(doc, k))


def overlaps(ranges: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether any of ``ranges`` overlaps ``[start, end)`` (fast for :class:`CharRanges`)."""
    if isinstance(ranges, CharRanges):
        return ranges.overlaps(start, end)
    return any(s < end and start < e for s, e in ranges)


def char_spans(doc: Doc, ranges: Iterable[tuple[int, int]]) -> list[Span]:
    """Token spans for character ranges, splitting tokens that a range cuts into.

    spaCy keeps "2021–25", "2019/20" or "FY2019" as one token; a fact needs a span
    whose text is exactly "25" or "2019", so those tokens are split at the range
    edges. Splitting shifts token indices, which leaves the spans other components
    stored in ``doc.spans`` pointing at the wrong tokens, so the groups are rebuilt
    from their (unchanged) character offsets; span extension values are keyed by
    character offsets and survive.
    """
    ranges = list(ranges)
    cuts: dict[int, set[int]] = defaultdict(set)
    for start, end in ranges:
        if doc.char_span(start, end) is not None:
            continue
        for edge in (start, end):
            token = _token_at(doc, edge)
            if token is not None and doc[token].idx < edge:
                cuts[token].add(edge - doc[token].idx)
    if cuts:
        _split_tokens(doc, cuts)
    spans = []
    for start, end in ranges:
        span = doc.char_span(start, end)
        if span is None:  # only if a range starts or ends inside whitespace
            raise ValueError(f"no token span for characters {start}-{end}")
        spans.append(span)
    return spans


def _token_at(doc: Doc, char: int) -> int | None:
    """Index of the token whose text covers ``char`` strictly inside, if any."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = doc[span.start]
    return token.i if token.idx < char < token.idx + len(token.text) else None


def _split_tokens(doc: Doc, cuts: dict[int, set[int]]) -> None:
    saved = {
        name: [(s.start_char, s.end_char, s.label_, s.kb_id_, s.id_) for s in group]
        for name, group in doc.spans.items()
    }
    old_length = len(doc)
    with doc.retokenize() as retokenizer:
        for i, offsets in cuts.items():
            token = doc[i]
            edges = [0, *sorted(offsets), len(token.text)]
            orths = [token.text[a:b] for a, b in zip(edges, edges[1:], strict=False)]
            # Each piece is its own head: a blank pipeline has no parse to keep.
            heads: list[Token | tuple[Token, int]] = [(token, k) for k in range(len(orths))]
            retokenizer.split(token, orths, heads=heads)
    _retokenized(doc, old_length)
    for name, spans in saved.items():
        rebuilt = []
        for start, end, label, kb_id, span_id in spans:
            span = doc.char_span(start, end, label=label, kb_id=kb_id, span_id=span_id)
            assert span is not None  # splitting only refines token boundaries
            rebuilt.append(span)
        doc.spans[name] = rebuilt
