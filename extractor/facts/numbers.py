"""Reading numbers as exact values: the part money, percentages and counts share.

The API is small and stable (other fact modules import it):

- :func:`parse_number` turns the text of one number into a ``Decimal``:
  ``"1,500"`` -> 1500, ``"40.25 billion"`` -> 40250000000, ``"1 . 6"`` (Penn
  Treebank spacing) -> 1.6, ``"twenty-five"`` -> 25, ``"a hundred"`` -> 100,
  ``"half a billion"`` -> 500000000, ``"RMB3.5m"``'s ``"3.5m"`` -> 3500000.
  Anything it cannot read whole gives ``None`` (``"3.1 bilion"`` is not a
  number with a scale: a misspelt scale word is never guessed).
- :func:`parse_scale` reads one scale word (``"bn"`` -> 1e9).
- :data:`QUALIFIER_PATTERN`, :func:`normalize_qualifier` and
  :func:`qualifier_bounds` read the words before a figure ("more than",
  "up to", "about") the same way for every fact type (the words are in
  ``data/lexicon/qualifiers.tsv``, read by :mod:`.lexicon`).
- :data:`NUMBER_PATTERN` is a regular-expression fragment, without capturing
  groups, for "a number, possibly with scale words" (digits or words), to be
  embedded in a fact module's own pattern (compile with ``re.IGNORECASE``, or
  search the lower-cased text without it, which is faster: money does);
  :data:`NUMBER_RE` is it compiled on its own, bounded so it never starts or
  ends inside a word or a longer number. Every text the fragment matches is
  meant to go through :func:`parse_number`, which has the last word.

Arithmetic is ``Decimal`` throughout, so ``40.25 billion`` is exactly
40250000000 and never ``40249999999.999996``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Final

from extractor.facts.lexicon import (
    APPROXIMATE_QUALIFIERS,
    LOWER_BOUND_QUALIFIERS,
    ONES,
    QUALIFIER_PATTERN,
    TENS,
    UPPER_BOUND_QUALIFIERS,
    alternation,
)

__all__ = [
    "APPROXIMATE_QUALIFIERS",
    "FORMAT_CHARACTERS",
    "LONG_SCALES",
    "LOWER_BOUND_QUALIFIERS",
    "NUMBER_PATTERN",
    "NUMBER_RE",
    "NUMBER_WORDS",
    "NUMERAL_PATTERN",
    "QUALIFIER_PATTERN",
    "SCALES",
    "UPPER_BOUND_QUALIFIERS",
    "normalize_qualifier",
    "parse_number",
    "parse_scale",
    "qualifier_bounds",
]

_ONES: Final = ONES
_TENS: Final = TENS

#: Scale word (lower case) -> multiplier. Short forms are what business news
#: writes ("RMB3.5m", "75 mln euros", "3 bln USD", "$5bn", "20k").
SCALES: Final = MappingProxyType(
    {
        "thousand": Decimal(10) ** 3,
        "million": Decimal(10) ** 6,
        "billion": Decimal(10) ** 9,
        "trillion": Decimal(10) ** 12,
        "lakh": Decimal(10) ** 5,
        "crore": Decimal(10) ** 7,
        "k": Decimal(10) ** 3,
        "m": Decimal(10) ** 6,
        "mn": Decimal(10) ** 6,
        "mln": Decimal(10) ** 6,
        "mil": Decimal(10) ** 6,
        "b": Decimal(10) ** 9,
        "bil": Decimal(10) ** 9,
        "bn": Decimal(10) ** 9,
        "bln": Decimal(10) ** 9,
        "tn": Decimal(10) ** 12,
        "trn": Decimal(10) ** 12,
    }
)
# Spelled-out scales take an optional plural only where English uses one
# without "of" ("two thousands" is rare, but "3 millions" appears in translations).
_LONG_SCALES: Final = ("thousand", "million", "billion", "trillion", "lakh", "crore")
#: The spelled-out scale words ("thousand" ... "crore").
LONG_SCALES: Final = _LONG_SCALES
# Abbreviations that may follow the number after a space ("75 mln").
_SPACED_ABBREVIATIONS: Final = ("mln", "bln", "mn", "bn", "tn", "trn")
# Abbreviations only read when written against the digits ("3.5m", "20k", and the
# Malaysian press's "RM18bil", "RM350mil"): with a space, "3 m" is far more often metres.
_ATTACHED_ABBREVIATIONS: Final = (
    *("mln", "bln", "mil", "bil", "mn", "bn", "trn", "tn"),
    *("m", "k", "b"),
)

_ATTACHED_ONLY: Final = frozenset(_ATTACHED_ABBREVIATIONS) - frozenset(_SPACED_ABBREVIATIONS)

_FRACTIONS: Final = {"half": Decimal("0.5"), "quarter": Decimal("0.25")}

#: The words a word number of :data:`NUMBER_PATTERN` can start with (each a whole
#: word: "twenty" of "twenty-five"; "a"/"an" only before a scale: "a hundred").
NUMBER_WORDS: Final = frozenset({"a", "an", "half", "hundred", "dozen", *_ONES, *_TENS})


_alternation = alternation

_UNIT_WORDS: Final = _alternation([*_ONES, *_TENS])
_WHOLE_WORD: Final = (
    rf"(?:(?:{_alternation(_TENS)})-(?:{_alternation(list(_ONES)[1:10])})"
    rf"|{_UNIT_WORDS}|hundred|dozen)"
)
_WORD_CONTENT: Final = rf"(?:{_WHOLE_WORD}|half|halves|quarters?)"
_LONG_SCALE: Final = rf"(?:{_alternation(_LONG_SCALES)})s?"

#: Digits: "1,500", "40.25", "1500", "1 . 6" (Penn Treebank spacing), ".5".
NUMERAL_PATTERN: Final = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 1,500 / 1,500.25
    r"|\d+ \. \d+"  # 1 . 6 (tokenized newswire)
    r"|\d+(?:\.\d+)?"  # 1500 / 40.25
    r"|\.\d+)"  # .5
)

# Word numbers: content words joined by spaces or hyphens, with "and" / "a"
# / "of" between them ("one hundred and twenty", "half a", "one and a half").
# A leading "a"/"an" only counts before a word that needs it ("a hundred",
# "a quarter", "a half"), never on its own.
# Bounded repetition keeps matching linear on hostile text ("one and one and
# ..." would otherwise cost quadratic time and more); real word numbers are
# short ("one hundred and twenty-five thousand three hundred" is 8 words).
_MAX_WORDS: Final = 10
# A lone "half" or "quarter" is not a number ("the first half", "the quarter
# to June"): only "a half", "a quarter", "half a", "half million", "three quarters".
_WORD_NUMBER: Final = (
    rf"(?:(?:an?[\s-]+(?:hundred|dozen|half|quarter)(?![A-Za-z])|{_WHOLE_WORD})"
    rf"(?:(?:[\s-]+(?:and|an?|of)){{0,2}}[\s-]+{_WORD_CONTENT}){{0,{_MAX_WORDS}}}"
    rf"|an?(?=[\s-]+{_LONG_SCALE}(?![A-Za-z]))"
    r"|half[\s-]+an?(?![A-Za-z])"
    rf"|half(?=[\s-]+{_LONG_SCALE}(?![A-Za-z])))"
)

_SCALE_TAIL: Final = (
    rf"(?:(?:[\s-]+(?:{_LONG_SCALE}|{_alternation(_SPACED_ABBREVIATIONS)})"
    rf"|(?<=\d)(?:{_alternation(_ATTACHED_ABBREVIATIONS)}))(?![A-Za-z]))"
)
# "hundred" inside a digit number ("5 hundred million") is a scale too.
_DIGIT_SCALE_TAIL: Final = rf"(?:(?:[\s-]+hundred(?![A-Za-z]))?{_SCALE_TAIL}{{0,3}})"
_WORD_SCALE_TAIL: Final = (
    rf"(?:(?:[\s-]+(?:an?[\s-]+)?(?:{_LONG_SCALE}|{_alternation(_SPACED_ABBREVIATIONS)})"
    rf"(?![A-Za-z])){{0,3}})"
)

#: A number possibly followed by scale words: "1.2 trillion", "RMB3.5m"'s
#: "3.5m", "600-billion" of "600-billion-yuan", "two billion", "half a
#: billion", "twenty-five". No capturing groups; compile with re.IGNORECASE.
NUMBER_PATTERN: Final = (
    rf"(?:{NUMERAL_PATTERN}{_DIGIT_SCALE_TAIL}"
    rf"|(?<![A-Za-z-]){_WORD_NUMBER}(?![A-Za-z]){_WORD_SCALE_TAIL})"
)

#: :data:`NUMBER_PATTERN` on its own, never starting or ending inside a word
#: or a longer number ("A380", "3.1.2" and "2021-09-07" give no number inside;
#: a digit range such as "2-3" is left to the caller).
#: Invisible format characters (zero-width joiner and space, soft hyphen, word joiner,
#: BOM), as the inside of a character class. One inside a number ("2\u200d000") must
#: not leave "000" to be read alone: a number never starts or ends next to one.
FORMAT_CHARACTERS: Final = "\u00ad\u200b-\u200f\u2060-\u2064\ufeff"

NUMBER_RE: Final = re.compile(
    rf"(?<![\w.,{FORMAT_CHARACTERS}])(?<!\d-){NUMBER_PATTERN}"
    rf"(?![\w]|[.,{FORMAT_CHARACTERS}]\d|-\d)",
    re.IGNORECASE,
)

_SPLIT_RE: Final = re.compile(r"[\s-]+")
_DIGITS_RE: Final = re.compile(rf"\s*({NUMERAL_PATTERN})\s*(.*)", re.IGNORECASE | re.DOTALL)
_ATTACHED_RE: Final = re.compile(
    rf"({_alternation(_ATTACHED_ABBREVIATIONS)})(?:[\s-]+(.*))?$", re.IGNORECASE | re.DOTALL
)


def parse_scale(word: str) -> Decimal | None:
    """The multiplier of one scale word (``"billion"``, ``"bn"``, ``"Millions"``), else None."""
    w = word.strip().lower()
    if w in SCALES:
        return SCALES[w]
    if w.endswith("s") and w[:-1] in _LONG_SCALES:
        return SCALES[w[:-1]]
    return None


def _apply_scales(value: Decimal, words: list[str]) -> Decimal | None:
    for word in words:
        if word in {"a", "an"}:
            continue
        if word == "hundred":
            value *= 100
            continue
        if word in _ATTACHED_ONLY:
            return None  # "3 m" is metres, not millions
        scale = parse_scale(word)
        if scale is None:
            return None
        value *= scale
    return value


def _parse_words(words: list[str]) -> Decimal | None:
    """Word numbers: "two hundred and fifty thousand", "half a billion", "one and a half"."""
    total = Decimal(0)
    current = Decimal(0)
    seen = False  # a content word was read
    after_and_a = False
    for i, word in enumerate(words):
        if word in _ONES or word in _TENS:
            current += _ONES.get(word, 0) + _TENS.get(word, 0)
            seen = True
        elif word == "hundred":
            current = (current or Decimal(1)) * 100
            seen = True
        elif word == "dozen":
            current = (current or Decimal(1)) * 12
            seen = True
        elif word in {"half", "halves", "quarter", "quarters"}:
            fraction = _FRACTIONS["half" if word.startswith("hal") else "quarter"]
            if after_and_a or (current and word in {"half", "quarter"} and words[i - 1] == "a"):
                current += fraction  # "one and a half", "one and a quarter"
            elif current and word in {"halves", "quarters"}:
                current *= fraction  # "three quarters"
            elif current:
                return None  # "two half"
            else:
                current = fraction  # "half", "a quarter"
            seen = True
        elif word in {"a", "an"}:
            if i + 1 >= len(words):
                if i > 0 and words[i - 1] == "half":
                    break  # "half a" (as in "half a billion" with the scale elsewhere)
                return None
            after_and_a = i > 0 and words[i - 1] == "and"
            continue
        elif word == "and":
            if not seen or i + 1 >= len(words):
                return None
            continue
        elif word == "of":
            # only "half of a billion" style: "of" must sit between a fraction and "a"
            if i == 0 or words[i - 1] not in {"half", "quarter"}:
                return None
            continue
        else:
            scale = None if word in _ATTACHED_ONLY else parse_scale(word)
            if scale is None or not (seen or (i > 0 and words[i - 1] in {"a", "an"})):
                return None
            total += (current or Decimal(1)) * scale
            current = Decimal(0)
            seen = True
        after_and_a = False if word != "and" else after_and_a
    if not seen:
        return None
    return total + current


def parse_number(text: str) -> Decimal | None:
    """The exact value of one number written in ``text``, or None if it is not one.

    ``text`` holds the number alone (surrounding spaces are ignored): digits
    with thousands separators and a decimal point, Penn spacing (``"1 . 6"``),
    an attached or spaced scale (``"3.5m"``, ``"75 mln"``, ``"1.2 trillion"``),
    hyphens (``"600-billion"``), or words (``"twenty-five"``,
    ``"a hundred"``, ``"half a billion"``, ``"one and a half million"``).
    """
    if not text or not text.strip():
        return None
    digits = _DIGITS_RE.fullmatch(text)
    if digits:
        numeral = digits.group(1).replace(",", "").replace(" ", "")
        try:
            value = Decimal(numeral)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid numerals
            return None
        rest = digits.group(2).strip()
        if not rest:
            return value
        attached = _ATTACHED_RE.match(rest)
        if attached and not text[digits.end(1) : digits.end(1) + 1].isspace():
            scale = parse_scale(attached.group(1))
            assert scale is not None
            value *= scale
            rest = (attached.group(2) or "").strip()
            if not rest:
                return value
        words = [w for w in _SPLIT_RE.split(rest.lower()) if w]
        if words and words[0] not in {"a", "an"}:
            return _apply_scales(value, words)
        return None
    words = [w for w in _SPLIT_RE.split(text.strip().lower()) if w]
    return _parse_words(words)


def normalize_qualifier(text: str | None) -> str | None:
    """``"More  than"`` -> ``"more than"`` (lower case, single spaces); None stays None."""
    return " ".join(text.lower().split()) if text else None


def qualifier_bounds(
    qualifier: str | None, value: Decimal
) -> tuple[Decimal | None, Decimal | None]:
    """``(low, high)`` a normalized qualifier implies for ``value``.

    "more than X" -> (X, None); "up to X" / "nearly X" -> (None, X);
    "about X" or no qualifier -> (None, None).
    """
    if qualifier in LOWER_BOUND_QUALIFIERS:
        return value, None
    if qualifier in UPPER_BOUND_QUALIFIERS:
        return None, value
    return None, None
