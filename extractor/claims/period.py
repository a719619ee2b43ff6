"""The period a figure refers to: stated years ("In 2020", "by 2025", "the first half of
2021"), relative ones ("last year", "the first half of the year", "From January to May")
resolved with the article's publication date, and ranges ("from 2011 to 2015"), which
give no single year.

A period that only names the base of a comparison ("than in 2019", "compared with the
same period last year") is not the figure's period and is skipped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal, NamedTuple

from extractor.facts.scan import DocText, as_doc_text, windows

# "base": the year after a stated year that is the base of a comparison with the same
# period ("up 8 percent from the same period of 2018" is of 2019).
# "plan": the end of a five-year plan ("by the end of the 14th Five-Year Plan period"),
# found as a stated year (2025).
PeriodKind = Literal["year", "range", "relative", "span", "date", "base", "plan"]

_MONTHS: Final = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_NUMBER: Final = {m: i for i, m in enumerate(_MONTHS, 1)} | {
    m[:3]: i for i, m in enumerate(_MONTHS, 1)
}
_MONTH_NUMBER["sept"] = 9
_MONTH: Final = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)"  # noqa: E501
_ORDINAL: Final = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}
_COUNT: Final = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "2": 2,
    "3": 3,
    "4": 4,
    "5": 5,
    "6": 6,
    "7": 7,
    "8": 8,
    "9": 9,
    "10": 10,
    "11": 11,
}
_YEAR: Final = r"(?:1[89]\d\d|20\d\d)"
# A part of a year: "the first half", "the first quarter", "the first seven months",
# "the first three quarters".
_PART: Final = (
    r"(?:the\s+)?(?P<ord>first|second|third|fourth|last)\s+"
    r"(?:(?P<half>half)|(?P<quarter>quarter)|(?P<n>two|three|four|five|six|seven|eight|nine"
    r"|ten|eleven|\d{1,2})\s+(?P<unit>months|quarters))"
)
_LEAD: Final = r"(?:(?:in|by|during|for|of|until|through|as\s+of|at|by)\s+)?"
_END: Final = r"(?:(?:the\s+)?end\s+of\s+)?"

_MONTH_OF: Final = rf"(?:{_MONTH}\s+(?:of\s+)?)?"  # "between April 2015 and December 2018"
_RANGE_RE: Final = re.compile(
    rf"\b(?:from\s+{_MONTH_OF}{_YEAR}\s+(?:to|through|until)\s+{_MONTH_OF}{_YEAR}"
    rf"|between\s+{_MONTH_OF}{_YEAR}\s+and\s+{_MONTH_OF}{_YEAR}"
    rf"|{_YEAR}\s*[-–]\s*(?:{_YEAR}|\d\d)(?!\d))",
    re.IGNORECASE,
)
# "mid-2021", "end-2021", "2021-end" are years too.
_YEAR_RE: Final = re.compile(
    r"(?:(?<![\w/-])|(?<=-)(?:(?<=mid-|end-)|(?<=late-)|(?<=early-)))"
    rf"{_LEAD}{_END}(?:{_PART}\s+(?:of\s+)?)?(?:(?P<month>{_MONTH})\s+(?:\d{{1,2}},?\s+)?)?"
    rf"(?P<year>{_YEAR})(?:(?=-end\b)|(?![\w/-]))(?!\s+(?!(?-i:GDP|GRP|FDI)\b)(?-i:[A-Z]))",
    re.IGNORECASE,
)
# "In 2006 Changsha had ...": after "in", a year is a period even before a capitalized
# word (without it, "2022 China Expo" is a name).
_YEAR_LED_RE: Final = re.compile(
    rf"(?<![\w-])(?:in|during)\s+(?P<year>{_YEAR})(?=\s+(?-i:[A-Z]))", re.IGNORECASE
)
_RELATIVE_RE: Final = re.compile(
    rf"(?<![\w-]){_LEAD}{_END}(?:{_PART}\s+of\s+)?(?:the\s+)?"
    r"(?P<which>last|this|next|past|previous|preceding|following|subsequent|current|whole|full"
    r"|entire|the|a|one)\s+year(?![\w-])(?P<earlier>\s+(?:earlier|before|ago)(?![\w-]))?"
    r"(?P<later>\s+later(?![\w-]))?(?!\s+(?:19|20)\d\d)",
    re.IGNORECASE,
)
_WHOLE: Final = frozenset({"whole", "full", "entire"})
# "two years ago", "a decade ago"; "last month", "this month".
_AGO_RE: Final = re.compile(
    r"(?<![\w-])(?:(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+years"
    r"|(?:a|one)\s+(?P<decade>decade))\s+ago(?![\w-])",
    re.IGNORECASE,
)
_MONTH_REL_RE: Final = re.compile(
    r"(?<![\w-])(?:(?:in|during|for|of)\s+)?(?:the\s+)?(?P<which>last|this|past|previous|next)"
    r"\s+month(?![\w-])",
    re.IGNORECASE,
)
_MONTH_DELTA: Final = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1}
_SPAN_RE: Final = re.compile(
    rf"(?<![\w-])(?:(?:from|between)\s+)?(?P<m1>{_MONTH})\s*(?:to|and|-|–|through)\s*"
    rf"(?P<m2>{_MONTH})(?![\w-])|(?<![\w-]){_LEAD}{_PART}(?![\w-])"
    r"|(?<![\w-])(?:in|during|for)\s+(?:the\s+)?(?P<hq>(?-i:[HQ])[1-4])(?![\w-])",
    re.IGNORECASE,
)
# "H1" is the first half, "Q3" the third quarter: their last months.
_HALF_QUARTER_END: Final = {"H1": 6, "H2": 12, "Q1": 3, "Q2": 6, "Q3": 9, "Q4": 12}
_DATE_RE: Final = re.compile(
    rf"(?<![\w-])(?:(?:in|on|since)\s+)?(?P<month>{_MONTH})(?:\s+(?P<day>\d{{1,2}}))?(?![\w-])"
    r"|(?<![\w-])(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?![\w-])",
    re.IGNORECASE,
)
# Words that make a period the base of a comparison, not the figure's own period: "than
# in 2019", "compared with the same period", "up 5 percent from the first quarter" (a
# single period after "from"; "from January to June" and "from 2011 to 2015" hold theirs).
_COMPARED_RE: Final = re.compile(
    r"(?:\bthan|\bcompared\s+(?:with|to)|\bsame\s+(?:period|time|\w+\s+months?)(?:\s+(?:of|in))?"
    r"|\b(?:of|times|as|over|than)\s+that(?:\s+(?:in|of))?|\bfrom(?:\s+a)?|\bover\s+the\s+same|\bversus"
    r"|\bvs\.?"
    # the base of a multiple: "5.2 times the 2002 figure", "doubling the amount in 2015"
    r"|\b(?:times|twice|double|doubling|triple|tripling)\s+(?:the|that|its)"
    r"(?:\s+(?:amount|figure|level|value|total|volume|number))?(?:\s+(?:in|of))?"
    r")\s*(?:the\s+)?$",
    re.IGNORECASE,
)
# Figures over several years: "in the past two years", "in recent three years", "over the
# five years", "in its first five years" (each holds "years": see years.py).
MULTI_YEAR_RE: Final = re.compile(
    r"\b(?:past|last|recent|previous|next|coming)\s+(?:(?:few|several|two|three|four|five|six|seven"
    r"|eight|nine|ten|\d+)\s+)?years\b|\bin\s+(?:two|three|four|five|\d+)\s+years\b"
    r"|\b(?:over|during|within)\s+the\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+years\b"
    r"|\b(?:its|their|the)\s+first\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+years\b",
    re.IGNORECASE,
)
# A dateline ("BEIJING, Sept. 21 (Xinhua) -- ...") dates the report, not its figures.
_DATELINE_RE: Final = re.compile(r"\s*\([A-Z][\w ]*\)\s*(?:--|—|–)")
# ... and so does a full date after a place in capitals at the start of a line, before a
# dash ("BEIJING, Jan 5, 2022 -- ...").
_DATELINE_PLACE_RE: Final = re.compile(r"(?:^|\n)[ \t]*[A-Z][A-Z .'’-]{1,40},[ \t]*$")
_DATELINE_DASH_RE: Final = re.compile(
    r"(?:,?\s*(?:19|20)\d\d)?\s*(?:\([^()\n]{1,40}\)\s*)?(?:--|—|–)"
)


def _is_dateline(text: str, start: int, end: int) -> bool:
    return (
        _DATELINE_DASH_RE.match(text, end) is not None
        and _DATELINE_PLACE_RE.search(text, max(0, start - 44), start) is not None
    )


# "May" is a month only with a day or a "in"/"from" before it ("sales may rise"), or after
# words that only a date follows ("as of May", "by the end of March", "until May").
_AMBIGUOUS_MONTHS: Final = frozenset({"may", "march", "mar"})
_BEFORE_MONTH_RE: Final = re.compile(
    r"(?<![\w-])(?:as\s+of|by|until|till|through|(?:early|late|mid)-?|(?:the\s+)?(?:end|beginning"
    r"|start|middle)\s+of)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Period:
    """A period expression in the text and the year it gives (None: no single year)."""

    start: int
    end: int
    kind: PeriodKind
    year: int | None
    end_month: int | None = None
    # A quarter or half that runs in the article's month ("the third quarter" in July):
    # ``year`` is the last one over, a plan's is the one under way (``year`` + 1).
    under_way: bool = False
    # The last year of a range ("from 2016 to 2020", "the 14th Five-Year Plan period"):
    # a goal over it is to be reached by then.
    until: int | None = None


def _month(word: str | None) -> int | None:
    if not word:
        return None
    return _MONTH_NUMBER.get(word.lower().rstrip("."))


def _part_start_month(m: re.Match[str]) -> int:
    """The first month of "the second half", "the third quarter" (1 for "the first seven
    months", "the first three quarters")."""
    if not m.group("ord") or m.group("n"):
        return 1
    ordinal = _ORDINAL[m.group("ord").lower()]
    return 6 * ordinal - 5 if m.group("half") else 3 * ordinal - 2


def _part_end_month(m: re.Match[str]) -> int | None:
    """The last month of "the first half", "the first three quarters", ..."""
    if not m.group("ord"):
        return None
    ordinal = _ORDINAL[m.group("ord").lower()]
    if m.group("half"):
        return 6 if ordinal == 1 else 12
    if m.group("quarter"):
        return 3 * ordinal
    count = _COUNT.get(m.group("n").lower(), 0)
    return count * 3 if m.group("unit").lower().startswith("quarter") else count


# "compared with the same period of 2018": text evidence that the figure is of 2019.
_SAME_PERIOD_RE: Final = re.compile(
    r"\bsame\s+(?:period|time|\w+\s+months?)\s+(?:of\s+|in\s+)?$", re.IGNORECASE
)
# "up 18 percent over the previous year" (but "over the past year" is a period of its own).
_OVER_RE: Final = re.compile(r"\bover\s+$", re.IGNORECASE)
# ... but "Over the first three quarters, ..." opening a sentence or clause is a period.
_OVER_OPENS_RE: Final = re.compile(r"(?:^|[.;:,\n]\s*)over\s+$", re.IGNORECASE)
_PAST_RE: Final = re.compile(r"(?:the\s+)?past\b", re.IGNORECASE)


def _compared(text: str, start: int) -> bool:
    if _OVER_RE.search(text, max(0, start - 6), start):
        if _OVER_OPENS_RE.search(text, max(0, start - 9), start):
            return False
        return _PAST_RE.match(text, start) is None
    return _COMPARED_RE.search(text, max(0, start - 40), start) is not None


# Each kind of period holds one of these (searched in the lower-cased text); its pattern
# runs only near them, as the money and percentage patterns do. The anchors are written so
# that the regex engine can skip ahead: a leading literal ("year", then the look-behind) or
# a first letter (at most one alternative matches at any position, so grouping them by
# first letter finds what the flat list "half|quarter|months|january|..." finds, three
# times faster).
_YEAR_ANCHOR_RE: Final = re.compile(r"(?=[12])(?<!\d)(?:1[89]|20)\d\d(?!\d)")
# "year" (not "year-on-year"), "ago", "month" (not "months"). Every branch opens with a
# letter (the word boundary before "ago" is tested behind it), so the scan skips to the
# places that start with y, a or m instead of trying each branch at every character.
_RELATIVE_ANCHOR_RE: Final = re.compile(r"year(?![-\w])(?<!on-year)|ago\b(?<!\wago)|month(?![-\w])")
_PART_ANCHOR_RE: Final = re.compile(
    r"h(?:alf|[12]\b)|q(?:uarter|[1-4]\b)|m(?:onths|arch|ay|ar\b|onday)|j(?:anuary|une|uly|an\b|un\b|ul\b)"
    r"|f(?:ebruary|eb\b|riday)|a(?:pril|ugust|pr\b|ug\b)|s(?:eptember|ept?\b|aturday|unday)"
    r"|o(?:ctober|ct\b)|n(?:ovember|ov\b)|d(?:ecember|ec\b)|t(?:uesday|hursday)|wednesday"
)
# China's five-year plans end in 2015 (12th), 2020, 2025, 2030: "by the end of the 14th
# Five-Year Plan period" is "by 2025" (the plan's period as a whole is a range: no year).
_PLAN_END_RE: Final = re.compile(
    r"(?<![\w-])(?:(?:by|at|until|to)\s+)?(?:the\s+)?end\s+of\s+the\s+(?P<n>12th|13th|14th|15th"
    r"|twelfth|thirteenth|fourteenth|fifteenth)\s+five-year\s+plan(?:\s+period)?(?![\w-])",
    re.IGNORECASE,
)
_PLAN_END_YEAR: Final = {
    "12": 2015,
    "tw": 2015,
    "13": 2020,
    "th": 2020,
    "14": 2025,
    "fo": 2025,
    "15": 2030,
    "fi": 2030,
}
# "during the 14th Five-Year Plan period (2021-25)": a range that ends in 2025.
_PLAN_PERIOD_RE: Final = re.compile(
    r"(?<![\w-])(?:(?:during|in|over|throughout|for)\s+)?the\s+(?P<n>12th|13th|14th|15th"
    r"|twelfth|thirteenth|fourteenth|fifteenth)\s+five-year\s+plan(?:\s+period)?"
    r"(?:\s*\(\s*(?:19|20)\d\d\s*[-–]\s*(?:(?:19|20)\d\d|\d\d)\s*\))?(?![\w-])",
    re.IGNORECASE,
)
_PLAN_ANCHOR_RE: Final = re.compile(r"five-year plan")
_DIGITS_RE: Final = re.compile(r"\d+")


def _last_year(words: str) -> int | None:
    """The last year of a range's words: "from 2016 to 2020" and "2021-25" end in 2020, 2025."""
    numbers = _DIGITS_RE.findall(words)
    if len(numbers) < 2:
        return None
    first, last = numbers[0], numbers[-1]
    until = int(first[: 4 - len(last)] + last) if len(last) < 4 else int(last)
    return until if until > int(first) else None  # "2021-04-08" is a date, not a range


# On overlap the earlier kind wins: "from 2011 to 2015" is a range, not two years.
_KINDS: Final[tuple[PeriodKind, ...]] = ("plan", "range", "year", "relative", "span", "date")
# (anchor, kinds, characters read before it, after it): "from the end of the first three
# quarters of 2021" is 48 characters before its year; "between January and November"
# 20 after its first month.
_ANCHORED: Final[tuple[tuple[re.Pattern[str], tuple[PeriodKind, ...], int, int], ...]] = (
    (_YEAR_ANCHOR_RE, ("range", "year"), 55, 12),
    (_RELATIVE_ANCHOR_RE, ("relative",), 55, 2),
    (_PART_ANCHOR_RE, ("span", "date"), 40, 30),
    (_PLAN_ANCHOR_RE, ("plan",), 45, 20),
)


class Candidate(NamedTuple):
    """A period found by one kind's pattern; on overlap the first in sort order wins."""

    rank: int
    start: int
    end: int
    kind: PeriodKind
    year: int | None
    month: int | None = None
    under_way: bool = False
    until: int | None = None


_SPACE_RE: Final = re.compile(r"\s")


def _anchors_before(
    anchor: re.Pattern[str], end: int, before: int
) -> Callable[[DocText], list[tuple[int, int]]]:
    """The anchors' spans for :func:`windows`, up to the first one whose window would
    start after ``end``: its window starts after the last white space before it, and a
    white space between ``end`` and it puts that after ``end`` (or the window joins one
    that already reaches past ``end``). Nothing after ``end`` is read, so the text after
    the last figure is not scanned; the windows up to ``end`` are those of every anchor."""

    def spans(doc: DocText) -> list[tuple[int, int]]:
        text, out = doc.text, []
        for m in anchor.finditer(doc.lowered):
            window_start = m.start() - before
            if window_start > end + 1 and _SPACE_RE.search(
                text, max(end + 1, window_start - 64), window_start
            ):
                break
            out.append(m.span())
        return out

    return spans


def find_periods(
    source: str | DocText, start: int, end: int, published: str | None
) -> list[Period]:
    """Every period expression in ``text[start:end]``, sorted, comparisons left out."""
    pub_year = int(published[:4]) if published else None
    pub_month = int(published[5:7]) if published else None
    candidates: list[Candidate] = []
    lowered_once = as_doc_text(source)  # the three anchor scans share one lower-cased text
    text = lowered_once.text
    for anchor, kinds, before, after in _ANCHORED:
        anchors = _anchors_before(anchor, end, before)
        for lo, hi in windows(lowered_once, anchors, before, after):
            if hi > start and lo < end:
                for kind in kinds:
                    candidates += _matches(
                        kind, text, max(lo, start), min(hi, end), pub_year, pub_month
                    )
    found: list[Period] = []
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping
    for _, s, e, kind, year, month, under_way, until in sorted(candidates):
        i = bisect.bisect_left(taken, (s, e))
        if (i > 0 and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e):
            continue
        taken.insert(i, (s, e))
        if not _compared(text, s):
            found.append(Period(s, e, kind, year, month, under_way, until))
        elif (
            kind == "year" and year is not None and _SAME_PERIOD_RE.search(text, max(0, s - 30), s)
        ):
            found.append(Period(s, e, "base", year + 1, month))
    return sorted(found, key=lambda p: p.start)


def _matches(
    kind: PeriodKind,
    text: str,
    start: int,
    end: int,
    pub_year: int | None,
    pub_month: int | None,
) -> list[Candidate]:
    """The periods of one kind in ``text[start:end]``: (priority, start, end, kind, year, month)."""
    rank = _KINDS.index(kind)
    out: list[Candidate] = []
    year: int | None
    if kind == "plan":
        for m in _PLAN_END_RE.finditer(text, start, end):
            year = _PLAN_END_YEAR[m.group("n")[:2].lower()]
            out.append(Candidate(rank, m.start(), m.end(), "year", year))
        for m in _PLAN_PERIOD_RE.finditer(text, start, end):
            until = _PLAN_END_YEAR[m.group("n")[:2].lower()]
            out.append(Candidate(rank, m.start(), m.end(), "range", None, until=until))
    elif kind == "range":
        for m in _RANGE_RE.finditer(text, start, end):
            out.append(Candidate(rank, m.start(), m.end(), kind, None, until=_last_year(m[0])))
    elif kind == "year":
        for m in _YEAR_RE.finditer(text, start, end):
            if _is_dateline(text, m.start(), m.end()):
                continue
            month = _part_end_month(m)
            out.append(Candidate(rank, m.start(), m.end(), kind, int(m.group("year")), month))
        for m in _YEAR_LED_RE.finditer(text, start, end):
            out.append(Candidate(rank, m.start(), m.end(), kind, int(m.group("year")), None))
    elif kind == "relative":
        for m in _RELATIVE_RE.finditer(text, start, end):
            which = m.group("which").lower()
            if which in ("a", "one") and not (m.group("earlier") or m.group("later")):
                continue  # "14 percent a year" is a rate, no period
            if m.group("later") or which in ("following", "subsequent"):
                # "the following year", "a year later": the year after one stated before
                out.append(Candidate(rank, m.start(), m.end(), kind, None))
                continue
            delta = {"last": -1, "past": -1, "previous": -1, "preceding": -1, "next": 1}.get(
                which, -1 if m.group("earlier") else 0
            )
            year = pub_year + delta if pub_year is not None else None
            if which in _WHOLE:  # a whole year reported is over: the year before, until December
                year = _resolve(pub_year, pub_month, 12)  # (a plan's is the one under way)
                under_way = year is not None and year != pub_year
                out.append(Candidate(rank, m.start(), m.end(), kind, year, 12, under_way))
                continue
            out.append(Candidate(rank, m.start(), m.end(), kind, year, None))
        out += _ago_and_months(text, start, end, rank, pub_year, pub_month)
    elif kind == "span":
        out += _spans(text, start, end, rank, pub_year, pub_month)
    else:
        for m in _DATE_RE.finditer(text, start, end):
            word = (m.group("month") or "").lower()
            if (
                word in _AMBIGUOUS_MONTHS
                and not m.group("day")
                and m.group(0).lower() == word
                and not _BEFORE_MONTH_RE.search(text, max(0, m.start() - 20), m.start())
            ):
                continue
            if _DATELINE_RE.match(text, m.end()) or _is_dateline(text, m.start(), m.end()):
                continue
            month = _month(m.group("month"))
            year = _resolve(pub_year, pub_month, month)
            out.append(Candidate(rank, m.start(), m.end(), kind, year, month))
    return out


def _spans(
    text: str, start: int, end: int, rank: int, pub_year: int | None, pub_month: int | None
) -> list[Candidate]:
    """The parts of a year in ``text[start:end]``: "the first half", "January to May",
    "Q3", "the past nine months"."""
    out: list[Candidate] = []
    kind: PeriodKind = "span"
    # Most windows hold no "months": the pattern runs only in those that do.
    has_months = text.find("months", start, end) >= 0 or text.find("Months", start, end) >= 0
    past = _past_months(text, start, end, rank, pub_year, pub_month) if has_months else []
    out += past
    taken = {c.start for c in past}
    for m in _SPAN_RE.finditer(text, start, end):
        first: int | None
        if m.start() in taken:
            continue
        if m.group("hq"):
            month = _HALF_QUARTER_END.get(m.group("hq"))
            first = None if month is None else month - (5 if m.group("hq")[0] == "H" else 2)
        elif m.group("m2"):
            month, first = _month(m.group("m2")), _month(m.group("m1"))
        else:
            month, first = _part_end_month(m), _part_start_month(m)
        year = _resolve(pub_year, pub_month, month)
        under_way = year is not None and year != pub_year and _runs_in(pub_month, first)
        out.append(Candidate(rank, m.start(), m.end(), kind, year, month, under_way))
    return out


# "the past nine months", "the last three months": up to the article's month.
_PAST_MONTHS_RE: Final = re.compile(
    r"(?<![\w-])(?:(?:in|over|during|for)\s+)?the\s+(?:past|last|previous)\s+(?P<n>two|three"
    r"|four|five|six|seven|eight|nine|ten|eleven|\d{1,2})\s+months(?![\w-])",
    re.IGNORECASE,
)


def _past_months(
    text: str, start: int, end: int, rank: int, pub_year: int | None, pub_month: int | None
) -> list[Candidate]:
    """ "the past nine months" in an article of October: January to September, of the
    article's year; one that reaches into the year before has no single year."""
    out = []
    for m in _PAST_MONTHS_RE.finditer(text, start, end):
        count = _COUNT.get(m.group("n").lower(), 0)
        within = pub_month is not None and 0 < count < pub_month
        year, month = (pub_year, pub_month - 1) if within and pub_month else (None, None)
        out.append(Candidate(rank, m.start(), m.end(), "span", year, month))
    return out


def _runs_in(pub_month: int | None, first: int | None) -> bool:
    """Whether a period that ends after the article's month starts before or in it ("the
    third quarter" in July); a span from January ("January to November" in a January
    article) is a running total, reported after it ends."""
    return pub_month is not None and first is not None and 1 < first <= pub_month


def _ago_and_months(
    text: str, start: int, end: int, rank: int, pub_year: int | None, pub_month: int | None
) -> list[Candidate]:
    """ "two years ago" (the article's year - 2), "last month" (the month before the
    article's, of the year before in a January article)."""
    out = []
    for m in _AGO_RE.finditer(text, start, end):
        back = 10 if m.group("decade") else _COUNT.get(m.group("n").lower(), 0)
        year = pub_year - back if pub_year is not None and back else None
        out.append(Candidate(rank, m.start(), m.end(), "relative", year))
    for m in _MONTH_REL_RE.finditer(text, start, end):
        if pub_year is None or pub_month is None:
            out.append(Candidate(rank, m.start(), m.end(), "date", None))
            continue
        month = pub_month + _MONTH_DELTA[m.group("which").lower()]
        year = pub_year + (month - 1) // 12
        out.append(Candidate(rank, m.start(), m.end(), "date", year, (month - 1) % 12 + 1))
    return out


def _resolve(pub_year: int | None, pub_month: int | None, month: int | None) -> int | None:
    """The year of a period without one: the article's year, or the year before when the
    period ends after the article's month ("January to November" in a January article)."""
    if pub_year is None:
        return None
    if month is not None and pub_month is not None and month > pub_month:
        return pub_year - 1
    return pub_year
