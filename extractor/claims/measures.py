"""Which indicator a measure's cue names in its clause: the cue tables give a phrase's
usual indicator ("output value" -> output_value, "investment" -> investment); the words
around it say whose measure it is, which can make it another ("industrial output" of
named industries is their output value, what foreign firms invest is foreign investment).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Final

from extractor.claims.cues import INDICATOR, Cue, DocCues

if TYPE_CHECKING:
    from extractor.claims.slots import Figure

_REACH: Final = 300  # how far before a cue the words that own its measure are read
_INDUSTRY_RE: Final = re.compile(
    r"\b(?:industr(?:y|ies)\b(?!\s+above\s+(?:the\s+)?designated)|projects?\b)", re.IGNORECASE
)
# "the park generated 12 billion yuan in output value", "the zone's 100-billion-yuan output
# target": output with no industry, sector, product or company named is the zone's
# industrial output.
_ZONE_OUTPUT_RE: Final = re.compile(r"(?:total |gross )?output(?: value)?", re.IGNORECASE)
# ... but not output owned by "their" (a zone is one, "their" points at projects or firms:
# "Their total annual output is expected to reach 4 billion yuan" after a list of projects).
_THEIR_BEFORE_RE: Final = re.compile(r"\btheir\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_THEIR_READ: Final = 40  # characters before an output cue read for "their"
# ... and "output of NEVs" names what it is the output of.
_OUTPUT_OF_RE: Final = re.compile(r"(?<![Vv]alue)\s+of\s", re.IGNORECASE)
_WHOSE_OUTPUT_RE: Final = re.compile(
    r"\b(?:industr(?:y|ies)|sectors?|clusters?|projects?|compan(?:y|ies)|enterprises?|firms?"
    r"|plants?|products?|vehicles?|bases?|parks?|co|corporation|group|automobile)\b",
    re.IGNORECASE,
)
# "Deals with a combined value of 29 billion yuan": the value of deals, contracts or
# agreements named before it is what they invest, not an output.
_VALUE_RE: Final = re.compile(r"(?:combined|total|aggregate)\s+value", re.IGNORECASE)
_DEALS_RE: Final = re.compile(r"\b(?:deals?|contracts?|agreements?)\b", re.IGNORECASE)
# "The value of the 12 contracts", "the value of projects signed": a value of deals.
_OF_DEALS_RE: Final = re.compile(
    r"\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:deals?|contracts?|agreements?|projects?)\b",
    re.IGNORECASE,
)
# The word right before "output value" that names a sector ("agricultural output value",
# "biomedical output value"): the sector's output, not the zone's. These words say only how
# much or when, or are verbs, and name no sector (data/not-sectors.txt; words ending in
# "-ed" or "-ing" are taken for verbs).
_WORD_BEFORE_RE: Final = re.compile(r"(?<![\w'’-])([a-z][a-z-]*)\s+$", re.IGNORECASE)
NOT_SECTORS_FILE = Path(__file__).resolve().parent / "data" / "not-sectors.txt"


@functools.lru_cache(maxsize=1)
def not_sectors() -> frozenset[str]:
    """The words of ``data/not-sectors.txt`` (one a line, ``#`` comments)."""
    lines = NOT_SECTORS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


_DESIGNATED_RE: Final = re.compile(
    r"\babove\s+(?:the\s+)?designated\s+(?:size|scale)\b", re.IGNORECASE
)
# Capital that a verb of investing governs ("will invest total capital of ..."): invested.
_INVEST_VERB_RE: Final = re.compile(r"\binvest(?:s|ed|ing)?\s+$", re.IGNORECASE)
# Firms from abroad, named by where they come from ("German enterprises", "Hong Kong
# investors", "foreign-funded companies"): what they invest in a zone is foreign investment.
_ORIGINS: Final = (
    "foreign|overseas|foreign-funded|foreign-invested"
    "|american|us|u\\.s\\.|british|uk|german|french|italian|spanish|dutch|swiss|swedish|danish"
    "|finnish|norwegian|belgian|austrian|european|eu|japanese|korean|south\\s+korean|singaporean"
    "|malaysian|thai|indonesian|vietnamese|indian|russian|australian|canadian|israeli|saudi"
    "|emirati|turkish|brazilian|hong\\s+kong|macao|macau|taiwan|taiwanese|asean|african"
)
_INVESTORS_READ: Final = 120  # characters before an investment cue read for its investors
_FOREIGN_INVESTORS_RE: Final = re.compile(
    rf"\b(?:{_ORIGINS})\s+(?:[\w-]+\s+)?(?:companies|firms|enterprises|investors|businesses)\b",
    re.IGNORECASE,
)

# ... or the investment itself named by where it comes from ("Japanese investment").
_FOREIGN_ORIGIN_RE: Final = re.compile(rf"\b(?:{_ORIGINS})\s+$", re.IGNORECASE)


def _sector_before(text: str, cue: Cue) -> bool:
    """Whether a word naming a sector stands right before the cue ("agricultural output
    value"), not a word of amount or time, nor a verb ("created output value")."""
    m = _WORD_BEFORE_RE.search(text, max(0, cue.start - 30), cue.start)
    if m is None:
        return False
    word = m.group(1).lower()
    return word not in not_sectors() and not word.endswith(("ed", "ing"))


# Firms named by what they make ("rare earth enterprises", "new materials companies").
_FIRMS_RE: Final = re.compile(r"\b([a-z][\w-]*)\s+(?:enterprises|companies|firms)\b", re.IGNORECASE)


def _sector_firms(text: str, lo: int, hi: int) -> bool:
    """Whether firms of a sector are named in ``[lo, hi)``: their industrial output is the
    sector's output value, not the zone's ("26 above-scale rare earth enterprises created
    total industrial output value of ...")."""
    for m in _FIRMS_RE.finditer(text, lo, hi):
        word = m.group(1).lower()
        if word not in not_sectors() and not word.endswith(("ed", "ing")):
            return True
    return False


def refined(text: str, cue: Cue, clause: tuple[int, int]) -> str:
    """The indicator ``cue`` names in ``clause``. Industrial output of industries,
    projects or firms of a sector named before it (within reach of the cue) is their
    output value; output of
    "industries above designated size" is the zone's industrial output; what foreign
    companies invest is foreign investment."""
    lo = max(clause[0], cue.start - _REACH)
    if cue.key == "industrial_output" and (
        _INDUSTRY_RE.search(text, lo, cue.start) or _sector_firms(text, lo, cue.start)
    ):
        return "output_value"
    if cue.key == "investment" and (
        _FOREIGN_INVESTORS_RE.search(text, max(clause[0], cue.start - _INVESTORS_READ), cue.start)
        or _FOREIGN_ORIGIN_RE.search(text, max(clause[0], cue.start - 30), cue.start)
    ):
        return "foreign_investment"
    if (
        cue.key == "output_value"
        and _VALUE_RE.fullmatch(text, cue.start, cue.end)
        and _DEALS_RE.search(text, clause[0], cue.start)
    ):
        return "investment"
    if (
        cue.key == "output_value"
        and text[cue.start : cue.end].lower() == "value"
        and _OF_DEALS_RE.match(text, cue.end)
    ):
        return "investment"  # "the value of the contracts signed": what the deals invest
    if cue.key == "funding" and _INVEST_VERB_RE.search(
        text, max(clause[0], cue.start - 20), cue.start
    ):
        return "investment"  # "will invest total capital of 30 billion dollars"
    if cue.key == "output_value" and _DESIGNATED_RE.search(text, clause[0], clause[1]):
        return "industrial_output"
    if (
        cue.key == "output_value"
        and _ZONE_OUTPUT_RE.fullmatch(text, cue.start, cue.end)
        and not _OUTPUT_OF_RE.match(text, cue.end)
        and not _WHOSE_OUTPUT_RE.search(text, clause[0], clause[1])
        and not _sector_before(text, cue)
        and not _THEIR_BEFORE_RE.search(text, max(clause[0], cue.start - _THEIR_READ), cue.start)
    ):
        return "industrial_output"  # the output value of a zone as a whole
    return cue.key


def part_after_whole(text: str, indicator: str, cue: Cue, since: int, fig: Figure) -> str:
    """``indicator``, or the output value of an industry named after the figure before
    (which ends at ``since``) when this figure takes the zone's industrial output named
    before that one: "Industrial output rose 9 percent, with the auto industry up 15
    percent" gives the auto industry's output (CLAIMS.md: output of a named industry)."""
    if indicator != "industrial_output" or not cue.end <= since < fig.start:
        return indicator
    if _INDUSTRY_RE.search(text, since, fig.start) or _sector_firms(text, since, fig.start):
        return "output_value"
    return indicator


# Words that name investment in general: the verb, or the bare noun.
_GENERIC_INVESTMENT: Final = frozenset(
    ["invested", "invest", "investing", "investment", "investments", "total investment"]
)
# A sentence that opens with its measure, its topic ("Fixed-asset investment saw rapid
# growth.", "The zone's foreign investment rose sharply."): at most an owner and two
# modifiers before it.
_OPENS_WITH_RE: Final = re.compile(
    r"\s*(?:(?:the|its|their)\s+)?(?:[\w-]+(?:\s+[\w-]+){0,3}['’]s?\s+)?(?:[a-z][\w-]*\s+){0,2}",
    re.IGNORECASE,
)
_FIGURE_RE: Final = re.compile(
    r"\d\s*(?:%|percent|per\s+cent|yuan|dollars?|billion|million|trillion)", re.IGNORECASE
)
_KINDS_OF_INVESTMENT: Final = frozenset(["fixed_asset_investment", "foreign_investment"])


def topical(
    cues: DocCues,
    indicator: str,
    cue: Cue | None,
    previous: tuple[int, int] | None,
    in_names: frozenset[int],
) -> str:
    """``indicator``, or the kind of investment the sentence before has for its topic when
    the figure's own words name investment only in general: "Fixed-asset investments saw
    rapid growth. About 282 billion yuan was invested ..." is fixed-asset investment. The
    topic sentence states no figure and opens with its measure."""
    if indicator != "investment" or previous is None:
        return indicator
    text = cues.text
    if cue is not None and text[cue.start : cue.end].lower() not in _GENERIC_INVESTMENT:
        return indicator
    if _FIGURE_RE.search(text, previous[0], previous[1]):
        return indicator
    for named in cues.within(INDICATOR, previous[0], previous[1]):
        if named.start in in_names or named.weak:
            continue
        opens = _OPENS_WITH_RE.match(text, previous[0], named.start)
        if opens is None or opens.end() != named.start:
            return indicator  # the measure is not what the sentence opens with
        kind = refined(text, named, previous)
        return kind if kind in _KINDS_OF_INVESTMENT else indicator
    return indicator


# A share word and the whole it names: "accounting for 26.8% of its total investment in".
_SHARE_OF_WHOLE_READ: Final = 80  # characters after a share word read for its whole


def part_of_kind(cues: DocCues, indicator: str, cue: Cue | None, clause: tuple[int, int]) -> str:
    """``indicator``, or the kind of investment of the whole that investment named only in
    general is a share of, later in its clause: "invested 62 billion yuan in urban
    works, making up 31.5% of all its fixed assets investment" is a part
    of fixed-asset investment, and so is its share."""
    if indicator != "investment" or cue is None:
        return indicator
    text = cues.text
    if text[cue.start : cue.end].lower() not in _GENERIC_INVESTMENT:
        return indicator
    share = cues.first("share", cue.end, clause[1])
    if share is None:
        return indicator
    for whole in cues.within(
        INDICATOR, share.end, min(clause[1], share.end + _SHARE_OF_WHOLE_READ)
    ):
        # "of its total investment in the fixed assets": the whole's last words say its kind
        if not whole.weak and (kind := refined(text, whole, clause)) in _KINDS_OF_INVESTMENT:
            return kind
    return indicator


# A money verb right before its figure, at most an approximator between ("sought to raise
# US$30 billion"), and a second verb phrase joined by "and" ("... and develop the region
# into a trade hub"): the measure named in that phrase is of the second verb's object.
_GOVERNED_RE: Final = re.compile(
    r"\s+(?:(?:about|nearly|almost|over|some|up\s+to|more\s+than|a\s+total\s+of)\s+)?",
    re.IGNORECASE,
)
_AND_VERB_RE: Final = re.compile(
    r"\band\s+(?:then\s+)?[a-z]+\s+(?:the|a|an|its|their)\b", re.IGNORECASE
)


def governed_apart(text: str, worded: Cue | None, fig_start: int, tail: int, cue: Cue) -> bool:
    """Whether the money verb ``worded`` governs the figure starting at ``fig_start`` and
    ``cue``, the first measure after the figure (from ``tail``), stands in another verb
    phrase joined by "and": then the verb, not that measure, says what the money is."""
    return (
        worded is not None
        and _GOVERNED_RE.fullmatch(text, worded.end, fig_start) is not None
        and _AND_VERB_RE.search(text, tail, cue.start) is not None
    )
