"""The slots of one claim that the words around its figure decide: indicator (and the
metric words), quantity, direction, status, and whether the figure is a threshold.

Each reads a fixed window of the figure's clause, so a claim costs the same whatever the
length of the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from extractor.claims.cues import (
    CHANGE_WORDS_FILE,
    INDICATOR,
    Cue,
    DocCues,
    alternation,
    word_groups,
)
from extractor.claims.measures import governed_apart, part_after_whole, refined

if TYPE_CHECKING:  # lists.py reads the figures defined here
    from extractor.claims.lists import Respective

BEFORE: Final = 45  # characters before a figure read for quantity and direction cues
AFTER: Final = 35
# The words of a change by kind (data/change-words.tsv): the patterns below take the kinds
# that fit where they look.
_CHANGE: Final = word_groups(CHANGE_WORDS_FILE)
_NOUNS: Final = alternation(_CHANGE["noun"])
_VERBS: Final = alternation(_CHANGE["verb"])
_ADVERBS: Final = alternation(_CHANGE["adverb"])
# "14.2 billion yuan ($1.95 billion) in total retail sales": a figure's own
# measure after it, behind "in" or "of" (and a change noun: "a 4.8 percent increase in GDP").
_OWN_MEASURE_RE: Final = re.compile(
    rf"\s*(?:\([^)]{{0,40}}\)\s*)?(?:(?:year-on-year\s+|annual\s+)?{_NOUNS}\s+)?"
    r"(?:in|of)\s+(?!which\b)",
    re.IGNORECASE,
)
_OWN_MEASURE_WORDS: Final = 60  # characters after "in"/"of" searched for the measure
_PARENS_RE: Final = re.compile(r"\s*\([^)]{0,40}\)")
# "representing a 6 percent increase", "15.7 percent more than in 2021", "10.74% up": the
# change word right after the figure decides.
_CHANGE_NOUN_AFTER_RE: Final = re.compile(
    rf"\s*(?:year-on-year\s+|annual\s+)?(?:{_NOUNS}|{alternation(_CHANGE['after'])}"
    rf"|{_ADVERBS}(?!\s+(?:from|to)\b))\b",
    re.IGNORECASE,
)
_SHARE_AFTER_RE: Final = re.compile(
    r"\s*of\s+(?!(?:year-on-year\s+|annual\s+)?(?:growth|increase|rise))\S", re.IGNORECASE
)
# A change noun right before a percentage: "representing an increase of 139.6 percent".
_CHANGE_OF_BEFORE_RE: Final = re.compile(
    rf"\b{_NOUNS}\s+(?:of|by)\s+"
    r"(?:about\s+|nearly\s+|over\s+|more\s+than\s+|almost\s+)?$",
    re.IGNORECASE,
)
# A money figure that is a change: "an increase of", "rose by", "rose 2 billion yuan" (a
# level takes "to": "rose to 2 billion yuan"), "2 billion yuan more than a year earlier".
_MONEY_CHANGE_RE: Final = re.compile(
    rf"\b{_NOUNS}\s+of\s*$|\b(?:{_VERBS}|{_ADVERBS})\s+by\s*$|\b{_VERBS}\s+$", re.IGNORECASE
)
_MONEY_MORE_AFTER_RE: Final = re.compile(
    r"\s*(?:\([^)]{0,40}\)\s*)?(?:more|less|higher|lower)\s+than\b", re.IGNORECASE
)
_CHANGED_BY_RE: Final = re.compile(
    rf"\b(?:{_ADVERBS}|{_VERBS})\s+(?:by\s+)?(?:about\s+|nearly\s+|over\s+|more\s+than\s+)?$",
    re.IGNORECASE,
)
_DIGIT_RE: Final = re.compile(r"\d")
_PASSIVE_RE: Final = re.compile(r"\s+by\b", re.IGNORECASE)
# "The two figures rose by 12 percent and 9 percent", "The average annual growth rate
# was 6.4 percent", "This was a rise of 21.3%": the measures of the
# sentence before.
_ANAPHOR_RE: Final = re.compile(
    r"\s*(?:(?:the|these|those|both)\s+(?:two\s+)?(?:figures?|numbers?)\b"
    r"|the\s+(?:average\s+)?(?:annual\s+)?growth\s+rate\s+(?:was|is|stood|reached)\b"
    r"|(?:this|that|it)\s+(?:was|is|marked|marks|represented|represents)\s+(?:an?\s+)?"
    r"(?:year-on-year\s+)?(?:increase|rise|growth|decrease|decline|drop|jump)\b)",
    re.IGNORECASE,
)
# A sentence naming no measure whose figure is what "it", "this" or "the figure" did ("In
# 2021, it rose to 60 billion yuan", "That was up 20 percent from a year earlier"): the
# measure of the sentence before.
_PRONOUN_MOVED_RE: Final = re.compile(
    r"\s*(?:[A-Z][^,;]{0,40},\s*)?(?:it|they|this|that|the\s+(?:figures?|numbers?|total|amount))\s+"
    r"(?:also\s+|then\s+|further\s+)?(?:was\s+|is\s+|has\s+)?(?:rose|risen|grew|grown"
    r"|increased|jumped|surged|climbed|soared|fell|fallen|dropped|declined|decreased|up|down"
    r"|reached|hit|stood|totaled|totalled|amounted|expanded|topped|exceeded)\b",
    re.IGNORECASE,
)
# What grows or reaches a size without a measure named: an industry, a sector, a cluster,
# companies ("The photovoltaic industry grew by 50 percent", "The biomedicine industry
# generated 20 billion yuan").
_GROWER_RE: Final = re.compile(
    r"\b(?:industr(?:y|ies)|sectors?|clusters?|compan(?:y|ies))\b[^.;]*?"
    r"\b(?:grew|grown|growth|increased|rose|risen|expanded|generated|realized|realised"
    r"|achieved|reached|hit|totaled|totalled|topped|exceeded)\b",
    re.IGNORECASE,
)
# A money figure that sizes something built, written before it ("a $10 billion chemical
# complex", "a multi-billion dollar free trade zone"): the investment in it.
_BUILT_AFTER_RE: Final = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){0,3}(?:projects?|plants?|factor(?:y|ies)|complex|facilit(?:y|ies)"
    r"|zone|park)\b",
)
# A money figure that sizes an industry ("a 100-billion-yuan industry", "an RMB
# 100-billion-level industrial park", "trillion-yuan-level clusters"): its output.
_SCALE_AFTER_RE: Final = re.compile(
    r"(?:-?\s*level)?\s+(?:[a-z][\w-]*\s+){0,2}(?:industr(?:y|ies)|industrial\s+(?:parks?|bases?)"
    r"|clusters?|sectors?)\b",
    re.IGNORECASE,
)
# ... and hyphenated modifiers between ("a Chinese-built $90 million industrial park").
_ARTICLE_BEFORE_RE: Final = re.compile(r"\b(?:a|an|the)\s+(?:\w+-[\w-]+\s+){0,2}$", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """A money figure or percentage: its kind, its span, and whether it is in points."""

    kind: str
    start: int
    end: int
    points: bool = False


def refers_back(text: str, sentence: tuple[int, int]) -> bool:
    """Whether the sentence speaks of the figures of the one before ("The figures were ...")."""
    return _ANAPHOR_RE.match(text, sentence[0]) is not None


def after_parens(text: str, end: int) -> int:
    """The offset after a parenthesis right after ``end`` ("100 billion yuan ($15.44 billion)")."""
    m = _PARENS_RE.match(text, end)
    return m.end() if m else end


def rate_of(cues: DocCues, fig: Figure, clause: tuple[int, int]) -> Cue | None:
    """The rate a percentage is, when it is one that measures no indicator: right after it
    ("an 84.4% start rate") or before it with no measure between ("a project operating
    rate of over 70 percent")."""
    if fig.kind == "money":
        return None
    after = cues.first("rate", fig.end, clause[1])
    if after is not None and not cues.text[fig.end : after.start].strip():
        return after
    before = cues.last("rate", clause[0], fig.start)
    if before is not None and not cues.within(INDICATOR, before.end, fig.start):
        return before
    return None


def indicator_of(
    cues: DocCues,
    fig: Figure,
    clause: tuple[int, int],
    segment: tuple[int, int],
    sentence: tuple[int, int],
    ignored: list[tuple[int, int]],
    in_names: frozenset[int],
    previous: tuple[int, int] | None = None,
    share: bool = False,
    respective: Respective | None = None,
    since: int = 0,
    counted: bool = False,
) -> tuple[str, Cue | None]:
    """The figure's indicator and the cue that named it ("other" and None without one).

    "The figures" of the ``previous`` sentence take its measure; a "respectively" list's figure,
    the measure of its rank among those named last before the list. ``counted``: a count of
    things ("812 firms") with no measure after it stands between the figure before and this."""
    text = cues.text

    def found(lo: int, hi: int) -> list[Cue]:
        return [
            c
            for c in cues.within(INDICATOR, lo, hi)
            if c.start not in in_names and not any(a <= c.start < b for a, b in ignored)
        ]

    if (rate := rate_of(cues, fig, clause)) is not None:
        return "other", rate
    if (paired := _respective_cue(text, found, segment, respective)) is not None:
        return refined(text, paired, segment), paired
    tail = after_parens(text, fig.end)
    if share and previous is not None and _ITS_SHARE_RE.match(text, sentence[0]):
        # "Its percentage of GDP rose to 37.2 percent": the part is what the sentence
        # before measured; GDP is the whole.
        told = [c for c in found(previous[0], previous[1]) if not c.weak]
        if told or not _THEY_SHARE_RE.match(text, sentence[0]):
            return (refined(text, told[-1], previous), told[-1]) if told else ("other", None)
    measured = _own_measure(cues, fig, clause, segment, found, share, since)
    if measured is not None:
        return measured
    sized = _what_it_sizes(text, fig)
    if sized is not None:
        return sized, None
    if fig.kind != "money" and _with_count_before(cues, fig, clause):
        return "other", None  # the count before it grew, not the measure named before that
    before = found(clause[0], fig.start)
    part = _part_of_whole(cues, fig, clause, before) if share else None
    if part is not None:
        return refined(text, part, segment), part
    worded = _money_word(cues, fig, clause)
    named_before = _told_before(text, fig, before, worded, segment, since, counted, respective)
    if named_before is not None:
        return named_before
    if fig.kind != "money" and counted and not _GROWER_RE.search(text, clause[0], fig.start):
        return "other", None  # "5,763 enterprises, an increase of 23.5%": the count grew
    following = found(tail, clause[1])
    if following and not governed_apart(text, worded, fig.start, tail, following[0]):
        return refined(text, following[0], segment), following[0]
    if worded is not None or sizes_a_thing(text, fig):  # "attracted 5 billion yuan"
        return (worded.group.removeprefix("money_") if worded else "investment"), None
    earlier = found(sentence[0], clause[0])
    if earlier:
        return refined(text, earlier[-1], segment), earlier[-1]
    if previous is not None and (
        _ANAPHOR_RE.match(text, sentence[0])
        or (_PRONOUN_MOVED_RE.match(text, sentence[0]) and not found(sentence[0], sentence[1]))
    ):
        told = found(previous[0], previous[1])
        if told:
            return refined(text, told[-1], previous), told[-1]
    if not share and _GROWER_RE.search(text, clause[0], fig.start):
        # "The photovoltaic industry grew by more than 50 percent": its scale, its output.
        return "output_value", None
    return "other", None


def _told_before(
    text: str,
    fig: Figure,
    before: list[Cue],
    worded: Cue | None,
    segment: tuple[int, int],
    since: int,
    counted: bool,
    respective: Respective | None,
) -> tuple[str, Cue | None] | None:
    """The measure named last before the figure in its clause (a strong one first), or
    None; ``worded``: the money word before it, ``counted``: a count stands between."""
    for named in ([c for c in before if not c.weak], before):
        if named and fig.kind != "money" and counted and _OF_AMOUNT_RE.match(text, named[-1].end):
            # "sales of 3.7 million vehicles, up 7.1 percent": the measure is an amount of
            # goods, not of money; that amount changed.
            return "other", None
        # A deal's verb beats a weak "other" before it ("the free trade zone is set to
        # inject 20 billion yuan").
        if named and (worded is None or not named[-1].weak or named[-1].key != "other"):
            cue = named[-1] if respective is not None else _first_coordinated(text, named)
            return part_after_whole(text, refined(text, cue, segment), cue, since, fig), cue
    return None


def _what_it_sizes(text: str, fig: Figure) -> str | None:
    """The indicator of a money figure written as the modifier of what it sizes: a thing
    built ("a multi-billion dollar free trade zone": what it costs) or an industry ("a
    100-billion-yuan industry": the size of its output)."""
    if fig.kind != "money":
        return None
    if _ARTICLE_BEFORE_RE.search(text, max(0, fig.start - 40), fig.start) and _BUILT_AFTER_RE.match(
        text, fig.end
    ):
        return "investment"
    if _SCALE_AFTER_RE.match(text, after_parens(text, fig.end)):
        return "output_value"
    return None


# Between the part and the whole of "the proportion of A in B", "the ratio of A to B".
_PART_WHOLE_RE: Final = re.compile(
    r"\s+(?:in|to)\s+(?:(?:the|its|their)\s+)?(?:(?:[\w-]+\s+){0,4}[\w-]+['’]s\s+)?"
)


def _part_of_whole(
    cues: DocCues, fig: Figure, clause: tuple[int, int], before: list[Cue]
) -> Cue | None:
    """The part of "the proportion of A in B" ("the ratio of R&D spending to GDP was 4
    percent" measures R&D spending), or None: the measure right after the last
    "proportion of" before the share, when a whole follows it behind "in" or "to"."""
    told = cues.last("part_of", clause[0], fig.start)
    if told is None:
        return None
    named = [c for c in before if c.start >= told.end and not c.weak]
    if len(named) >= 2 and _PART_WHOLE_RE.fullmatch(cues.text, named[0].end, named[1].start):
        return named[0]
    return None


# A count in a "with" phrase: "with 112 enterprises and projects coming in".
_WITH_COUNT_RE: Final = re.compile(
    r"\bwith\s+(?:(?:a\s+total\s+of|over|more\s+than|nearly|about)\s+)?\d[\d,.]*\s+"
    r"(?:[\w-]+\s+){0,4}$",
    re.IGNORECASE,
)
_WITH_COUNT_READ: Final = 60


def _with_count_before(cues: DocCues, fig: Figure, clause: tuple[int, int]) -> bool:
    """Whether a percentage follows a count of things in a "with" phrase, set off by a
    comma with no number or measure between ("with 112 projects coming in, up 55%")."""
    count = cues.last("counted", clause[0], fig.start)
    if count is None:
        return False
    between = cues.text[count.end : fig.start]
    return (
        "," in between
        and not _DIGIT_RE.search(between)
        and not cues.within(INDICATOR, count.end, fig.start)
        and _WITH_COUNT_RE.search(
            cues.text, max(clause[0], count.start - _WITH_COUNT_READ), count.start
        )
        is not None
    )


# A measure stated as an amount of things right after it: "sales of 3.7 million vehicles".
_OF_AMOUNT_RE: Final = re.compile(
    r"\s+of\s+(?:about\s+|nearly\s+|over\s+|more\s+than\s+|some\s+)?\d[\d,.]*\s*"
    r"(?:(?:thousand|million|billion)\s+)?(?!(?:yuan|rmb|dollars?|u\.?s\.?|usd|euros?|percent|thousand|million|billion|trillion)\b)[a-z]",
    re.IGNORECASE,
)


# The cue groups of words that name what a money figure is when no measure is named.
_MONEY_WORDS: Final = ("money_investment", "money_funding")


def _money_word(cues: DocCues, fig: Figure, clause: tuple[int, int]) -> Cue | None:
    """The last word of ``_MONEY_WORDS`` before a money figure in its clause, or None."""
    if fig.kind != "money":
        return None
    words = [cues.last(group, clause[0], fig.start) for group in _MONEY_WORDS]
    return max((w for w in words if w is not None), key=lambda w: w.start, default=None)


_OF_COUNTED_READ: Final = 40  # characters after "of" read for a counted noun


def _of_counted(cues: DocCues, lo: int, hi: int) -> bool:
    """Whether a counted noun ("projects", "land", "enterprises") is what the words after
    a share's "of" name, before any measure ("81 percent of the projects")."""
    counted = cues.first("counted", lo, min(hi, lo + _OF_COUNTED_READ))
    # "30 percent of the companies' revenue" is a share of revenue, not of companies.
    return counted is not None and cues.text[counted.end : counted.end + 1] not in ("'", "’")


def _own_measure(
    cues: DocCues,
    fig: Figure,
    clause: tuple[int, int],
    segment: tuple[int, int],
    found: Callable[[int, int], list[Cue]],
    share: bool,
    since: int,
) -> tuple[str, Cue | None] | None:
    """The measure named right after the figure, behind "in" or "of" ("26 billion yuan in
    industrial added value", "12 percent of GDP"), or None."""
    text = cues.text
    own = _OWN_MEASURE_RE.match(text, fig.end)
    strong = (
        [c for c in found(own.end(), min(clause[1], own.end() + _OWN_MEASURE_WORDS)) if not c.weak]
        if own is not None
        else []
    )
    whole = strong[0].start if strong else clause[1]
    if own is not None and share and _of_counted(cues, own.end(), whole):
        return "other", None  # "81 percent of the projects", "of the land area": of a count
    # A share is of what was named before it: "value added ... accounting for 36.7% of GDP"
    # is added value's share, not GDP's; unless that measure is the one of the figure
    # before, in a list of shares ("13.6 percent of GDP, 9.86 percent of local taxes").
    if own is not None and share:
        named = [c for c in found(clause[0], fig.start) if not c.weak]
        listed = (
            _OWN_MEASURE_RE.match(text, after_parens(text, since)) if since > clause[0] else None
        )
        if named and (listed is None or named[-1].start < listed.end()):
            own = None
    if own is not None and strong and not _NOT_OWN_GAP_RE.search(text, own.end(), strong[0].start):
        return refined(text, strong[0], segment), strong[0]
    source = _FROM_RE.match(text, after_parens(text, fig.end)) if fig.kind == "money" else None
    if source is not None:
        given = [c for c in found(source.end(), min(clause[1], source.end() + 40)) if not c.weak]
        if given and given[0].key == "funding":
            return "funding", given[0]  # "received 30 million yuan from a national fund"
    return None


# Words between "in" or "of" and a measure that make it no longer the figure's own: a comma
# or a number ("in 2020 and main business income"); not "and", which may join the measure's
# modifiers ("a rise in industrial and new-tech industrial investment").
_NOT_OWN_GAP_RE: Final = re.compile(r"[,\d]")
# Where money came from, right after it: "30 million yuan from a national fund".
_FROM_RE: Final = re.compile(r"\s+from\s+", re.IGNORECASE)


def _respective_cue(
    text: str,
    found: Callable[[int, int], list[Cue]],
    segment: tuple[int, int],
    respective: Respective | None,
) -> Cue | None:
    """The measure of a "respectively" list's figure: the one of its rank among those
    named last before the list, when there are enough of them. "Exports and imports"
    names two measures there ("exports and imports were 5 and 3 billion yuan
    respectively"), not trade."""
    if respective is None:
        return None
    if respective.after is not None:  # "... of A, B and C, respectively": in their order
        following = [c for c in found(respective.after, segment[1]) if not c.weak]
        if len(following) >= respective.size:
            return following[respective.position]
        if following:  # "30 and 20 percent of the city's GDP respectively": one whole
            return following[0]
    named = [c for c in found(segment[0], respective.start) if not c.weak]
    if len(named) < respective.size:
        named = [part for c in named for part in _both_ways(text, c)]
    if len(named) < respective.size:
        return None
    return named[len(named) - respective.size + respective.position]


# "exports and imports", "import and export": two measures a list can pair apart.
_BOTH_WAYS_RE: Final = re.compile(
    r"(?P<first>(?P<a>ex|im)ports?)\s+and\s+(?P<second>(?!(?P=a))(?:ex|im)ports?)\b",
    re.IGNORECASE,
)


def _both_ways(text: str, cue: Cue) -> list[Cue]:
    """``cue`` split into its exports and imports when it names both, else ``[cue]``."""
    m = _BOTH_WAYS_RE.fullmatch(text, cue.start, cue.end)
    if m is None:  # "import and export volume" is one measure, trade
        return [cue]
    return [
        Cue(INDICATOR, m.group(g).lower().rstrip("s") + "s", m.start(g), m.end(g))
        for g in ("first", "second")
    ]


# A sentence that opens with the share of what the sentence before spoke of ("Its share
# of GDP ...", "They accounted for 60 percent of the total").
_ITS_SHARE_RE: Final = re.compile(
    r"\s*(?:(?:its|their)\s+(?:percentage|share|proportion|ratio)\s+(?:of|in)\b|"
    r"(?:they|these|those)\s+(?:\w+\s+)?(?:took|take|accounted|account|made|make"
    r"|represented|represent|contributed|contribute)\b)",
    re.IGNORECASE,
)
# ... as "They accounted for ...": with no measure before, the figure's own words decide.
_THEY_SHARE_RE: Final = re.compile(r"\s*(?:they|these|those)\b", re.IGNORECASE)


# Two measures joined for one figure ("export volume and actual use of foreign
# investment both accounted for 70 percent"): only a few words between them.
_COORDINATED_RE: Final = re.compile(
    r"\s*,?\s*(?:and|or|as\s+well\s+as)\s+(?:[a-z][\w-]*\s+){0,3}", re.IGNORECASE
)


def _first_coordinated(text: str, named: list[Cue]) -> Cue:
    """The last of ``named``, or the first of the measures joined to it by "and": one
    figure that covers two measures takes the first one named (CLAIMS.md)."""
    k = len(named) - 1
    while k and _COORDINATED_RE.fullmatch(text, named[k - 1].end, named[k].start):
        k -= 1
    return named[k]


# Between a money figure and a percentage that is its change or share: "attracted 2
# billion US dollars (in 2022), an increase of 15 percent", "..., accounting for 20 percent".
_OF_FIGURE_BEFORE_RE: Final = re.compile(
    r"\s*(?:\([^)]{0,40}\)\s*)?(?:\s+(?:in|during|for|from|by)\s+[^,;]{0,40})?,\s*"
    r"(?:(?:an?|which\s+(?:was|is))\s+)?(?:year-on-year\s+"
    r"|annual\s+)?(?:(?:up|down|increase|increasing|rise|rising|growth|growing|decrease"
    r"|decreasing|decline|declining|drop|dropping|jump|surge)\s+(?:of\s+|by\s+)?|(?:accounting"
    r"|which\s+accounted|which\s+accounts)\s+for\s+|(?:making\s+up|representing)\s+)$",
    re.IGNORECASE,
)


def of_figure_before(text: str, before: Figure, fig: Figure) -> bool:
    """Whether percentage ``fig`` is the change or share of money figure ``before``, right
    before it: then it measures what that figure measures, when its own words name nothing."""
    return (
        before.kind == "money"
        and fig.kind != "money"
        and _OF_FIGURE_BEFORE_RE.fullmatch(text, after_parens(text, before.end), fig.start)
        is not None
    )


def shares_of(text: str, fig: Figure) -> bool:
    """Whether "of" and a whole follow the percentage ("60.9% of the total")."""
    return _SHARE_AFTER_RE.match(text, fig.end) is not None


def quantity_of(
    cues: DocCues, fig: Figure, clause: tuple[int, int], segment: tuple[int, int]
) -> tuple[str, str | None]:
    """``(quantity, direction)``: level, share, or change with its direction."""
    text = cues.text
    lo = max(clause[0], fig.start - BEFORE)
    hi = min(clause[1], fig.end + AFTER)
    if fig.kind == "money":
        if _MONEY_CHANGE_RE.search(text[lo : fig.start]) or _MONEY_MORE_AFTER_RE.match(
            text, fig.end
        ):
            return "change", _direction(cues, lo, hi)
        return "level", None
    if fig.points or _CHANGE_NOUN_AFTER_RE.match(text, fig.end):
        return "change", _direction(cues, lo, hi)
    if rate_of(cues, fig, clause) is not None:
        return "share", None
    shared = cues.last("share", lo, fig.start)
    if shared is not None and _PASSIVE_RE.match(text, shared.end):
        shared = None  # "tax revenue contributed by private firms grew 15 percent"
    if (
        shared is not None
        and _CHANGED_BY_RE.search(text, shared.end, fig.start)
        and (_DIGIT_RE.search(text, shared.end, fig.start) or "," in text[shared.end : fig.start])
        and not _SHARE_AFTER_RE.match(text, fig.end)
    ):
        # "high-tech manufacturing contributed 20 billion yuan, up 9 percent", "accounting
        # for nearly one-quarter, up 5 percent": a change verb right before the figure, after
        # another figure or a comma, beats the share word before both.
        return "change", _direction(cues, lo, hi)
    if shared is not None and _CHANGE_OF_BEFORE_RE.search(text, shared.end, fig.start):
        # "representing an increase of 139.6 percent": the share word names the change.
        return "change", _direction(cues, lo, hi)
    if shared is not None or _SHARE_AFTER_RE.match(text, fig.end):
        return "share", None
    if cues.first("share_clause", clause[0], fig.start) is not None:
        return "share", None
    if cues.first("change", lo, hi) is not None:
        return "change", _direction(cues, lo, hi)
    if text[max(lo, fig.start - 4) : fig.start].strip().lower() == "by":
        return "change", _direction(cues, lo, hi)
    if cues.first("change", segment[0], segment[1]) is not None:
        return "change", _direction(cues, segment[0], segment[1])
    return "level", None


def _direction(cues: DocCues, lo: int, hi: int) -> str:
    return "down" if cues.first("down", lo, hi) is not None else "up"


# "The 350-million-yuan project will recycle ...", "The US$48 million, 32,000-square-meter
# facility will ...": a figure that sizes the thing the clause is about; the plan after it
# is the thing's, the figure is as it stands.
_SIZED_THING_RE: Final = re.compile(
    r"(?:,\s*|\s+)(?:(?!(?:will|would|is|are|was|were|be|to|in|of|for|has|have|and|with|that"
    r"|which)\b)[\w.,-]+\s+){0,6}(?:projects?|plants?|factor(?:y|ies)|facilit(?:y|ies))\b",
    re.IGNORECASE,
)


def sizes_a_thing(text: str, fig: Figure) -> bool:
    """Whether a money figure sizes the thing its clause is about ("The 350-million-yuan
    project will ...")."""
    return (
        _ARTICLE_BEFORE_RE.search(text, max(0, fig.start - 5), fig.start) is not None
        and _SIZED_THING_RE.match(text, after_parens(text, fig.end)) is not None
    )


# Words that end a metric's modifiers on the left ("the new area's | biomedical industry
# output value").
_NOT_MODIFIER_WORDS: Final = (
    "a an the of in on at for to from by with and or its their his her this that "
    "these those which who whose was were is are be been has have had reached totaled "
    "hit saw sat achieved recorded registered posted up down rose grew increased fell "
    "while as"
)
_NOT_MODIFIERS: Final = frozenset(_NOT_MODIFIER_WORDS.split())
_WORD_BEFORE_RE: Final = re.compile(r"(?<![\w'’])([a-z][a-z-]*)\s+$")
_MODIFIERS: Final = 3


def metric_span(text: str, cue: Cue, lo: int) -> tuple[int, int]:
    """The cue with up to three lower-case modifiers before it, not before ``lo``:
    "biomedical industry output value"."""
    start = cue.start
    for _ in range(_MODIFIERS):
        m = _WORD_BEFORE_RE.search(text, max(lo, start - 30), start)
        if m is None or m.group(1) in _NOT_MODIFIERS:
            break
        start = m.start(1)
    return start, cue.end
