"""Parts of a name inside brackets, quotes and dashes, and the head that ends a name.

:func:`tail_head` finds the suffix head ending a run ("... Development Zone", a place in
parentheses after it too); the others say how many tokens at a bracket, quote or dash
go on with the name around them: a place ("China (Shanghai) Pilot Free Trade Zone"), an
acronym of the words before it ("Huizhou Zhongkai (HZZK) High-tech Industrial
Development Zone"), a quoted part ('Ningbo "Belt and Road" ... Pilot Zone'), a paired
zone ("... Zone (Binjiang) \u2013 Fuyang Special Cooperation Area").
"""

from __future__ import annotations

from extractor.facts.entities.gazetteer import Knowledge
from extractor.facts.entities.lexicon import (
    CONNECTORS,
    HYPHENS,
    TAIL_HEADS,
    TAIL_LENGTHS,
    ZONE_TYPE_WORDS,
)
from extractor.facts.entities.tokens import Tokens
from extractor.facts.entities.zones import ZONE_HEAD_CATEGORIES

# The quotes around a quoted part of a name ('Ningbo "Belt and Road" ... Pilot Zone').
OPEN_NAME_QUOTES = frozenset({'"', "\u201c"})
_CLOSE_NAME_QUOTES = frozenset({'"', "\u201d"})


def zone_pair(v: Tokens, j: int) -> bool:
    """Whether the dash at ``j`` joins two zone names into one (a paired cooperation area)."""
    left = tail_head(v, max(0, j - 6), j)
    if left is None or left[1][1] not in ZONE_HEAD_CATEGORIES:
        return False
    e = j + 1
    while e < v.n and v.cap[e] and not v.sent[e] and e - j <= 8:
        e += 1
    right = tail_head(v, j + 1, e) if e > j + 2 else None
    return right is not None and right[1][1] in ZONE_HEAD_CATEGORIES


def quoted_part(v: Tokens, j: int) -> int:
    """Tokens of a quoted name inside a longer one: 'Ningbo "Belt and Road" Construction
    Comprehensive Pilot Zone' (capitalized words and connectors, a name going on after)."""
    for close in range(j + 2, min(v.n - 1, j + 8)):
        if v.words[close] in _CLOSE_NAME_QUOTES:
            inner = range(j + 1, close)
            if all(v.cap[i] or v.words[i] in CONNECTORS for i in inner) and (
                v.cap[close + 1] and not v.sent[close + 1]
            ):
                return close + 1 - j
            return 0
    return 0


_DASHES = HYPHENS | {"\u2014"}
# Words inside the quotes of a quoted zone name, and after them up to its head.
_QUOTED_REACH = 6


def quoted_zone(k: Knowledge, v: Tokens, j: int) -> int:
    """The end of a zone's or park's name opening with a quoted proper name at ``j``
    ('"Qwerty - East Gate" Special Economic Zone', "\u201cQwerty\u201d Free Economic
    Zone"), or 0: capitalized words and dashes inside the quotes, capitalized words up to a
    zone's or park's head after them."""
    n = v.n
    close = j + 1
    while close < n and close - j <= _QUOTED_REACH and v.words[close] not in _CLOSE_NAME_QUOTES:
        if not (v.cap[close] or v.words[close] in _DASHES or v.words[close] in CONNECTORS):
            return 0
        close += 1
    if close >= n - 1 or close == j + 1 or v.words[close] not in _CLOSE_NAME_QUOTES:
        return 0
    end = close + 1
    while end < n and end - close <= _QUOTED_REACH and v.cap[end] and not v.sent[end]:
        end += 1
    head = tail_head(v, close + 1, end) if end > close + 1 else None
    if head is None or head[1][1] not in ZONE_HEAD_CATEGORIES:
        return 0
    return end


