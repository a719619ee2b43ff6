"""Percentage facts: ``64.2 percent``, ``12.5%``, ``12.5 per cent``, percentage points.

What is read (case-insensitive): a number (digits, Penn spacing ``6 . 2 %``,
or words, ``twenty percent``) followed by ``%``, ``percent``, ``per cent``,
``percentage`` or ``pct``; the reversed ``percent of 10`` at the end of a
clause; a sign word (``minus five percent`` is -5, so is ``-5%``). Changes in
percentage points (``2.1 percentage points``, ``50 basis points`` = 0.5) get
``unit: "points"``. A range ("5-10 percent", "between 5 and 10 percent") gives
two facts, its two ends; a list that shares one unit ("15.5, 12.1 and 12.3 percent")
gives one fact a number.

A percentage is only ever read from a percent sign or word (its own, or the one its
list shares), so no year, price or count is read as one; a percent sign inside a URL or
a percent-encoded string (``%20``) gives nothing. Direction words ("up 3 percent
year-on-year") are not part of the value (3). ``qualifier`` and the qualifier
words inside the fact's text work as for money ("more than 60 percent").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

from spacy.language import Language
from spacy.tokens import Doc

from extractor.facts.base import ensure_extension, set_fact_spans, text_of
from extractor.facts.numbers import (
    FORMAT_CHARACTERS,
    NUMBER_PATTERN,
    QUALIFIER_PATTERN,
    normalize_qualifier,
    parse_number,
)
from extractor.facts.scan import (
    DocText,
    Scanner,
    as_doc_text,
    keep_first,
    match_windows,
    token_spans,
    too_large,
    windows,
)

KIND = "percentages"

Unit = Literal["percent", "points"]


@dataclass(frozen=True)
class PercentageValue:
    """The value of one percentage fact (the record's Percentage fields minus the span ones)."""

    value: Decimal
    unit: Unit = "percent"
    qualifier: str | None = None


_POINTS_UNIT: Final = (
    r"percentage[\s-]+points?|pct\.?\s+points?|p\.?p\.?(?![A-Za-z])|basis\s+points?|bps?"
)
_PERCENT_UNIT: Final = r"%|percent(?:s|age)?|per\s?cents?|pct"
_UNIT: Final = rf"(?P<unit>{_POINTS_UNIT}|{_PERCENT_UNIT})(?![A-Za-z])"
_QUALIFIER: Final = rf"(?:(?P<qual>{QUALIFIER_PATTERN})\s+)?"
# Not inside a URL or a percent-encoded string ("%20", "q=30%25"), a digit
# range ("5-10 percent" is read as a range) or a fraction ("7 3 / 4 %").
_START: Final = rf"(?<![\w.,%=/&?+{FORMAT_CHARACTERS}])(?<!\d-)(?<!/ )"
_SIGN: Final = r"(?:(?P<sign>minus|negative)\s+|(?<![\w.,%=/&?+-])(?P<dash>[-−])(?=\d))?"

_PERCENT_RE: Final = Scanner(
    rf"{_QUALIFIER}{_SIGN}{_START}(?P<num>{NUMBER_PATTERN})(?:\s*|-){_UNIT}(?![%\w])",
)
_RANGE_RE: Final = Scanner(
    rf"{_QUALIFIER}(?:(?P<between>between)\s+)?{_START}(?P<lo>{NUMBER_PATTERN})\s*"
    rf"(?:%\s*)?(?P<sep>-|–|—|\bto\b|\band\b)\s*(?P<hi>{NUMBER_PATTERN})\s*{_UNIT}(?![%\w])",
)
# "15.54, 12.12, 12.25 percent", "23.5, 22.5 and 29.6 percent": a list of plain numbers that
# share the unit of its last one, read backwards from that percentage. Two items at least, or
# one and an "and" / "or" (so "By 2020, 30 percent" is no list); a year is no item.
_LIST_ITEM: Final = r"\d{1,3}(?:\.\d+)?"
_LIST_BEFORE_RE: Final = re.compile(
    rf"{_START}(?:(?:{_LIST_ITEM}\s*,\s+){{0,5}}{_LIST_ITEM}\s*,?\s+(?:and|or)\s+"
    rf"|(?:{_LIST_ITEM}\s*,\s+){{2,5}})\Z"
)
_LIST_ITEM_RE: Final = re.compile(_LIST_ITEM)
_UNIT_AT_END_RE: Final = re.compile(rf"{_UNIT}\Z", re.IGNORECASE)
_LIST_SPAN: Final = 60  # characters before the last number a list may take
# "percent of 10": only where the number ends the clause (not "percent of 10 firms").
_REVERSED_RE: Final = Scanner(
    rf"(?<![A-Za-z])(?:percent(?:s|age)?|per\s?cent)\s+of\s+(?P<num>{NUMBER_PATTERN})"
    rf"(?=\s*(?:[.,;:!?)]|$))",
)


# Every percentage has one of these; the full patterns run only near them
# (searched case-sensitively in the lower-cased text, see scan.windows).
# Written so that every branch starts with its first character ("b", "p": the
# lookbehind comes after it, one character wider): the regex engine then skips to the
# next "%", "p" or "b" instead of trying every position, about five times faster than
# ``%|per\s?cent|pct|(?<![a-z])(?:basis|bps?|p\.?p\.?)(?![a-z])``, with the same matches.
_ANCHOR_RE: Final = re.compile(
    r"%|p(?:er\s?cent|ct)|b(?<![a-z]b)(?:asis|ps?)(?![a-z])|p(?<![a-z]p)\.?p\.?(?![a-z])"
)
_BEFORE: Final = 80  # "more than one hundred and twenty-five percent", "between 5 and 10 percent"
_AFTER: Final = 50  # "per cent of twenty-two"


def _unit_value(unit_text: str, number: Decimal) -> tuple[Decimal, Unit]:
    unit = unit_text.lower()
    if unit.startswith(("basis", "bp")):
        return number / 100, "points"
    if re.fullmatch(_POINTS_UNIT, unit, re.IGNORECASE):
        return number, "points"
    return number, "percent"


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    value: PercentageValue


def _single(m: re.Match[str]) -> list[_Found]:
    number = parse_number(m.group("num"))
    if number is None:
        return []
    if m.group("sign") or m.group("dash"):
        number = -number
    value, unit = _unit_value(m.group("unit"), number)
    qualifier = normalize_qualifier(m.group("qual"))
    return [_Found(m.start(), m.end(), PercentageValue(value, unit, qualifier))]


def _range(m: re.Match[str]) -> list[_Found]:
    """Both ends of "5-10 percent": two facts, "5" and "10 percent"."""
    sep = m.group("sep").lower()
    if (sep == "and") != bool(m.group("between")):
        return []
    lo, hi = parse_number(m.group("lo")), parse_number(m.group("hi"))
    if lo is None or hi is None or lo >= hi:
        return []
    lo_value, unit = _unit_value(m.group("unit"), lo)
    hi_value, _ = _unit_value(m.group("unit"), hi)
    qualifier = normalize_qualifier(m.group("qual"))
    return [
        _Found(m.start("lo"), m.end("lo"), PercentageValue(lo_value, unit, qualifier)),
        _Found(m.start("hi"), m.end(), PercentageValue(hi_value, unit, qualifier)),
    ]


def _listed(text: str, last: _Found) -> list[_Found]:
    """The numbers of a list before ``last`` that share its unit: "5.1, 6.2 and [7.3 percent]"."""
    if last.value.qualifier is not None or last.value.value < 0 or last.start == 0:
        return []
    before = text[max(0, last.start - _LIST_SPAN) : last.start]
    if not before.rstrip().endswith((",", " and", " or")):
        return []  # (most percentages: spares the backward search)
    lo = last.start - len(before)
    m = _LIST_BEFORE_RE.search(text, lo, last.start)
    if m is None:
        return []
    unit = _UNIT_AT_END_RE.search(text, last.start, last.end)
    found = []
    for n in _LIST_ITEM_RE.finditer(text, m.start(), m.end()):
        number = parse_number(n.group())
        if number is None or unit is None:
            return []
        value, unit_name = _unit_value(unit.group("unit"), number)  # basis points scale
        found.append(_Found(n.start(), n.end(), PercentageValue(value, unit_name)))
    return found


def _reversed(m: re.Match[str]) -> list[_Found]:
    number = parse_number(m.group("num"))
    return [] if number is None else [_Found(m.start(), m.end(), PercentageValue(number))]


_READERS: Final = (
    (_PERCENT_RE, _single),
    (_RANGE_RE, _range),
    (_REVERSED_RE, _reversed),
)


def find_percentages(text: str | DocText) -> list[tuple[int, int, PercentageValue]]:
    """Every percentage in ``text``: ``(start, end, value)``, sorted, non-overlapping."""
    doc = as_doc_text(text)
    spans = windows(doc, _ANCHOR_RE, before=_BEFORE, after=_AFTER)
    if not spans:
        return []
    found: list[_Found] = []
    cutoffs: list[int | None] = []
    for scanner, read in _READERS:
        matches, cutoff = match_windows(scanner, doc, spans)
        cutoffs.append(cutoff)
        for m in matches:
            found += read(m)
            if read is _single and found:
                found += _listed(doc.text, found[-1])
    kept = keep_first(doc, found, cutoffs, KIND)
    return [(f.start, f.end, f.value) for f in kept if not too_large(doc, KIND, f.value.value)]


class PercentagesRecognizer:
    """The ``edz_percentages`` component: stores spans in ``doc.spans["edz_percentages"]``."""

    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extension(KIND)

    def __call__(self, doc: Doc) -> Doc:
        set_fact_spans(doc, KIND, token_spans(doc, find_percentages(text_of(doc))))
        return doc


@Language.factory("edz_percentages")
def make_percentages(nlp: Language, name: str) -> PercentagesRecognizer:
    return PercentagesRecognizer(nlp, name)
