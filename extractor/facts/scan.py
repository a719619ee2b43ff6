"""The machinery every fact finder shares: the per-document text, scanning near
anchors, URL ranges, overlap resolution and token spans.

A finder (money, percentages, counts, years) reads one :class:`DocText`: the text
of a document with what is derived from it once (its lower-cased form, its runs of
letters, its URL ranges) and the warnings the finders raise on it. The spaCy
components get it from the doc (:func:`extractor.facts.base.text_of`); a finder
called on a plain string builds its own. Nothing about a document outlives it: no
module holds per-document state, so documents can run in parallel threads.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any, Final, Protocol, TypeVar

from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

# A hostile page ("1 yuan (" repeated over 19 MB) would otherwise give millions of
# facts: GBs of memory and hundreds of MB of JSON. No real article comes near it (the
# densest of the benchmark pages has under 200 facts of a kind), so facts of a kind
# past this many are dropped, with a warning on the record.
MAX_FACTS_PER_KIND: Final = 10_000

# A number of more than ~4,300 digits cannot be read back from JSON (Python's limit on
# int conversion), and nothing an article states comes near 10^18: the world's yearly
# output is ~10^14 US dollars (~10^15 yuan; only the weakest currencies, the
# Vietnamese dong or the Indonesian rupiah, reach 10^18 for that). A larger figure is a
# misreading or a hostile input: it is given no value, with a warning.
MAX_MAGNITUDE: Final = Decimal(10) ** 18

_LOWER_RUN_RE: Final = re.compile(r"[a-z]+")


class DocText:
    """One document's text and what the finders derive from it, each computed once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.warnings: list[str] = []
        # What a finder derives from the whole text for itself, computed once.
        self.memo: dict[str, Any] = {}

    @functools.cached_property
    def lower(self) -> str:
        return self.text.lower()

    @functools.cached_property
    def lowered(self) -> str:
        """``text.lower()`` when that keeps every offset (it does unless a letter such
        as "İ" lower-cases to two characters); otherwise ``text`` itself."""
        return self.lower if len(self.lower) == len(self.text) else self.text

    @functools.cached_property
    def runs(self) -> frozenset[str]:
        """The distinct runs of ``[a-z]`` letters in :attr:`lowered`: the finders ask
        which of their words a text holds before searching for them."""
        return frozenset(_LOWER_RUN_RE.findall(self.lowered))

    @functools.cached_property
    def urls(self) -> CharRanges:
        """Ranges of URLs and percent-encoded strings: no fact is read inside them."""
        return CharRanges(url_ranges(self.text))

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


def as_doc_text(text: str | DocText) -> DocText:
    return text if isinstance(text, DocText) else DocText(text)


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