def parenthesized_place(k: Knowledge, v: Tokens, j: int) -> int:
    """Tokens of a place in parentheses at ``j`` that belong to the name around it: "China
    (Shanghai) Pilot Free Trade Zone", "Skyworth Electronics (Inner Mongolia) Co", and at
    the end of a name with a head, "Hangzhou High-Tech Zone (Binjiang)"."""
    n = v.n
    if j + 3 < n and v.words[j + 2] == ")" and _acronym_inside(v, j):
        return 3  # "Huizhou Zhongkai (HZZK) High-tech Industrial Development Zone"
    if (
        j + 3 < n
        and v.words[j + 2] == ")"
        and v.words[j + 1] in ZONE_TYPE_WORDS
        and v.cap[j + 3]
        and not v.sent[j + 3]
    ):
        return 3  # "Lanxi (provincial) Economic Development Zone"
    for length in (1, 2, 3):
        close = j + 1 + length
        if close >= n or v.words[close] != ")":
            continue
        if not k.is_place(v.text(j + 1, close)):
            return 0
        if close + 1 < n and v.cap[close + 1] and not v.sent[close + 1]:
            return length + 2
        if tail_head(v, max(0, j - 3), j) is not None and v.cap[j - 1]:
            return length + 2
        return 0
    return 0


# Words before an acronym in parentheses that it may abbreviate, and words after it up to
# the head of the zone or park name it is inside.
_ACRONYM_REACH = 6


def _acronym_inside(v: Tokens, j: int) -> bool:
    """Whether the acronym in parentheses at ``j`` abbreviates the capitalized words before
    it and a zone's or park's name goes on after it: "Sino-Korea Free Trade Area (FTA)
    Intelligent Industrial Park" is one name."""
    acronym = v.words[j + 1]
    if not (2 <= len(acronym) <= 6 and acronym.isalpha() and acronym.isupper()):
        return False
    after = j + 3
    if not v.cap[after] or v.sent[after]:
        return False
    start = j
    while start > max(0, j - _ACRONYM_REACH) and (
        v.cap[start - 1] or v.words[start - 1] in HYPHENS
    ):
        start -= 1
    before = [w.lower() for w in v.words[start:j] if w not in HYPHENS]
    first = acronym[0].lower()
    opens = [i for i, w in enumerate(before) if w[0] == first]
    if not opens or not _letters_in_order(acronym.lower(), " ".join(before[opens[0] :])):
        return False
    end = after
    while end < v.n and end - after < 2 * _ACRONYM_REACH and not v.sent[end]:
        word = v.words[end]
        if not (v.cap[end] or word in HYPHENS or word in CONNECTORS or v.words[end - 1] in HYPHENS):
            break
        end += 1
    head = tail_head(v, after, end)
    return head is not None and head[1][1] in ZONE_HEAD_CATEGORIES


def _letters_in_order(letters: str, text: str) -> bool:
    rest = iter(text)
    return all(c in rest for c in letters)


def tail_head(v: Tokens, start: int, end: int) -> tuple[int, tuple[str, str]] | None:
    """The suffix head ending the run: (its length in tokens, (label, category)).

    A place in parentheses after the head belongs to it: "Hangzhou High-Tech Zone (Binjiang)".
    """
    if end - start > 3 and v.words[end - 1] == ")":
        for open_at in range(end - 3, max(start, end - 6), -1):
            if v.words[open_at] == "(":
                inner = tail_head(v, start, open_at)
                return None if inner is None else (inner[0] + end - open_at, inner[1])
        return None
    for length in TAIL_LENGTHS:
        if end - length < start:
            continue
        key = tuple(v.words[end - length : end])
        if key in TAIL_HEADS:
            return length, TAIL_HEADS[key]
    return None


def head_end(v: Tokens, start: int, end: int) -> int:
    """Where the head ends: before a place in parentheses after it ("High-Tech District
    (Binjiang)")."""
    if end - start > 3 and v.words[end - 1] == ")":
        for open_at in range(end - 3, max(start, end - 6), -1):
            if v.words[open_at] == "(":
                return open_at
    return end
