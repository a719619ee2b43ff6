"""Whose figure it is: a zone, park or company named near the figure, a city that is the
grammatical subject ("Chongqing's medical industry", "the city's output"), what "it" or "the
park" stands for when the sentence before names it (see topics.py), or else the article's
main zone, which is what "the zone", "the area", "the new area" and "it" most often stand for.

The names themselves, and the article's main zone, city and province, come from article.py.
"""

from __future__ import annotations

import bisect
import re
from typing import Final

from extractor.claims.article import Article
from extractor.claims.bodies import Bodies
from extractor.claims.groups import group_in
from extractor.claims.lists import Respective
from extractor.claims.names import (
    LOCATIVE_RE,
    PLACES,
    Named,
)
from extractor.claims.places import DOER_VERB_RE, Places
from extractor.claims.topics import Topics, sentence_start

# Categories whose entities can own a figure when named in the figure's clause.
OWNERS: Final = frozenset({"zone", "park", "company"})
# Entities named after these words are examples, not owners ("12 companies, including Tide").
_EXAMPLES_RE: Final = re.compile(r"\b(?:including|such\s+as|like|namely|e\.g\.)\b", re.IGNORECASE)
# A phrase that opens a sentence and describes its doer, up to the comma before the doer:
# "With registered capital of 10 billion yuan (...), | the ...".
_FRONTED_RE: Final = re.compile(
    r"\s*(?:With|Worth|Valued\s+at|Backed\s+by)\b[^,;]{0,80}?(?:\([^()]{0,60}\))?,\s*"
    r"(?:the\s+)?"
)
# "A | , an affiliate of | B": words that describe A, naming B.
# Not an act done to B ("A, the construction of B, ..."): B is then the figure's owner.
# "A, part of B, ...", "A of B" ("The Lingang Special Area of the ... Free Trade Zone").
_APPOSITION_RE: Final = re.compile(
    r",\s+(?:(?:an?|the|its)\s+)?(?![\w-]*(?:tion|ment|ing)\s+(?:of|to)\b)[\w\s-]{1,40}?\s+"
    r"(?:of|to)\s+(?:the\s+)?|\s+of\s+(?:the\s+)?"
)
# "In Xinjiang's | Zhundong ... Zone": a zone after "in" and its place's possessive is where
# the doer acts, as after "in" alone.
_LOCATIVE_OF_PLACE_RE: Final = re.compile(
    r"\b(?:in|at|into|inside|within)\s+(?:the\s+)?(?:[a-z]+\s+)?[A-Z][\w-]*['’]s\s+$", re.IGNORECASE
)
# What stands between two names of one list: "A, B, and C", "A and B".
_BARE_THE_RE: Final = re.compile(r"\s*(?:[Tt]he\s+)?")
_LIST_GAP_RE: Final = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?")
# "A | , all ...": a member of a list the clause speaks of as a whole.
_MEMBERS_RE: Final = re.compile(r",?\s+(?:all|each|both)\b")
# "..., and | its profit reached ...": a clause whose possessive points to the clause before.
_ITS_RE: Final = re.compile(r"\s*(?:and\s+|while\s+|whereas\s+)?(?P<its>[Ii]ts|[Tt]heir)\s")
# "Samsung forecasts that | China will consume 55%": a reported clause's own doer.
_THAT_RE: Final = re.compile(r"\bthat\s+(?:the\s+)?")
# ", with | the Qinghe zone accounting for ...": a phrase with a doer of its own.
_WITH_RE: Final = re.compile(r",\s+with\b")
# "A | , which invested ": the relative clause's doer is A; the figure is in it.
_RELATIVE_RE: Final = re.compile(r",\s+(?:which|who)\s+[^,;()]{0,80}")
# "... contract was signed | with | Zaiyu": the party the figure's deal was made with or by.
_PARTY_RE: Final = re.compile(r"[^,;()]{0,50}?\b(?:with|by)\s+(?:the\s+)?")
# An area of a zone named by its place: "the Jinan area of the Shandong FTZ", "The Lingang
# new area of Shanghai Pilot Free Trade Zone".
_AREA_OF_RE: Final = re.compile(r"\b(?P<part>[A-Z][\w-]*)\s+(?:new\s+)?area\s+of\s+(?:the\s+)?$")
_OWNER_POSSESSIVE_RE: Final = re.compile(r"['’]s\s+(?!total\b)[a-z]")
_BREAK_RE: Final = re.compile(r"[,;]")