def overlaps(ranges: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether any of ``ranges`` overlaps ``[start, end)`` (fast for :class:`CharRanges`)."""
    if isinstance(ranges, CharRanges):
        return ranges.overlaps(start, end)
    return any(s < end and start < e for s, e in ranges)


class Scanner:
    """A pattern compiled twice: lower-case for the lower-cased text (fast), and
    the same lower-case pattern with IGNORECASE for the rare text whose
    lower-casing changes its length (so offsets would not match).

    Python's IGNORECASE makes long alternations several times slower, so the
    patterns run case-sensitively over ``text.lower()``. Forms whose case
    matters ("CAD" is a currency, "cad" is not; ``(?-i:...)`` in the tables)
    are checked on the text as written when a match is read.

    Both are compiled on first use, not at import: compiling these long
    alternations is most of a pipeline's build time, a document without any
    anchor never needs them, and the IGNORECASE one is almost never needed.
    """

    def __init__(self, source: str) -> None:
        source = _CASE_SENSITIVE_GROUP.sub(lambda m: "(?:" + m.group(1) + ")", source)
        if _UPPER_ESCAPE.search(source):  # pragma: no cover - a guard for future edits
            raise ValueError("lower-casing would change an escape such as \\S")
        self.source = source.lower().replace("(?p<", "(?P<")  # named groups keep their syntax

    @functools.cached_property
    def lower(self) -> re.Pattern[str]:
        return re.compile(self.source)

    @functools.cached_property
    def any_case(self) -> re.Pattern[str]:
        return re.compile(self.source, re.IGNORECASE)

    def over(self, doc: DocText) -> tuple[re.Pattern[str], str]:
        """The pattern to search with and the text to search in, same offsets as the text."""
        low = doc.lower
        return (self.lower, low) if len(low) == len(doc.text) else (self.any_case, doc.text)


_CASE_SENSITIVE_GROUP: Final = re.compile(r"\(\?-i:([^()]*)\)")
_UPPER_ESCAPE: Final = re.compile(r"\\[A-Z]")

_SPACE_RE: Final = re.compile(r"\s")
# The last white space of a stretch (searched with pos/endpos: ``\Z`` is the endpos).
_LAST_SPACE_RE: Final = re.compile(r"\s(?=\S*\Z)")
_NEAR: Final = 64


def last_space_end(text: str, floor: int, pos: int) -> int:
    """The position after the last white space in ``text[floor:pos]``, else ``floor``.

    Looks a few characters back first (a word is short); only a run without
    spaces is searched whole, from ``floor``.
    """
    near = max(floor, pos - _NEAR)
    space = _LAST_SPACE_RE.search(text, near, pos)
    if space is None and near > floor:
        space = _LAST_SPACE_RE.search(text, floor, near)
    return space.end() if space is not None else floor


def windows(
    text: str | DocText,
    anchors: re.Pattern[str] | Callable[[DocText], list[tuple[int, int]]],
    before: int,
    after: int,
) -> list[tuple[int, int]]:
    """Merged ``(start, end)`` windows of the text around each anchor (a pattern
    searched in the lower-cased text, or a function giving the anchors' spans).

    The full patterns are costly to try at every character, and every figure
    has an anchor (a currency word or sign, a percent sign or word) near it:
    searching only ``before`` characters before and ``after`` characters after
    each anchor gives the same figures at a fraction of the cost. Window ends
    fall on whitespace (or the text's ends), so a lookahead at a window's end
    sees what it would see in the whole text: a word boundary.

    Linear in the text: a walk to white space never goes back over a window
    already made, so a text without spaces (a Chinese paragraph, "$$$...") is walked
    once, not once per anchor.
    """
    doc = as_doc_text(text)  # a component passes its doc's, so the text is lowered once
    text = doc.text
    n = len(text)
    if isinstance(anchors, re.Pattern):
        spans: Iterable[tuple[int, int]] = (m.span() for m in anchors.finditer(doc.lowered))
    else:
        spans = anchors(doc)
    out: list[tuple[int, int]] = []
    for anchor_start, anchor_end in spans:
        floor = out[-1][1] if out else 0
        start = max(0, anchor_start - before)
        if start > floor:
            start = last_space_end(text, floor, start)
        end = anchor_end + after
        if out and end <= out[-1][1]:
            end = out[-1][1]  # already walked: the same white space ends this window
        elif end < n:
            space = _SPACE_RE.search(text, end)
            end = space.start() if space is not None else n
        else:
            end = n
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


class _HasSpan(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


F = TypeVar("F", bound=_HasSpan)


def scan_windows(
    scanner: Scanner,
    doc: DocText,
    spans: list[tuple[int, int]],
    read: Callable[[re.Match[str], str], F | None],
    limit: int = MAX_FACTS_PER_KIND,
) -> tuple[list[F], int | None]:
    """Every figure ``read`` accepts among the scanner's matches inside ``spans``, and
    where the scan stopped when it reached ``limit`` figures (else None).

    Unlike ``finditer``, a match ``read`` rejects or shortens does not swallow
    the text after it: the search resumes right after what was kept ("40.25
    billion yuan and 38.1 billion yuan" is two figures, not one with a cents tail).
    """
    pattern, haystack = scanner.over(doc)
    text = doc.text
    out: list[F] = []
    for start, end in spans:
        pos = start
        while (m := pattern.search(haystack, pos, end)) is not None:
            f = read(m, text)
            if f is None:
                pos = m.start() + 1
                continue
            out.append(f)
            if len(out) >= limit:
                return out, f.start
            pos = max(f.end, m.start() + 1)
    return out, None


def match_windows(
    scanner: Scanner, doc: DocText, spans: list[tuple[int, int]], limit: int = MAX_FACTS_PER_KIND
) -> tuple[list[re.Match[str]], int | None]:
    """The scanner's ``finditer`` matches inside ``spans``, and where the scan stopped
    when it reached ``limit`` matches (else None)."""
    pattern, haystack = scanner.over(doc)
    out: list[re.Match[str]] = []
    for start, end in spans:
        for m in pattern.finditer(haystack, start, end):
            out.append(m)
            if len(out) >= limit:
                return out, m.start()
    return out, None


def keep_first(
    doc: DocText, found: Iterable[F], cutoffs: Iterable[int | None], kind: str
) -> list[F]:
    """The figures of ``found`` kept in the record: sorted by position, on overlap the
    earlier then longer one, none inside a URL, at most :data:`MAX_FACTS_PER_KIND`.

    ``cutoffs`` are where capped scans stopped: past the first of them a scan may have
    missed figures, so none is kept there (the record keeps a prefix of the facts).
    """
    stops = [c for c in cutoffs if c is not None]
    stop = min(stops) if stops else None
    urls = doc.urls
    kept: list[F] = []
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if kept and f.start < kept[-1].end:
            continue
        if urls and urls.overlaps(f.start, f.end):
            continue
        if (stop is not None and f.start > stop) or len(kept) >= MAX_FACTS_PER_KIND:
            stop = -1
            break
        kept.append(f)
    if stop is not None:
        warn_capped(doc, kind)
    return kept


def too_large(doc: DocText, kind: str, *values: Decimal | None) -> bool:
    """Whether any of ``values`` is beyond :data:`MAX_MAGNITUDE` (then a warning is raised)."""
    if all(v is None or abs(v) <= MAX_MAGNITUDE for v in values):
        return False
    doc.warn(f"a {kind} figure beyond 10^18 is not read as a number")
    return True


def warn_capped(doc: DocText, kind: str) -> None:
    doc.warn(
        f"more than {MAX_FACTS_PER_KIND:,} {kind} facts: only the first "
        f"{MAX_FACTS_PER_KIND:,} are kept"
    )


# Anchored at the start of a whitespace-delimited run, so each run is read once.
URL_RE: Final = re.compile(r"(?<!\S)\S*?(?:://|www\.|%[0-9A-Fa-f]{2})\S*")
# The same ranges, found faster: URL_RE is tried at the start of every run of the
# text; the marks it looks for are searched on their own (the regex engine skips to a
# ":", "w" or "%"), and only the runs holding one are measured.
_URL_MARK_RE: Final = re.compile(r"://|www\.|%[0-9A-Fa-f]{2}")
_NON_SPACE_RE: Final = re.compile(r"\S*")


def url_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of URLs and percent-encoded strings: no fact is read inside them.

    The whitespace-delimited runs holding "://", "www." or "%" and two hex digits (the
    matches of ``URL_RE``).
    """
    if "://" not in text and "www." not in text and "%" not in text:
        return []
    out: list[tuple[int, int]] = []
    pos = 0
    while (mark := _URL_MARK_RE.search(text, pos)) is not None:
        start = last_space_end(text, pos, mark.start())
        run = _NON_SPACE_RE.match(text, mark.start())
        assert run is not None  # \S* matches everywhere
        out.append((start, run.end()))
        pos = run.end()
    return out


def token_spans(doc: Doc, found: Iterable[tuple[int, int, Any]]) -> list[tuple[Span, Any]]:
    """``(span, value)`` for each ``(start, end, value)``, splitting a token a figure
    cuts into ("RMB3.5m." is one spaCy token; the figure is "RMB3.5m"), so every
    span's text is exactly the figure."""
    out = []
    for start, end, value in found:
        try:
            (span,) = char_spans(doc, [(start, end)])
        except ValueError:  # pragma: no cover - figures never start or end in whitespace
            log.debug("no token span for %r", doc.text[start:end])
            continue
        out.append((span, value))
    return out


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
    with doc.retokenize() as retokenizer:
        for i, offsets in cuts.items():
            token = doc[i]
            edges = [0, *sorted(offsets), len(token.text)]
            orths = [token.text[a:b] for a, b in zip(edges, edges[1:], strict=False)]
            # Each piece is its own head: a blank pipeline has no parse to keep.
            heads: list[Token | tuple[Token, int]] = [(token, k) for k in range(len(orths))]
            retokenizer.split(token, orths, heads=heads)
    for name, spans in saved.items():
        rebuilt = []
        for start, end, label, kb_id, span_id in spans:
            span = doc.char_span(start, end, label=label, kb_id=kb_id, span_id=span_id)
            assert span is not None  # splitting only refines token boundaries
            rebuilt.append(span)
        doc.spans[name] = rebuilt
