"""Matching the gazetteer: every run of tokens that spells a listed name.

The gazetteer is matched token by token, as a ``PhraseMatcher`` on ORTH would (a test
checks they agree), from an index of the names' token texts by their first token.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress

from spacy.language import Language

from extractor.facts.entities.lexicon import DESIGNATORS, EntityValue, Gazetteer
from extractor.facts.entities.tokens import Tokens

PLACE_LABELS = frozenset({"GPE", "LOC"})


@dataclass
class Found:
    """An entity mention: tokens ``start:end`` of the doc and what they name."""

    start: int
    end: int
    value: EntityValue


# A name of letters and single spaces is tokenized by spaCy's English tokenizer at its
# spaces, unless a word is one of the tokenizer's special cases ("Cannot"); the others
# ("Co., Ltd.", "U.S.", "Chengdu-Chongqing") go through the tokenizer.
_PLAIN_NAME = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


def names_by_first_token(nlp: Language, names: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    """The token texts of every gazetteer name, indexed by their first token.

    Only names the tokenizer could split otherwise than at spaces are tokenized: building
    a Doc for each of the ~2,000 names was most of the component's build time.
    """
    special = (getattr(nlp.tokenizer, "rules", None) or {}).keys()
    index: dict[str, list[tuple[str, ...]]] = {}
    for name in sorted(names):
        words = name.split(" ")
        if _PLAIN_NAME.fullmatch(name) and special.isdisjoint(words):
            tokens = tuple(words)
        else:
            tokens = tuple(t.text for t in nlp.make_doc(name))
        if tokens:
            index.setdefault(tokens[0], []).append(tokens)
    return index


def gazetteer_positions(
    words: list[str], names_by_first: dict[str, list[tuple[str, ...]]]
) -> list[tuple[int, int]]:
    """``(start, end)`` of every run of tokens that spells a gazetteer name."""
    n = len(words)
    out: list[tuple[int, int]] = []
    # Few tokens start a name: find them with C-level iteration, not a Python loop.
    for i in compress(range(n), map(names_by_first.__contains__, words)):
        for tokens in names_by_first[words[i]]:
            e = i + len(tokens)
            if e <= n and (e == i + 1 or tuple(words[i:e]) == tokens):
                out.append((i, e))
    return out


class Knowledge:
    """What the rules know, built once per component: the gazetteer, its token index
    and the common English words."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.names_by_first = names_by_first_token(nlp, gazetteer.names)
        self.common = gazetteer.common_words

    def is_common(self, text: str) -> bool:
        return text.lower() in self.common

    def is_compound_common(self, text: str) -> bool:
        """A dictionary-less compound of two common words ("Chipmaker", "Drugmakers")."""
        low = text.lower()
        if not low.isalpha() or len(low) < 7:
            return False
        return any(
            low[:i] in self.common and low[i:] in self.common for i in range(3, len(low) - 2)
        )

    def is_place(self, text: str) -> bool:
        value = self.gazetteer.names.get(text)
        return value is not None and value.label in PLACE_LABELS

    def matches(self, v: Tokens) -> dict[int, Found]:
        """The gazetteer names of the doc, longest first, not overlapping, by start token."""
        spans = sorted(
            gazetteer_positions(v.words, self.names_by_first),
            key=lambda se: (se[0], -(se[1] - se[0])),
        )
        out: dict[int, Found] = {}
        last_end = -1
        for s, e in spans:
            if s < last_end:
                continue
            # A name must stand alone: "Tianjin" in "Tianjin-based" is fine, in "Co." not.
            if (
                e < v.n
                and v.words[e] in {"'", "\u2019"}
                and not v.space[e - 1]
                and not v.words[e - 1].endswith("s")  # "Philips' staff": a possessive
            ):
                continue
            value = self.gazetteer.names[v.text(s, e)]
            out[s] = Found(s, e, value)
            last_end = e
        return out


def gaz_tokens(
    gaz: dict[int, Found], start: int, end: int, *, places_only: bool = False
) -> set[int]:
    """Tokens of ``doc[start:end]`` inside gazetteer names (only places, if asked)."""
    tokens: set[int] = set()
    # Look up each position (runs are short) rather than scan every match of the doc.
    for s in range(start, end):
        f = gaz.get(s)
        if f is not None and f.end <= end and (not places_only or f.value.label in PLACE_LABELS):
            tokens.update(range(s, f.end))
    return tokens


def with_designator(v: Tokens, found: Found) -> Found:
    """ "Jiangsu" + "province" -> "Jiangsu province" (a GPE from the gazetteer)."""
    if found.value.label != "GPE" or found.value.category not in {"province", "city"}:
        return found
    for key, category in DESIGNATORS.items():
        e = found.end + len(key)
        if e <= v.n and tuple(v.words[found.end : e]) == key:
            if any(v.sent[found.end : e]):
                continue
            return Found(found.start, e, EntityValue("GPE", category, found.value.canonical))
    return found