# "the FTZ", "the free trade zone": the free trade zone named last (among the entities
# before it, within this many mentions).
_THE_FTZ_RE: Final = re.compile(
    r"\b[Tt]he\s+(?:[Pp]ilot\s+)?(?:FTZ|[Ff]ree\s+[Tt]rade\s+[Zz]one)\b(?!\s+[A-Z])"
)
_FTZ_NAME_RE: Final = re.compile(r"(?:\bFTZ|free\s+trade\s+zone)$", re.IGNORECASE)
_FTZ_LOOKBACK: Final = 20
_ANAPHOR_REACH: Final = 300  # characters before a clause "the company" looks back

# A clause that opens with a company's common noun, after at most a time lead-in: "The
# company", "The South Korean high-tech giant", "In 2020, the group", "The carmaker"; or
# that holds its possessive before the figure ("In 2022, the chipmaker's revenue ...").
_COMPANY_NOUN: Final = (
    r"(?:company|group|giant|firm|corporation|conglomerate|multinational|manufacturer|venture"
    r"|producer|supplier|retailer|(?!policy|law|decision)[a-z]*maker)\b"
)
_THE_COMPANY_RE: Final = re.compile(
    r"\s*(?:(?:In|By|As\s+of|During|Since|Last|This)\b[^,;]{0,40},\s*)?"
    r"(?:[Tt]he|[Tt]his)\s+(?:[\w-]+\s+){0,3}?" + _COMPANY_NOUN
)
_THE_COMPANYS_RE: Final = re.compile(r"\b[Tt]he\s+(?:[\w-]+\s+){0,3}?" + _COMPANY_NOUN + r"['’]s\s")


