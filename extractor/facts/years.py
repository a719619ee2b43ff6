"""Years facts: every calendar year the body mentions, one fact per year.

What is a year (see README "Years" for the full rule set):

- a four-digit number from 1800 to 2100 standing alone (``in 2020``, ``by 2025``,
  ``the 2019 fiscal year``, ``2020's output``, ``FY2019``, ``mid-2020``);
- both ends of a range (``2021-2025``, ``2021–25``, ``2019/20``): two facts, the
  second of ``2021-25`` has the text ``25`` and the value 2025;
- the year of a date (``May 10, 2022``, ``2022-05-10``, ``10/05/2022``).

What is not: numbers with digit group commas or decimals (``2,025``, ``2020.5``),
decades (``2020s``), numbers glued to letters or CJK (``京ICP备12345678号``),
longer digit runs (postcodes, phone numbers), parts of phone-like digit chains
(``010-6520-2020``, ``22 2020 1234``), figures the money or percentages
components claimed or that carry a currency sign, ``%`` or a unit word
(``$2020``, ``2025 yuan``, ``2000 tons``), a number after a quantity word
(``more than 2000``, ``No. 2020``), and a bare number followed by a plural noun
(``2000 workers`` is a count) unless a year word comes first (``in 2020 companies``,
``the 2025 targets``).

The patterns match over ``doc.text``. When a year is part of a larger token
(``2021–25`` and ``2019/20`` are single tokens to spaCy's English tokenizer),
the token is split at the year's edges so that every fact is a token span whose
text is exactly the year as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extractor.facts.base import (
    char_spans,
    ensure_extension,
    overlaps,
    set_fact_spans,
    taken_chars,
    text_of,
)
from extractor.facts.currencies import CURRENCIES
from extractor.facts.lexicon import IRREGULAR_PLURALS, MONTH_PATTERN, looks_plural, word_set
from extractor.facts.numbers import FORMAT_CHARACTERS
from extractor.facts.scan import MAX_FACTS_PER_KIND, DocText, as_doc_text, warn_capped

KIND = "years"

MIN_YEAR = 1800
MAX_YEAR = 2100


@dataclass(frozen=True)
class YearValue:
    value: int


# A run of digit groups joined by date/range separators: "2020", "2021-25",
# "2019/20", "2022-05-10", "10.05.2022". It must not touch a word character
# (which excludes "2020s", "ICP备2020号", "A2020") except the prefix "FY", nor
# continue a number ("1,999", "1.2020", "010-2020"), nor go on as a decimal or a
# grouped number ("2020.5", "2020,000") or a percentage.
# The checks on what comes before are made after the first digit (each lookbehind one
# character wider): a pattern that starts with a digit lets the regex engine skip to the
# next digit instead of trying every position, about five times faster.
_CHAIN = re.compile(
    rf"\d(?:(?<=\bFY\d)|(?<![\w{FORMAT_CHARACTERS}]\d))(?<!\d[-–—/.,:]\d)"
    r"\d*(?:[-–—/.]\d+)*"
    rf"(?![\w%])(?![.,{FORMAT_CHARACTERS}]\d)(?![-–—/]\d)"
)
_PARTS = re.compile(r"\d+")
_RANGE_SEPARATORS = frozenset("-–—/")

_MONTHS = MONTH_PATTERN
# Text just before a year that makes it a date's year: "May 2022", "May 10, 2022",
# "10 May 2022", "May 10th, 2022".
_DATE_BEFORE = re.compile(
    rf"(?:\b(?:{_MONTHS})\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?,?\s+"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+)$",
    re.IGNORECASE,
)
# The word right before a candidate, with what separates it: "in 2020", "mid-2020",
# "FY2019", "(2021-25)" gives no word.
_WORD_BEFORE = re.compile(r"([A-Za-z]+\.?)(['’]s)?(?:\s+|-|(?<=FY))$")
_WORD_AFTER = re.compile(r"^\s+([A-Za-z]+)")
_SIGNS = re.escape("".join(sorted(CURRENCIES.prefix_signs)))
_SIGN_BEFORE = re.compile(rf"[{_SIGNS}#№+]\s?$|\bNo\.?\s*$|\bno\.\s*$|[A-Z]{{2,3}}\$\s?$")
# Digits right before or after across a single space: phone numbers "22 2020 1234".
_DIGITS_BEFORE = re.compile(r"(?:^|\s)\d+[ \t]$")
_DIGITS_AFTER = re.compile(r"^[ \t]\d+(?![^\s.,;:)])")


# A year word right before the number makes it a year whatever follows.
_YEAR_CONTEXT = word_set(
    """in by since until till before after from through throughout during circa
    mid early late end year years fiscal calendar fy the its their our his her this that
    whose"""
)
# Words before a number that make it a quantity, not a year ("more than 2000").
_QUANTITY_CONTEXT = word_set(
    """than nearly almost approximately roughly some totalling totaling
    number room tel fax phone ext code"""
) | word_set(
    # product series whose models are four-digit numbers ("RTX 2060", "Snapdragon 8000")
    """rtx gtx gt rx radeon geforce quadro ryzen xeon snapdragon kirin exynos helio
    dimensity"""
)
# Capitalized words and a street type after a number: a house number, not a year.
_STREET_TYPES = (
    "Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl"
    "|Highway|Hwy|Parkway|Pkwy|Terrace|Circle"
)
_STREET_AFTER = re.compile(rf"\s+(?:[A-Z][a-z]+\s+){{1,3}}(?:{_STREET_TYPES})\b\.?")
# Capitalized words before a number that do not name anything ("About 2000").
_FUNCTION_WORDS = word_set(
    """a an about over around some only just another all and or but with including plus
    nearly almost approximately roughly than"""
)
# Words after a number that make it a quantity ("2025 yuan", "2000 tons"), singular
# forms the plural rule below does not catch.
_UNIT_AFTER = word_set(
    """yuan rmb cny usd renminbi dollar euro yen ton tonne mu km sq square kwh kw mw gw
    hectare acre meter metre"""
)


def _is_plural_noun(word: str) -> bool:
    """Shape test for an English plural noun (no POS tags in a blank pipeline)."""
    lower = word.lower()
    if word != lower:
        return False
    return lower in IRREGULAR_PLURALS or (len(lower) > 3 and looks_plural(lower, after_year=True))


def _plausible(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def _date_year(parts: Sequence[str]) -> int | None:
    """The year of a three-part numeric date (Y-M-D, D/M/Y or M/D/Y), else None."""
    a, b, c = (int(p) for p in parts)
    if len(parts[0]) == 4 and len(parts[1]) <= 2 and len(parts[2]) <= 2:
        return a if 1 <= b <= 12 and 1 <= c <= 31 and _plausible(a) else None
    if len(parts[2]) == 4 and len(parts[0]) <= 2 and len(parts[1]) <= 2:
        day_month = 1 <= a <= 31 and 1 <= b <= 31 and min(a, b) <= 12
        return c if day_month and _plausible(c) else None
    return None


def _chain_years(text: str, start: int) -> tuple[list[tuple[int, int, int]], bool]:
    """Years in one digit chain at ``start``: ``[(start, end, value), ...]``, and
    whether the chain is a single bare number (then context decides)."""
    parts = [(m.start() + start, m.end() + start, m.group()) for m in _PARTS.finditer(text)]
    if len(parts) == 1:
        s, e, digits = parts[0]
        ok = len(digits) == 4 and _plausible(int(digits))
        return ([(s, e, int(digits))] if ok else []), True
    separators = {text[parts[i][1] - start] for i in range(len(parts) - 1)}
    if len(parts) == 2 and separators <= _RANGE_SEPARATORS:
        (s1, e1, d1), (s2, e2, d2) = parts
        if len(d1) != 4 or not _plausible(int(d1)):
            # "05/2022": a month and its year.
            if len(d1) <= 2 and 1 <= int(d1) <= 12 and len(d2) == 4 and _plausible(int(d2)):
                return [(s2, e2, int(d2))], False
            return [], False
        first = int(d1)
        if len(d2) == 4:
            second = int(d2)
        elif len(d2) == 2:
            second = first // 100 * 100 + int(d2)  # "2021-25": same century
        elif len(d2) == 1 and 1 <= int(d2) <= 9:
            return [(s1, e1, first)], False  # "2021-5": a year and month
        else:
            return [], False
        if first < second <= MAX_YEAR and second - first <= 100:
            return [(s1, e1, first), (s2, e2, second)], False
        if len(d2) == 2 and 1 <= int(d2) <= 12:
            return [(s1, e1, first)], False  # "2021-05": a year and month
        return [], False
    if len(parts) == 3:
        year = _date_year([p[2] for p in parts])
        if year is not None:
            s, e = parts[0][:2] if len(parts[0][2]) == 4 else parts[2][:2]
            return [(s, e, year)], False
    return [], False


def _bare_number_is_year(text: str, start: int, end: int) -> bool:
    """Whether a lone four-digit number at ``text[start:end]`` is a year, by context."""
    before = text[max(0, start - 40) : start]
    after = text[end : end + 40]
    date = _DATE_BEFORE.search(before)  # "Oct 15 1984": the day's digits are no phone number
    if _SIGN_BEFORE.search(before) or (_DIGITS_BEFORE.search(before) and not date):
        return False
    next_match = _WORD_AFTER.match(after)
    next_word = next_match.group(1) if next_match else ""
    if next_word.lower() in _UNIT_AFTER:
        return False
    if date:
        return True
    prev_match = _WORD_BEFORE.search(before)
    prev_word = prev_match.group(1).lower() if prev_match else ""
    if prev_word in _QUANTITY_CONTEXT or prev_word.rstrip(".") in _QUANTITY_CONTEXT:
        return False
    if prev_word in _YEAR_CONTEXT or (prev_match and prev_match.group(2)):
        return True  # "in 2020", "the 2025 targets", "China's 2025 targets"
    if _STREET_AFTER.match(after):
        return False  # a house number: "of 1909 Jolinda Drive"
    if _DIGITS_AFTER.match(after):
        return False  # phone numbers: "2020 1234"
    if prev_match and prev_match.group(1)[0].isupper() and prev_word not in _FUNCTION_WORDS:
        return True  # a name before it: "Euro 2020 playoffs", "APEC 2014", "Expo 2010"
    return not (next_word and _is_plural_noun(next_word))


def find_years(
    text: str | DocText, taken: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int, int]]:
    """Every year in ``text`` as ``(start, end, value)``, in order, skipping ``taken`` ranges."""
    doc = as_doc_text(text)
    text = doc.text
    found: list[tuple[int, int, int]] = []
    for match in _CHAIN.finditer(text):
        if len(found) >= MAX_FACTS_PER_KIND:
            warn_capped(doc, KIND)
            break
        start, end = match.span()
        chain = match.group()
        if len(chain) != 4 and chain.isdigit():
            continue  # most chains: a lone number that is not four digits ("15", "300")
        if taken and overlaps(taken, start, end):
            continue
        years, bare = _chain_years(chain, start)
        if not years:
            continue
        if bare and not _bare_number_is_year(text, start, end):
            continue
        if not bare and _SIGN_BEFORE.search(text[max(0, start - 10) : start]):
            continue
        found.extend(years)
    return found


class YearsRecognizer:
    """spaCy component: stores the doc's years in ``doc.spans["edz_years"]``."""

    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extension(KIND)

    def __call__(self, doc: Doc) -> Doc:
        taken = taken_chars(doc, ["money", "percentages"])
        years = find_years(text_of(doc), taken)
        spans = char_spans(doc, [(s, e) for s, e, _ in years])
        values = [YearValue(value) for _, _, value in years]
        set_fact_spans(doc, KIND, zip(spans, values, strict=True))
        return doc


@Language.factory("edz_years")
def make_years(nlp: Language, name: str) -> YearsRecognizer:
    return YearsRecognizer(nlp, name)
