"""The names claims give their subjects: the entities as claims see them (a committee or a
bureau speaks for its zone, a name ending in "Zone" is a zone), and the fullest name the article
uses for a zone or a company."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

PLACES: Final = frozenset({"city", "province", "region"})
# A name after one of these words is where something happens ("increased its capital in the
# ... Area", "settled in the ... Zone"), not who does it.
LOCATIVE_RE: Final = re.compile(r"\b(?:in|at|into|inside|within)\s+(?:the\s+)?$", re.IGNORECASE)
# "Administrative Committee of Tianjin Economic-technological Development Area" and
# "Liangjiang New Area Administrative Committee" (or "Administration Commission") speak for
# the zone they name.
_COMMITTEE_RE: Final = re.compile(
    r"^(?:(?:the\s+)?(?:administrative|administration|management)\s+commi(?:ttee|ssion)\s+of\s+"
    r"(?:the\s+)?(?P<after>.+)"
    r"|(?P<before>.+?)\s+(?:administrative|administration|management)\s+commi(?:ttee|ssion))$",
    re.IGNORECASE,
)
# "Investment Promotion Bureau of the Nantong ... Zone" speaks for the zone it names.
_AGENCY_RE: Final = re.compile(
    r"^(?:the\s+)?(?:[\w-]+\s+){0,3}(?:bureau|office|department|authority)\s+of\s+(?:the\s+)?"
    r"(?P<zone>.+)$",
    re.IGNORECASE,
)
# A name ending so is a zone (or a park) whatever category the entities component gave it.
ZONE_HEAD_RE: Final = re.compile(
    r"\b(?:zone|area|new district|pilot zone|free trade port)"
    r"(?:\s+for\s+[\w\s-]+)?(?:\s*\([^)]*\))?$",
    re.IGNORECASE,
)
PARK_HEAD_RE: Final = re.compile(r"\b(?:park|base|valley)$", re.IGNORECASE)
_DISTRICT_HEAD_RE: Final = re.compile(
    r"\b(?:hi-tech|high-tech|development|new|industrial|economic)\s+district(?:\s*\([^)]*\))?$",
    re.IGNORECASE,
)
# A district named by what it is for ("High-Tech District (Binjiang)") is a zone even when
# the entities component took it for a place.
_ZONE_DISTRICT_RE: Final = re.compile(
    r"\b(?:hi-tech|high-tech|development|industrial|economic)\s+district(?:\s*\([^)]*\))?$",
    re.IGNORECASE,
)

# An honour or a list a name stands for is no zone that owns figures: "named the Best Special
# Economic Zone", "31 Best Practical Cases of Free Trade Zones"; nor is a plural ("Zones").
_HONOUR_RE: Final = re.compile(
    r"^(?:the\s+)?(?:best|top|outstanding|excellent)\b|\bcases\s+of\b|\b(?:zones|areas|parks)$",
    re.IGNORECASE,
)
# "Hi-tech", "High tech" and "Hi-Tech" are one word spelled three ways.
_HIGH_TECH_RE: Final = re.compile(r"\bhi(?:gh)?[- ]?tech\b")

HEAD_WORDS: Final = frozenset({"zone", "area", "park", "district", "base", "port"})
# Words that make a longer company name a branch of the brand it opens: a place in brackets
# ("Sany (Hainan)") or a continent ("Nissan North America Inc.").
_BRANCH_RE: Final = re.compile(
    r"\(|\b(?:(?:North|South|Latin|Central)\s+America|Americas|Europe|Asia|Africa|Oceania"
    r"|Middle\s+East|Asia[ -]Pacific)\b"
)
_LEGAL_ENDING_RE: Final = re.compile(
    r"\s+(?:co\b|company|corporation|corp\b|group|ltd|limited|inc\b)[\w.,() ]*", re.IGNORECASE
)


@dataclass(frozen=True)
class Named:
    """An entity mention: where it is, its text, the key of its group and its category."""

    start: int
    end: int
    text: str
    key: str
    category: str


def _category(text: str, category: str) -> str:
    if _HONOUR_RE.search(text):
        return "other"
    if category in PLACES and _ZONE_DISTRICT_RE.search(text):
        return "zone"
    if category in ("zone", "park") or category in PLACES or category == "country":
        return category
    if ZONE_HEAD_RE.search(text) or _DISTRICT_HEAD_RE.search(text):
        return "zone"
    if category != "company" and PARK_HEAD_RE.search(text):
        return "park"
    return category


def named_entities(
    mentions: Iterable[tuple[int, int, str, str | None, str | None]],
) -> list[Named]:
    """``(start, end, text, category, canonical)`` of each entity, as claims see them."""
    out = []
    for start, end, text, category, canonical in mentions:
        key, category = canonical or text, _category(text, category or "other")
        committee = _COMMITTEE_RE.match(text)
        agency = _AGENCY_RE.match(text)
        if committee is not None:
            key = text = (committee.group("after") or committee.group("before")).strip()
            category = "zone"
        elif agency is not None and ZONE_HEAD_RE.search(agency.group("zone")):
            key = text = agency.group("zone")
            category = "zone"
        elif category == "government":
            continue
        if category in PLACES and text.endswith(" city"):
            key = text = text[: -len(" city")]
        out.append(Named(start, end, text, key, category))
    return out


def company_fullest(name: str, companies: list[str], places: frozenset[str] | None = None) -> str:
    """A company's name with its legal ending when the article writes it ("Chang’an
    Automobile Company Limited" for "Chang’an Automobile"), and a one-word name as the
    longer name it opens ("Zoomlion Heavy Industry Science & Technology Co., Ltd." for
    "Zoomlion") unless the rest names one of ``places`` ("Nissan North America Inc." is a
    branch; None: no one-word rule); ``companies`` is sorted."""
    lo = bisect.bisect_left(companies, name + " ")
    hi = bisect.bisect_left(companies, name + " \uffff")
    brand = places is not None and " " not in name
    longer = [
        c
        for c in companies[lo:hi]
        if _LEGAL_ENDING_RE.fullmatch(c, len(name))
        or brand
        and not _BRANCH_RE.search(c, len(name))
        and not any(p in c[len(name) :] for p in places or ())
    ]
    return longest(longer) if longer else name


# What a place's full name adds to it: "Xinjiang | Uygur Autonomous Region", "Hebei |
# Province", "Lhasa | City", "Chongqing | Municipality"; capitalized, as a name writes it
# ("Guangxi Zhuang autonomous region" describes Guangxi).
_PLACE_DESIGNATOR_RE: Final = re.compile(
    r"\s+(?:(?:Uygur|Uyghur|Zhuang|Hui|Tibet|Tibetan)\s+)?(?:Autonomous\s+Region|Province|City"
    r"|Municipality|Special\s+Administrative\s+Region|Prefecture)"
)


def place_fullest(name: str, places: list[str]) -> str:
    """A place's name as the longest of ``places`` (sorted) that is the name and a
    designator ("Xinjiang Uygur Autonomous Region" for "Xinjiang"), else the name itself."""
    lo = bisect.bisect_left(places, name + " ")
    hi = bisect.bisect_left(places, name + " \uffff")
    longer = [p for p in places[lo:hi] if _PLACE_DESIGNATOR_RE.fullmatch(p, len(name))]
    return longest(longer) if longer else name


def without_legal_ending(name: str) -> str:
    """A company's name without its legal ending ("Lanfeng Motor" for "Lanfeng Motor Co.,
    Ltd."), or the name itself when it has none or is nothing else."""
    m = _LEGAL_ENDING_RE.search(name)
    return name[: m.start()] if m is not None and m.start() > 0 else name


