"""Names inside a run that is not itself a name.

The gazetteer names a run holds are its names, unless they are part of an unknown longer
name ("China" in "China-Africa Economic and Trade Expo", "Nevada" in "Sierra Nevada") or of
a person's name ("Liu Changchun"). Around them: a lower-case designator after an unknown
proper word ("Jiangning district" -> "Jiangning"), an ethnic autonomous region ("Guangxi
Zhuang autonomous region"), a lower-case head a name needs ("Guangzhou Development
district"), joint names ("Changan Ford", "Guangzhou Nansha") and hyphenated Chinese places
("Chengdu-Chongqing").
"""

from __future__ import annotations

from collections.abc import Iterator

from extractor.facts.entities.gazetteer import Found, Knowledge, is_proper
from extractor.facts.entities.lexicon import (
    COMPANY_INDUSTRY_WORDS,
    DEMONYMS,
    DESIGNATORS,
    EVENT_HEADS,
    HYPHENS,
    LEADING_NON_NAMES,
    NOT_NAME_CONTINUATIONS,
    PLACE_MODIFIERS,
    SURNAMES,
    ZONE_TYPE_WORDS,
    EntityValue,
)
from extractor.facts.entities.tokens import Tokens

# Lower-case heads of a park or zone that two countries run together.
JOINT_HEADS = {"park": ("FAC", "park"), "zone": ("ORG", "zone"), "area": ("ORG", "zone")}
# Lower-case designators that make an unknown proper word a place ("Jiangning district");
# they are not part of the name (the contract's convention: "Jiangning").
DESIGNATED: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("district", "county", "prefecture", "township"), ("GPE", "other")),
    **dict.fromkeys(("village", "town"), ("GPE", "other")),
    # "Rayong province" abroad (listed ones: gazetteer); not "state": "the Jewish state"
    "province": ("GPE", "province"),
    "city": ("GPE", "city"),  # "Qwerty city" -> "Qwerty" (listed cities keep theirs)
    "area": ("LOC", "other"),
    "port": ("FAC", "other"),  # "Guoyuan port" -> "Guoyuan", the port
}
# Compass words that make a region of a country or region right after them ("South
# Vietnam", "South East Asia"): one name, not a place inside a longer one.
COMPASS_WORDS = frozenset(
    {"North", "South", "East", "West", "Northeast", "Northwest", "Southeast", "Southwest"}
)
# Lower-case designators of an autonomous region, part of a name that needs them
# ("Guangxi Zhuang autonomous region": "Guangxi Zhuang" alone is not the usual name).
AUTONOMOUS_UNITS = frozenset({"region", "prefecture", "county"})


def _designated(
    k: Knowledge, v: Tokens, start: int, end: int, gaz: dict[int, Found]
) -> Found | None:
    """A place known by the lower-case designator after the run's end: "Jiangning district"
    (the designator left out), "Guangxi Zhuang autonomous region" (kept: the name needs it)."""
    if end >= v.n or v.sent[end]:
        return None
    word = v.words[end]
    two = end - start == 2 and v.words[start] not in SURNAMES and v.cap[start + 1]
    if word in DESIGNATED and (end - start == 1 or two or _hyphenated(v, start, end)):
        # One unknown proper word ("Jiangning district"), two ("Binh Duong province"), or
        # several joined by hyphens ("the Qwerpu-Zxcluo area").
        words = range(start, end) if two else range(start, end, 2)
        if all(
            i not in gaz
            and is_proper(k, v, i, set())  # a common word is no name: "Each district"
            and not v.words[i].isupper()  # "an HDMI port"
            and v.words[i] not in DEMONYMS  # "a Chinese port"
            for i in words
        ):
            return Found(start, end, EntityValue(*DESIGNATED[word]))
    if word == "autonomous" and end + 1 < v.n and v.words[end + 1] in AUTONOMOUS_UNITS:
        place = gaz.get(end - 2)
        if end - 2 >= start and place is not None and place.end == end - 1 and v.cap[end - 1]:
            return Found(end - 2, end + 2, EntityValue("GPE", "province"))
    return None


def _hyphenated(v: Tokens, start: int, end: int) -> bool:
    """Whether ``doc[start:end]`` is words joined by hyphens with no space: "Qwer-Zxcv"."""
    return (end - start) % 2 == 1 and all(_hyphen_at(v, i) for i in range(start + 1, end, 2))


