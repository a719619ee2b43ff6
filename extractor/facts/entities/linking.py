"""One zone, one name: the shorter names an article gives a zone it also names in full.

An article writes "Tianjin Binhai New Area" once and "Binhai New Area" after; it lists
"Pudong" as the short form of "Pudong New Area" but writes "Pudong New District". Every
such shorter name gets ``canonical`` = the fullest name the article writes:

- a zone or park name that ends a longer one after its leading places ("Binhai New Area"
  of "Tianjin Binhai New Area", "Linjiang High-tech Industrial Park" of "Xiaoshan Linjiang
  High-tech Industrial Park");
- a listed short form whose listed full name the article does not write, when one zone of
  the article opens with it ("Pudong" and "Pudong New District", "Hengqin" and "Hengqin
  New Area"; with two such zones the short form is left as listed);
- a canonical the article writes joins too: "Binhai" (of "Binhai New Area"), "Binhai New
  Area" and "Tianjin Binhai New Area" are one name, written as the longest.

A name with a listed full name the article does not write keeps it ("E-Town" beside
"Beijing E-Town" stays the Beijing Economic-Technological Development Area).

A place found as such keeps its label: only ``canonical`` changes.
"""

from __future__ import annotations

from extractor.facts.entities.gazetteer import Found, Knowledge
from extractor.facts.entities.lexicon import PARK, ZONE, EntityValue
from extractor.facts.entities.tokens import Tokens
from extractor.facts.entities.zones import kind_words_only

_ZONE_KINDS = frozenset({ZONE, PARK})
# Leading places a zone name may drop: "Chongqing" and "Sichuan" are enough, three is a lot.
_MAX_LEADING_PLACES = 3


def link_article_names(k: Knowledge, v: Tokens, found: list[Found]) -> list[Found]:
    """``found`` with each shorter name of a zone the article names in full linked to it."""
    zones = [f for f in found if (f.value.label, f.value.category) in _ZONE_KINDS]
    if not zones:
        return found
    written = {v.text(f.start, f.end) for f in found}
    # Names with a listed full name the article does not write keep it ("E-Town" of
    # "Beijing E-Town" is the Beijing Economic-Technological Development Area).
    unlinked = {v.text(f.start, f.end) for f in zones if f.value.canonical is None}
    links: dict[str, str] = {}
    for f in zones:
        _link_place_dropped(k, v, f, unlinked, links)
    by_first: dict[str, list[Found]] = {}
    for z in zones:
        by_first.setdefault(v.words[z.start], []).append(z)
    for f in found:
        canonical = f.value.canonical
        if canonical is not None and canonical not in written and v.words[f.start] in by_first:
            zone = _zone_of_short_form(v, f, by_first[v.words[f.start]])
            if zone is not None:
                links.setdefault(v.text(f.start, f.end), zone)
    if not links:
        return found
    for f in found:
        if f.value.canonical in written:  # "Binhai" of a "Binhai New Area" linked above
            links.setdefault(v.text(f.start, f.end), f.value.canonical)
    names = _longest_names(links)
    out = []
    for f in found:
        text = v.text(f.start, f.end)
        full = names.get(text, f.value.canonical)
        if full == text:
            full = None
        if full != f.value.canonical:
            f = Found(f.start, f.end, EntityValue(f.value.label, f.value.category, full))
        out.append(f)
    return out


def _longest_names(links: dict[str, str]) -> dict[str, str]:
    """Each linked name's canonical: the longest name of its group (the names joined by
    links), which the article writes."""
    root: dict[str, str] = {}

    def find(name: str) -> str:
        while root.get(name, name) != name:
            name = root[name]
        return name

    for short, long in links.items():
        a, b = find(short), find(long)
        if a != b:
            root[a] = b
    names = {*links, *links.values()}
    longest: dict[str, str] = {}
    for name in names:
        group = find(name)
        if len(name) > len(longest.get(group, "")):
            longest[group] = name
    return {name: longest[find(name)] for name in names}


def _link_place_dropped(
    k: Knowledge, v: Tokens, f: Found, texts: set[str], links: dict[str, str]
) -> None:
    """Link the names ``f`` ends after its leading places to ``f``'s name."""
    i = f.start
    while i < f.end - 1 and i - f.start < _MAX_LEADING_PLACES and k.is_place(v.words[i]):
        i += 1
        shorter = v.text(i, f.end)
        if shorter in texts and not kind_words_only(v, i, f.end):
            links.setdefault(shorter, v.text(f.start, f.end))


def _zone_of_short_form(v: Tokens, f: Found, zones: list[Found]) -> str | None:
    """The one zone whose name opens with ``f``'s words ("Pudong New District"); none when
    the article has two ("Qianhai Special Zone" and "Qianhai Shenzhen-Hong Kong ...")."""
    n = f.end - f.start
    words = v.words[f.start : f.end]
    names = {
        v.text(z.start, z.end)
        for z in zones
        if z.end - z.start > n
        and z.value.category == "zone"
        and v.words[z.start : z.start + n] == words
    }
    return names.pop() if len(names) == 1 else None
