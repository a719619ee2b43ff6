"""The word lists money, percentages, counts and years share, read once from ``data/lexicon/``.

Each list lives in one file, so the fact types cannot drift apart (they did: counts
kept its own qualifiers, and read "just over 100 companies" as "over 100"):

- ``qualifiers.tsv``: "more than", "up to", "about" ... and the bound each implies;
- ``months.txt``: month names, full and short;
- ``number-words.tsv``: "one" ... "ninety" and their values;
- ``plurals.tsv``: exceptions to the plural test ("people" is plural, "marks" after
  a year is a verb);
- ``money-context.txt``: words that make "pounds" money rather than a weight;
- ``currencies.tsv``: read by :mod:`extractor.facts.currencies`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

DATA: Final = Path(__file__).resolve().parent / "data" / "lexicon"


def data_lines(name: str) -> list[str]:
    """The lines of a data file, without comments and blank lines."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _columns(name: str) -> list[list[str]]:
    return [line.split("\t") for line in data_lines(name)]


def word_set(words: str) -> frozenset[str]:
    """The words of a whitespace-separated string (short lists kept beside their code)."""
    return frozenset(words.split())


def _words(name: str) -> frozenset[str]:
    return frozenset(w for line in data_lines(name) for w in line.split())


def alternation(words: object) -> str:
    """A regex alternation of literal words, longest first (so "no more than" wins
    over "more than")."""
    return "|".join(sorted((re.escape(str(w)) for w in words), key=lambda w: (-len(w), w)))  # type: ignore[attr-defined]


# --- qualifiers ---------------------------------------------------------------
_QUALIFIERS: Final = {phrase: bound for phrase, bound in _columns("qualifiers.tsv")}
#: "about X": X is an estimate; no bound.
APPROXIMATE_QUALIFIERS: Final = frozenset(q for q, b in _QUALIFIERS.items() if b == "approximate")
#: "more than X": X is a lower bound.
LOWER_BOUND_QUALIFIERS: Final = frozenset(q for q, b in _QUALIFIERS.items() if b == "lower")
#: "up to X", "nearly X": X is an upper bound.
UPPER_BOUND_QUALIFIERS: Final = frozenset(q for q, b in _QUALIFIERS.items() if b == "upper")
if set(_QUALIFIERS.values()) != {"approximate", "lower", "upper"}:  # pragma: no cover
    raise ValueError("qualifiers.tsv: a bound is approximate, lower or upper")

#: A qualifier (no capturing group, no trailing space): wrap it in your own
#: group, e.g. ``rf"(?:(?P<qual>{QUALIFIER_PATTERN})\s+)?"``; compile with re.IGNORECASE.
QUALIFIER_PATTERN: Final = (
    r"(?<![A-Za-z])(?:"
    + "|".join(
        re.escape(q).replace(r"\ ", r"\s+") for q in sorted(_QUALIFIERS, key=lambda q: (-len(q), q))
    )
    + r")(?![A-Za-z])"
)

# --- months -------------------------------------------------------------------
#: Month names, full and short, lower case ("january", "jan", "sept").
MONTHS: Final = _words("months.txt")
#: The month names as a regex alternation, longest first; compile with IGNORECASE.
MONTH_PATTERN: Final = alternation(MONTHS)

# --- number words -------------------------------------------------------------
_NUMBER_VALUES: Final = {word: int(value) for word, value in _columns("number-words.tsv")}
#: "zero" ... "nineteen" and their values.
ONES: Final = {w: v for w, v in _NUMBER_VALUES.items() if v < 20}
#: "twenty" ... "ninety" and their values.
TENS: Final = {w: v for w, v in _NUMBER_VALUES.items() if v >= 20}
#: Cents or fen after a major unit: "50", "forty-five", "five" (below a hundred).
MINOR_NUMBER_PATTERN: Final = (
    rf"(?:\d{{1,2}}|(?:{'|'.join(TENS)})(?:[\s-](?:{'|'.join(list(ONES)[1:10])}))?"
    rf"|{'|'.join(list(ONES)[1:])})"
)

# --- plurals ------------------------------------------------------------------
_PLURALS: Final = _columns("plurals.tsv")
IRREGULAR_PLURALS: Final = frozenset(w for w, kind in _PLURALS if kind == "plural")
NOT_PLURAL: Final = frozenset(w for w, kind in _PLURALS if kind == "not-plural")
VERBS_AFTER_YEAR: Final = frozenset(w for w, kind in _PLURALS if kind == "verb-after-year")


def looks_plural(lower: str, *, after_year: bool = False) -> bool:
    """Whether a lower-case word after a number has the shape of a plural noun:
    an irregular plural, or ending in "s" (not "ss", "us", "is" or "'s") and not a
    known verb or function word."""
    if lower in IRREGULAR_PLURALS:
        return True
    if lower in NOT_PLURAL or (after_year and lower in VERBS_AFTER_YEAR):
        return False
    return lower.endswith("s") and not lower.endswith(("ss", "us", "is", "'s", "’s"))


# --- money context ------------------------------------------------------------
#: Words near a figure that make a currency word that is also a unit ("pounds") money.
MONEY_CONTEXT: Final = _words("money-context.txt")
