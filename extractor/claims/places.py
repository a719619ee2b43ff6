"""Places as owners of figures: a city, province or country that a clause makes the doer
("Kunshan recorded GDP of ...", "Jiangsu, home to the zone, reported ..."), names as the
owner of a measure ("Chongqing's medical industry", "the GDP of Changsha", "retail sales in
Lanzhou", "In Lanzhou, ..."), or points at ("the city's", "the province's", "the country's").
"""

from __future__ import annotations

import bisect
import re
from typing import Final

from extractor.claims.article import Article
from extractor.claims.cues import PAST_TENSE_FILE, alternation, word_groups
from extractor.claims.names import PLACES, Named

_INDUSTRY_IN_RE: Final = re.compile(r"\b(?:industr(?:y|ies)|zone)\s+in\s+$", re.IGNORECASE)
_MEASURE_FOR_RE: Final = re.compile(
    r"\b(?:gdp|figures?|output|value|revenue|income|total|growth|trade|exports|imports|volume"
    r"|investment|those|that)\s+(?:for|between|of)\s+(?:the\s+whole\s+of\s+)?$",
    re.IGNORECASE,
)
# What may stand before a clause's doer: nothing, or a lead-in ending with a comma.
_LEAD_IN_RE: Final = re.compile(r"\s*(?:[A-Z][^,;]{0,60},\s*)?(?:[Tt]he\s+)?")
_DISTRICT_AFTER_RE: Final = re.compile(r"\s+(?:district|county|prefecture)\b", re.IGNORECASE)
# A place and what may follow it before its verb ("Xiaodian district in southern Taiyuan"),
# then a verb that makes it the doer: a verb in the past tense of data/past-tense.tsv or any
# other ending in "-ed" ("Guiyang established 1,200 firms"), or one in the present.
_PAST: Final = word_groups(PAST_TENSE_FILE)
DOER_VERB_RE: Final = re.compile(
    r"(?:\s+(?:district|county|prefecture|city|province))?(?:\s+in\s+[\w\s-]{1,30}?)?"
    r"(?:\s*,\s+(?P<aside>[^,;()]{1,60}?),)?"
    r"(?:\s+(?:also|has|have|had|now|already|again|alone))*"
    rf"\s+(?:{alternation(_PAST['figure'] + _PAST['act'])}"
    r"|is|will|plans?|aims?|accounts|makes|contributes|sees|boasts|posts|reports"
    r"|records|attracts|ranks|generates|achieves|exports|imports"
    r"|(?!(?:based|located|listed|owned|funded|backed)\b)"
    r"[a-z]{3,}ed)\b"
)
# "In | Lanzhou, ...", "Across | China, ...": a place that opens a clause as where its
# figures were counted, after at most a time lead-in; and the comma after it.
_PLACE_LEAD_RE: Final = re.compile(
    r"\s*(?:[A-Z][^,;]{0,40},\s*)?(?:In|in|Across|across|Throughout|throughout)\s+(?:the\s+)?"
)
_LEAD_COMMA_RE: Final = re.compile(r"(?:\s+(?:city|province|municipality))?\s*,")
# "retail sales of consumer goods in | Lanzhou", "GDP in | Hainan": what was counted there;
# not where a doer is ("located in", "based in").
_MEASURE_IN_RE: Final = re.compile(
    r"\b(?!(?:located|based|situated|headquartered|lies|lying|settled|registered|built|first"
    r"|second|third|top|leading|ranked|ranking|[a-z]+est)\b)[A-Za-z][\w-]*\s+in\s+(?:the\s+)?$"
)
# Words that point at an owner named elsewhere: "it", "its", "the park", "the company".
_DESCRIBED: Final = (
    r"\b[Tt]he\s+(?:[a-z][\w-]*\s+){0,3}?(?:park|zone|area|harbou?r|port|base|district|company"
    r"|group|firm|project|plant)\b"
)
_POINTER_RE: Final = re.compile(r"\b(?:[Ii]ts?|[Tt]heir)\b|" + _DESCRIBED)
_DESCRIBED_RE: Final = re.compile(_DESCRIBED)
# "4,149 yuan | in | Lhasa City", "100 billion yuan ($15.76 billion) | in | Xiamen", "4
# percent | for | Lanzhou as a whole".
_RIGHT_AFTER_IN_RE: Final = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:in|for)\s+(?:the\s+)?")
# "188 million euros | were inked on Thursday at a conference in | Changzhou": deals made in
# a place, when no zone or company is named.
_DEALT_IN_RE: Final = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?[^,;()]{0,30}?\b(?:signed|inked|sealed|agreed|ongoing|under\s+way"
    r"|underway)\b[^,;()]{0,80}?\bin\s+(?:the\s+)?"
)
# "5,200 yuan in | Lanzhou in 2021, 600 yuan higher than ...": a place where the figure
# before was counted; the figures after it in the clause are counted there too.
_FIGURE_IN_RE: Final = re.compile(
    r"\d(?:[\d,.]*\d)?(?:\s*%|\s+[\w.$]+){1,3}(?:\s*\([^()]{0,40}\))?\s+in\s+(?:the\s+)?$"
)
# "8% | of Xi'an | inhabitants": a share of the place's people or firms.
_OF_RE: Final = re.compile(r"\s+of\s+(?:the\s+)?")
_PEOPLE_RE: Final = re.compile(
    r"['’]?\s+(?:inhabitants|residents|population|people|households|citizens)\b"
)
# A country owns what its possessive names ("China's exports rose ..."), not a zone it ranks
# ("China's first free trade zone", "China's largest ...").
_COUNTRY_OWNS_RE: Final = re.compile(
    r"['’]s\s+(?!(?:total\s+of|first|second|third|largest|biggest|only|leading|top|most|major|key"
    r"|pilot|free|new|own|national|state)\b)[a-z]"
)
# "the country's foreign trade", "the nation's exports", "nationwide": the article's country
# (not "the country's State Council").
_THE_COUNTRY_RE: Final = re.compile(
    r"\b[Tt]he\s+(?:country|nation)['’]s\s+(?![A-Z])|\b[Nn]ationwide\b"
)
# "the city's", "the capital city's", "the municipality's", "the municipal government",
# "citywide", "the provincial capital's".
_THE_CITY_RE: Final = re.compile(
    r"\bthe\s+(?:(?:[a-z-]+\s+)?(?:city|municipality)(?:'s|’s)?|municipal\s+government)(?!\w)"
    r"|\bthe\s+(?:provincial\s+)?capital['’]s|\bcity-?wide\b",
    re.IGNORECASE,
)
# "percent of | the city's total", "contributing 40 percent to | the city's growth".
_WHOLE_OF_RE: Final = re.compile(r"\b(?:of|to)\s+$")
# "the province's total foreign trade", "the island province's", "province-wide": the
# province the article names most; "the region's
# trade" when that province is an autonomous region ("Guangxi Zhuang Autonomous Region").
_THE_PROVINCE_RE: Final = re.compile(
    r"\bthe\s+(?:(?:[a-z-]+\s+){0,2}province(?:'s|’s)?|provincial\s+government)(?!\w)"
    r"|\bprovince-?wide\b",
    re.IGNORECASE,
)
_THE_REGION_RE: Final = re.compile(
    r"\bthe\s+(?:autonomous\s+)?region(?:'s|’s)?(?!\w)", re.IGNORECASE
)
# "the city's average of | 6 percent", "the province's total foreign trade of | ...": a
# figure the place's possessive names, with nothing but lower-case words between.
_THE_PLACES_RE: Final = re.compile(
    r"\b[Tt]he\s+(?:(?:(?P<city>(?:provincial\s+)?(?:city|municipality|capital))|(?P<province>"
    r"province)|(?P<country>country|nation))['’]s|(?P<national>national))\s+(?:[a-z-]+\s+){0,5}?"
    r"(?P<verb>(?:of|at|was|is|stood\s+at|reached|hit|totaled|totalled)\s+)?"
    r"(?:about\s+|around\s+|nearly\s+|over\s+|more\s+than\s+|some\s+)?$"
)
# "compared with 4 percent | for the city as a whole", "... in the province".
_THE_PLACE_AFTER_RE: Final = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:in|for)\s+the\s+(?:whole\s+)?(?:(?P<city>city|municipality)"
    r"|(?P<province>province)|(?P<country>country|nation))\b(?!['’])"
)
_POSSESSED_REACH: Final = 80  # characters before a figure the possessive is looked for


