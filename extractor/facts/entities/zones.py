"""The grammar of zone names: place words + kind words + a zone head.

Zone names are built from parts: a place or a proper name ("Yichang", "East Lake",
"Nantong"), words saying what kind of zone it is ("Economic and Technological",
"High-tech Industrial", "Torch", "Micro-Electronics", "Pilot Free Trade") and a head
("Development Zone", "Area", "New Area", "Industrial Park", "Base", "FTZ"). A run of
capitalized words built so is a zone name even when each word is a common English word
("East Lake Hi-tech Development Zone"). Three or more kind words and a head alone name a
zone too ("the Economy & Technology Development Zone" of a city), except as a class ("a
National High-tech Industrial Development Zone") or back after the full name ("the Economic
and Technological Development Zone" after "Yichang Economic and ...").
"""

from __future__ import annotations

from extractor.facts.entities.gazetteer import Found
from extractor.facts.entities.lexicon import (
    CONNECTORS,
    HYPHENS,
    LEADING_NON_NAMES,
    TAIL_HEADS,
    ZONE_TYPE_WORDS,
    EntityValue,
    _word_list,
)
from extractor.facts.entities.tokens import Tokens

ZONE_HEAD_CATEGORIES = frozenset({"zone", "park"})
# Heads after which any capitalized word makes a name, kind words too: a new city or town is
# named by what it is built around ("the Airport New City", "the Air-Rail New City").
NAMED_BY_ANY_WORD = frozenset({("New", "City"), ("New", "Town")})
# Words that join the parts of a zone name ("Economic and Technological", "China (Hubei)
# Pilot Free Trade Zone"); linking.py leaves them out when it compares two names.
NAME_JOINERS = CONNECTORS | HYPHENS | {"(", ")"}
_AND = frozenset({"and", "&"})
# A compass word before the head names one part of a city's zones, so kind words before it
# are a name, not a class: "the New North Zone", "the High-tech South Zone" (of a new district).
COMPASS_HEAD_WORDS = _word_list("compass-head-words.txt")


def zone_name(
    v: Tokens, start: int, end: int, head_length: int, kind: tuple[str, str]
) -> EntityValue | None:
    """``doc[start:end]`` as a zone name by its grammar, if it is one.

    ``head_length`` tokens at the end are the head (of label/category ``kind``).
    """
    label, category = kind
    if category not in ZONE_HEAD_CATEGORIES:
        return None
    i = end - head_length
    compass = i - 1 > start and v.words[i - 1] in COMPASS_HEAD_WORDS
    i -= compass
    kind_words = 0
    while i > start and (
        v.words[i - 1].lower() in ZONE_TYPE_WORDS or v.words[i - 1] in NAME_JOINERS
    ):
        if v.words[i - 1] in _AND and not (i >= 2 and v.words[i - 2].lower() in ZONE_TYPE_WORDS):
            break  # "and" only joins kind words: "Economic and Technological"
        i -= 1
        kind_words += v.words[i] not in NAME_JOINERS
    if not kind_words:
        return None
    prefix = [k for k in range(start, i) if v.words[k] not in NAME_JOINERS]
    if not prefix:
        if compass and start > 0 and v.words[start - 1] not in _CLASS_OPENERS:
            return EntityValue(label, category)
        if v.words[end - 1] == ")":
            return EntityValue(
                label, category
            )  # its place after it: "High-Tech District (Binjiang)"
        return _named_by_kind_words(v, start, end, kind_words, kind)
    if not all(v.cap[k] for k in prefix):
        return None
    if all(v.words[k] in LEADING_NON_NAMES for k in prefix):
        return None
    if all(v.words[k].lower() in ZONE_TYPE_WORDS or (v.words[k],) in TAIL_HEADS for k in prefix):
        return None  # "National Ecological Demonstration Zone and National Bonded Logistics Zone"
    return EntityValue(label, category)


# Words before kind words that make them a class of zones, not one zone's name: "a
# National High-tech Industrial Development Zone", "state-level Economic and Technological
# Development Zones".
_CLASS_OPENERS = frozenset({"a", "an", "A", "An"})
MIN_KIND_WORDS_ALONE = 3


def _named_by_kind_words(
    v: Tokens, start: int, end: int, kind_words: int, kind: tuple[str, str]
) -> EntityValue | None:
    """Capitalized kind words and a head with no place before them, standing alone: a
    city's zone named by what it is ("the Bonded Port Zone, Economic & Technology
    Development Zone and High-tech Industrial Development Zone"). Two kind words are a class ("Free
    Trade Zone"), and so is any number after "a" or a lower-case kind word ("state-level");
    the same words ending a longer zone name in the document refer back to it
    (:func:`back_references`). Before "of" they name nothing alone: "Modern Agricultural
    Science and Technology Demonstration Area of (a city)" is one name."""
    if kind_words < MIN_KIND_WORDS_ALONE or start == 0:
        return None
    if end < v.n and v.words[end] in {"of", "for"}:
        return None
    before = v.words[start - 1]
    if before in _CLASS_OPENERS or (before.islower() and before in ZONE_TYPE_WORDS):
        return None
    return EntityValue(*kind)


def kind_words_only(v: Tokens, start: int, end: int) -> bool:
    """Whether ``doc[start:end]`` is kind words and a head alone ("the Economic and
    Technological Development Zone")."""
    return all(
        v.words[i].lower() in ZONE_TYPE_WORDS
        or v.words[i] in NAME_JOINERS
        or (v.words[i],) in TAIL_HEADS
        for i in range(start, end)
    )


def back_references(v: Tokens, found: list[Found]) -> list[Found]:
    """``found`` without the kind-words-only zone names that end a longer zone name found in
    the document: "the Economic and Technological Development Zone" after "Yichang Economic
    and Technological Development Zone" is that zone again, not a name."""
    zones = [f for f in found if f.value.category in ZONE_HEAD_CATEGORIES]
    alone = [
        f
        for f in zones
        if f.end - f.start > MIN_KIND_WORDS_ALONE and kind_words_only(v, f.start, f.end)
    ]
    if not alone:
        return found
    longer = [v.text(f.start, f.end) for f in zones if not kind_words_only(v, f.start, f.end)]
    dropped = {
        id(f) for f in alone if any(name.endswith(" " + v.text(f.start, f.end)) for name in longer)
    }
    return [f for f in found if id(f) not in dropped]