def longest(names: Iterable[str]) -> str:
    """The longest of the names; of equal lengths, the last in sort order (deterministic)."""
    return max(names, key=lambda n: (len(n), n))


def distinctive(name: str) -> list[str]:
    """A name's words without zone heads and designators: what tells two zones apart."""
    common = HEAD_WORDS | {"economic", "development", "new", "and", "of", "the", "national"}
    return [w for w in re.findall(r"[\w'’-]+", name.lower()) if w not in common]


def named_in_title(name: str, title: str, whole: bool = False) -> bool:
    """Whether the title names the zone: whole, or (unless ``whole``) its words up to a zone
    head ("Xiamen Torch Development Zone" for "Xiamen Torch Development Zone for High
    Technology ..."); "Hi-tech" and "High-tech" are one word ("Qingdao High-tech Zone")."""
    name, title = _spelled(name), _spelled(title)
    if name in title or whole:
        return name in title
    words = name.split()
    for k in range(len(words) - 1, 1, -1):
        if words[k - 1].lower() in HEAD_WORDS and " ".join(words[:k]).lower() in title:
            return True
    return False


def _spelled(text: str) -> str:
    """``text`` lower-cased, with every spelling of "high-tech" written one way."""
    return _HIGH_TECH_RE.sub("high-tech", text.lower())