def headless(
    k: Knowledge, v: Tokens, start: int, end: int, gaz: dict[int, Found], persons: set[str]
) -> Iterator[Found]:
    """Gazetteer names inside a run that is no name, district or place-and-industry company;
    ``persons`` collects people's surnames ("Maria Lane Ford"): "Ford said" is no company."""
    designated = _designated(k, v, start, end, gaz)
    if designated is not None:
        yield from headless(k, v, start, designated.start, gaz, persons)
        yield designated
        return
    company = place_named_company(k, v, start, end, gaz)
    if company is not None:
        yield company
        return
    inside = [f for f in map(gaz.get, range(start, end)) if f is not None and f.end <= end]
    covered: set[int] = set()
    for f in inside:
        covered.update(range(f.start, f.end))
    unknown = {
        i
        for i in range(start, end)
        if i not in covered
        and v.cap[i]
        and v.words[i] not in NOT_NAME_CONTINUATIONS
        and (v.words[i],) not in DESIGNATORS
        and not (i == start and v.words[i] in LEADING_NON_NAMES)
    }
    kept = _needed_designator(k, v, start, end, inside)
    if kept is not None:
        yield kept
        return
    joint = _joint_name(v, start, end, inside)
    if joint is not None:
        yield from headless(k, v, start, joint.start, gaz, persons)
        yield joint
        return
    # Places inside an event's name are names ("Hefei Investment Promotion Conference").
    event = v.words[end - 1] in EVENT_HEADS
    for group in _hyphen_groups(v, inside):
        first, last = group[0], group[-1]
        after = last.end
        if after < end and v.words[after] in HYPHENS | {"of", "&"}:
            after += 1
        if after in unknown and not (event and len(group) == 1):
            continue  # part of a longer unknown name: "China-Africa Economic ... Expo"
        before = v.words[first.start - 1] if first.start > start else None
        if before in SURNAMES:
            continue  # a person: "Liu Changchun"
        if (
            not event
            and first.start - 1 in unknown
            and before is not None
            and before[1:].islower()  # "BEATEN UP IN CALIFORNIA" is no name
            and k.is_common(before)
            and before not in PLACE_MODIFIERS
            and not v.sentence_initial(first.start - 1)
        ):
            continue  # part of a longer name: "Sierra Nevada", "Air Astana"
        if len(group) == 1 and _local_arm(k, v, start, first, unknown):
            yield Found(first.start - 1, first.end, first.value)
            continue
        name = v.text(first.start, last.end)
        if (
            first.start - 1 in unknown
            and len(group) == 1
            and first.end - first.start == 1
            and before is not None
            and not k.is_common(before)
            and before not in DEMONYMS
        ):
            persons.add(name)  # "Christine Blasey Ford": a first name before it
            continue
        if len(group) > 1:
            if all(v.text(f.start, f.end) in k.gazetteer.domestic for f in group):
                yield Found(first.start, last.end, EntityValue("LOC", "region"))
            elif last.end == end and (park := _joint_park(v, group, end)) is not None:
                yield park
            continue
        yield _compass_region(first, before, unknown) or first


def place_pair(gaz: dict[int, Found], start: int, end: int) -> bool:
    """Whether ``start:end`` is two listed places back to back, a city and one of its
    districts or zones named as one place ("Guangzhou Nansha", "Zhuhai Hengqin")."""
    first = gaz.get(start)
    if first is None or first.value.label != "GPE":
        return False
    second = gaz.get(first.end)
    return second is not None and second.end == end and second.value.label in {"GPE", "ORG"}


def place_named_company(
    k: Knowledge, v: Tokens, start: int, end: int, gaz: dict[int, Found]
) -> Found | None:
    """A Chinese company named as place + trade name + industry, its "Co., Ltd." left out:
    a listed city or province, an unknown proper word, and capitalized words ending in an
    industry word ("Ningbo Joyson Electronic", "Wuxi Lead Intelligent Equipment")."""
    if not 3 <= end - start <= 8 or v.words[end - 1] not in COMPANY_INDUSTRY_WORDS:
        return None
    place = gaz.get(start)
    if place is None or v.text(place.start, place.end) not in k.gazetteer.domestic:
        return None  # a Chinese city or province: "Washington Ceres Robotics" is no name
    trade = place.end
    if trade >= end - 1 or trade in gaz or not is_proper(k, v, trade, set()):
        return None
    if v.words[trade].isupper() or v.words[trade] in SURNAMES:
        return None  # "Ningbo IT ...", a person's name
    if not all(v.cap[i] or v.words[i] in HYPHENS for i in range(trade, end)):
        return None
    return Found(start, end, EntityValue("ORG", "company"))


