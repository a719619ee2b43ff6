"""A claim's status: whether its clause states a goal, plan or forecast for the figure
(target) or reports what is done (actual), from the cue words of ``cues.tsv``."""

from __future__ import annotations

import re
from typing import Final

from extractor.claims.cues import Cue, DocCues
from extractor.claims.slots import Figure, after_parens, sizes_a_thing

_PROJECTS_RE: Final = re.compile(r"\bprojects?\b", re.IGNORECASE)

_NEW_SUBJECT_RE: Final = re.compile(r",\s+(?:the|it|its|they|this)\s", re.IGNORECASE)


def is_target(cues: DocCues, fig: Figure, clause: tuple[int, int], indicator: str) -> bool:
    """Whether the clause states a goal, plan or forecast for the figure (and no deal that
    is done). Words after the figure count unless a new subject starts between ("with
    investment of 1 billion yuan, the base aims to ..."). The output value of projects is
    always a projection, even of signed ones."""
    text = cues.text
    if indicator == "output_value" and _PROJECTS_RE.search(text, clause[0], clause[1]):
        return True
    if cues.first("actual", clause[0], clause[1]) is not None:
        return False
    if any(_plans(text, c) for c in cues.within("target", clause[0], fig.start)):
        return True
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


# "The plant, with an investment of 2 billion yuan, plans to make ...": a figure in a
# "with" phrase set off by commas; the plan after it is the subject's, the figure is as is.
_WITH_BEFORE_RE: Final = re.compile(r",\s*with\s[^,]*$", re.IGNORECASE)
_WITH_READ: Final = 80


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
