"""What "it" and a definite description ("the park", "the harbor", "the bonded harbor area")
stand for when a figure's clause names no owner: the place the sentence before speaks of.

A description stands for the nearest name, in its own sentence or the one before, that holds
every word of it ("the bonded harbor area": "Tianjin Dongjiang Bonded Harbor Area"); "It" or
"Its" opening a sentence stands for what the sentence before opens with (its topic): a name,
a description, or "it" again. Nothing found: None, and the caller keeps the article's main
zone, which is what "the zone" most often stands for.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Final

from extractor.claims.names import Named

# Heads a description of a place ends with ("the park", "this zone"); "the city" and "the
# province" have their own rules (the article's city and province), "the FTZ" its own (the
# free trade zone named last).
_DESCRIPTION_RE: Final = re.compile(
    r"\b(?:[Tt]he|[Tt]his)\s+(?P<words>(?:[a-z][\w-]*\s+){0,3}(?:park|zone|area|harbou?r|port|base))"
    r"(?![\w-])(?!\s+(?:of\s+)?[A-Z])"
)
# "The project" (a plant, a facility): what a company the text named builds.
_PROJECT_RE: Final = re.compile(
    r"\b[Tt]he\s+(?:[a-z][\w-]*\s+){0,2}?(?:project|plant|facility|factory)(?![\w-])(?!\s+of\b)"
)
_THE_BEFORE_RE: Final = re.compile(r"\b[Tt]he\s+$")
_PROJECT_AFTER_RE: Final = re.compile(
    r"(?:\s*\([^()]{0,60}\))?\s+(?:[a-z][\w-]*\s+){0,2}?(?:project|plant|facility|factory)\b"
)
# "It" or "Its" opening a sentence, after at most a lead-in ending with a comma.
_IT_RE: Final = re.compile(r"\s*(?:[A-Z][^,;]{0,60},\s*)?(?P<it>It|Its)\b")
# What a sentence opens with, after at most a lead-in ("In 2020, ", "Located in X, ") or
# "This is" ("This is the bonded harbor area, which covers ...").
_OPENING_RE: Final = re.compile(
    r"\s*(?:(?:This|That|It)\s+(?:is|was)\s+|[A-Z][^,;]{0,60},\s*)?(?:[Tt]he\s+)?"
)
_BARE_OPENING_RE: Final = re.compile(r"\s*(?:[Tt]he\s+)?")
# What follows a name that is the sentence's doer: a possessive, an aside, or a verb.
_ACTS_RE: Final = re.compile(
    r"['’]s\b|\s*[,(]|\s+(?:with|also|has|have|had|is|was|were|are|will|saw|made|set|hit"
    r"|won|grew|rose|became|remains?|[a-z]+ed)\b"
)
_POSSESSIVE_RE: Final = re.compile(r"['’]s\b")
# Names a description can stand for ("the park" is no company).
_PLACE_LIKE: Final = frozenset({"zone", "park", "region", "city", "province", "other"})
# Names a sentence can open with as what it speaks of ("Samsung ... . It invested ...").
_OPENERS: Final = _PLACE_LIKE | {"company"}
# A name in quotes is a title or an honour ("awarded the “... Pilot Park”"), not a place.
# Heads too generic to point at a region ("the area" after "the Greater Bay Area").
_GENERIC_HEADS: Final = frozenset({"area", "zone"})
_QUOTES: Final = ("“", '"')
_ABBREVIATION_RE: Final = re.compile(r"\b(?:Co|Ltd|Inc|Corp|No|Mr|Mrs|Ms|Dr|St|[A-Z])$")
_SENTENCE_ENDS: Final = (". ", ".\n", "? ", "! ", "\n")
_REACH: Final = 600  # characters a sentence start is looked for before a position
_DEPTH: Final = 3  # sentences "it" is followed back through


def _end_before(text: str, end: str, lo: int, at: int) -> int:
    """Where the last ``end`` in ``[lo, at)`` that closes a sentence starts (-1: none): not
    the full stop of an abbreviation ("Co., Ltd. opened")."""
    i = text.rfind(end, lo, at)
    while i >= 0 and end.startswith(".") and _ABBREVIATION_RE.search(text, max(lo, i - 6), i):
        i = text.rfind(end, lo, i)
    return i


def sentence_start(text: str, at: int) -> int:
    """Where the sentence holding offset ``at`` starts (looked for within ``_REACH``)."""
    lo = max(0, at - _REACH)
    ends = [_end_before(text, end, lo, at) for end in _SENTENCE_ENDS]
    found = [i + len(end) for i, end in zip(ends, _SENTENCE_ENDS, strict=True) if i >= 0]
    return max(found) if found else lo


def _text_end_before(text: str, at: int) -> int:
    """``at`` moved back over the blanks before it (within ``_REACH``)."""
    lo = max(0, at - _REACH)
    while at > lo and text[at - 1].isspace():
        at -= 1
    return at


def previous_sentence_start(text: str, at: int) -> int:
    """Where the sentence before the one holding offset ``at`` starts."""
    return sentence_start(text, _text_end_before(text, sentence_start(text, at)))


class Topics:
    """Resolves "it" and descriptions over an article's entities (sorted by start) that lie
    outside ``skipped`` (photo captions, datelines: no antecedents)."""

    def __init__(self, text: str, entities: list[Named], skipped: Callable[[Named], bool]):
        self.text = text
        self.entities = [e for e in entities if not skipped(e) and not self._alone(e)]
        self._starts = [e.start for e in self.entities]

    def _alone(self, e: Named) -> bool:
        """Whether a name fills its line: a heading or a photo's caption, not a sentence."""
        before = self.text[max(0, e.start - 2) : e.start]
        after = self.text[e.end : e.end + 2]
        return (not before.strip(" ") or before.endswith("\n")) and (
            not after.strip(" ") or after.startswith("\n")
        )

    def last_before(self, lo: int, hi: int) -> Named | None:
        """What the last "it" or description in ``[lo, hi)`` stands for, when that is the
        clause's only pointer to an owner (None: nothing, or nothing it stands for)."""
        found = project = None
        for m in _DESCRIPTION_RE.finditer(self.text, lo, hi):
            found = m
        for m in _PROJECT_RE.finditer(self.text, lo, hi):
            project = m
        it = _IT_RE.match(self.text, lo, hi)
        last = max((m.start() for m in (found, project) if m is not None), default=-1)
        if it is not None and it.start("it") > last:
            return self._topic(sentence_start(self.text, it.start("it")), _DEPTH)
        if project is not None and project.start() == last:
            return self._builder(project.start())
        if found is not None:
            return self._described(found.group("words"), found.start())
        # "It includes warehouses ..., and involved an investment of ...": a clause with no
        # doer of its own shares the one its sentence opens with.
        opens = sentence_start(self.text, lo)
        return self._opening(opens, lo, _DEPTH) if opens < lo else None

    def sized_project(self, start: int, end: int) -> Named | None:
        """The company whose project a figure sizes ("the | 350-million-yuan | project will
        ...", after "a facility funded by Befesa"), as for "the project"."""
        if _THE_BEFORE_RE.search(self.text, max(0, start - 6), start) is None:
            return None
        if _PROJECT_AFTER_RE.match(self.text, end) is None:
            return None
        return self._builder(start)

    def _builder(self, at: int) -> Named | None:
        """The company "the project" (or plant, facility) before ``at`` is about: the one
        company named last in its sentence or the one before ("The ... deal for the
        Qinghe Glass Facade project was signed on Monday. The project will ...")."""
        lo = previous_sentence_start(self.text, at)
        i = bisect.bisect_left(self._starts, at)
        j = bisect.bisect_left(self._starts, lo)
        for e in reversed(self.entities[j:i]):
            if e.category == "company" and e.end <= at:
                return e
        return None

    def _described(self, words: str, at: int) -> Named | None:
        """The nearest place-like name before ``at``, in its sentence or the one before,
        that holds every word of the description."""
        wanted = words.lower().split()
        lo = previous_sentence_start(self.text, at)
        i = bisect.bisect_left(self._starts, at)
        j = bisect.bisect_left(self._starts, lo)
        for e in reversed(self.entities[j:i]):
            quoted = self.text[max(0, e.start - 1) : e.start] in _QUOTES
            if e.category not in _PLACE_LIKE or e.end > at or quoted:
                continue
            if e.category == "region" and wanted[-1] in _GENERIC_HEADS:
                continue  # "the Greater Bay Area. The area's GDP ...": the zone's, not the region's
            have = e.text.lower().split()
            if all(w in have for w in wanted):
                return e
        return None

    def _topic(self, after: int, depth: int) -> Named | None:
        """What the sentence before the one starting at offset ``after`` opens with."""
        before = _text_end_before(self.text, after)
        if before <= 0 or depth <= 0:
            return None
        return self._opening(sentence_start(self.text, before), before, depth)

    def _opening(self, lo: int, hi: int, depth: int) -> Named | None:
        """What the sentence starting at ``lo`` opens with (read up to ``hi``)."""
        if _IT_RE.match(self.text, lo, hi) is not None:
            return self._topic(lo, depth - 1)
        # A name opening the sentence, else one after a lead-in ("In 2020, Suzhou ...").
        start = _BARE_OPENING_RE.match(self.text, lo, hi).end()  # type: ignore[union-attr]
        i = bisect.bisect_left(self._starts, start)
        if i == len(self.entities) or self.entities[i].start != start:
            at = _OPENING_RE.match(self.text, lo, hi)
            start = at.end() if at is not None else lo
            i = bisect.bisect_left(self._starts, start)
        if i < len(self.entities) and self.entities[i].start == start:
            e = self.entities[i]
            # "Chongqing's Liangjiang New Area reported ...": the zone after the place's.
            if _POSSESSIVE_RE.match(self.text, e.end) and i + 1 < len(self.entities):
                nxt = self.entities[i + 1]
                if nxt.start - e.end <= 4 and nxt.category in ("zone", "park"):
                    e = nxt
            if e.category not in _OPENERS or _ACTS_RE.match(self.text, e.end) is None:
                return None  # "Hong Kong companies now account for ...": a modifier
            return e
        m = _DESCRIPTION_RE.match(self.text, max(lo, start - 4), hi)
        if m is not None:
            return self._described(m.group("words"), m.start())
        return None