def with_place_suffix(k: Knowledge, v: Tokens, found: Found) -> Found:
    """ "Sany" + "(Hainan)" -> "Sany (Hainan)": a company's local unit, named with the place
    in parentheses (the contract keeps it in the span)."""
    e = found.end
    if found.value.category != "company" or e + 2 >= v.n or v.words[e] != "(":
        return found
    close = e + 2
    while close < min(v.n, e + 4) and v.words[close] != ")":
        close += 1
    if close >= v.n or v.words[close] != ")" or not k.is_place(v.text(e + 1, close)):
        return found
    return Found(found.start, close + 1, found.value)


# A date after the agency: "(Xinhua 12/20/2000)" (the years component may split the token).
_DATE_LIKE = re.compile(r"\d{1,4}[/-]\d")


# First words of a bracketed photo credit: "(Photo provided by Suifenhe Free Trade Zone)".
_CREDIT_OPENERS = frozenset({"Photo", "Photos", "Image", "Images", "Provided", "Courtesy"})


def may_hold_photo_credit(v: Tokens) -> bool:
    """Whether the doc has a word that opens a photo credit (most docs have none, and then
    no mention needs :func:`in_photo_credit`)."""
    return not _CREDIT_OPENERS.isdisjoint(v.words)


def in_photo_credit(v: Tokens, found: Found) -> bool:
    """Whether ``found`` stands in a bracketed photo credit (page chrome, whatever it names)."""
    for i in range(found.start - 1, max(-1, found.start - 10), -1):
        if v.words[i] in {")", "]"}:
            return False
        if v.words[i] in {"(", "["}:
            return i + 1 < found.start and v.words[i + 1] in _CREDIT_OPENERS
    return False


def in_credit(k: Knowledge, v: Tokens, found: Found) -> bool:
    """Whether ``found`` stands in a source or photo credit, which is page chrome:
    "[Photo/Xinhua]", "Source: China Daily", "(Xinhua 12/20/2000)", "(Xinhua/Li Xin)",
    "By Li Lei (China Daily)". A dateline's "(Xinhua) --" is body."""
    words, s, e = v.words, found.start, found.end
    if words[e - 1] != "Daily" and v.text(s, e) not in k.gazetteer.media:
        return False
    before = words[max(0, s - 2) : s]
    after = words[e] if e < v.n else ""
    if before[-1:] == ["/"] and after == "/":
        return False  # a dateline: "HAIKOU, March 10. /TASS/.", "/PRNewswire/ --"
    if before[-1:] == ["/"] or after == "/" or _DATE_LIKE.match(after):
        return True
    if before == ["Source", ":"] or before[-1:] == ["Source:"]:
        return True
    if before[-1:] == ["("] and after == ")":
        later = words[e + 1] if e + 1 < v.n else ""
        return later not in {"--", "-", "\u2014", "\u2013", "\u2014\u2014"}
    # Inside square brackets: "[Photo by Yang Yu for China Daily]".
    for i in range(s - 1, max(-1, s - 12), -1):
        if words[i] == "]":
            return False
        if words[i] == "[":
            return True
    return False


def is_proper(k: Knowledge, v: Tokens, i: int, known: set[int]) -> bool:
    """Whether token ``i`` is a proper word: listed (in ``known``), all-caps or uncommon."""
    text = v.words[i]
    if i in known:
        return True
    if not any(c.isalpha() for c in text):
        return False
    if text.isupper() and len(text) >= 2:
        return True
    return not k.is_common(text.rstrip("."))


# How many paragraphs from the body's start may hold a by-line (a subtitle may come first).
_BYLINE_PARAGRAPHS = 3
_BYLINE_JOINERS = frozenset({"and", ",", "&"})


def byline_bodies(v: Tokens, found: list[Found]) -> set[int]:
    """The starts of government bodies that make up a whole paragraph near the body's start
    on their own ("CPC Working Committee and Management Committee of the Qwerty Zone"
    under the headline): the page's by-line, which is chrome."""
    bodies = {f.start: f for f in found if f.value.category == "government"}
    if not bodies:
        return set()
    words, last = v.words, max(bodies)
    out: set[int] = set()
    start, paragraph = 0, 0
    while start <= last and paragraph < _BYLINE_PARAGRAPHS:
        end = start
        while end < v.n and "\n" not in words[end]:
            end += 1
        i, starts = start, []
        while i < end and (i in bodies or words[i] in _BYLINE_JOINERS):
            if i in bodies:
                starts.append(i)
                i = bodies[i].end
            else:
                i += 1
        if starts and i == end:
            out.update(starts)
        start, paragraph = end + 1, paragraph + 1
    return out
