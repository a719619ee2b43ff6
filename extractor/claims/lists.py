"""Lists of figures that pair by rank with the measures named before them: "the growth
rates of output value, investment and tax revenue were 26%, 36.4% and 38.9% respectively",
or "GDP, fiscal revenue and exports reached 50, 5 and 10 billion yuan"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from extractor.claims.cues import INDICATOR, DocCues
from extractor.claims.slots import Figure, after_parens

# Between two figures of one list ("26%, 36.4%, 21.5% and 38.9%"; a conversion in
# parentheses after the first is skipped); and the "respectively" that pairs the list
# with the measures named before it, close after the list, or just before it.
_LIST_GAP_RE: Final = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)", re.IGNORECASE)
_RESPECTIVELY_AFTER_RE: Final = re.compile(r"[^.;]{0,80}?\brespectively\b", re.IGNORECASE)
_RESPECTIVELY_BEFORE_RE: Final = re.compile(r"\brespectively\b[^.;,]{0,30}$", re.IGNORECASE)


@dataclass(frozen=True)
class Respective:
    """A figure's place in a list that "respectively" pairs with the measures named
    before it: the ``position``-th of ``size`` figures, the list starting at ``start``."""

    position: int
    size: int
    start: int
    # Where the measures the list pairs with start when they follow it ("accounted for 50,
    # 75 and 70 percent of A, B and C, respectively"), else None: they come before it.
    after: int | None = None


def respective_lists(cues: DocCues, figures: list[Figure]) -> list[Respective | None]:
    """For each figure, its place in a "respectively" list of figures of its kind ("the
    growth rates of output value, investment and tax revenue were 26%, 36.4% and 38.9%
    respectively"), or None. No measure may stand between the list and "respectively":
    "X and Y, up 5% and 6% respectively" pairs both lists with the measures before them."""
    text = cues.text
    out: list[Respective | None] = [None] * len(figures)
    i = 0
    last: tuple[int, int] | None = None  # the last paired list: its size, where it ends
    while i < len(figures):
        j = i
        while j + 1 < len(figures) and figures[j + 1].kind == figures[i].kind:
            gap = _LIST_GAP_RE.match(text, after_parens(text, figures[j].end))
            if gap is None or gap.end() != figures[j + 1].start:
                break
            j += 1
        if j > i:
            end = after_parens(text, figures[j].end)
            after = _RESPECTIVELY_AFTER_RE.match(text, end)
            paired = (
                (after is not None and not cues.within(INDICATOR, end, after.end()))
                or _RESPECTIVELY_BEFORE_RE.search(
                    text, max(0, figures[i].start - 40), figures[i].start
                )
                is not None
                or _listed_measures(cues, figures[i].start, j - i + 1)
                or _follows_list(cues, last, figures[i].start, j - i + 1)
            )
            after_list = None if paired else _measures_after(cues, end, j - i + 1)
            if paired or after_list is not None:
                for k in range(i, j + 1):
                    out[k] = Respective(k - i, j - i + 1, figures[i].start, after_list)
                last = (j - i + 1, after_parens(text, figures[j].end))
        i = j + 1
    return out


# Between a paired list of values and a list of their changes: a comma and a few words
# with no figure, measure or clause end ("were 90 and 120 billion yuan, growing 7 and 9 percent"),
# after at most a period of the values ("in 2022") and a "respectively".
_NEXT_LIST_GAP_RE: Final = re.compile(
    r"(?:\s+(?:in|during|for)\s+[^.;,]{1,30})?\s*(?:,?\s*respectively\b)?\s*,\s*[^.;,\d]{0,40}$",
    re.IGNORECASE,
)


def _follows_list(cues: DocCues, last: tuple[int, int] | None, start: int, size: int) -> bool:
    """Whether a list of ``size`` figures starting at ``start`` follows, a few words after
    it, a paired list of as many figures: "GDP and industrial output were 90 billion yuan
    and 120 billion yuan, growing 7 percent and 9 percent" pairs the changes by rank too."""
    if last is None or last[0] != size:
        return False
    return _NEXT_LIST_GAP_RE.fullmatch(cues.text, last[1], start) is not None and not cues.within(
        INDICATOR, last[1], start
    )


_MEASURES_READ: Final = 40  # characters between a list of measures and its list of figures
_VERB_GAP_RE: Final = re.compile(r"[^.;,\d]*$")


def _listed_measures(cues: DocCues, start: int, size: int) -> bool:
    """Whether ``size`` measures joined by "," and "and" stand right before a list of as
    many figures starting at ``start``, only a verb between ("GDP, fiscal revenue and
    exports reached 50, 5 and 10 billion yuan"): they pair by rank, as with "respectively"."""
    text = cues.text
    named = [c for c in cues.within(INDICATOR, max(0, start - 200), start) if not c.weak]
    if len(named) < size or start - named[-1].end > _MEASURES_READ:
        return False
    if not _VERB_GAP_RE.fullmatch(text, named[-1].end, start):
        return False
    listed = named[-size:]
    return all(
        _LIST_GAP_RE.fullmatch(text, a.end, b.start)
        for a, b in zip(listed, listed[1:], strict=False)
    ) and (
        len(named) == size
        or _LIST_GAP_RE.fullmatch(text, named[-size - 1].end, listed[0].start) is None
    )


_OF_RE: Final = re.compile(r"\s*of\s", re.IGNORECASE)
_RESPECTIVELY_RE: Final = re.compile(r"\brespectively\b", re.IGNORECASE)
_AFTER_READ: Final = 200  # characters after a list read for its measures and "respectively"


def _measures_after(cues: DocCues, end: int, size: int) -> int | None:
    """Where the measures of a list of ``size`` figures ending at ``end`` start when they
    follow it behind "of", before a "respectively" in the same sentence ("accounted for 50
    percent, 75 percent and 70 percent of the city's industrial output, foreign trade and
    foreign capital, respectively"; "30 and 20 percent of GDP respectively"), else None."""
    text = cues.text
    of = _OF_RE.match(text, end)
    if of is None:
        return None
    closing = _RESPECTIVELY_RE.search(text, of.end(), min(len(text), end + _AFTER_READ))
    if closing is None or any(mark in text[end : closing.start()] for mark in ".;"):
        return None
    named = [c for c in cues.within(INDICATOR, of.end(), closing.start()) if not c.weak]
    return of.end() if named else None
