"""The words that tell the year of a figure, or that it has none, as patterns, and the
small tests on them: the sentence and clause tests of :mod:`extractor.claims.years`."""

from __future__ import annotations

import bisect
import re
from typing import Final

from extractor.claims.cues import PAST_TENSE_FILE, alternation, word_groups
from extractor.claims.period import Period

MONTH_RE: Final = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)
SAID_RE: Final = re.compile(
    r"\b(?:said|says|told\s+\w+|announced|reported|disclosed)\s+(?:on\s+)?$", re.IGNORECASE
)
# "since the beginning of this year", "so far this year" are a part of this year, not
# several years.
# "by the end of the 14th Five-Year Plan period" names a year (2025), not several.
PLAN_END_BEFORE_RE: Final = re.compile(r"\bend\s+of\s+the\s+\w+\s+$", re.IGNORECASE)
THIS_YEAR_BEFORE_RE: Final = re.compile(r"\b(?:this|the)\s+year\s+$", re.IGNORECASE)
THIS_YEAR_SO_FAR_RE: Final = re.compile(
    r"\s+(?:the\s+(?:beginning|start)\s+of\s+(?:this|the)\s+year|this\s+year)\b", re.IGNORECASE
)
# A year up to a month ("Through September 2021", "as of the end of June 2021"), no day.
UP_TO_MONTH_RE: Final = re.compile(
    r"(?:through|as\s+of|until|by|at)\s+(?:the\s+end\s+of\s+)?[a-z]+\.?\s+(?:19|20)\d\d$",
    re.IGNORECASE,
)
# The year right after "since": "since 2015", "since Jan 1, 2021", "since the start of 2021".
SINCE_YEAR_RE: Final = re.compile(
    r"\s+(?:(?:the\s+)?(?:beginning|start)\s+of\s+)?(?:[a-z]+\.?\s+(?:\d{1,2},?\s+)?)?"
    r"(?P<year>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
# A year told by the one before it: "The previous year the GDP was ..." after "In 2006, ...".
PREVIOUS_YEAR_RE: Final = re.compile(
    r"(?:(?:in|during)\s+)?(?:the\s+(?:previous|preceding)\s+year"
    r"|(?:a|one|the)\s+year\s+(?:earlier|before))$",
    re.IGNORECASE,
)
# ... and the year after it: "In 2018, ... The next year, ..." ("next year" alone is the
# article's next year).
FOLLOWING_YEAR_RE: Final = re.compile(
    r"(?:(?:in|during)\s+)?(?:the\s+(?:next|following|subsequent)\s+year"
    r"|(?:a|one|the)\s+year\s+later)$",
    re.IGNORECASE,
)
# "GDP is 20 billion yuan, compared with 15 billion yuan in 2019": a period after the base
# of a comparison is the base's, not the figure's.
DIGIT_RE: Final = re.compile(r"\d")
# A money figure or a percentage (its number and unit), as the start of another figure.
NEXT_FIGURE_RE: Final = re.compile(
    r"(?<![\w.])\d[\d,.]*\s*(?:%|percent|per\s+cent|(?:billion|million|trillion)\b|yuan\b"
    r"|dollars?\b|usd\b|rmb\b)",
    re.IGNORECASE,
)
YEAR_NUMBER_RE: Final = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
BASE_BETWEEN_RE: Final = re.compile(
    r"\b(?:compared\s+(?:with|to)|than|versus|vs\.?|(?:up|down)\s+from)\b", re.IGNORECASE
)
WHOLE_YEAR_RE: Final = re.compile(r"\b(?:whole|full|entire)\s+year$", re.IGNORECASE)
# "since 2015" starts a span of several years: no figure's own period.
SINCE_RE: Final = re.compile(r"\bsince\s+$", re.IGNORECASE)
# A sentence that dates when something began ("Construction of the base began in 2003")
# gives no year to the figures of the sentences after it.
STARTED_IN_RE: Final = re.compile(
    r"\b(?:began|begun|commenced)\s+(?:\w+\s+){0,2}?(?:in|on)\s+(?:\w+\.?\s+)?(?:19|20)\d\d\b",
    re.IGNORECASE,
)
# A sentence that opens with words of several years ("Over the past five years, ...",
# "In recent years, ...", "Since its founding, ...").
YEARS_OPENER_RE: Final = re.compile(
    r"\s*(?:[IVX]+\.|\d{1,2}[.)]|\(\d{1,2}\))?\s*"  # a list mark: "I.", "2)", "(3)"
    r"(?:(?:over|in|during|within|for)\s+(?:the\s+)?(?:past|last|recent|previous)\s+"
    r"(?:(?:few|several|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?"
    r"(?:years|decades?)|since\s+(?:its|their|the)\s+(?:\w+\s+){0,2}?(?:establishment|founding"
    r"|inception|launch|opening|inauguration|start|development))\b",
    re.IGNORECASE,
)
# "are now 80 percent faster", "projects worth 10 billion yuan are currently under way",
# "a plant with an investment of 16 billion yuan is under construction":
# a figure of the present is of the article's year, not of a year stated before ("up to
# now", "by now" and "till now" total over several years and are no_year cues).
NOW_RE: Final = re.compile(
    r"(?<!to\s)(?<!till\s)(?<!until\s)(?<!by\s)(?<!from\s)\b(?:now|currently|at\s+present"
    r"|presently|at\s+the\s+moment|today|nowadays|(?:is|are)\s+(?:underway|under\s+way"
    r"|under\s+construction|ongoing|in\s+progress))\b(?!\s+that\b)",
    re.IGNORECASE,
)
# A present perfect in a money figure's clause ("13 projects have started construction
# with a total investment of ...", "Twelve projects worth ... have settled in the zone"):
# a running total, which takes no year stated in an earlier sentence.
HAVE_DONE_RE: Final = re.compile(
    r"(?<!will\s)(?<!would\s)(?<!should\s)(?<!could\s)(?<!may\s)(?<!might\s)(?<!to\s)"
    r"\b(?:has|have)\s+(?:\w+ly\s+)?(?:been\s+)?(?:[a-z]+(?:ed|en|wn|lt|ght|ne|un)|made|won|set|put)\b",
    re.IGNORECASE,
)
# "The project, which will be completed in 2024, has a total investment of ...": when a
# project is to be finished or to start running dates that, not its figures (its size is
# of now, its projected output of no year).
COMPLETED_RE: Final = re.compile(
    r"\b(?:completed|completion|finished|put\s+into\s+(?:operation|production|use|service)"
    r"|(?:go|come)\s+(?:into|on)\s*(?:operation|production|stream|line)"
    r"|(?:start|begin|commence)\s+(?:operation|operating|production|producing)"
    r"|operational|in\s+operation|opened\s+to\s+traffic)\b[^.;,\d]{0,12}$",
    re.IGNORECASE,
)
# Between the comma that opens an aside and its founding word: ", approved by ...", ",
# which was set up ...".
ASIDE_OPENS_RE: Final = re.compile(r",\s*(?:(?:which|that)\s+(?:was|were)\s+)?(?:first\s+)?")
# Between two years of a list: "in 2019, 2020 and 2021".
LIST_GAP_RE: Final = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)", re.IGNORECASE)

