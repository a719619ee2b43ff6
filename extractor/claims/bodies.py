"""Governments and public bodies as the doers of their own figures: "The Chinese Government
hopes to invest US$5 billion in the zone", "In 1990, the UN's Development Programme sought to
raise US$30 billion". A body owns a figure only as the doer of the figure's clause: it opens
the clause (after a time lead-in, "the" and a possessive) and a verb follows it at once, and
no zone, park or company is named between it and the figure. Elsewhere a body is a speaker or
an approver ("the State Council approved the zone's plan") and owns nothing, so the claims'
other rules never see bodies (see names.named_entities).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import Final

from extractor.claims.names import Named
from extractor.claims.places import DOER_VERB_RE

BODY_CATEGORIES: Final = frozenset({"government", "institution"})
# What may stand between a clause's start and its doer: a time lead-in, "the", a possessive.
_LEAD_RE: Final = re.compile(
    r"\s*(?:(?:In|By|As\s+of|During|Since|Last|This|On)\b[^,;]{0,40},\s*)?"
    r"(?:[Tt]he\s+)?(?:[A-Z][\w.]*['’`]s\s+)?"
)
# A doer's verb of intent: "hopes to invest", "sought to raise".
_INTENT_RE: Final = re.compile(
    r"\s+(?:hopes?|hoped|seeks?|sought|wants?|wanted|plans?|planned|intends?|intended"
    r"|pledges?|pledged|promises?|promised|agreed|agrees|decided|decides|will|would)\b"
)
# A body that says or shows a figure is its source, not its owner.
_SAYS_RE: Final = re.compile(
    r"\s+(?:announced|announces|said|says|stated|states|reported|reports|noted|notes|revealed"
    r"|disclosed|added|told|showed|shows|estimated|estimates|predicted|forecast)\b"
)
_OWNER_CATEGORIES: Final = frozenset({"zone", "park", "company"})


def bodies(mentions: Iterable[tuple[int, int, str, str | None, str | None]]) -> list[Named]:
    """The public bodies among entity mentions ``(start, end, text, category, canonical)``."""
    return [
        Named(start, end, text, canonical or text, category or "other")
        for start, end, text, category, canonical in mentions
        if category in BODY_CATEGORIES
    ]


class Bodies:
    """The public bodies of one article, sorted, and which of them does a clause's act."""

    def __init__(self, text: str, found: list[Named]) -> None:
        self.text = text
        self.found = sorted(found, key=lambda e: e.start)
        self._starts = [e.start for e in self.found]

    def doer(self, lo: int, start: int, owners: list[Named]) -> str | None:
        """The body that opens the clause at ``lo`` as the doer of the figure at ``start``,
        when none of ``owners`` (the clause's zones, parks, companies) stands between."""
        lead = _LEAD_RE.match(self.text, lo)
        at = lead.end() if lead is not None else lo
        i = bisect.bisect_left(self._starts, at)
        if i == len(self.found) or self.found[i].start != at or self.found[i].end > start:
            return None
        body = self.found[i]
        acts = DOER_VERB_RE.match(self.text, body.end) or _INTENT_RE.match(self.text, body.end)
        if acts is None or _SAYS_RE.match(self.text, body.end):
            return None
        if any(
            body.end <= e.start and e.end <= start and e.category in _OWNER_CATEGORIES
            for e in owners
        ):
            return None
        return body.text
