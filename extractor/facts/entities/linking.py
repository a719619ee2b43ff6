"""One zone, one name: the shorter names an article gives a zone it also names in full.

An article writes "Tianjin Binhai New Area" once and "Binhai New Area" after; it lists
"Pudong" as the short form of "Pudong New Area" but writes "Pudong New District". Every
such shorter name gets ``canonical`` = the fullest name the article writes:

- a zone or park name that is a longer one with places or kind words left out ("Binhai
  New Area" of "Tianjin Binhai New Area", "Linjiang High-tech Industrial Park" of "Xiaoshan
  Linjiang High-tech Industrial Park", "Hubei Free Trade Zone" of "China (Hubei) Pilot Free
  Trade Zone"), when one longer name (or a chain of them) holds it;
- a listed short form whose listed full name the article does not write, when one zone of
  the article opens with it ("Pudong" and "Pudong New District", "Hengqin" and "Hengqin
  New Area"; with two such zones the short form is left as listed), and a district
  place one new area of the article is named after ("Nansha" of "Nansha New Area");
- a canonical the article writes joins too: "Binhai" (of "Binhai New Area"), "Binhai New
  Area" and "Tianjin Binhai New Area" are one name, written as the longest.

A name with a listed full name the article does not write keeps it ("E-Town" beside
"Beijing E-Town" stays the Beijing Economic-Technological Development Area).

A place found as such keeps its label: only ``canonical`` changes.
"""

from __future__ import annotations

from extractor.facts.entities.gazetteer import Found, Knowledge
from extractor.facts.entities.lexicon import (
    PARK,
    ZONE,
    ZONE_TYPE_WORDS,
    EntityValue,
)
from extractor.facts.entities.tokens import Tokens
from extractor.facts.entities.zones import NAME_JOINERS

_ZONE_KINDS = frozenset({ZONE, PARK})
# A district below a city ("Nansha", "Wangcheng") named by a zone of the article is its
# short form; a city, province or country is the zone's parent ("Suzhou").
_DISTRICT = ("GPE", "other")
_NEW_AREA_HEADS = frozenset({("New", "Area"), ("New", "District")})


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
    _link_shorter_names(k, v, zones, unlinked, links)
    by_first: dict[str, list[Found]] = {}
    for z in zones:
        by_first.setdefault(v.words[z.start], []).append(z)
    # A short form written many times is looked up once while the links stay the same (each
    # lookup reads the zones it may open, so one a mention would make a long article
    # quadratic).
    looked_up: dict[tuple[tuple[str, ...], bool, int], str | None] = {}
    for f in found:
        listed = f.value.canonical is not None and f.value.canonical not in written
        district = (f.value.label, f.value.category) == _DISTRICT
        if (listed or district) and v.words[f.start] in by_first:
            key = (tuple(v.words[f.start : f.end]), listed, len(links))
            if key not in looked_up:
                zones_opened = by_first[v.words[f.start]]
                looked_up[key] = _zone_of_short_form(v, f, zones_opened, links, new_area=not listed)
            zone = looked_up[key]
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
    # In the order the links were made, not a set's: of two names of one length the first
    # stays the longest whatever the hash seed.
    names = dict.fromkeys([*links, *links.values()])
    longest: dict[str, str] = {}
    for name in names:
        group = find(name)
        if len(name) > len(longest.get(group, "")):
            longest[group] = name
    return {name: longest[find(name)] for name in names}