# A verb in the past tense before a "by" period, in its clause and with no word of a plan
# after it ("the figure soared to 70 billion yuan by 1998"); the verbs of data/past-tense.tsv.
PAST_BEFORE_RE: Final = re.compile(
    rf"\b{alternation(word_groups(PAST_TENSE_FILE)['figure'])}\b"
    r"(?![^.;,]*\b(?:will|would|should|shall|expected|aims?|plans?|target|to\s+be)\b)"
    r"(?:[^.;]|\.\d){0,70}$",
    re.IGNORECASE,
)
# A perfect tense right after a "by" period in its sentence reports what is done by then
# ("By the end of 2022, the park has drawn 800 foreign firms"); "will have" plans.
PERFECT_AFTER_RE: Final = re.compile(
    r"[^.;]{0,80}?(?<!will\s)(?<!would\s)(?<!should\s)\b(?:has|have|had)\s+(?:\w+ly\s+)?"
    r"(?:been\s+)?[a-z]+(?:ed|en|wn|lt|ght|ne|un|ad)\b",
    re.IGNORECASE,
)


def by_year(text: str, period: Period, published_year: int | None) -> bool:
    """ "by 2025" in an article of 2021 (or of no date); "By the end of 2021" in an
    article of 2022 looks back."""
    phrase = text[period.start : period.end].lower()
    if not phrase.startswith("by ") or period.end_month is not None or MONTH_RE.search(phrase):
        return False  # "By the end of June 2022" reports where things stood
    if PERFECT_AFTER_RE.match(text, period.end):
        return False  # "By the end of 2023, the zone has gathered ...": what is done by then
    if published_year is None:
        # No date to compare with: "soared to 70 billion yuan by 1998" tells what was done.
        return PAST_BEFORE_RE.search(text, max(0, period.start - 80), period.start) is None
    return period.year is None or period.year >= published_year


def skip_now(text: str, at: int) -> int:
    """Past a "now" (or "currently", ...) right at ``at``, after white space; else ``at``."""
    lead = len(text[at : at + 8]) - len(text[at : at + 8].lstrip())
    m = NOW_RE.match(text, at + lead)
    return m.end() if m is not None else at


def sentences_holding(lowered: str, word: str, starts: list[int]) -> list[int]:
    """The indexes of the sentences (by their ``starts``) in which ``word`` occurs; every
    match of ``MULTI_YEAR_RE`` holds "years", so only those sentences are searched."""
    found: list[int] = []
    at = lowered.find(word)
    while at >= 0:
        i = max(0, bisect.bisect_right(starts, at) - 1)
        if not found or found[-1] != i:
            found.append(i)
        at = lowered.find(word, at + 1)
    return found
