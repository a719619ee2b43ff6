"""Places without a designator, known from their context.

A name listed with known places ("Chengdu, Meishan and Xichang"), after "the counties of",
after "located in" / "based in", or after "in" and before a known state or country ("in
Austin, Texas") is a place; names listed before a shared lower-case head are what the head
says ("Ruyi and Jinchuan industrial parks", "Kashgar and Korgas economic development zones").
"""

from __future__ import annotations

from collections.abc import Iterator

from extractor.facts.entities.companies import NameContext, is_list, unknown_name
from extractor.facts.entities.gazetteer import Found
from extractor.facts.entities.lexicon import PLACE_NOUNS, ZONE_TYPE_WORDS, EntityValue


def places_by_context(
    c: NameContext,
    lists: list[list[tuple[int, int]]],
    found: list[Found],
) -> Iterator[Found]:
    """Unknown one-word names that a list of places or a place noun shows to be places."""
    v, claimed = c.v, c.claimed
    words = v.words
    places = {(f.start, f.end) for f in found if f.value.label == "GPE"}
    others = {(f.start, f.end) for f in found if f.value.label != "GPE"}
    for items in lists:
        first = items[0][0]
        if len(items) == 1 and not (first and words[first - 1] == "of"):
            continue  # neither a list nor after "the counties of"
        cue = first > 1 and words[first - 1] == "of" and words[first - 2] in PLACE_NOUNS
        known = sum(item in places for item in items)
        if not cue and not (known >= 2 and is_list(words, items)):
            continue
        if any(item in others for item in items):
            continue
        for s, e in items:
            if e - s == 1 and unknown_name(c, s, e):
                claimed.add(s)
                yield Found(s, e, EntityValue("GPE", "other"))


# Words before "in" that make the names after it places: "located in Tan Lap, Tan Phuoc".
_LOCATED = frozenset({"located", "based", "situated", "headquartered"})


def places_by_cue(
    c: NameContext,
    lists: list[list[tuple[int, int]]],
    found: list[Found],
) -> Iterator[Found]:
    """Unknown names that their context shows to be places: after "located in" / "based
    in" ("located in Binh Lam, Phu Tho, Dong Thap Province"), or after "in" and before a
    known state, province or country ("in Austin, Texas")."""
    v, claimed = c.v, c.claimed
    if not lists:
        return
    words = v.words
    larger = {f.start for f in found if f.value.category in {"province", "country"}}
    for items in lists:
        first = items[0][0]
        if first < 2 or words[first - 1] != "in":
            continue
        if words[first - 2] in _LOCATED:
            for s, e in items:
                if e - s <= 3 and unknown_name(c, s, e, any_word=True, place=True):
                    claimed.update(range(s, e))
                    yield Found(s, e, EntityValue("GPE", "other"))
            continue
        s, e = items[0]
        if (
            e + 1 < v.n
            and words[e] == ","
            and e + 1 in larger
            and e - s <= 2
            and unknown_name(c, s, e)
        ):
            claimed.update(range(s, e))
            yield Found(s, e, EntityValue("GPE", "city"))


# Plural lower-case heads a list of names may share, and what each name then is: the park
# itself ("Ruyi and Jinchuan industrial parks"), or the place a zone is named after
# ("Kashgar and Korgas economic development zones": Korgas is the city).
_SHARED_HEADS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("parks", "bases"), ("FAC", "park")),
    **dict.fromkeys(("zones", "areas", "districts", "counties", "towns"), ("GPE", "other")),
    "villages": ("GPE", "other"),
    "cities": ("GPE", "city"),
    "provinces": ("GPE", "province"),
}
# Words that may follow a list of names before its shared head: a kind word or the head.
HEAD_OPENERS = ZONE_TYPE_WORDS | _SHARED_HEADS.keys()
# Singular heads after which one unknown name and kind words name the place.
_SINGLE_HEADS = frozenset({"park", "zone", "area", "base"})
# Lower-case words that may stand between the list and the head ("industrial", "economic").
_MAX_KIND_WORDS = 4


def names_before_shared_head(
    c: NameContext,
    lists: list[list[tuple[int, int]]],
) -> Iterator[Found]:
    """Unknown names of a list that shares a plural lower-case head: "Shaerqin, Ruyi and
    Jinchuan industrial parks" (three parks), "the Kashgar and Korgas economic development
    zones" (two places); one name before kind words and a singular head is the place."""
    v, claimed = c.v, c.claimed
    words = v.words
    for items in lists:
        head = items[-1][1]
        while (
            head < v.n and head - items[-1][1] < _MAX_KIND_WORDS and words[head] in ZONE_TYPE_WORDS
        ):
            head += 1
        if head >= v.n or any(v.sent[items[-1][1] : head + 1]):
            continue
        if len(items) == 1:
            # One name before kind words and a singular head: "the Changge circular economy
            # industrial park" (Changge, the place; "Guangzhou Development district" and
            # "Nansha district" are headless.py's).
            s, e = items[0]
            if (
                e - s == 1
                and head > e
                and not words[s].isupper()  # "an IT innovation industrial park"
                and words[head] in _SINGLE_HEADS
                and unknown_name(c, s, e)
            ):
                claimed.add(s)
                yield Found(s, e, EntityValue("GPE", "other"))
            continue
        if words[head] not in _SHARED_HEADS or not is_list(words, items):
            continue
        kind = _SHARED_HEADS[words[head]]
        for s, e in items:
            if unknown_name(c, s, e):
                claimed.update(range(s, e))
                yield Found(s, e, EntityValue(*kind))
