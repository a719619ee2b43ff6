"""A claim's status: whether its clause states a goal, plan or forecast for the figure
(target) or reports what is done (actual), from the cue words of ``cues.tsv``."""

from __future__ import annotations

import re
from typing import Final

from extractor.claims.cues import PAST_TENSE_FILE, Cue, DocCues, alternation, word_groups
from extractor.claims.slots import Figure, after_parens, sizes_a_thing

_PROJECTS_RE: Final = re.compile(r"\bprojects?\b", re.IGNORECASE)

# A clause that opens with an indefinite measure ("a|an ... of"), no subject and verb of its
# own ("..., and an output value of 2 billion yuan within six years"): more objects of the
# clause before; or with the investment or value of what the clause before named ("25
# projects are under negotiation, and the total investment is ..."): its plan is theirs.
_OBJECT_OPENING_RE: Final = re.compile(
    r"\s*(?:(?:a|an)\s+(?:[a-z][\w-]*\s+){0,4}?of\s|the\s+(?:total\s+|combined\s+|planned\s+)?"
    r"(?:investment|value)\s+(?:is|was|are|were|will|reaches|reached|totals|totaled)\b)",
    re.IGNORECASE,
)
# Money done with, right after the figure: "618 million yuan having been spent".
_SPENT_AFTER_RE: Final = re.compile(
    r"\s*(?:having|has|have|had)\s+(?:already\s+)?been\s+(?:spent|invested|used|put\s+in)\b",
    re.IGNORECASE,
)
_NEW_SUBJECT_RE: Final = re.compile(r",\s+(?:the|it|its|they|this)\s", re.IGNORECASE)


def is_target(
    cues: DocCues,
    fig: Figure,
    clause: tuple[int, int],
    indicator: str,
    since: int = 0,
    opened: int | None = None,
) -> bool:
    """Whether the clause states a goal, plan or forecast for the figure (and no deal that
    is done). Words after the figure count unless a new subject starts between ("with
    investment of 1 billion yuan, the base aims to ...") or the figure stands in an aside
    set off by commas. The output value of projects is always a projection, even of signed
    ones. ``since``: the end of the figure before it (0: none); ``opened``: where the
    clause's segment starts (a clause that opens with "a" or "an" goes on with the objects
    of the clause before: "is expected to achieve X, and an output value of Y")."""
    text = cues.text
    if indicator == "output_value" and _PROJECTS_RE.search(text, clause[0], clause[1]):
        return True
    if cues.first("actual", clause[0], clause[1]) is not None:
        return False
    if _SPENT_AFTER_RE.match(text, after_parens(text, fig.end)):
        return False  # "with 450 million yuan already having been spent on phase one"
    lo = clause[0]
    if opened is not None and opened < lo and _OBJECT_OPENING_RE.match(text, lo):
        lo = opened
    planned = [c for c in cues.within("target", lo, fig.start) if _plans(text, c)]
    if planned:
        return not _past_base(text, planned[-1].end, fig, since)
    after = [c for c in cues.within("target", fig.end, clause[1]) if _plans(text, c)]
    return (
        bool(after)
        and not sizes_a_thing(text, fig)
        and _NEW_SUBJECT_RE.search(text, fig.end, after[0].start) is None
        and not (
            _WITH_BEFORE_RE.search(text, max(clause[0], fig.start - _WITH_READ), fig.start)
            and "," in text[after_parens(text, fig.end) : after[0].start]
        )
    )


# "The plant, with an investment of 2 billion yuan, plans to make ...", "The zone, which
# drew 4 billion yuan last year, plans to ...", "The firm, capitalized with 5 million yuan,
# will ...": a figure in a "with" phrase, a relative clause or a participle's phrase set
# off by commas; the plan after it is the subject's, the figure is as is.
_WITH_BEFORE_RE: Final = re.compile(r",\s*(?:with|which|who|[a-z]+ed)\s[^,]*$", re.IGNORECASE)
_WITH_READ: Final = 80
# The words before a figure that make it the base a plan is measured against, what was
# done before: "plans to attract 5 billion yuan this year, after drawing 4 billion yuan
# last year", "is expected to reach 9 percent, up from 7 percent in 2022".
_PAST_BASE_RE: Final = re.compile(
    r"\b(?:(?:after|following)\s+(?:(?:an?\s+)$|(?:ris|grow|increas|jump|surg|climb|soar|expand"
    r"|fall|dropp|declin|shrink|post|record|register|attract|draw|achiev|hitt|total|realiz)ing\b)"
    r"|compared\s+(?:with|to)\b|(?:up|down|rising|increasing|growing|falling)\s+from\b"
    r"|versus\b)",
    re.IGNORECASE,
)


def _past_base(text: str, planned: int, fig: Figure, since: int) -> bool:
    """Whether a figure after another one that a plan governs (the plan word ends at
    ``planned``, the figure before ends at ``since``) is the base of that plan: what was
    done before, stated after the planned figure."""
    return since > planned and _PAST_BASE_RE.search(text, since, fig.start) is not None


# "accounting for 53 percent of the district's annual target": a target that is the whole
# of a share measures how much is done, which is actual.
_OF_THE_WHOLE_RE: Final = re.compile(
    r"\bof\s+(?:(?:the|its|their|[\w-]+['’]s)\s+){0,2}(?:annual\s+|yearly\s+|full-year\s+)?$",
    re.IGNORECASE,
)


# "a planned area of 3.55 square kilometers" is the zone's size, no plan for a figure.
_PLANNED_SIZE_RE: Final = re.compile(r"\s+(?:area|land|space|scope)\b", re.IGNORECASE)


def _plans(text: str, cue: Cue) -> bool:
    """Whether a target word plans the figure: not the base of a share ("53 percent of the
    annual target") nor the size of a planned area."""
    return not _base_of_share(text, cue) and _PLANNED_SIZE_RE.match(text, cue.end) is None


def _base_of_share(text: str, cue: Cue) -> bool:
    return _OF_THE_WHOLE_RE.search(text, max(0, cue.start - 40), cue.start) is not None


# A verb that reports what is done, in the past tense (data/past-tense.tsv).
_DONE_RE: Final = re.compile(
    rf"\b{alternation(word_groups(PAST_TENSE_FILE)['figure'])}\b", re.IGNORECASE
)


def reported_done(
    text: str, clause: tuple[int, int], fig: Figure, year: int | None, published: int | None
) -> bool:
    """Whether a clause with no plan word reports its figure as done, in the past tense,
    for a year not after the article's ("the figure soared to 70.9 billion yuan by 1998"
    in an undated article): then "by" that year looks back, no target."""
    if year is not None and published is not None and year > published:
        return False
    return _DONE_RE.search(text, clause[0], fig.start) is not None
