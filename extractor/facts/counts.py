"""Counts facts: a number and the things it counts.

``more than 1,500 biomedical companies`` gives value 1500, qualifier "more than",
noun "biomedical companies"; ``three new parks`` gives 3, "new parks".

A blank pipeline has no part-of-speech tags, so the counted noun is found by
shape (see README "Counts"): after the number come words joined by single spaces
(letters, inner hyphens or apostrophes); the run stops at punctuation, a digit, a
line break or a closed-class word (article, preposition, pronoun, auxiliary,
conjunction), and ends at its first plural-looking word, the head noun
(``institutions``, ``companies``, ``people``). "and" may join modifiers before the
head (``12 economic and technological development zones``). No plural head, no
count: that drops "one of them", "rose to 206", "one company" (counts of one are
not kept) and most verbs.

Not counts: numbers the money, percentages or years components claimed; measures
(``10 years``, ``5 square kilometers``, ``3 times``, ``20,000 tons``); compound
modifiers (``four-star``, ``five-year``, ``1,500-strong``); ordinals (``14th``,
``first``); numbers after a label word or a name (``Phase 2 projects``, ``No. 3``,
``Fortune 500 companies``, ``Wi-Fi 6``), a currency sign (``$147 savings``), a
hyphen (``Covid-19 patients``), another number (``five 787 jets``) or a vague size
(``several hundred``); ranges (``3-5 parks``, ``3 to 5 parks``); fractions
(``2.5 stars``); a capitalized head that is a name or a headline (``38 Blake
Jones``, ``5 Tips``), though demonyms count (``300 Indians``). Numbers are read
by :mod:`extractor.facts.numbers`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

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
from extractor.facts.lexicon import (
    IRREGULAR_PLURALS,
    MONTHS,
    ONES,
    QUALIFIER_PATTERN,
    TENS,
    looks_plural,
    word_set,
)
from extractor.facts.numbers import LONG_SCALES, NUMBER_RE, NUMBER_WORDS, parse_number
from extractor.facts.scan import (
    MAX_FACTS_PER_KIND,
    DocText,
    Scanner,
    as_doc_text,
    too_large,
    warn_capped,
)

KIND = "counts"

_QUALIFIER_BEFORE = re.compile(rf"(?<![\w-])({QUALIFIER_PATTERN})\s+$", re.IGNORECASE)
# One word of the noun phrase after a single space or tab: "biomedical",
# "high-tech", "SMEs", "R&D".
_NEXT_WORD = re.compile(r"[ \t]([A-Za-z][A-Za-z'’&]*(?:-[A-Za-z]+)*)(?![\w-])")
_NAME_NUMBER = re.compile(r"[ \t](\d+)(?![\w.,-])")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?\s+$")
_SIGNS = "".join(sorted(CURRENCIES.prefix_signs))
# "3-5 parks", "3 to 5 parks", "between 3 and 5 parks": the second number ends a range.
_SIGN_BEFORE = re.compile(rf"(?:[{re.escape(_SIGNS)}#№]|[A-Z]{{2,3}}\$)\s?$")
_RANGE_BEFORE = re.compile(r"\d\s*(?:-|–|—|to|or|and)\s*$", re.IGNORECASE)
_MAX_NOUN_WORDS = 6
# NUMBER_RE run case-sensitively over the lower-cased text (see scan.Scanner): the
# same matches, about three times faster than its IGNORECASE over the text as written.
_NUMBER_SCAN = Scanner(NUMBER_RE.pattern)

# Where a match of NUMBER_RE can start in the lower-cased text, found faster than by
# trying the pattern at every position (most of it is letters, where the pattern tries
# its word numbers): at a digit or "." not inside a word or number, at "a"/"an" before
# a word that makes it a number ("a hundred", "a million"), and at a whole word that
# starts a word number ("one", "twenty", "half", "dozen"; only those the text holds).
# Each pattern starts with a character, so the regex engine skips to it.
_DIGIT_START = re.compile(r"[\d.](?<![\w.,].)")
_A_START = re.compile(
    r"a(?<![a-z]a)n?[\s-]+(?:hundred|dozen|half|quarter|thousand|million|billion|trillion"
    r"|lakh|crore)"
)
_WORD_STARTS = NUMBER_WORDS - {"a", "an"}


@functools.cache
def _word_start(word: str) -> re.Pattern[str]:
    return re.compile(rf"{word}(?![a-z])(?<![a-z]{word})")


def _number_spans(doc: DocText) -> list[tuple[int, int]]:
    """The spans of ``NUMBER_RE.finditer(text)``: the pattern is tried only where a
    match can start, in order, as finditer would (a match ends the previous ones)."""
    pattern, haystack = _NUMBER_SCAN.over(doc)
    if pattern is not _NUMBER_SCAN.lower:
        # Lower-casing changed the length: case-insensitive search over the text itself.
        return [m.span() for m in pattern.finditer(haystack)]
    starts = [m.start() for m in _DIGIT_START.finditer(haystack)]
    words = doc.runs
    if "a" in words or "an" in words:
        starts += [m.start() for m in _A_START.finditer(haystack)]
    for word in _WORD_STARTS.intersection(words):
        starts += [m.start() for m in _word_start(word).finditer(haystack)]
    starts.sort()
    spans: list[tuple[int, int]] = []
    end = 0
    for start in starts:
        if start < end:
            continue
        match = pattern.match(haystack, start)
        if match is not None:
            spans.append(match.span())
            end = match.end()
    return spans


# Closed-class words that end a noun phrase.
_STOP = word_set(
    """a an the this that these those its their our his her my your whose which who whom what
    where when why how of in on at by for from to with without into onto over under between
    among across through during within about around after before since until than as per via
    or but nor so yet if is are was were be been being has have had do does did will would
    shall should can could may might must not no also all each every both either neither most
    least such only just very too then there here it they them we you he she i"""
)
# Measures, not things counted.
_MEASURES = word_set(
    """year years month months week weeks day days hour hours minute minutes second seconds
    decade decades century centuries times fold percent per cent points point meter meters
    metre metres kilometer kilometers kilometre kilometres km square sq cubic hectares acres
    mu tons tonnes ton tonne kilograms kg grams liters litres kilowatts megawatts gigawatts kw
    mw gw kwh watts degrees miles feet inches yards ounces calories bits bytes gigabits
    megabits gigabytes megabytes terabytes yuan dollars euros yen won pounds rmb teus teu cents
    light-years"""
)
# Words that make the number a label or a rank, not a count ("Phase 2 projects").
_LABEL_BEFORE = word_set(
    """no number phase line stage article section chapter item building room level class
    grade batch tier version route road gate exit terminal page figure table fortune top
    covid type model size category"""
)
# Capitalized words that may start a sentence before a count ("Another 30 parks").
_LEAD_WORDS = word_set(
    """another further additional other first last next including plus total only just
    all some about over around nearly almost approximately roughly more fewer less up
    close"""
)
# "several hundred calories", "a few thousand people": a vague size, no value.
_VAGUE_BEFORE = word_set("several few many hundreds thousands millions")
# Number words: a number after one is part of it or of a list ("five 787 jets").
_NUMBER_WORDS = frozenset(ONES) | frozenset(TENS) | {"hundred", "dozen", *LONG_SCALES}


@dataclass(frozen=True)
class CountValue:
    value: Decimal
    qualifier: str | None
    noun: str | None


def _is_title_word(word: str) -> bool:
    """ "Jones", "Tips": capitalized, not an acronym such as "SMEs" or "R&D"."""
    return word[0].isupper() and not any(c.isupper() for c in word[1:])


def _is_plural(word: str) -> bool:
    lower = word.lower()
    if lower not in IRREGULAR_PLURALS and (word.isupper() or len(lower) < 3):
        return False  # "SLS", "GPS": an acronym, its plural is "SMEs"
    return looks_plural(lower)


def _may_precede_count(word: str) -> bool:
    """Whether ``word`` right before a number leaves it a count.

    Not after a label ("Phase 2", "type 2"), a number ("five 787 jets"), a vague
    size ("several hundred"), or a name ("Fortune 500", "Wi-Fi 6", "LC 500");
    function words and qualifiers are fine even capitalized ("The 14 companies",
    "About 30 parks").
    """
    lower = word.lower()
    if lower in _LABEL_BEFORE or lower in _NUMBER_WORDS or lower in _VAGUE_BEFORE:
        return False
    return not word[0].isupper() or lower in _STOP or lower in _LEAD_WORDS


def _noun_after(text: str, pos: int) -> tuple[str, int] | None:
    """The counted noun phrase starting after ``pos`` and its end, or None."""
    start = None
    end = pos
    word = ""
    for _ in range(_MAX_NOUN_WORDS):
        match = _NEXT_WORD.match(text, end)
        if match is None and start is not None and word[:1].isupper():
            # A name with a number in it: "100 Fortune 500 companies".
            match = _NAME_NUMBER.match(text, end)
        if match is None:
            return None
        word = match.group(1)
        lower = word.lower()
        if start is None and lower in MONTHS:
            return None  # "10 May": a date
        if lower in _STOP and lower not in ("and", "&"):
            return None
        if lower in ("and", "&") and start is None:
            return None
        if lower in _MEASURES:
            return None
        if start is None:
            start = match.start(1)
        if _is_title_word(word) and _is_plural(word) and not word.endswith("ans"):
            # A capitalized head is a name or a headline ("38 Blake Jones", "5 Tips"),
            # unless it has a demonym's shape ("300 Indians", "2,000 Americans").
            return None
        end = match.end(1)
        if _is_plural(word) and lower not in ("and", "&"):
            return text[start:end], end
    return None


def find_counts(
    text: str | DocText, taken: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int, CountValue]]:
    """Every count in ``text`` as ``(start, end, value)``, skipping ``taken`` ranges."""
    doc = as_doc_text(text)
    text = doc.text
    found: list[tuple[int, int, CountValue]] = []
    for num_start, num_end in _number_spans(doc):
        if len(found) >= MAX_FACTS_PER_KIND:
            warn_capped(doc, KIND)
            break
        if taken and overlaps(taken, num_start, num_end):
            continue
        before = text[max(0, num_start - 30) : num_start]
        if before.endswith(("-", "/", "#", "(", ":")) and not before.endswith(" -"):
            continue  # "Covid-19", "No.#3", list numbering "(1)", ratios "16:9"
        if text.startswith("-", num_end):
            continue  # compound modifiers: "four-star", "five-year", "1,500-strong"
        if _RANGE_BEFORE.search(before):
            continue
        if _SIGN_BEFORE.search(before):
            continue  # "$147 savings": money, whether or not edz_money ran
        label = _WORD_BEFORE.search(before)
        if label and not _may_precede_count(label.group(1)):
            continue
        if text[num_end - 1] in "kK" and text[num_end - 2].isdigit():
            continue  # "8K screens", "4K video": a resolution, not 8,000 of them
        value = parse_number(text[num_start:num_end])
        if value is None or value != value.to_integral_value() or value <= 1:
            continue
        if too_large(doc, KIND, value):
            continue
        noun = _noun_after(text, num_end)
        if noun is None:
            continue
        noun_text, end = noun
        if taken and overlaps(taken, num_start, end):
            continue
        start = num_start
        qualifier = None
        q = _QUALIFIER_BEFORE.search(before)
        if q:
            start = num_start - len(before) + q.start(1)
            qualifier = " ".join(q.group(1).lower().split())
        found.append((start, end, CountValue(value, qualifier, noun_text)))
    return found


class CountsRecognizer:
    """spaCy component: stores the doc's counts in ``doc.spans["edz_counts"]``."""

    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extension(KIND)

    def __call__(self, doc: Doc) -> Doc:
        taken = taken_chars(doc, ["money", "percentages", "years"])
        counts = find_counts(text_of(doc), taken)
        spans = char_spans(doc, [(s, e) for s, e, _ in counts])
        set_fact_spans(doc, KIND, zip(spans, [v for _, _, v in counts], strict=True))
        return doc


@Language.factory("edz_counts")
def make_counts(nlp: Language, name: str) -> CountsRecognizer:
    return CountsRecognizer(nlp, name)
