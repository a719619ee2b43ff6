"""The grammar of zone names: place words + kind words + a zone head.

Zone names are built from parts: a place or a proper name ("Yichang", "East Lake",
"Nantong"), words saying what kind of zone it is ("Economic and Technological",
"High-tech Industrial", "Torch", "Micro-Electronics", "Pilot Free Trade") and a head
("Development Zone", "Area", "New Area", "Industrial Park", "Base", "FTZ"). A run of
capitalized words built so is a zone name even when each word is a common English word
("East Lake Hi-tech Development Zone"); the kind words alone ("the Economic and
Technological Development Zone") are no name.
"""

from __future__ import annotations

from extractor.facts.entities.lexicon import (
    CONNECTORS,
    LEADING_NON_NAMES,
    TAIL_HEADS,
    ZONE_TYPE_WORDS,
    EntityValue,
)
from extractor.facts.entities.tokens import Tokens

ZONE_HEAD_CATEGORIES = frozenset({"zone", "park"})
# Heads after which any capitalized word makes a name, kind words too: a new city or town is
# named by what it is built around ("the Airport New City", "the Air-Rail New City").
NAMED_BY_ANY_WORD = frozenset({("New", "City"), ("New", "Town")})
_JOINERS = CONNECTORS | {"-", "\u2013", "(", ")"}
_AND = frozenset({"and", "&"})


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
    kind_words = 0
    while i > start and (v.words[i - 1].lower() in ZONE_TYPE_WORDS or v.words[i - 1] in _JOINERS):
        if v.words[i - 1] in _AND and not (i >= 2 and v.words[i - 2].lower() in ZONE_TYPE_WORDS):
            break  # "and" only joins kind words: "Economic and Technological"
        i -= 1
        kind_words += v.words[i] not in _JOINERS
    if not kind_words:
        return None
    prefix = [k for k in range(start, i) if v.words[k] not in _JOINERS]
    if not prefix or not all(v.cap[k] for k in prefix):
        return None
    if all(v.words[k] in LEADING_NON_NAMES for k in prefix):
        return None
    if all(v.words[k].lower() in ZONE_TYPE_WORDS or (v.words[k],) in TAIL_HEADS for k in prefix):
        return None  # "National Innovation Demonstration Zone and National Free Trade Zone"
    return EntityValue(label, category)
