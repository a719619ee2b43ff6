"""The article's own names for its subjects: the fullest name it writes for each entity (an
alias or acronym the entities component linked to a long name gives that name when the article
writes it, else the longest name of the zone the article does write), and the subject the
article is about: the zone its title names, else a group of zones it names no zone for, a
district or place the title makes its doer, else the zone named most often; and its main city
and province. Only names the entities component found count: the gold and the scorer know a
zone by those names and their aliases. Photo captions and datelines name no main subject.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Final

from extractor.claims.cues import DATA_DIR
from extractor.claims.groups import group_counts
from extractor.claims.names import (
    PARK_HEAD_RE,
    PLACES,
    ZONE_HEAD_RE,
    Named,
    company_fullest,
    distinctive,
    longest,
    named_in_title,
    place_fullest,
    short_forms_merged,
    without_legal_ending,
)
from extractor.facts.entities.lexicon import _lines, load_gazetteer

# A title's doer ("Hebei creates ...", "Zhoushan: a City for ...") or place ("... in Huangpu").
_TITLE_DISTRICT_RE: Final = re.compile(
    r"^(?P<lead>[A-Z][\w-]*)(?:\s+(?=[a-z]+s\b)|\s*:\s)|\bin\s+(?P<place>[A-Z][\w-]*)$"
)
_ZONE_AFTER: Final = r"(?:\s+[\w-]+){0,3}?\s+(?:[Zz]one|[Aa]rea|[Pp]ark|[Dd]istrict|FTZ)\b"
_PART_OF_RE: Final = re.compile(r"\bof\s+(?:the\s+)?$")
# A title that is a zone's name: capitalized words ending in a zone's head, the first
# naming the zone (not "Development Zone", a heading: data/title-zone-non-names.txt).
_TITLE_ZONE_NON_NAMES: Final = sorted(_lines(DATA_DIR / "title-zone-non-names.txt"))
_TITLE_ZONE_RE: Final = re.compile(
    r"(?!(?:" + "|".join(map(re.escape, _TITLE_ZONE_NON_NAMES)) + r")\b)"
    r"(?:[A-Z][\w'’&-]*\s+)(?:(?:[A-Z][\w'’&-]*|and|of|for)\s+){0,8}(?:Zone|Area|Park)"
)
# The place word a title writes before the main zone's name ("Huizhou | Qinghe High-Tech
# Zone"), opening the title or after a word that is no name.
_TITLE_LEAD_RE: Final = re.compile(r"(?:^|(?<=\s))[A-Z][a-z]+(?:['’](?!s$)[a-z]+)?$")
# The place a zone's name opens with: "Suzhou | Industrial Park", "China (Hubei) | Pilot ...",
# "Hong Kong | ..." (one or two words).
_NAME_PLACE_RE: Final = re.compile(
    r"^(?:China\s*\((?P<bracket>[^()]+)\)|(?P<lead>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?))"
)

# Not the article's main subject: what a photo caption ("Photo shows an industrial park in
# the ... Zone.", "... Zone [Photo/...]") shows, and
_CAPTION_RE: Final = re.compile(
    r"^[^\S\n]*(?:(?:an?|the|this)\s+)?(?:aerial\s+)?photos?\s+(?:shows?|taken)\b[^\n]*"
    r"|^[^\n]{0,200}\[Photo\b[^\n]*",
    re.IGNORECASE | re.MULTILINE,
)

# A dateline's city ("BEIJING, May 27 (Xinhua) --") is where the report was filed.
_DATELINE_RE: Final = re.compile(r"^[^\S\n]*[A-Z][A-Z'’. -]+(?=,)", re.MULTILINE)


def _outside(entities: list[Named], spans: list[tuple[int, int]]) -> list[Named]:
    """The entities (sorted by start) outside every span (sorted, disjoint)."""
    out, k = [], 0
    for e in entities:
        while k < len(spans) and spans[k][1] <= e.start:
            k += 1
        if k == len(spans) or e.end <= spans[k][0]:
            out.append(e)
    return out


class Article:
    """One article's names: each entity group's fullest name, its main zone, city and province."""

    def __init__(self, text: str, entities: list[Named], title: str | None) -> None:
        self.text = text
        entities = short_forms_merged(entities)
        self.entities = sorted(entities, key=lambda e: e.start)
        surfaces: dict[str, set[str]] = defaultdict(set)
        zones = set()
        for e in entities:
            surfaces[e.key].add(e.text)
            if e.category in ("zone", "park"):
                zones.add(e.key)
        # Only names the entities component found: a capitalized run of words that ends
        # in "Zone" is as often a heading or a longer phrase ("Joint Construction of ...
        # Zone") as a zone's name.
        zone_texts = [e.text for e in entities if e.category in ("zone", "park")]
        self._names = {
            key: self._fullest(key, names, zone_texts) if key in zones else longest(names)
            for key, names in surfaces.items()
        }
        companies = sorted({e.text for e in entities if e.category == "company"})
        # A one-word name stands for a longer company's only when it names no place.
        places = frozenset(e.text for e in entities if e.category not in ("company", "other"))
        for key, name in self._names.items():
            if key not in zones:
                brand = None if key in places else places
                self._names[key] = company_fullest(name, companies, brand)
        # "Xinjiang Uygur Autonomous Region" for "Xinjiang", "Lhasa City" for "Lhasa".
        place_keys = {e.key for e in entities if e.category in PLACES}
        place_texts = sorted({e.text for e in entities if e.category in PLACES})
        for key in place_keys - zones:
            self._names[key] = place_fullest(self._names[key], place_texts)
        self.title = title or ""
        captions = [m.span() for m in _CAPTION_RE.finditer(text)]
        captions += [m.span() for m in _DATELINE_RE.finditer(text)]
        captions.sort()
        # A photo caption or a dateline's city is not what the article is about.
        self.about = _outside(self.entities, captions)
        self.main = self._main(self.about, self.title.lower())
        if not any(e.category in ("zone", "park") for e in self.about):
            # A title that is a zone's name ("Qinghe National Economic Development Zone")
            # names the zone a text that says only "the zone" is about.
            self.main = self.title if _TITLE_ZONE_RE.fullmatch(self.title) else self.main
        self._as_titled()
        self.city = self._most_named([e for e in self.about if e.category == "city"])
        if self.city is None:
            # "HANGZHOU, May 3 (Xinhua) -- ... The city's GDP ...": with no city in the text,
            # "the city" is where the report was filed.
            kept = set(self.about)
            filed = [e for e in self.entities if e.category == "city" and e not in kept]
            named = self._most_named(filed)
            self.city = named.title() if named is not None and named.isupper() else named
        self.province = self._province([e for e in self.about if e.category == "province"])
        # "Suzhou Industrial Park ... The city's GDP ...": with no city (province) named on
        # its own, "the city" is the one the main zone's name carries.
        if self.city is None:
            self.city = self._carried("city")
        if self.province is None:
            self.province = self._carried("province")
        self.country = self._most_named([e for e in self.about if e.category == "country"])

    def _as_titled(self) -> None:
        """The main zone under the name the title gives it when that is its name without a
        gloss in brackets ("Hangzhou High-Tech Zone" for "Hangzhou High-Tech Zone
        (Binjiang)"): the gloss names where the zone is, not a longer name; or when the
        title writes it after its place ("Huizhou Qinghe High-Tech Zone" for "Qinghe
        High-Tech Zone"): the fullest name the article uses."""
        main = self.main
        if main is None:
            return
        if main.endswith(")") and " (" in main:
            bare = main[: main.rindex(" (")]
            if not ZONE_HEAD_RE.search(bare) or bare.lower() not in self.title.lower():
                return
        else:
            at = self.title.find(" " + main)
            lead = _TITLE_LEAD_RE.search(self.title, 0, at) if at > 0 else None
            if lead is None or not ZONE_HEAD_RE.search(main):
                return
            if lead.group() not in load_gazetteer().domestic:
                return  # a place the gazetteer knows, not any capitalized word
            bare = f"{lead.group()} {main}"
        for key, name in self._names.items():
            if name == main:
                self._names[key] = bare
        self.main = bare

    def _carried(self, category: str) -> str | None:
        """The Chinese city (or province) the main zone's name opens with, by the gazetteer
        ("Suzhou" for "Suzhou Industrial Park", "Hubei" for "China (Hubei) Pilot Free
        Trade Zone"), else None."""
        m = _NAME_PLACE_RE.match(self.main or "")
        if m is None:
            return None
        gazetteer = load_gazetteer()
        found = m.group("bracket") or m.group("lead")
        for name in (found, found.split()[0]):
            value = gazetteer.names.get(name)
            if value is not None and value.category == category and name in gazetteer.domestic:
                return name
        return None

    def _province(self, provinces: list[Named]) -> str | None:
        """The province named most often, under its fullest name: "Heilongjiang" and
        "Heilongjiang Province" are one province, written "Heilongjiang Province"."""
        if not provinces:
            return None
        counts = Counter(self.name(e).split()[0] for e in provinces)
        first = max(counts, key=lambda w: (counts[w], w))
        return longest(self.name(e) for e in provinces if self.name(e).split()[0] == first)

    def _fullest(self, key: str, names: set[str], zone_texts: list[str]) -> str:
        """The key (a canonical name) when the article writes it; else the longest zone name
        among the entities that holds one of the names, or shares two words with the key
        ("East Lake Hi-tech Development Zone" for "Optics Valley", which stands for
        "Wuhan East Lake High-tech Development Zone")."""
        written = key in names or key in self.text
        best = key if written else longest(names)
        # "Chongqing Liangjiang New Area" for "Liangjiang New Area", "Xiongan New Area" for
        # "Xiongan"; but a name that goes on after a full zone name is another zone's
        # ("Qinghe High-Tech Zone (Donghu) – Lanxi Special Cooperation Area").
        bare = not ZONE_HEAD_RE.search(best) and not PARK_HEAD_RE.search(best)
        # "High-tech North Zone of Qinghe New District" is a part of the zone.
        holding = [
            z
            for z in zone_texts
            if z != best
            and (z.endswith(best) and not _PART_OF_RE.search(z[: -len(best)]) or bare and best in z)
        ]
        if holding:
            return longest(holding)
        if best == key:
            return key
        words = set(distinctive(key))
        sharing = [z for z in zone_texts if len(words & set(distinctive(z))) >= 2]
        return longest(sharing) if sharing else best

    def name(self, e: Named) -> str:
        return self._names.get(e.key, e.text)

    def as_main(self, e: Named) -> str:
        """A zone written with the main zone's words and a new head ("E-Town New Area" in an
        article on "Beijing E-Town") is the main zone, under the name the title gives it."""
        name = self.name(e)
        if e.category != "zone" or self.main is None or name == self.main:
            return name
        words, main_words = set(distinctive(name)), set(distinctive(self.main))
        if words and words < main_words and named_in_title(self.main, self.title.lower()):
            return self.main
        return name

    def _most_named(self, entities: list[Named]) -> str | None:
        if not entities:
            return None
        counts = Counter(e.key for e in entities)
        best = max(counts.values())
        return next(self.name(e) for e in entities if counts[e.key] == best)

    def _main(self, entities: list[Named], title: str) -> str | None:
        """The zone named in the title, else the zone (or park) named most often, else the
        city named most often."""
        zones = [e for e in entities if e.category in ("zone", "park")]
        in_title = [
            e for e in zones if named_in_title(e.text, title) or named_in_title(e.key, title)
        ]
        # "Caofeidian" in a title that names "Beijing HeBei Caofeidian Collaborative
        # Development Demonstration Zone" is a word of that name: the title names the latter.
        texts = {e.text for e in in_title if e.text.lower() in title}
        whole = [e for e in in_title if not any(e.text in t and e.text != t for t in texts)]
        in_title = whole or in_title
        # "Qingdao High-tech Zone" over "Hi-tech Zone of Qingdao" when the title writes the
        # former ("... in Qingdao Hi-tech Zone"): a name the title holds whole is its name.
        written = [e for e in in_title if named_in_title(e.text, title, whole=True)]
        in_title = written or in_title
        group = None
        if not in_title:
            group = (
                self._group(zones)
                or self._title_district()
                or self._title_place(entities)
                or self._titled_place(entities, zones)
                or self._title_company(entities)
            )
        if group is not None:
            return group
        found = self._most_named(in_title) or self._most_named(zones)
        return found or self._most_named([e for e in entities if e.category in PLACES])

    def _title_company(self, entities: list[Named]) -> str | None:
        """A company the title opens with as its doer ("Lanfeng Motor to invest $2b in ...",
        "Lanfeng Group opens plant in ..."), under its fullest name: the article is about
        the company's project, whose figures are the company's."""
        for e in entities:
            if e.category != "company":
                continue
            name = self.name(e)
            for written in (e.text, name, without_legal_ending(e.text)):
                # The literal test first: a pattern per name is compiled only for a title
                # that opens with the name (compiling one for every company was slow).
                if self.title.startswith(written) and re.match(
                    rf"{re.escape(written)}['’]?s?\s+(?:to\s+)?[a-z]", self.title
                ):
                    return name
        return None

    def _title_district(self) -> str | None:
        """A district the title names as its subject or place ("Xixia contributes to ...",
        "... break ground in Huangpu") when the text calls it a district ("Huangpu
        district held ...")."""
        m = _TITLE_DISTRICT_RE.search(self.title)
        name = m and (m.group("lead") or m.group("place"))
        if not name or re.search(rf"\b{re.escape(name)}\s+district\b", self.text, re.I) is None:
            return None
        return name

    def _title_place(self, entities: list[Named]) -> str | None:
        """A province or city the title opens with as its doer ("Hebei creates strong magnet
        for ..."; not "Kunming's pilot area plans ..."), under its fullest name in the text:
        the article is about the place, not a zone of it the text names."""
        m = _TITLE_DISTRICT_RE.search(self.title)
        lead = m and m.group("lead")
        if not lead:
            return None
        names = [self.name(e) for e in entities if e.category in ("province", "city")]
        same = [n for n in names if n == lead or n.startswith(lead + " ")]
        return longest(same) if same else None

    def _titled_place(self, entities: list[Named], zones: list[Named]) -> str | None:
        """A province or city the title names (no zone) that the text names more often than
        any zone ("Xinjiang Commences 70 Projects"), under its fullest name; not a place
        naming a zone the entities missed ("Xi'an high-tech zone prioritizes ...")."""
        title = self.title
        places = [
            e
            for e in entities
            if e.category in ("province", "city")
            and e.text in title  # before compiling a pattern for the name
            and re.search(rf"(?<![\w-]){re.escape(e.text)}(?![\w-])(?!{_ZONE_AFTER})", title)
        ]
        names = [self.name(e) for e in entities if e.category in PLACES]
        counts = Counter(n.split()[0] for n in names)
        leads = {self.name(e).split()[0] for e in places}
        lead = max(leads, key=lambda w: (counts[w], w), default="")
        if not lead or counts[lead] <= max(Counter(e.key for e in zones).values(), default=0):
            return None
        return longest(n for n in names if n.split()[0] == lead)

    def _group(self, zones: list[Named]) -> str | None:
        """The article's own words for zones it names no zone for, or for a group of zones
        ("the two zones", "Hainan's free trade port", "bonded zones in Xinjiang"), when it
        uses them at least as often as any zone's name; else, when no zone is named, a zone
        written in lower case after its place twice or more ("Manzhouli border trade zone":
        the entities hold no name for it)."""
        counts, lower = group_counts((self.title, self.text), lower_case=not zones)
        most = max(Counter(e.key for e in zones).values(), default=0)
        if counts:
            words, count = max(counts.items(), key=lambda item: (item[1], len(item[0]), item[0]))
            if count >= max(2, most) or (count and not most):
                return words
        if lower and not zones:
            words, count = max(lower.items(), key=lambda item: (item[1], len(item[0]), item[0]))
            return words if count >= 2 else None
        return None
