"""Thresholds: a money figure that only defines a group ("companies with annual revenue of
20 million yuan or more", "the number of 100-million-yuan projects") measures nothing of
its own: other, level, actual, no year, no subject (CLAIMS.md)."""

from __future__ import annotations

import re
from typing import Final

from extractor.claims.cues import DocCues
from extractor.claims.slots import BEFORE, Figure, after_parens

_NUMBER_OF_RE: Final = re.compile(r"\bnumber\s+of\s+(?:the\s+)?(?:new\s+)?$", re.IGNORECASE)
_TOTAL_RE: Final = re.compile(r"\b(?:total|aggregate|combined|overall)\b", re.IGNORECASE)


def threshold_span(cues: DocCues, fig: Figure, clause: tuple[int, int]) -> tuple[int, int] | None:
    """The words that make a money figure a threshold ("companies with annual revenue of 20
    million yuan or more"), or None when it is not one."""
    if fig.kind != "money":
        return None
    text = cues.text
    tail = after_parens(text, fig.end)
    counted = _NUMBER_OF_RE.search(text, max(clause[0], fig.start - 20), fig.start)
    if counted is not None:  # "the number of 100-million-yuan projects": a class of them
        return (fig.start, tail)
    after = cues.first("threshold_after", tail, min(clause[1], tail + 25))
    if after is not None and not text[tail : after.start].strip():
        return (max(clause[0], fig.start - BEFORE), after.end)
    window = max(clause[0], fig.start - BEFORE)
    each = cues.last("threshold_before", window, fig.start)
    if each is not None:
        return (each.start, tail)
    group = cues.last("threshold_group", window, fig.start)
    # The comparison word may be the figure's own qualifier ("more than 100 million yuan");
    # "projects with a total investment of over 12 billion yuan" is their sum, no threshold.
    if (
        group is not None
        and cues.first("threshold_compare", group.end, fig.end)
        and not _TOTAL_RE.search(text, group.end, fig.start)
    ):
        return (group.start, tail)
    return None