class Subjects:
    """Whose each figure of one article is, named as the article's :class:`Article` names it."""

    def __init__(
        self, text: str, entities: list[Named], title: str | None, bodies: Bodies | None = None
    ) -> None:
        self.text = text
        self.bodies = bodies if bodies is not None else Bodies(text, [])
        self.article = Article(text, entities, title)
        self.entities = self.article.entities
        self._starts = [e.start for e in self.entities]
        kept = set(self.article.about)
        self._topics = Topics(text, self.entities, lambda e: e not in kept)
        self.name = self.article.name
        self._as_main = self.article.as_main
        self.places = Places(text, self.article)

    def inside_names(self, positions: list[int]) -> frozenset[int]:
        """The ``positions`` that fall inside an entity mention: a name is no measure
        ("Economic and Trade Cooperation Zone", "Decent Investment")."""
        inside = set()
        for at in positions:
            i = bisect.bisect_right(self._starts, at) - 1
            if i >= 0 and at < self.entities[i].end:
                inside.add(at)
        return frozenset(inside)

    def named_at(self, at: int) -> str | None:
        """The name of the entity that starts at offset ``at`` ("held by | Lanxi Group"), or
        None when the words there name nobody ("held by | foreign investors")."""
        i = bisect.bisect_left(self._starts, at)
        if i < len(self.entities) and self.entities[i].start == at:
            return self.name(self.entities[i])
        return None

    def holder(self, start: int, clause: tuple[int, int]) -> str | None:
        """Who holds a stake that starts at ``start``: the owner the clause names before it
        as its doer ("A, an affiliate of B, owns 66 percent": A), or None when the holder
        is named by no name ("investors owning 100 percent of their firms")."""
        lo = bisect.bisect_left(self._starts, clause[0])
        hi = bisect.bisect_left(self._starts, start)
        before = [e for e in self.entities[lo:hi] if e.category in OWNERS and e.end <= start]
        return self.name(self._clause_subject(before)) if before else None

    def of(
        self,
        figure: tuple[int, int],
        clause: tuple[int, int],
        measure: int | None = None,
        rank: Respective | None = None,
    ) -> str | None:
        """The subject of the figure at ``figure`` in ``clause``; ``measure``: where the words
        naming its measure start, when they stand before it; ``rank``: its place in a list of
        figures "respectively" pairs with what is named before it."""
        text, (start, end) = self.text, figure
        clause, limit = self._scope(clause, start)
        lo = bisect.bisect_left(self._starts, clause[0])
        hi = bisect.bisect_left(self._starts, clause[1])
        in_clause = [e for e in self.entities[lo:hi] if e.end <= clause[1]]
        # "12 companies, including A, B and C, all grew by 50 percent": a list's members.
        before = [
            e
            for e in in_clause
            if e.end <= limit and e.category in OWNERS and not _MEMBERS_RE.match(text, e.end, limit)
        ]
        doer = (
            self._relative_doer(in_clause, start)
            or self.places.possessing(clause[0], start)
            or self.bodies.doer(clause[0], start, in_clause)
        )
        if doer is not None:
            return doer
        places = [
            e
            for e in in_clause
            if e.end <= limit and (self.places.owning(e) or self.places.opens(e, clause[0]))
        ]
        if before:
            return self.places.doer(places, before, clause[0]) or self._owner_before(
                before, places, (clause[0], start), rank
            )
        sized = self._topics.sized_project(start, end)
        found = (
            self._its_owner(clause[0])
            or (self.name(sized) if sized is not None else None)
            or self._the_ftz(clause)
            or self._the_company(clause, limit)
            or self._owner_after(in_clause, end, clause[1])
            # "Chongqing's medical industry", "the output of Qinghe city"; not "the GDP of
            # Lanzhou ..., with the zone contributing 90 billion yuan" (unless the place is
            # the doer: "Gansu, the zone's home province, reported ...")
            or (
                self.name(places[0])
                if places
                and (
                    self.places.opens(places[0], clause[0])
                    or not self.places.points(places[-1].end, limit)
                )
                else None
            )
            or self.places.after(in_clause, end)
            or self.places.the_place_after(end)
        )
        if found is not None:
            return found
        # "the city's total import and export trade of 267 billion yuan" is the city's, not
        # "import and export value ..., 42 percent of the city's total and growing by 15.5
        # percent": "the city" owns a figure when it stands before the figure's measure.
        # "the exports of 11 FTZs accounted for 12 percent": a group the clause counts.
        hi = limit if measure is None else min(limit, measure)
        return (
            self._fronted_doer(clause[0], end)
            or group_in(text, clause[0], limit)
            or self._unnamed(clause[0], hi, limit)
        )

    def _scope(self, clause: tuple[int, int], start: int) -> tuple[tuple[int, int], int]:
        """The part of ``clause`` that can name the owner of the figure at ``start``, and
        where its owners stop (``limit``): entities named after "including" are examples,
        not owners, unless the figure stands in the example's own words ("..., including a
        plant of Lanfeng Group worth 2 billion yuan"; no comma between)."""
        clause = (self._reported(self._list_opening(clause[0]), start), clause[1])
        examples = _EXAMPLES_RE.search(self.text, clause[0], start)
        if examples is not None and "," not in self.text[examples.end() : start]:
            return (examples.end(), clause[1]), start
        return clause, examples.start() if examples else start

    def _owner_before(
        self,
        before: list[Named],
        places: list[Named],
        span: tuple[int, int],
        rank: Respective | None,
    ) -> str:
        """The owner of a figure among the owners named before it in its clause (``span``:
        from the clause's start to the figure's): its rank's in a "respectively" list, a
        city's or province's possessive nearer the figure than the owner, in one phrase with
        it ("the area's ... 18.4 percent, well above Wuxi's average growth of 3
        percent"; not "Shenzhen's total", "Beijing's Miyun", nor "... drivers of Zhoushan's
        growth, as it accounted for 50 percent"), else the clause's doer."""
        lo, start = span
        ranked = self._ranked(before, rank)
        if ranked is not None:
            return ranked
        if (
            places
            and places[-1].start > before[-1].end
            and places[-1].category in ("city", "province", "country")
            and _OWNER_POSSESSIVE_RE.match(self.text, places[-1].end)
            and _BREAK_RE.search(self.text, places[-1].end, start) is None
            and not self.places.points(places[-1].end, start)
        ):
            return self.name(places[-1])
        owner = self._clause_subject(before)
        part = _AREA_OF_RE.search(self.text, max(lo, owner.start - 40), owner.start)
        if part is not None and owner.category == "zone":
            return part.group("part")  # "the Jinan area of the Shandong FTZ": Jinan's
        return self._as_main(owner)

    def _list_opening(self, lo: int) -> int:
        """Where the list of owners opens that a clause starting at ``lo`` with an owner ends
        ("the Qinghe FTZ and | the Donghu Bonded Zone reported ...": a clause split at "and
        the" cut the list), else ``lo``."""
        the = _BARE_THE_RE.match(self.text, lo)
        i = bisect.bisect_left(self._starts, the.end() if the is not None else lo)
        if i == len(self.entities) or self.entities[i].category not in OWNERS:
            return lo
        first = i
        while first > 0 and self.entities[first - 1].category in OWNERS:
            gap = (self.entities[first - 1].end, self.entities[first].start)
            if not _LIST_GAP_RE.fullmatch(self.text, *gap):
                break
            first -= 1
        return self.entities[first].start if first < i else lo

    def _ranked(self, before: list[Named], rank: Respective | None) -> str | None:
        """The owner of the figure's rank when a list of as many owners ends right before it
        ("A and B reported trade of 5 and 2 billion yuan respectively": B's 2 billion)."""
        if rank is None:
            return None
        k = len(before) - 1
        while k > 0 and _LIST_GAP_RE.fullmatch(self.text, before[k - 1].end, before[k].start):
            k -= 1
        members = before[k:]
        return self.name(members[rank.position]) if len(members) == rank.size > 1 else None

    def _its_owner(self, lo: int) -> str | None:
        """The doer of the clause before, in the same sentence, when the clause at ``lo``
        opens with "its" or "their" ("Revenue of Lanfeng Group rose 5 percent, and | its
        profit reached ..."): the possessive points back to it. None when that clause names
        no owner or place."""
        m = _ITS_RE.match(self.text, lo)
        opening = sentence_start(self.text, m.start("its")) if m is not None else lo
        if m is None or not self.text[opening : m.start("its")].strip():
            return None  # "Its" opening a sentence: what the sentence before speaks of
        i = bisect.bisect_left(self._starts, opening)
        named = [
            e
            for e in self.entities[i : bisect.bisect_left(self._starts, lo)]
            if e.category in OWNERS or e.category in PLACES
        ]
        return self._as_main(self._clause_subject(named)) if named else None

    def _reported(self, lo: int, start: int) -> int:
        """Where the reported clause that holds the figure at ``start`` opens, when it opens
        with its own doer ("Samsung forecasts that | China will consume 55 percent of ...",
        "officials said that | the Qinghe New Area attracted ..."): that doer owns the figure,
        not the speaker. Else ``lo``, the clause's start."""
        opening = lo
        for m in _THAT_RE.finditer(self.text, lo, start):
            i = bisect.bisect_left(self._starts, m.end())
            if i == len(self.entities) or self.entities[i].start != m.end():
                continue
            e = self.entities[i]
            owner = e.category in OWNERS or e.category in PLACES or e.category == "country"
            if owner and DOER_VERB_RE.match(self.text, e.end) is not None:
                opening = m.end()
        return opening

    def _owner_after(self, in_clause: list[Named], end: int, clause_end: int) -> str | None:
        """The owner named after the figure (ending at ``end``) in its clause: a company the
        figure sizes or deals with, a zone or park where it was counted, or a group of zones."""
        text = self.text
        # "The 600-million-yuan Zoomlion Hainan ... Project": a company whose name follows
        # the figure at once is what the figure sizes.
        after = [e for e in in_clause if e.start >= end]
        if after and after[0].category == "company" and not text[end : after[0].start].strip():
            return self.name(after[0])
        # "a $2 billion contract was signed with Zaiyu", "... yuan invested by Lanxi Group":
        # the one party named is the company the figure is about.
        if (
            after
            and after[0].category == "company"
            and _PARTY_RE.fullmatch(text, end, after[0].start)
        ):
            return self.name(after[0])
        # After the figure only a zone or park owns it ("... were signed in the Nantong
        # Economic & Technological Development Area"); a company named after it is another's.
        # Not a zone that does something else in a phrase of its own ("Lanzhou's GDP hit 300
        # billion yuan, with the Qinghe zone accounting for 20 percent").
        owners_after = [e for e in in_clause if e.start >= end and e.category in ("zone", "park")]
        if (
            owners_after
            and not _EXAMPLES_RE.search(text, end, owners_after[0].start)
            and not _WITH_RE.search(text, end, owners_after[0].start)
        ):
            return self.name(owners_after[0])
        # "88 billion yuan was invested in the first four FTZs"
        return group_in(text, end, clause_end, after=True)

    def _fronted_doer(self, lo: int, end: int) -> str | None:
        """The owner named right after a fronted phrase that holds the figure ("With
        registered capital of 10 billion yuan, | Qinghe Investment Group is ..."): the
        phrase describes the doer it leads to."""
        m = _FRONTED_RE.match(self.text, lo)
        if m is None or m.end() < end:
            return None
        i = bisect.bisect_left(self._starts, m.end())
        if i < len(self.entities) and self.entities[i].start == m.end():
            e = self.entities[i]
            return self.name(e) if e.category in OWNERS else None
        return None

    def _unnamed(self, lo: int, hi: int, limit: int) -> str | None:
        """The owner of a figure (its clause from ``lo``, its owners before ``limit``) whose
        clause names none: "the city" or "the province" in ``[lo, hi)``, "it" or "the park",
        a place where it was counted (:meth:`Places.counted_in`), else the main zone."""
        place = self.places.the_place(lo, hi, limit)
        if place is not None:
            return place
        # "It accommodated 50 firms, with an output value of ...", "... in the park, with
        # annual sales of ...": what the sentence before speaks of. A measure named in the
        # clause before ("Suzhou's trade rose 7 percent, and | the park's rose 9 percent"):
        # "the park" in this clause still points at the owner.
        local = self._topics.last_before(lo, limit)
        if local is not None:
            return self._as_main(local)
        counted_in = self.places.counted_in(lo, limit)
        if counted_in is not None:
            return counted_in
        return self._sentence_owner(lo, limit) or self.article.main

    def _sentence_owner(self, lo: int, limit: int) -> str | None:
        """The owner the sentence names before the clause at ``lo`` ("In 2009, the GDP of
        the Tiexi New Area reached ...; | industrial added value increased to ..."): a
        clause that names none goes on speaking of it. None when the clause opens its
        sentence, points at an owner itself before ``limit`` ("the zone's revenue": the main
        zone's) or the words before name no owner."""
        opens = sentence_start(self.text, lo)
        i, j = bisect.bisect_left(self._starts, opens), bisect.bisect_left(self._starts, lo)
        if i == j or self.places.points(lo, limit):
            return None
        named = [e for e in self.entities[i:j] if e.end <= lo]
        owners = [e for e in named if e.category in OWNERS]
        if owners:
            return self._as_main(self._clause_subject(owners))
        places = [e for e in named if self.places.owning(e) or self.places.opens(e, opens)]
        return self.name(places[0]) if places else None

    def _relative_doer(self, in_clause: list[Named], start: int) -> str | None:
        """The owner a relative clause holding the figure is about ("..., including Lanfeng
        Dairy Co., Ltd., which put RMB 300 million into ...": Lanfeng's), even in a list."""
        owners = [e for e in in_clause if e.end <= start and e.category in OWNERS]
        if owners and _RELATIVE_RE.fullmatch(self.text, owners[-1].end, start) is not None:
            return self.name(owners[-1])
        return None

    def _clause_subject(self, before: list[Named]) -> Named:
        """Of the owners named before the figure, the last one named as a doer: a zone after
        "in" or "at" is where the doer acts ("Nestle increased its capital in the ... Area
        by 730 million yuan" is Nestle's), unless no other owner is named."""
        doers: list[Named] = []
        where = False
        for e in before:
            # "in the ... Area (TBNA for short)": the acronym is the same place.
            in_brackets = self.text[max(0, e.start - 2) : e.start].strip().endswith("(")
            if not (in_brackets and where):
                where = (
                    LOCATIVE_RE.search(self.text, max(0, e.start - 12), e.start) is not None
                    or _LOCATIVE_OF_PLACE_RE.search(self.text, max(0, e.start - 40), e.start)
                    is not None
                )
            # "A, an affiliate of B, owns ...", "A of B attracted ...": B only describes the
            # doer A.
            aside = bool(doers) and _APPOSITION_RE.fullmatch(self.text, doers[-1].end, e.start)
            if not where and not aside:
                doers.append(e)
        if not doers:
            return before[-1]
        # "the output of A, B, and C reached ...": a list of owners is named by its first.
        k = len(doers) - 1
        while k > 0 and _LIST_GAP_RE.fullmatch(self.text, doers[k - 1].end, doers[k].start):
            k -= 1
        return doers[k]

    def _the_ftz(self, clause: tuple[int, int]) -> str | None:
        """The free trade zone named last before the clause when the clause says "the FTZ"
        ("the FTZ makes up 9 percent of the city's exports" in an article on a special
        economic zone that holds the Qinghe FTZ): the FTZ's figure, not the main zone's."""
        if _THE_FTZ_RE.search(self.text, clause[0], clause[1]) is None:
            return None
        i = bisect.bisect_left(self._starts, clause[0])
        for e in reversed(self.entities[max(0, i - _FTZ_LOOKBACK) : i]):
            if e.category == "zone" and _FTZ_NAME_RE.search(e.text):
                return self.name(e)
        return None

    def _the_company(self, clause: tuple[int, int], limit: int) -> str | None:
        """The company named last, just before the clause (within ``_ANAPHOR_REACH``), when
        the clause opens with "the company", "the group" or "the South Korean high-tech
        giant" and the figure follows, or holds "the carmaker's" before the figure: what the
        company invests is its own, wherever."""
        m = _THE_COMPANY_RE.match(self.text, clause[0], limit) or _THE_COMPANYS_RE.search(
            self.text, clause[0], limit
        )
        if m is None:
            return None
        i = bisect.bisect_left(self._starts, clause[0])
        for e in reversed(self.entities[max(0, i - _FTZ_LOOKBACK) : i]):
            if e.end < clause[0] - _ANAPHOR_REACH:
                break  # named too far back to be what "the company" stands for
            if e.category == "company":
                return self.name(e)
        return None
