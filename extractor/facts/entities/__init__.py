"""Entity mentions: development zones, organizations, facilities and places.

Rules on the blank pipeline, no statistical model:

1. A gazetteer shipped in ``extractor/facts/data`` (provinces, cities, countries, regions,
   zones, parks, bodies, companies, aliases) is matched with one ``PhraseMatcher`` built
   when the component is created.
2. Runs of capitalized tokens, joined by "of", "and", "for", "&", hyphens ("Chengdu-Chongqing",
   "Hi-tech") and "People's", are names when their head is a known suffix
   ("... Development Area", "... Co., Ltd.", "... Commission") or a known head followed by
   "of" ("Ministry of Commerce"), provided the words before the suffix hold a proper name
   (a word that is not a common English word, or a known place), so "the New Area" is not one.
3. Runs with no head give the gazetteer names inside them, except those that are part of an
   unknown longer name ("China" in "China-Africa Economic and Trade Expo") or of a person's
   name ("Changchun" in "Liu Changchun").
4. Acronyms and aliases: ``Long Name (LN)`` and ``Long Name, known as Alias`` define a short
   form, and a zone's own word (``Gui'an`` of "Gui'an New Area") is its short form; every use
   of it in the document gets ``canonical`` = the long name. Known acronyms the document does
   not define take the gazetteer's full name.

The leading "the" and a possessive "'s" are never part of a span. Everything runs on
``doc`` (the record's clean text), so page chrome cannot become an entity.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import compress

import numpy
from spacy.attrs import IDX, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.facts.base import (
    CharRanges,
    doc_text,
    ensure_extension,
    fact_spans,
    group_name,
    overlaps,
    set_fact_spans,
)
from extractor.facts.entities.lexicon import (
    ALIASES_FILE,
    BODY_CATEGORIES,
    COMPANY,
    CONNECTORS,
    DATA_DIR,
    DEMONYMS,
    DESIGNATORS,
    GAZETTEER_FILES,
    HEAD_FIRST,
    HYPHENS,
    KNOWN_AS,
    LEADING_NON_NAMES,
    NOT_NAME_CONTINUATIONS,
    OPEN_QUOTES,
    PARK,
    ROLE_NOUNS,
    SURNAMES,
    TAIL_HEADS,
    TAIL_LENGTHS,
    TITLES,
    WORDS_FILE,
    ZONE,
    EntityValue,
    Gazetteer,
    is_capword_text,
    load_gazetteer,
)

__all__ = [
    "ALIASES_FILE",
    "DATA_DIR",
    "GAZETTEER_FILES",
    "KIND",
    "WORDS_FILE",
    "EntitiesRecognizer",
    "EntityValue",
    "Gazetteer",
    "load_gazetteer",
    "make_entities",
    "merge_model_entities",
]

KIND = "entities"

# What may separate the items of a list of names.
_LIST_GAPS = frozenset({(",",), ("and",), (",", "and"), ("or",), (",", "or"), ("&",)})
_MAX_LIST_GAP = max(map(len, _LIST_GAPS))
# Lower-case designators that make an unknown proper word a district ("Jiangning district").
_DISTRICT_WORDS = frozenset({"district", "county"})

# --- the component ------------------------------------------------------------------------


@dataclass
class _Found:
    start: int  # token index
    end: int
    value: EntityValue


# A name of letters and single spaces is tokenized by spaCy's English tokenizer at its
# spaces, unless a word is one of the tokenizer's special cases ("Cannot"); the others
# ("Co., Ltd.", "U.S.", "Chengdu-Chongqing") go through the tokenizer.
_PLAIN_NAME = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


def _names_by_first_token(nlp: Language, names: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    """The token texts of every gazetteer name, indexed by their first token.

    The gazetteer is matched token by token, as a ``PhraseMatcher`` on ORTH would, but
    without building a Doc for each of the ~2,000 names (most of the component's build
    time): only names the tokenizer could split otherwise than at spaces are tokenized.
    """
    special = getattr(nlp.tokenizer, "rules", None) or {}
    index: dict[str, list[tuple[str, ...]]] = {}
    for name in sorted(names):
        if _PLAIN_NAME.fullmatch(name) and not any(w in special for w in name.split(" ")):
            tokens = tuple(name.split(" "))
        else:
            tokens = tuple(t.text for t in nlp.make_doc(name))
        if tokens:
            index.setdefault(tokens[0], []).append(tokens)
    return index


def _gazetteer_positions(
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


_PLAIN, _CAPWORD, _TITLE = 0, 1, 2


class _WordKinds(dict[str, int]):
    """What each word seen so far is: ``_CAPWORD`` (``is_capword_text``), ``_TITLE``
    (a title: "Mr.", "President"; never a capword) or ``_PLAIN``.

    Looked up for every token of every doc through ``map(self.__getitem__, words)``,
    which runs in C for the words already seen (a third of the cost of calling a cached
    function per token). Emptied when full, so memory stays bounded over a long batch.
    """

    MAX_WORDS = 1 << 16

    def __missing__(self, word: str) -> int:
        if len(self) >= self.MAX_WORDS:
            self.clear()
        if word.islower():
            # No upper-case letter: neither a name word nor a title (most new words).
            kind = _PLAIN
        else:
            kind = _CAPWORD if is_capword_text(word) else _TITLE if word in TITLES else _PLAIN
        self[word] = kind
        return kind


_WORD_KINDS = _WordKinds()


class _Tokens:
    """A doc's token texts and flags as plain lists.

    The rules look at each token several times, and every ``doc[i]`` builds a new
    Token object; list lookups are several times cheaper (about a third of the
    component's time on news).
    """

    __slots__ = ("cap", "doc", "marks", "n", "sent", "space", "words")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.n = len(doc)
        if not self.n:
            self.words: list[str] = []
            self.space: list[bool] = []
            self.sent: list[bool] = []
            self.cap: list[bool] = []
            self.marks: list[int] = []
            return
        # Token texts cut from the text by offsets (a doc's text is its tokens' texts, each
        # followed by its whitespace, " " or ""): half the time of reading token.text.
        text = doc_text(doc)
        columns = doc.to_array([IDX, SPACY, SENT_START]).astype(numpy.int64)
        starts, spaces, sent_starts = columns.T
        ends = numpy.append(starts[1:], len(text)) - spaces
        self.words = [text[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
        self.space = (spaces == 1).tolist()
        # Token.is_sent_start is true where SENT_START is 1.
        self.sent = (sent_starts == 1).tolist()
        kinds = list(map(_WORD_KINDS.__getitem__, self.words))
        self.cap = list(map(_CAPWORD.__eq__, kinds))
        # The tokens a run of names can start at (capitalized words and titles), in
        # order: the rest of the doc is skipped over, not walked token by token.
        self.marks = list(compress(range(self.n), kinds))

    def text(self, start: int, end: int) -> str:
        """``doc[start:end].text``."""
        if end <= start:
            return ""
        words, space = self.words, self.space
        return (
            "".join(words[k] + " " if space[k] else words[k] for k in range(start, end - 1))
            + (words[end - 1])
        )


class EntitiesRecognizer:
    """The ``edz_entities`` component: writes the doc's entity mentions."""

    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extension(KIND)
        self.name = name
        self.gazetteer = load_gazetteer()
        self.names_by_first = _names_by_first_token(nlp, self.gazetteer.names)
        self._common = self.gazetteer.common_words

    # -- token tests --

    def _is_common(self, text: str) -> bool:
        return text.lower() in self._common

    def _is_compound_common(self, text: str) -> bool:
        """A dictionary-less compound of two common words ("Chipmaker", "Drugmakers")."""
        low = text.lower()
        if not low.isalpha() or len(low) < 7:
            return False
        return any(
            low[:i] in self._common and low[i:] in self._common for i in range(3, len(low) - 2)
        )

    def _sentence_initial(self, v: _Tokens, i: int) -> bool:
        j = i
        while j > 0 and v.words[j - 1] in OPEN_QUOTES:
            j -= 1
        if j == 0:
            return True
        start = v.sent[j]
        return bool(start) or v.words[j - 1] in {".", "!", "?", ":"} or "\n" in v.words[j - 1]

    # -- runs of capitalized tokens --

    def _runs(self, v: _Tokens) -> Iterator[tuple[int, int]]:
        n = v.n
        marks = v.marks
        i = 0
        after_title = False
        while i < n:
            # Jump to the next capitalized word or title: every token skipped is neither,
            # so the loop below would only have reset ``after_title`` on each.
            k = bisect.bisect_left(marks, i)
            if k == len(marks):
                return
            if marks[k] > i:
                after_title = False
                i = marks[k]
            word = v.words[i]
            if word in TITLES:
                after_title = True
                i += 1
                continue
            if not v.cap[i]:
                after_title = False
                i += 1
                continue
            j = i + 1
            while j < n and (step := self._continues(v, j)):
                j += step
            if after_title:
                # A person's name after a title; it may run on into "of ..." (skip that too).
                after_title = False
                k = i
                while k < j and v.words[k] not in CONNECTORS:
                    k += 1
                if k < j:
                    yield k + 1, j
                i = j
                continue
            yield i, j
            i = j

    def _continues(self, v: _Tokens, j: int) -> int:
        """How many tokens from ``j`` extend the run ending at ``j - 1`` (0: none)."""
        n = v.n
        if v.cap[j] and not (v.sent[j] and j > 0):
            return 1
        if j + 1 >= n or v.sent[j + 1]:
            return 0
        text = v.words[j]
        prev = v.words[j - 1]
        nxt = v.words[j + 1]
        if text in CONNECTORS and v.cap[j + 1]:
            return 2
        if text in HYPHENS and not v.space[j - 1] and not v.space[j]:
            if v.cap[j + 1]:
                return 2
            # "Hi-tech Industrial": a lower-case word inside a name when a name goes on.
            if nxt.isalpha() and v.space[j + 1] and j + 2 < n and v.cap[j + 2]:
                return 2
            return 0
        if text in {"'s", "\u2019s"} and prev == "People" and v.cap[j + 1]:
            return 2
        if text == "," and prev in {"Co.", "Co"} and nxt in {"Ltd.", "Ltd", "Limited"}:
            return 2
        if (
            text == "("
            and j + 3 < n
            and v.words[j + 2] == ")"
            and self._is_place(nxt)
            and v.cap[j + 3]
        ):
            return 3  # "China (Shanghai) Pilot Free Trade Zone", "Innovent (Suzhou) Co"
        return 0

    def _is_place(self, text: str) -> bool:
        value = self.gazetteer.names.get(text)
        return value is not None and value.label in {"GPE", "LOC"}

    # -- deciding what a run names --

    def _tail_head(self, v: _Tokens, start: int, end: int) -> tuple[int, tuple[str, str]] | None:
        """The suffix head ending the run: (its length in tokens, (label, category))."""
        for length in TAIL_LENGTHS:
            if end - length < start:
                continue
            key = tuple(v.words[end - length : end])
            if key in TAIL_HEADS:
                return length, TAIL_HEADS[key]
        return None

    def _head_first(self, v: _Tokens, start: int, end: int) -> tuple[int, tuple[str, str]] | None:
        for k in range(start, end - 2):
            if v.words[k] in HEAD_FIRST and v.words[k + 1] in {"of", "for"}:
                return k, HEAD_FIRST[v.words[k]]
        return None

    def _is_proper(self, v: _Tokens, i: int, gaz_tokens: set[int]) -> bool:
        text = v.words[i]
        if i in gaz_tokens:
            return True
        if not any(c.isalpha() for c in text):
            return False
        if text.isupper() and len(text) >= 2:
            return True
        return not self._is_common(text.rstrip("."))

    def _rule_name(
        self, v: _Tokens, start: int, end: int, gaz_tokens: set[int], *, strict: bool = False
    ) -> EntityValue | None:
        """The value of ``doc[start:end]`` as a suffix- or head-named name, if it is one.

        ``strict`` asks for a proper word before the suffix even for bodies and companies:
        splitting "U.S. Securities and Exchange Commission" in two needs more evidence than
        taking it whole.
        """
        tail = self._tail_head(v, start, end)
        if tail is not None:
            length, (label, category) = tail
            modifiers = [
                i
                for i in range(start, end - length)
                if v.words[i] not in CONNECTORS and v.words[i] not in HYPHENS
            ]
            if not modifiers:
                return None
            if any(self._is_proper(v, i, gaz_tokens) for i in modifiers):
                return EntityValue(label, category)
            # Bodies and companies are often named with common words ("Municipal Commerce
            # Commission", "Envision Group"); zones and places are not ("the New Area"). One
            # common word before a body's head is a generic reference ("the Management
            # Committee"); before a company's, mid-sentence, it is a name.
            if strict:
                return None
            if category in BODY_CATEGORIES and len(modifiers) >= 2:
                return EntityValue(label, category)
            if category == "company" and (
                len(modifiers) >= 2 or not self._sentence_initial(v, modifiers[0])
            ):
                return EntityValue(label, category)
            return None
        first = self._head_first(v, start, end)
        if first is not None:
            label, category = first[1]
            return EntityValue(label, category)
        return None

    def _complete(
        self, v: _Tokens, start: int, end: int, gaz: dict[int, _Found], *, strict: bool
    ) -> bool:
        found = gaz.get(start)
        if found is not None and found.end == end:
            return True
        gaz_tokens = self._gaz_tokens(gaz, start, end)
        return self._rule_name(v, start, end, gaz_tokens, strict=strict) is not None

    def _splits_at_and(
        self, v: _Tokens, start: int, k: int, end: int, gaz: dict[int, _Found]
    ) -> bool:
        """Whether "and" at ``k`` joins two names; one of them must be a sure one."""
        if not self._complete(v, start, k, gaz, strict=False):
            return False
        if not self._complete(v, k + 1, end, gaz, strict=False):
            return False
        return self._complete(v, start, k, gaz, strict=True) or self._complete(
            v, k + 1, end, gaz, strict=True
        )

    @staticmethod
    def _gaz_tokens(
        gaz: dict[int, _Found], start: int, end: int, *, places_only: bool = False
    ) -> set[int]:
        """Tokens of ``doc[start:end]`` inside gazetteer names (only places, if asked)."""
        tokens: set[int] = set()
        # Look up each position (runs are short) rather than scan every match of the doc.
        for s in range(start, end):
            f = gaz.get(s)
            if (
                f is not None
                and f.end <= end
                and (not places_only or f.value.label in {"GPE", "LOC"})
            ):
                tokens.update(range(s, f.end))
        return tokens

    def _trim(self, v: _Tokens, start: int, end: int, gaz: dict[int, _Found]) -> int:
        while start < end:
            word = v.words[start]
            if word in CONNECTORS or word in HYPHENS:
                start += 1
                continue
            if start in gaz:
                break
            if word in DEMONYMS and start + 1 in gaz:
                start += 1  # "Danish Novo Nordisk"
                continue
            if word in LEADING_NON_NAMES and (end - start > 1 or word in {"The", "A"}):
                start += 1
                continue
            if (
                end - start > 1
                and self._sentence_initial(v, start)
                and (word.endswith(("maker", "makers")) or self._is_compound_common(word))
            ):
                start += 1
                continue
            break
        return start

    def _names_in_run(
        self, v: _Tokens, start: int, end: int, gaz: dict[int, _Found], persons: set[str]
    ) -> Iterator[_Found]:
        start = self._trim(v, start, end, gaz)
        if start >= end:
            return
        # Two complete names joined by "and" ("Haier Group and Hisense"), or a name that
        # only starts after "of" ("Chen Dalian of Harbin Institute of Technology").
        for k in range(start + 1, end - 1):
            word = v.words[k]
            if word == "and":
                if self._splits_at_and(v, start, k, end, gaz):
                    yield from self._names_in_run(v, start, k, gaz, persons)
                    yield from self._names_in_run(v, k + 1, end, gaz, persons)
                    return
            elif word in {"of", "for"}:
                left_has_head = any(v.words[i] in HEAD_FIRST for i in range(start, k)) or (
                    self._tail_head(v, start, k) is not None
                )
                if not left_has_head and self._complete(v, k + 1, end, gaz, strict=True):
                    yield from self._headless(v, start, k, gaz, persons)
                    yield from self._names_in_run(v, k + 1, end, gaz, persons)
                    return
        found = gaz.get(start)
        if found is not None and found.end == end:
            yield found
            return
        value = self._rule_name(v, start, end, self._gaz_tokens(gaz, start, end))
        if value is not None:
            yield _Found(start, end, value)
            return
        yield from self._headless(v, start, end, gaz, persons)

    def _headless(
        self, v: _Tokens, start: int, end: int, gaz: dict[int, _Found], persons: set[str]
    ) -> Iterator[_Found]:
        """Gazetteer names inside a run that is not itself a name (or a district).

        ``persons`` collects the names seen as a person's surname ("Christine Blasey Ford"),
        so that later uses of the surname alone ("Ford said") are not taken for the company.
        """
        if (
            end - start == 1
            and start not in gaz
            and end < v.n
            and v.words[end] in _DISTRICT_WORDS
            and not v.sent[end]
            and self._is_proper(v, start, set())
            and not self._sentence_initial(v, start)
        ):
            # "Jiangning district": a lower-case designator after an unknown proper word.
            yield _Found(start, end + 1, EntityValue("GPE", "other"))
            return
        inside = [f for f in map(gaz.get, range(start, end)) if f is not None and f.end <= end]
        covered: set[int] = set()
        for f in inside:
            covered.update(range(f.start, f.end))
        unknown = [
            i
            for i in range(start, end)
            if i not in covered
            and v.cap[i]
            and v.words[i] not in NOT_NAME_CONTINUATIONS
            and (v.words[i],) not in DESIGNATORS
            and not (i == start and v.words[i] in LEADING_NON_NAMES)
        ]
        # Places joined by hyphens: a region when all are Chinese places, else nothing
        # ("China-Europe freight trains" names no entity).
        groups: list[list[_Found]] = []
        for f in inside:
            if (
                groups
                and groups[-1][-1].end + 1 == f.start
                and v.words[f.start - 1] in HYPHENS
                and not v.space[f.start - 1]
                and not v.space[f.start - 2]
            ):
                groups[-1].append(f)
            else:
                groups.append([f])
        unknown_set = set(unknown)
        for group in groups:
            first, last = group[0], group[-1]
            after = last.end
            if after < end and v.words[after] in HYPHENS | {"of", "&"}:
                after += 1
            if after in unknown_set:
                continue  # part of a longer unknown name: "China-Africa Economic ... Expo"
            before = v.words[first.start - 1] if first.start > start else None
            if before in SURNAMES:
                continue  # a person: "Liu Changchun"
            name = v.text(first.start, last.end)
            if (
                first.start - 1 in unknown_set
                and len(group) == 1
                and first.end - first.start == 1
                and before is not None
                and not self._is_common(before)
                and before not in DEMONYMS
            ):
                persons.add(name)  # "Christine Blasey Ford": a first name before it
                continue
            if len(group) > 1:
                if all(v.text(f.start, f.end) in self.gazetteer.domestic for f in group):
                    yield _Found(first.start, last.end, EntityValue("LOC", "region"))
                continue
            yield first

    # -- acronyms and aliases --

    @staticmethod
    def _abbreviates(short: str, long: str) -> bool:
        letters = [c.lower() for c in short if c.isalpha()]
        words = [w for w in long.replace("-", " ").split() if w[:1].isalpha()]
        if not letters or not words or letters[0] != words[0][0].lower():
            return False
        rest = iter(long.lower())
        return all(c in rest for c in letters)

    def _definition_after(self, v: _Tokens, found: _Found) -> tuple[int, int, int] | None:
        """``(start, end, skip_to)`` of a short form defined right after ``found``."""
        n = v.n
        b = found.end
        if b < n and v.words[b] == "(":
            close = b + 1
            while close < n and close - b <= 4 and v.words[close] != ")":
                close += 1
            if close < n and v.words[close] == ")" and close > b + 1:
                text = v.text(b + 1, close)
                if (
                    text[0].isupper()
                    and " " not in text
                    and len(text) <= 12
                    and self._abbreviates(text, v.text(found.start, found.end))
                    and not self._is_place(text)
                ):
                    return b + 1, close, close + 1
            return None
        k = b
        if k < n and v.words[k] == ",":
            k += 1
        if k < n and v.words[k].islower() and v.words[k].endswith("ly"):
            k += 1  # "widely known as", "better known as" ("better" handled below)
        elif k < n and v.words[k] in {"better", "also"}:
            k += 1
        if k + 2 < n and v.words[k] in KNOWN_AS and v.words[k + 1] == "as":
            s = k + 2
            if s < n and v.words[s] in {'"', "\u201c"}:
                s += 1
            e = s
            while e < n and (v.cap[e] or self._continues(v, e) and e > s):
                e += max(1, self._continues(v, e)) if e > s else 1
            if e > s and v.cap[s]:
                return s, e, e
        return None

    def _zone_short_form(self, v: _Tokens, found: _Found, gaz_tokens: set[int]) -> str | None:
        """ "Gui'an" of "Gui'an New Area": a zone's own word, followed by common words only.

        A company's own word is its short form too ("Innovent" of "Innovent Biologics
        (Suzhou) Co., Ltd."), whatever follows it.
        """
        kind = (found.value.label, found.value.category)
        if kind not in {ZONE, PARK, COMPANY}:
            return None
        tail = self._tail_head(v, found.start, found.end)
        stop = found.end - (tail[0] if tail else 0)
        i = found.start
        while i < stop and (i in gaz_tokens or self._is_place(v.words[i])):
            i += 1  # leading places: "Nanjing" of "Nanjing Jiangbei New Area"
        if i >= stop or not self._is_proper(v, i, set()) or v.words[i].isupper():
            return None
        word = v.words[i]
        if i + 1 < found.end and v.words[i + 1] in HYPHENS:
            return None
        if word in self.gazetteer.names or word in SURNAMES:
            return None
        if kind != COMPANY and any(self._is_proper(v, k, set()) for k in range(i + 1, stop)):
            return None
        if kind == COMPANY and (found.end - found.start < 2 or found.value.canonical):
            return None  # a one-word company is its own short form; aliases have theirs
        return word

    # -- the whole document --

    def _gazetteer_matches(self, v: _Tokens) -> dict[int, _Found]:
        spans = sorted(
            _gazetteer_positions(v.words, self.names_by_first),
            key=lambda se: (se[0], -(se[1] - se[0])),
        )
        out: dict[int, _Found] = {}
        last_end = -1
        for s, e in spans:
            if s < last_end:
                continue
            # A name must stand alone: "Tianjin" in "Tianjin-based" is fine, in "Co." not.
            if e < v.n and v.words[e] in {"'", "\u2019"} and not v.space[e - 1]:
                continue
            value = self.gazetteer.names[v.text(s, e)]
            out[s] = _Found(s, e, value)
            last_end = e
        return out

    def _with_designator(self, v: _Tokens, found: _Found) -> _Found:
        """ "Jiangsu" + "province" -> "Jiangsu province" (a GPE from the gazetteer)."""
        if found.value.label != "GPE" or found.value.category not in {"province", "city"}:
            return found
        for key, category in DESIGNATORS.items():
            e = found.end + len(key)
            if e <= v.n and tuple(v.words[found.end : e]) == key:
                if any(v.sent[found.end : e]):
                    continue
                return _Found(found.start, e, EntityValue("GPE", category, found.value.canonical))
        return found

    def find(self, doc: Doc) -> list[_Found]:
        """Every entity mention in ``doc``, in order, not overlapping."""
        v = _Tokens(doc)
        gaz = self._gazetteer_matches(v)
        found: list[_Found] = []
        claimed: set[int] = set()
        persons: set[str] = set()
        runs = list(self._runs(v))
        n = v.n
        for start, end in runs:
            if (
                end - start == 1
                and start not in gaz
                and (end >= n or v.words[end] not in _DISTRICT_WORDS)
            ):
                # Most runs are one capitalized word that no list knows ("The", "He",
                # "Smith"): _names_in_run finds nothing in those (no suffix head without a
                # word before it, no gazetteer name inside, no "... district"), so skip it.
                continue
            for f in self._names_in_run(v, start, end, gaz, persons):
                if claimed.intersection(range(f.start, f.end)):
                    continue
                if f.end - f.start == 1 and v.words[f.start] in persons:
                    continue
                f = self._with_designator(v, f)
                found.append(f)
                claimed.update(range(f.start, f.end))
        # Gazetteer names outside any run: "TIANJIN" is a run too, but "3M"-like ones are not.
        for s, f in gaz.items():
            if not claimed.intersection(range(f.start, f.end)) and not v.cap[s]:
                found.append(f)
                claimed.update(range(f.start, f.end))
        found.extend(self._companies_by_context(v, runs, found, claimed, persons, gaz))
        found.sort(key=lambda f: f.start)
        return self._link_aliases(v, found, claimed, gaz)

    def _companies_by_context(
        self,
        v: _Tokens,
        runs: list[tuple[int, int]],
        found: list[_Found],
        claimed: set[int],
        persons: set[str],
        gaz: dict[int, _Found],
    ) -> Iterator[_Found]:
        """Unknown names that the context shows to be companies.

        A name after a role noun ("carmaker Leapmotor", "express firms SF Express and China
        Post") or listed with a known company ("Medtronic, Abbott and Stryker").
        """
        # The runs' pieces between "and"s, grouped into lists joined by ",", "and", "or".
        words = v.words
        pieces: list[tuple[int, int]] = []
        for start, end in runs:
            if end - start == 1 and words[start] != "and":
                pieces.append((start, end))  # most runs: one word, one piece
                continue
            s = start
            for k in range(start, end + 1):
                if k == end or words[k] == "and":
                    if k > s:
                        pieces.append((s, k))
                    s = k + 1
        lists: list[list[tuple[int, int]]] = []
        for piece in pieces:
            # A list gap is at most _MAX_LIST_GAP tokens: longer ones are not even sliced.
            if lists and piece[0] - lists[-1][-1][1] <= _MAX_LIST_GAP:
                gap = tuple(words[lists[-1][-1][1] : piece[0]])
                if gap in _LIST_GAPS:
                    lists[-1].append(piece)
                    continue
            lists.append([piece])
        companies = {(f.start, f.end) for f in found if f.value.category == "company"}
        places = {(f.start, f.end) for f in found if f.value.label in {"GPE", "LOC"}}
        for items in lists:
            first = items[0][0]
            cue = first > 0 and words[first - 1].lower() in ROLE_NOUNS
            if not cue and not (companies and any(item in companies for item in items)):
                continue
            if any(item in places for item in items):
                continue  # a list of places: "rival Boston and Basel"
            for s, e in items:
                if self._unknown_name(v, s, e, claimed, persons, gaz):
                    claimed.update(range(s, e))
                    yield _Found(s, e, EntityValue("ORG", "company"))

    def _unknown_name(
        self,
        v: _Tokens,
        start: int,
        end: int,
        claimed: set[int],
        persons: set[str],
        gaz: dict[int, _Found],
    ) -> bool:
        """Whether ``doc[start:end]`` looks like a name nothing else has claimed."""
        if end - start > 4 or claimed.intersection(range(start, end)):
            return False
        first = v.words[start]
        if first in SURNAMES or first in LEADING_NON_NAMES or first in persons:
            return False
        if self._sentence_initial(v, start) or v.sent[start]:
            return False
        words = [i for i in range(start, end) if v.words[i] not in HYPHENS | {"&"}]
        known = self._gaz_tokens(gaz, start, end)
        return all(v.cap[i] for i in words) and any(self._is_proper(v, i, known) for i in words)

    def _link_aliases(
        self, v: _Tokens, found: list[_Found], claimed: set[int], gaz: dict[int, _Found]
    ) -> list[_Found]:
        aliases: dict[str, EntityValue] = {}
        extra: list[_Found] = []
        # _gaz_tokens(gaz, 0, v.n, places_only=True), from the matches rather than every token.
        gaz_places: set[int] = set()
        for f in gaz.values():
            if f.value.label in {"GPE", "LOC"}:
                gaz_places.update(range(f.start, f.end))
        for f in found:
            long_name = v.text(f.start, f.end)
            full = f.value.canonical or long_name
            definition = self._definition_after(v, f)
            if definition is not None:
                s, e, _ = definition
                short = v.text(s, e)
                aliases[short] = EntityValue(f.value.label, f.value.category, full)
                if not claimed.intersection(range(s, e)):
                    extra.append(_Found(s, e, aliases[short]))
                    claimed.update(range(s, e))
            short_word = self._zone_short_form(v, f, gaz_places)
            if short_word is not None and short_word not in aliases:
                aliases[short_word] = EntityValue(f.value.label, f.value.category, full)
        if not aliases:
            return found
        out: list[_Found] = []
        for f in found + extra:
            text = v.text(f.start, f.end)
            if text in aliases:
                f = _Found(f.start, f.end, aliases[text])
            out.append(f)
        # Later (or earlier) uses of a short form the document defined.
        by_first: dict[str, list[tuple[tuple[str, ...], EntityValue]]] = {}
        for alias, value in aliases.items():
            parts = _alias_tokens(alias)
            by_first.setdefault(parts[0], []).append((parts, value))
        n = v.n
        for i in compress(range(n), map(by_first.__contains__, v.words)):
            candidates = by_first[v.words[i]]
            if not candidates or i in claimed:
                continue
            for parts, value in sorted(candidates, key=lambda c: len(c[0]), reverse=True):
                e = i + len(parts)
                if e > n or tuple(v.words[i:e]) != parts:
                    continue
                if claimed.intersection(range(i, e)):
                    continue
                if e < n and v.cap[e] and not v.sent[e]:
                    continue  # part of a longer name
                out.append(_Found(i, e, value))
                claimed.update(range(i, e))
                break
        out.sort(key=lambda f: f.start)
        return out

    def __call__(self, doc: Doc) -> Doc:
        found = self.find(doc)
        set_fact_spans(doc, KIND, _spans(doc, found))
        return doc


def _alias_tokens(alias: str) -> tuple[str, ...]:
    """The tokens spaCy's English tokenizer gives a short form ("Z-Park" -> Z, -, Park)."""
    parts: list[str] = []
    for word in alias.split():
        pieces = word.replace("-", " - ").split()
        parts.extend(pieces)
    return tuple(parts)


def _spans(doc: Doc, found: list[_Found]) -> list[tuple[Span, EntityValue]]:
    return [(doc[f.start : f.end], f.value) for f in found]


# The labels a statistical pipeline's NER may add (OntoNotes names, as ours).
MODEL_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC"})


def merge_model_entities(doc: Doc, model_doc: Doc) -> None:
    """Add ``model_doc``'s ORG/GPE/LOC/FAC entities to ``doc``'s entity facts.

    ``model_doc`` is the same text run through another spaCy pipeline (``--model``).
    Our mentions win on overlap; the model's keep their label, with no category or
    canonical form, and lose a leading "the" and a trailing "'s" as ours do.
    """
    if model_doc.text != doc.text:
        raise ValueError("the model's document is not the same text")
    ensure_extension(KIND)
    ours = [(span, span._.get(group_name(KIND))) for span in fact_spans(doc, KIND)]
    taken = CharRanges((span.start_char, span.end_char) for span, _ in ours)
    theirs: list[tuple[Span, EntityValue]] = []
    for ent in model_doc.ents:
        if ent.label_ not in MODEL_LABELS:
            continue
        span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="contract")
        while span is not None and len(span) and span[0].lower_ == "the":
            span = span[1:]
        if span is not None and len(span) and span[-1].text in {"'s", "\u2019s"}:
            span = span[:-1]
        if span is None or not span.text.strip():
            continue
        if overlaps(taken, span.start_char, span.end_char):
            continue
        theirs.append((span, EntityValue(ent.label_, None, None)))
    set_fact_spans(doc, KIND, ours + theirs)


@Language.factory("edz_entities")
def make_entities(nlp: Language, name: str) -> EntitiesRecognizer:
    return EntitiesRecognizer(nlp, name)
