"""Groups of zones an article names with no name of their own ("China's 12 free trade zones",
"bonded zones in Xinjiang", "the two zones"): the subject of an article about no one zone, and
of a figure whose clause counts a group ("the exports of 11 FTZs accounted for ...")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Final

from extractor.claims.names import LOCATIVE_RE
from extractor.claims.topics import previous_sentence_start
from extractor.facts.entities.lexicon import load_gazetteer
from extractor.facts.scan import windows

# Words that make a clause, not a group's name ("China began piloting FTZs in Shanghai").
_NOT_NAMING: Final = r"(?:[a-z]+ing|began|begun|started|launched|opened|set|built|has|have|had)\s"
# A group of zones, or a zone, written without a name: a place's ("Guangdong's pilot free
# trade zones", "the industrial park of Laibin City", "the Heilongjiang pilot FTZ"), in a
# place ("bonded zones in Xinjiang") or counted ("the two zones", "a four-hour economic zone").
_GROUP_RE: Final = re.compile(
    r"(?<![\w-])(?P<words>[A-Z][\w-]+['’]s\s+(?:[a-z\d][\w-]*\s+){0,3}(?:zones|free\s+trade\s+(?:port|zones)|FTZs?)"
    r"|(?:(?!" + _NOT_NAMING + r")[A-Za-z][\w-]*\s+)?(?:(?!" + _NOT_NAMING + r")[a-z][\w-]*\s+)?"
    r"(?:zones|areas|FTZs)\s+in\s+[A-Z][\w-]+"
    r"|[A-Z][\w-]+\s+pilot\s+(?:FTZ|free\s+trade\s+zone)"
    r"|(?:[a-z][\w-]*\s+){0,2}(?:park|zone)\s+of\s+[A-Z][\w-]+\s+City"
    r"|(?:first\s+|last\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,3})(?:-[a-z]+)?\s+"
    r"(?:[a-z][\w-]*\s+){0,2}(?:zones?|FTZs|free\s+trade\s+zones))(?![\w-])"
)
# A zone written in lower case after its place: "Manzhouli border trade zone" (the place
# checked against the gazetteer).
_PLACE_ZONE_RE: Final = re.compile(
    r"(?<![\w-])(?P<place>[A-Z][\w'’-]+)\s+(?:[a-z][\w-]*\s+){1,2}zone(?![\w-])"
)
_DETERMINER_RE: Final = re.compile(
    r"^(?:the|these|those|this|a|an|its|their|all)\s+", re.IGNORECASE
)
# The look-ahead lets the engine skip to a possible first letter.
_GROUP_ANCHOR_RE: Final = re.compile(
    r"(?=[zpfa])(?:zones?\b|areas\b|park\b|free trade port|ftzs?\b)", re.IGNORECASE
)
_GROUP_CHARS: Final = 60
# A figure's clause names a group when it counts zones, not one zone ("a four-hour economic
# zone"); "the" before the group points back, unless it ranks ("the first four FTZs").
_PLURAL_RE: Final = re.compile(r"(?:zones|areas|FTZs)(?:\s+in\s+[A-Z][\w-]+)?$")
_THE_GROUP_RE: Final = re.compile(r"\b(?:the|these|those)\s+$", re.IGNORECASE)
_RANK_RE: Final = re.compile(r"(?:first|last)\s")
# "one of the | best-developed zones in China": a ranking, not a group (the look-back
# reaches over a word or two before the group's words).
_ONE_OF_RE: Final = re.compile(r"\bone\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_ONE_OF_REACH: Final = 40
# "these FTZs", "those zones": the group named just before.
_THESE_RE: Final = re.compile(r"\b(?:these|those)\s+(?:[a-z][\w-]*\s+){0,2}(?:zones|areas|FTZs)\b")


def group_counts(
    texts: Iterable[str], lower_case: bool = True
) -> tuple[Counter[str], Counter[str]]:
    """How often each group's words (without a determiner) stand in the texts; and, when
    ``lower_case``, each zone written in lower case after its city or province ("Manzhouli
    border trade zone")."""
    counts: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    domestic = load_gazetteer().domestic
    for text in texts:
        for lo, hi in windows(text, _GROUP_ANCHOR_RE, _GROUP_CHARS, 20):
            for m in _GROUP_RE.finditer(text, lo, hi):
                if not _ranked_among(text, m.start()):
                    counts[_DETERMINER_RE.sub("", m.group("words"))] += 1
            if not lower_case:
                continue
            for m in _PLACE_ZONE_RE.finditer(text, lo, hi):
                if m.group("place") in domestic:
                    lower[m.group()] += 1
    return counts, lower


def _ranked_among(text: str, start: int) -> bool:
    """Whether the group at ``start`` is what one zone is ranked among ("one of the |
    best-developed zones in China"), not a group an article speaks of."""
    return _ONE_OF_RE.search(text, max(0, start - _ONE_OF_REACH), start) is not None


def group_in(text: str, lo: int, hi: int, after: bool = False) -> str | None:
    """The article's words for a group of zones named in ``[lo, hi)`` ("China's 12 free
    trade zones", "the first four FTZs"; ``after`` the figure: only where it was counted,
    "in the first four FTZs"; "these FTZs": the group named last before, in this sentence or
    the one before): the group's figure, as a group with no name is named."""
    if _GROUP_ANCHOR_RE.search(text, lo, hi) is None:
        return None
    if not after and (these := _THESE_RE.search(text, lo, hi)) is not None:
        named = list(_naming(text, previous_sentence_start(text, lo), these.start()))
        return named[-1][1] if named else None
    for m, words in _naming(text, lo, hi):
        if after and LOCATIVE_RE.search(text, max(lo, m.start() - 12), m.start()) is None:
            return None
        return words
    return None


def _naming(text: str, lo: int, hi: int) -> Iterator[tuple[re.Match[str], str]]:
    """The groups of zones in ``[lo, hi)`` that name a group (plural, and not "the three
    free trade zones", which speaks of a group named before), with their words."""
    for m in _GROUP_RE.finditer(text, lo, hi):
        words = m.group("words")
        anaphor = _THE_GROUP_RE.search(text, max(lo, m.start() - 6), m.start())
        if _ranked_among(text, m.start()):
            continue
        if _PLURAL_RE.search(words) and (not anaphor or _RANK_RE.match(words)):
            yield m, _DETERMINER_RE.sub("", words)