# Words a zone's name may open with that name no place: a name opening so is no short form
# of a longer name that drops a place ("Economic Development Zone").
_DESIGNATORS: Final = frozenset(
    {
        "economic",
        "development",
        "high-tech",
        "new",
        "industrial",
        "free",
        "trade",
        "national",
        "technological",
        "economic-technological",
        "pilot",
        "export",
        "processing",
        "bonded",
        "comprehensive",
        "special",
        "international",
        "science",
        "technology",
        "and",
    }
)
_CHINA_BRACKETS_RE: Final = re.compile(r"^china\s*\((?P<place>[^()]+)\)\s*")
_PILOT_RE: Final = re.compile(r"\bpilot\s+")


def _zone_words(name: str) -> list[str]:
    """A zone name's words as one zone's names share them: lower case, "high-tech" spelled
    one way, "FTZ" as "free trade zone", without "Pilot" and the "China (...)" frame
    ("China (Hubei) Pilot Free Trade Zone", "Hubei Pilot FTZ": "hubei free trade zone")."""
    spelled = _CHINA_BRACKETS_RE.sub(r"\g<place> ", _spelled(name))
    spelled = _PILOT_RE.sub("", spelled.replace("ftz", "free trade zone"))
    return spelled.split()


def _words_within(short: list[str], long: list[str]) -> bool:
    """Whether ``short`` is ``long`` with words left out: the same last word, and the same
    first word or one place word before it ("East Lake High-tech Zone" in "Wuhan East Lake
    High-tech Development Zone")."""
    if short[-1] != long[-1]:
        return False
    if short[0] != long[0] and (short[0] in _DESIGNATORS or short[0] != long[1]):
        return False
    rest = iter(long[1 if short[0] == long[0] else 2 : -1])
    return all(w in rest for w in short[1:-1])


def short_forms_merged(entities: list[Named]) -> list[Named]:
    """The entities, a zone's short form ("Hengqin Cooperation Zone") keyed as its long form
    ("Hengqin Guangdong-Macao Deep Cooperation Zone"): the words of the short form, in order,
    with the long form's last word and its first (or second, after a place: "East Lake
    High-tech Zone" in "Wuhan East Lake High-tech Development Zone"); and names that are one
    name written two ways ("Hubei FTZ", "China (Hubei) Pilot Free Trade Zone") keyed as the
    longest. One zone, counted and named as one."""
    texts = {e.text: e.key for e in entities if e.category in ("zone", "park")}
    words = {t: _zone_words(t) for t in texts}
    spellings: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for t in texts:
        spellings[tuple(words[t])].append(t)
    longer: dict[str, str] = {}
    for short in texts:
        same = longest(spellings[tuple(words[short])])
        if len(same) > len(short):
            longer[short] = texts[same]
            continue
        if len(words[short]) < 3:
            continue
        holders = [
            t
            for t in texts
            if len(words[t]) > len(words[short]) and _words_within(words[short], words[t])
        ]
        if holders:
            longer[short] = texts[longest(holders)]
    if not longer:
        return entities
    return [dataclasses.replace(e, key=longer[e.text]) if e.text in longer else e for e in entities]