def _link_shorter_names(
    k: Knowledge, v: Tokens, zones: list[Found], unlinked: set[str], links: dict[str, str]
) -> None:
    """Link each zone name the article writes shorter to the one longer zone name it is
    part of: its words in order, the same head, only places and kind words left out
    ("Binhai New Area" of "Tianjin Binhai New Area", "Changzhou Hi-Tech District" of
    "Changzhou National Hi-Tech District", "Hubei Free Trade Zone" of "China (Hubei) Pilot
    Free Trade Zone"). A head written as an acronym stands for the words it abbreviates
    ("Wuhu ETDZ", "Xinjiang Pilot FTZ", "Kyaukphyu SEZ"), and "New District" for "New Area"
    ("Tianfu New District", "Sichuan Tianfu New Area"). Other names are compared with those
    of the same head only."""
    all_names: dict[str, tuple[str, ...]] = {}
    for f in zones:
        words = tuple(v.words[f.start : f.end])
        if words[-2:] == ("New", "District"):
            words = (*words[:-1], "Area")  # one head translated two ways: "Tianfu New Area"
        all_names[v.text(f.start, f.end)] = words
    if len(all_names) < 2:
        return
    # A longer name holds every word of the shorter one but an acronym head: only names
    # that hold them all are compared with it (comparing each name with every other would
    # make an article listing many zones quadratic).
    order = {name: i for i, name in enumerate(all_names)}
    by_word: dict[str, set[str]] = {}
    for name, words in all_names.items():
        for word in words:
            by_word.setdefault(word, set()).add(name)
    for short in sorted(unlinked):
        words = all_names[short]
        if _kind_words_only(words):
            continue
        acronym = len(words) > 1 and words[-1].isupper() and words[-1].isalpha()
        held = set.intersection(
            *sorted((by_word[w] for w in set(words[:-1] if acronym else words)), key=len)
        )
        longer = []
        for name in sorted(held, key=order.__getitem__):
            longer_words = all_names[name]
            if not acronym and longer_words[-1] != words[-1]:
                continue  # other names are compared with those of the same head only
            spelled = _spelled_out(words, longer_words) if acronym else words
            if name == short or links.get(name) == short:  # linked the other way already
                continue
            if spelled is not None and _drops_only(k, longer_words, spelled):
                longer.append(name)
        longest = max(longer, key=len, default=None)
        if longest is None:
            continue
        # Two longer names neither of which holds the other: two zones, no link.
        if all(_drops_only(k, all_names[longest], all_names[n]) for n in longer):
            links.setdefault(short, longest)


def _spelled_out(words: tuple[str, ...], longer: tuple[str, ...]) -> tuple[str, ...] | None:
    """``words`` with its last word, an acronym, replaced by the words of ``longer`` it
    abbreviates ("Wuhu ETDZ" and "... Economic and Technological Development Zone"), or
    None when ``longer`` does not end in such words."""
    acronym = words[-1]
    letters: list[str] = []
    j = len(longer)
    while j > 0 and len(letters) < len(acronym):
        j -= 1
        if longer[j] not in NAME_JOINERS:
            letters.append(longer[j][0].upper())
    if "".join(reversed(letters)) != acronym:
        return None
    return words[:-1] + longer[j:]


def _drops_only(k: Knowledge, longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether ``shorter`` is ``longer`` with places, kind words, joiners and an acronym
    in parentheses left out."""
    i = 0
    for j, word in enumerate(longer):
        if i < len(shorter) and word == shorter[i]:
            i += 1
        elif not (
            word in NAME_JOINERS
            or word.lower() in ZONE_TYPE_WORDS
            or k.is_place(word)
            or (word.isupper() and j > 0 and longer[j - 1] == "(")  # "(HZZK)"
        ):
            return False
    return i == len(shorter)


def _kind_words_only(words: tuple[str, ...]) -> bool:
    return all(w in NAME_JOINERS or w.lower() in ZONE_TYPE_WORDS for w in words[:-1])


def _zone_of_short_form(
    v: Tokens, f: Found, zones: list[Found], links: dict[str, str], *, new_area: bool
) -> str | None:
    """The one zone whose name opens with ``f``'s words ("Pudong New District"); none when
    the article has two ("Qianhai Special Zone" and "Qianhai Shenzhen-Hong Kong ...").
    ``new_area``: only a new area or new district, which is the district it is named
    after ("Nansha New Area" is Nansha; the "Wangcheng Economic and Technological
    Development Zone" is a part of Wangcheng)."""
    n = f.end - f.start
    words = v.words[f.start : f.end]
    # Two names of one zone linked above are one ("Tiexi New Area", "Tiexi New District").
    names = {
        links.get(v.text(z.start, z.end), v.text(z.start, z.end))
        for z in zones
        if z.end - z.start > n
        and z.value.category == "zone"
        and v.words[z.start : z.start + n] == words
        and (not new_area or tuple(v.words[z.end - 2 : z.end]) in _NEW_AREA_HEADS)
    }
    return names.pop() if len(names) == 1 else None