def _compass_region(place: Found, before: str | None, unknown: set[int]) -> Found | None:
    """A compass word and the country or region after it: one region ("South Vietnam",
    "South East Asia"); a listed name keeps its own ("South Korea", "North China")."""
    if before not in COMPASS_WORDS or place.start - 1 not in unknown:
        return None
    if place.value.label != "LOC" and place.value.category != "country":
        return None
    return Found(place.start - 1, place.end, EntityValue("LOC", "region"))


def _local_arm(k: Knowledge, v: Tokens, start: int, company: Found, unknown: set[int]) -> bool:
    """Whether one unknown proper word before a listed company of several tokens names the
    company's local arm with it: "Swire Coca-Cola" (a first name goes before one word:
    "Christine Blasey Ford")."""
    before = company.start - 1
    if company.value.category != "company" or company.end - before < 3 or before not in unknown:
        return False
    word = v.words[before]
    if word in DEMONYMS or word in SURNAMES or k.is_common(word):
        return False
    return before == start or not v.cap[before - 1]


def _joint_park(v: Tokens, group: list[Found], end: int) -> Found | None:
    """Countries joined by hyphens before lower-case kind words and a park or zone: one
    name that needs its head ("the China-Malaysia industrial park"); the countries alone
    name no place to drop it for."""
    if not all(f.value.category == "country" for f in group):
        return None
    j = end
    while j < v.n and v.words[j] in ZONE_TYPE_WORDS and not v.sent[j]:
        j += 1
    if j == end or j >= v.n or v.sent[j] or v.words[j] not in JOINT_HEADS:
        return None
    return Found(group[0].start, j + 1, EntityValue(*JOINT_HEADS[v.words[j]]))


def _hyphen_groups(v: Tokens, inside: list[Found]) -> list[list[Found]]:
    """Gazetteer names joined by hyphens, grouped: a region when all are Chinese places,
    else nothing ("China-Europe freight trains" names no entity)."""
    groups: list[list[Found]] = []
    for f in inside:
        if (
            groups
            and groups[-1][-1].end + 1 == f.start
            and v.words[f.start - 1] in HYPHENS
            and not v.space[f.start - 1]
            and not v.space[f.start - 2]
        ):
            groups[-1].append(f)
        else:
            groups.append([f])
    return groups


def _joint_name(v: Tokens, start: int, end: int, inside: list[Found]) -> Found | None:
    """A place or company right before a listed company or zone short form: one name, not
    a place inside it ("Shanghai General Motors Wuling", "Changan Ford", "Guangzhou
    Nansha", "China Optics Valley"); unknown capitalized words after it belong to it, and
    so does a country joined to it by a hyphen before it ("China-Egypt TEDA")."""
    for first, second in zip(inside, inside[1:], strict=False):
        if first.end != second.start or v.words[first.end - 1] in HYPHENS:
            continue
        if not (first.value.label == "GPE" or first.value.category == "company"):
            continue
        category = second.value.category
        if category == "company" or second.value.canonical:
            e = second.end
            while e < end and v.cap[e]:
                e += 1
            s = first.start
            for before in reversed(inside[: inside.index(first)]):
                if before.end + 1 != s or not _hyphen_at(v, s - 1):
                    break
                if before.value.category != "country" or first.value.category != "country":
                    break  # two countries name a joint zone: "China-Egypt TEDA"
                s = before.start
            if category == "company":
                return Found(s, e, EntityValue("ORG", "company"))
            return Found(s, e, EntityValue("ORG", "zone"))  # a zone's short form
    return None


def _hyphen_at(v: Tokens, i: int) -> bool:
    """Whether token ``i`` is a hyphen with no space around it ("China-Egypt")."""
    return v.words[i] in HYPHENS and not v.space[i] and not v.space[i - 1]


# Lower-case heads that stay in a name when kind words come before them.
LOWER_ZONE_HEADS = frozenset({"zone", "area", "district", "park"})


def _needed_designator(
    k: Knowledge, v: Tokens, start: int, end: int, inside: list[Found]
) -> Found | None:
    """A lower-case zone head that the name needs, after a kind word ("Guangzhou
    Development district"); after a place alone it is dropped ("Nansha district"), and
    lower-case kind words make no name ("the Shanghai free trade zone": Shanghai)."""
    if not inside or inside[0].start != start or end - start < 2 or end >= v.n:
        return None
    if v.words[end] not in LOWER_ZONE_HEADS or v.sent[end]:
        return None
    if v.words[end - 1].lower() not in ZONE_TYPE_WORDS:
        return None
    return Found(start, end + 1, EntityValue("ORG", "zone"))