class Places:
    """The places of one article (its :class:`Article`) as owners of its figures."""

    def __init__(self, text: str, article: Article) -> None:
        self.text = text
        self.article = article
        self.entities = article.entities
        self._starts = [e.start for e in self.entities]
        self.name = article.name

    def possessing(self, lo: int, start: int) -> str | None:
        """The article's city, province or country when its possessive names the figure at
        ``start`` ("3 points higher than the city's average of | 6 percent"), else None."""
        at = max(lo, start - _POSSESSED_REACH)
        near = self.text[at:start]
        if "'s" not in near and "’s" not in near and "national" not in near:
            return None  # no possessive nor "national" to read (most figures)
        m = _THE_PLACES_RE.search(self.text, at, start)
        # "40 percent of the city's total and growing by | 12 percent": the whole of a share
        # names a figure only by "of" or a verb ("of the city's total trade of | 75 ...").
        whole = m is not None and _WHOLE_OF_RE.search(self.text, max(lo, m.start() - 4), m.start())
        return None if whole and m is not None and m.group("verb") is None else self._pointed(m)

    def the_place_after(self, end: int) -> str | None:
        """The article's city, province or country written right after the figure (ending at
        ``end``) as where it was counted ("4 percent | for the city as a whole")."""
        return self._pointed(_THE_PLACE_AFTER_RE.match(self.text, end))

    def _pointed(self, m: re.Match[str] | None) -> str | None:
        """The article's place a match of "the city" (province, country) points at."""
        if m is None:
            return None
        if m.group("city"):
            return self.article.city
        return self.article.province if m.group("province") else self.article.country

    def points(self, lo: int, hi: int) -> bool:
        """Whether words in ``[lo, hi)`` point at an owner named elsewhere ("with the zone
        contributing ...", "its")."""
        return _POINTER_RE.search(self.text, lo, hi) is not None

    def the_place(self, lo: int, hi: int, until: int) -> str | None:
        """The article's city, province or country when "the city", "the province" or "the
        country" stands in ``[lo, hi)`` as an owner, and no description of another ("the
        zone") follows it before ``until`` ("Of the city's exports, the zone contributed
        30 percent": the zone's), else None."""
        if self.article.city is not None and self._says(_THE_CITY_RE, lo, hi, until):
            return self.article.city
        province = self.the_province(lo, hi, until)
        if province is not None:
            return province
        if self.article.country is not None and self._says(_THE_COUNTRY_RE, lo, hi, until):
            return self.article.country
        return None

    def owning(self, e: Named) -> bool:
        """Whether a place is written as an owner: "Chongqing's", "Qinghe city", "the Heihe
        sub-area" (of a zone), "the industry in Nanning", "5,200 yuan in Lanzhou"."""
        if e.category == "country":  # "China's exports", "trade between Myanmar and ..."
            if _COUNTRY_OWNS_RE.match(self.text, e.end) is not None:
                return True
            if self.text.startswith(("'s", "’s"), e.end):
                return False  # "the trade of China's 21 free trade zones": the group's
            return _MEASURE_FOR_RE.search(self.text, max(0, e.start - 40), e.start) is not None
        if e.category not in PLACES:
            return False
        follows = self.text[e.end : e.end + 6].lower()
        if follows.startswith(("'s", "’s", " city", " sub-a")) or e.text.endswith(" city"):
            return True
        # "the biomedical industry in Nanning will ...": the city's industry; "the economic
        # zone in Kashgar attracted ...": a zone named by its place; "the GDP for the whole
        # of Changsha", "trade between Qinzhou and ASEAN": the place's measure.
        if _MEASURE_FOR_RE.search(self.text, max(0, e.start - 40), e.start) is not None:
            return True
        if _FIGURE_IN_RE.search(self.text, max(0, e.start - 60), e.start) is not None:
            return True
        return _INDUSTRY_IN_RE.search(self.text, max(0, e.start - 16), e.start) is not None

    def opens(self, e: Named, clause_start: int) -> re.Match[str] | None:
        """Where the verb is when a place (or a district) is the clause's doer: it opens the
        clause, after at most a lead-in such as "In 2021,", and a verb follows it, after at
        most an aside ("Xinjiang has also seen ...", "Xiaodian district in southern Taiyuan
        generated ...", "Jiangsu, home to the zone, reported ..."); else None."""
        place = e.category in PLACES or e.category == "country"
        if not place and not _DISTRICT_AFTER_RE.match(self.text, e.end):
            return None
        if _LEAD_IN_RE.fullmatch(self.text, clause_start, e.start) is None:
            return None
        return DOER_VERB_RE.match(self.text, e.end)

    def doer(self, places: list[Named], before: list[Named], lo: int) -> str | None:
        """A place that opens the clause (from ``lo``) as its doer when every owner named
        before the figure stands in the place's aside ("Lanzhou, home to the Qinghe Park,
        recorded GDP of ...": Lanzhou's): the aside only describes the place."""
        if not places or not before:
            return None
        verb = self.opens(places[0], lo)
        if verb is None or verb.group("aside") is None:
            return None
        if before[0].start < places[0].end or before[-1].end > verb.end("aside"):
            return None
        return self.name(places[0])

    def counted_in(self, lo: int, hi: int) -> str | None:
        """A place named in ``[lo, hi)`` as where the figure was counted, when the clause
        names no owner and points at none ("it", "the park"): "In Lanzhou, GDP grew ...",
        "retail sales in Lanzhou reached ...", "Across China, ...": the place's figure."""
        i = bisect.bisect_left(self._starts, lo)
        named = [
            e
            for e in self.entities[i : bisect.bisect_left(self._starts, hi)]
            if e.end <= hi and (e.category in PLACES or e.category == "country")
        ]
        if not named or _POINTER_RE.search(self.text, lo, hi) is not None:
            return None
        # The last place named: one named after it is the clause's doer ("the smallest in
        # Zhejiang, Zhoushan accounts for ...").
        for e in named[-1:]:
            lead = _PLACE_LEAD_RE.fullmatch(self.text, lo, e.start) is not None
            if lead and _LEAD_COMMA_RE.match(self.text, e.end) is not None:
                return self.name(e)
            if _MEASURE_IN_RE.search(self.text, max(lo, e.start - 30), e.start) is not None:
                return self.name(e)
        return None

    def after(self, in_clause: list[Named], end: int) -> str | None:
        """A city or province written right after the figure as where it was counted ("4,149
        yuan in Lhasa City in 2009"): the place's figure, when no owner stands before it. Not
        a place further on: "of the total in Heilongjiang" is the whole, "resumption of output
        in Chongqing" where the zone's firms are."""
        after = [e for e in in_clause if e.start >= end]
        if not after or after[0].category not in ("city", "province"):
            return None
        if (
            _RIGHT_AFTER_IN_RE.fullmatch(self.text, end, after[0].start) is None
            and _DEALT_IN_RE.fullmatch(self.text, end, after[0].start) is None
            and not (
                _OF_RE.fullmatch(self.text, end, after[0].start)
                and _PEOPLE_RE.match(self.text, after[0].end)
            )
        ):
            return None
        return self.name(after[0])

    def the_province(self, lo: int, hi: int, until: int) -> str | None:
        """The article's province when "the province" (or, for an autonomous region, "the
        region") stands in ``[lo, hi)``: the province's figure, not the zone's."""
        if self.article.province is None:
            return None
        if self._says(_THE_PROVINCE_RE, lo, hi, until):
            return self.article.province
        region = self.article.province.endswith("Region")
        if region and self._says(_THE_REGION_RE, lo, hi, until):
            return self.article.province
        return None

    def _says(self, pattern: re.Pattern[str], lo: int, hi: int, until: int) -> bool:
        """Whether "the city" (``pattern``) stands in ``[lo, hi)`` as an owner: not as the
        whole of a share before a comma ("33 percent of the city's total, | contributing
        40 percent ...": the whole of the first figure, not the owner of the second), nor
        before a description of another owner up to ``until``."""
        for m in pattern.finditer(self.text, lo, hi):
            if _DESCRIBED_RE.search(self.text, m.end(), until) is not None:
                continue
            if _WHOLE_OF_RE.search(self.text, max(lo, m.start() - 4), m.start()) is None:
                return True
            if "," not in self.text[m.end() : hi]:
                return True
        return False
