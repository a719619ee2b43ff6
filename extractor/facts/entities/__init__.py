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

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from extractor.facts.base import (
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

# --- the component ------------------------------------------------------------------------


@dataclass
class _Found:
    start: int  # token index
    end: int
    value: EntityValue


class EntitiesRecognizer:
    """The ``edz_entities`` component: writes the doc's entity mentions."""

    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extension(KIND)
        self.name = name
        self.gazetteer = load_gazetteer()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        names = sorted(self.gazetteer.names)
        self.matcher.add("EDZ_GAZETTEER", [nlp.make_doc(name) for name in names])
        self._common = self.gazetteer.common_words

    # -- token tests --

    @staticmethod
    def _is_capword(tok: Token) -> bool:
        return is_capword_text(tok.text)

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

    def _sentence_initial(self, doc: Doc, i: int) -> bool:
        j = i
        while j > 0 and doc[j - 1].text in OPEN_QUOTES:
            j -= 1
        if j == 0:
            return True
        start = doc[j].is_sent_start
        return bool(start) or doc[j - 1].text in {".", "!", "?", ":"} or "\n" in doc[j - 1].text

    # -- runs of capitalized tokens --

    def _runs(self, doc: Doc) -> Iterator[tuple[int, int]]:
        n = len(doc)
        i = 0
        after_title = False
        while i < n:
            tok = doc[i]
            if tok.text in TITLES:
                after_title = True
                i += 1
                continue
            if not self._is_capword(tok):
                after_title = False
                i += 1
                continue
            j = i + 1
            while j < n:
                if self._continues(doc, j):
                    j += self._continues(doc, j)
                    continue
                break
            if after_title:
                # A person's name after a title; it may run on into "of ..." (skip that too).
                after_title = False
                k = i
                while k < j and doc[k].text not in CONNECTORS:
                    k += 1
                if k < j:
                    yield k + 1, j
                i = j
                continue
            yield i, j
            i = j

    def _continues(self, doc: Doc, j: int) -> int:
        """How many tokens from ``j`` extend the run ending at ``j - 1`` (0: none)."""
        n = len(doc)
        tok = doc[j]
        prev = doc[j - 1]
        if self._is_capword(tok) and not (tok.is_sent_start and j > 0):
            return 1
        text = tok.text
        nxt = doc[j + 1] if j + 1 < n else None
        if nxt is None or nxt.is_sent_start:
            return 0
        if text in CONNECTORS and self._is_capword(nxt):
            return 2
        if text in HYPHENS and not prev.whitespace_ and not tok.whitespace_:
            if self._is_capword(nxt):
                return 2
            # "Hi-tech Industrial": a lower-case word inside a name when a name goes on.
            after = doc[j + 2] if j + 2 < n else None
            if nxt.is_alpha and nxt.whitespace_ and after is not None and self._is_capword(after):
                return 2
            return 0
        if text in {"'s", "\u2019s"} and prev.text == "People" and self._is_capword(nxt):
            return 2
        if text == "," and prev.text in {"Co.", "Co"} and nxt.text in {"Ltd.", "Ltd", "Limited"}:
            return 2
        if (
            text == "("
            and j + 3 < n
            and doc[j + 2].text == ")"
            and self._is_place(nxt.text)
            and self._is_capword(doc[j + 3])
        ):
            return 3  # "China (Shanghai) Pilot Free Trade Zone", "Innovent (Suzhou) Co"
        return 0

    def _is_place(self, text: str) -> bool:
        value = self.gazetteer.names.get(text)
        return value is not None and value.label in {"GPE", "LOC"}

    # -- deciding what a run names --

    def _tail_head(self, doc: Doc, start: int, end: int) -> tuple[int, tuple[str, str]] | None:
        """The suffix head ending the run: (its length in tokens, (label, category))."""
        for length in TAIL_LENGTHS:
            if end - length < start:
                continue
            key = tuple(t.text for t in doc[end - length : end])
            if key in TAIL_HEADS:
                return length, TAIL_HEADS[key]
        return None

    def _head_first(self, doc: Doc, start: int, end: int) -> tuple[int, tuple[str, str]] | None:
        for k in range(start, end - 2):
            if doc[k].text in HEAD_FIRST and doc[k + 1].text in {"of", "for"}:
                return k, HEAD_FIRST[doc[k].text]
        return None

    def _is_proper(self, doc: Doc, i: int, gaz_tokens: set[int]) -> bool:
        text = doc[i].text
        if i in gaz_tokens:
            return True
        if not any(c.isalpha() for c in text):
            return False
        if text.isupper() and len(text) >= 2:
            return True
        return not self._is_common(text.rstrip("."))

    def _rule_name(
        self, doc: Doc, start: int, end: int, gaz_tokens: set[int], *, strict: bool = False
    ) -> EntityValue | None:
        """The value of ``doc[start:end]`` as a suffix- or head-named name, if it is one.

        ``strict`` asks for a proper word before the suffix even for bodies and companies:
        splitting "U.S. Securities and Exchange Commission" in two needs more evidence than
        taking it whole.
        """
        tail = self._tail_head(doc, start, end)
        if tail is not None:
            length, (label, category) = tail
            modifiers = [
                i
                for i in range(start, end - length)
                if doc[i].text not in CONNECTORS and doc[i].text not in HYPHENS
            ]
            if not modifiers:
                return None
            if any(self._is_proper(doc, i, gaz_tokens) for i in modifiers):
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
                len(modifiers) >= 2 or not self._sentence_initial(doc, modifiers[0])
            ):
                return EntityValue(label, category)
            return None
        first = self._head_first(doc, start, end)
        if first is not None:
            label, category = first[1]
            return EntityValue(label, category)
        return None

    def _complete(
        self, doc: Doc, start: int, end: int, gaz: dict[int, _Found], *, strict: bool
    ) -> bool:
        found = gaz.get(start)
        if found is not None and found.end == end:
            return True
        gaz_tokens = self._gaz_tokens(gaz, start, end)
        return self._rule_name(doc, start, end, gaz_tokens, strict=strict) is not None

    def _splits_at_and(
        self, doc: Doc, start: int, k: int, end: int, gaz: dict[int, _Found]
    ) -> bool:
        """Whether "and" at ``k`` joins two names; one of them must be a sure one."""
        if not self._complete(doc, start, k, gaz, strict=False):
            return False
        if not self._complete(doc, k + 1, end, gaz, strict=False):
            return False
        return self._complete(doc, start, k, gaz, strict=True) or self._complete(
            doc, k + 1, end, gaz, strict=True
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

    def _trim(self, doc: Doc, start: int, end: int, gaz: dict[int, _Found]) -> int:
        while start < end:
            tok = doc[start]
            if tok.text in CONNECTORS or tok.text in HYPHENS:
                start += 1
                continue
            if start in gaz:
                break
            if tok.text in DEMONYMS and start + 1 in gaz:
                start += 1  # "Danish Novo Nordisk"
                continue
            if tok.text in LEADING_NON_NAMES and (end - start > 1 or tok.text in {"The", "A"}):
                start += 1
                continue
            if (
                end - start > 1
                and self._sentence_initial(doc, start)
                and (tok.text.endswith(("maker", "makers")) or self._is_compound_common(tok.text))
            ):
                start += 1
                continue
            break
        return start

    def _names_in_run(
        self, doc: Doc, start: int, end: int, gaz: dict[int, _Found], persons: set[str]
    ) -> Iterator[_Found]:
        start = self._trim(doc, start, end, gaz)
        if start >= end:
            return
        # Two complete names joined by "and" ("Haier Group and Hisense"), or a name that
        # only starts after "of" ("Chen Dalian of Harbin Institute of Technology").
        for k in range(start + 1, end - 1):
            word = doc[k].text
            if word == "and":
                if self._splits_at_and(doc, start, k, end, gaz):
                    yield from self._names_in_run(doc, start, k, gaz, persons)
                    yield from self._names_in_run(doc, k + 1, end, gaz, persons)
                    return
            elif word in {"of", "for"}:
                left_has_head = any(doc[i].text in HEAD_FIRST for i in range(start, k)) or (
                    self._tail_head(doc, start, k) is not None
                )
                if not left_has_head and self._complete(doc, k + 1, end, gaz, strict=True):
                    yield from self._headless(doc, start, k, gaz, persons)
                    yield from self._names_in_run(doc, k + 1, end, gaz, persons)
                    return
        found = gaz.get(start)
        if found is not None and found.end == end:
            yield found
            return
        value = self._rule_name(doc, start, end, self._gaz_tokens(gaz, start, end))
        if value is not None:
            yield _Found(start, end, value)
            return
        yield from self._headless(doc, start, end, gaz, persons)

    def _headless(
        self, doc: Doc, start: int, end: int, gaz: dict[int, _Found], persons: set[str]
    ) -> Iterator[_Found]:
        """Gazetteer names inside a run that is not itself a name (or a district).

        ``persons`` collects the names seen as a person's surname ("Christine Blasey Ford"),
        so that later uses of the surname alone ("Ford said") are not taken for the company.
        """
        if (
            end - start == 1
            and start not in gaz
            and end < len(doc)
            and doc[end].text in {"district", "county"}
            and not doc[end].is_sent_start
            and self._is_proper(doc, start, set())
            and not self._sentence_initial(doc, start)
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
            and self._is_capword(doc[i])
            and doc[i].text not in NOT_NAME_CONTINUATIONS
            and (doc[i].text,) not in DESIGNATORS
            and not (i == start and doc[i].text in LEADING_NON_NAMES)
        ]
        # Places joined by hyphens: a region when all are Chinese places, else nothing
        # ("China-Europe freight trains" names no entity).
        groups: list[list[_Found]] = []
        for f in inside:
            if (
                groups
                and groups[-1][-1].end + 1 == f.start
                and doc[f.start - 1].text in HYPHENS
                and not doc[f.start - 1].whitespace_
                and not doc[f.start - 2].whitespace_
            ):
                groups[-1].append(f)
            else:
                groups.append([f])
        unknown_set = set(unknown)
        for group in groups:
            first, last = group[0], group[-1]
            after = last.end
            if after < end and doc[after].text in HYPHENS | {"of", "&"}:
                after += 1
            if after in unknown_set:
                continue  # part of a longer unknown name: "China-Africa Economic ... Expo"
            before = doc[first.start - 1].text if first.start > start else None
            if before in SURNAMES:
                continue  # a person: "Liu Changchun"
            name = doc[first.start : last.end].text
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
                if all(doc[f.start : f.end].text in self.gazetteer.domestic for f in group):
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

    def _definition_after(self, doc: Doc, found: _Found) -> tuple[int, int, int] | None:
        """``(start, end, skip_to)`` of a short form defined right after ``found``."""
        n = len(doc)
        b = found.end
        if b < n and doc[b].text == "(":
            close = b + 1
            while close < n and close - b <= 4 and doc[close].text != ")":
                close += 1
            if close < n and doc[close].text == ")" and close > b + 1:
                short = doc[b + 1 : close]
                text = short.text
                if (
                    text[0].isupper()
                    and " " not in text
                    and len(text) <= 12
                    and self._abbreviates(text, doc[found.start : found.end].text)
                    and not self._is_place(text)
                ):
                    return b + 1, close, close + 1
            return None
        k = b
        if k < n and doc[k].text == ",":
            k += 1
        if k < n and doc[k].is_lower and doc[k].text.endswith("ly"):
            k += 1  # "widely known as", "better known as" ("better" handled below)
        elif k < n and doc[k].text in {"better", "also"}:
            k += 1
        if k + 2 < n and doc[k].text in KNOWN_AS and doc[k + 1].text == "as":
            s = k + 2
            if s < n and doc[s].text in {'"', "\u201c"}:
                s += 1
            e = s
            while e < n and (self._is_capword(doc[e]) or self._continues(doc, e) and e > s):
                e += max(1, self._continues(doc, e)) if e > s else 1
            if e > s and self._is_capword(doc[s]):
                return s, e, e
        return None

    def _zone_short_form(self, doc: Doc, found: _Found, gaz_tokens: set[int]) -> str | None:
        """ "Gui'an" of "Gui'an New Area": a zone's own word, followed by common words only.

        A company's own word is its short form too ("Innovent" of "Innovent Biologics
        (Suzhou) Co., Ltd."), whatever follows it.
        """
        kind = (found.value.label, found.value.category)
        if kind not in {ZONE, PARK, COMPANY}:
            return None
        tail = self._tail_head(doc, found.start, found.end)
        stop = found.end - (tail[0] if tail else 0)
        i = found.start
        while i < stop and (i in gaz_tokens or self._is_place(doc[i].text)):
            i += 1  # leading places: "Nanjing" of "Nanjing Jiangbei New Area"
        if i >= stop or not self._is_proper(doc, i, set()) or doc[i].text.isupper():
            return None
        word = doc[i].text
        if i + 1 < found.end and doc[i + 1].text in HYPHENS:
            return None
        if word in self.gazetteer.names or word in SURNAMES:
            return None
        if kind != COMPANY and any(self._is_proper(doc, k, set()) for k in range(i + 1, stop)):
            return None
        if kind == COMPANY and (found.end - found.start < 2 or found.value.canonical):
            return None  # a one-word company is its own short form; aliases have theirs
        return word

    # -- the whole document --

    def _gazetteer_matches(self, doc: Doc) -> dict[int, _Found]:
        spans = sorted(
            ((s, e) for _, s, e in self.matcher(doc)), key=lambda se: (se[0], -(se[1] - se[0]))
        )
        out: dict[int, _Found] = {}
        last_end = -1
        for s, e in spans:
            if s < last_end:
                continue
            # A name must stand alone: "Tianjin" in "Tianjin-based" is fine, in "Co." not.
            if e < len(doc) and doc[e].text in {"'", "\u2019"} and not doc[e - 1].whitespace_:
                continue
            value = self.gazetteer.names[doc[s:e].text]
            out[s] = _Found(s, e, value)
            last_end = e
        return out

    def _with_designator(self, doc: Doc, found: _Found) -> _Found:
        """ "Jiangsu" + "province" -> "Jiangsu province" (a GPE from the gazetteer)."""
        if found.value.label != "GPE" or found.value.category not in {"province", "city"}:
            return found
        for key, category in DESIGNATORS.items():
            e = found.end + len(key)
            if e <= len(doc) and tuple(t.text for t in doc[found.end : e]) == key:
                if any(t.is_sent_start for t in doc[found.end : e]):
                    continue
                return _Found(found.start, e, EntityValue("GPE", category, found.value.canonical))
        return found

    def find(self, doc: Doc) -> list[_Found]:
        """Every entity mention in ``doc``, in order, not overlapping."""
        gaz = self._gazetteer_matches(doc)
        found: list[_Found] = []
        claimed: set[int] = set()
        persons: set[str] = set()
        runs = list(self._runs(doc))
        for start, end in runs:
            for f in self._names_in_run(doc, start, end, gaz, persons):
                if claimed.intersection(range(f.start, f.end)):
                    continue
                if f.end - f.start == 1 and doc[f.start].text in persons:
                    continue
                f = self._with_designator(doc, f)
                found.append(f)
                claimed.update(range(f.start, f.end))
        # Gazetteer names outside any run: "TIANJIN" is a run too, but "3M"-like ones are not.
        for s, f in gaz.items():
            if not claimed.intersection(range(f.start, f.end)) and not self._is_capword(doc[s]):
                found.append(f)
                claimed.update(range(f.start, f.end))
        found.extend(self._companies_by_context(doc, runs, found, claimed, persons, gaz))
        found.sort(key=lambda f: f.start)
        return self._link_aliases(doc, found, claimed, gaz)

    def _companies_by_context(
        self,
        doc: Doc,
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
        pieces: list[tuple[int, int]] = []
        for start, end in runs:
            s = start
            for k in range(start, end + 1):
                if k == end or doc[k].text == "and":
                    if k > s:
                        pieces.append((s, k))
                    s = k + 1
        lists: list[list[tuple[int, int]]] = []
        for piece in pieces:
            if lists:
                gap = tuple(t.text for t in doc[lists[-1][-1][1] : piece[0]])
                if gap in _LIST_GAPS:
                    lists[-1].append(piece)
                    continue
            lists.append([piece])
        companies = {(f.start, f.end) for f in found if f.value.category == "company"}
        places = {(f.start, f.end) for f in found if f.value.label in {"GPE", "LOC"}}
        for items in lists:
            first = items[0][0]
            cue = first > 0 and doc[first - 1].lower_ in ROLE_NOUNS
            if not cue and not any(item in companies for item in items):
                continue
            if any(item in places for item in items):
                continue  # a list of places: "rival Boston and Basel"
            for s, e in items:
                if self._unknown_name(doc, s, e, claimed, persons, gaz):
                    claimed.update(range(s, e))
                    yield _Found(s, e, EntityValue("ORG", "company"))

    def _unknown_name(
        self,
        doc: Doc,
        start: int,
        end: int,
        claimed: set[int],
        persons: set[str],
        gaz: dict[int, _Found],
    ) -> bool:
        """Whether ``doc[start:end]`` looks like a name nothing else has claimed."""
        if end - start > 4 or claimed.intersection(range(start, end)):
            return False
        first = doc[start].text
        if first in SURNAMES or first in LEADING_NON_NAMES or first in persons:
            return False
        if self._sentence_initial(doc, start) or doc[start].is_sent_start:
            return False
        words = [i for i in range(start, end) if doc[i].text not in HYPHENS | {"&"}]
        known = self._gaz_tokens(gaz, start, end)
        return all(self._is_capword(doc[i]) for i in words) and any(
            self._is_proper(doc, i, known) for i in words
        )

    def _link_aliases(
        self, doc: Doc, found: list[_Found], claimed: set[int], gaz: dict[int, _Found]
    ) -> list[_Found]:
        aliases: dict[str, EntityValue] = {}
        extra: list[_Found] = []
        gaz_places = self._gaz_tokens(gaz, 0, len(doc), places_only=True)
        for f in found:
            long_name = doc[f.start : f.end].text
            full = f.value.canonical or long_name
            definition = self._definition_after(doc, f)
            if definition is not None:
                s, e, _ = definition
                short = doc[s:e].text
                aliases[short] = EntityValue(f.value.label, f.value.category, full)
                if not claimed.intersection(range(s, e)):
                    extra.append(_Found(s, e, aliases[short]))
                    claimed.update(range(s, e))
            short_word = self._zone_short_form(doc, f, gaz_places)
            if short_word is not None and short_word not in aliases:
                aliases[short_word] = EntityValue(f.value.label, f.value.category, full)
        if not aliases:
            return found
        out: list[_Found] = []
        for f in found + extra:
            text = doc[f.start : f.end].text
            if text in aliases:
                f = _Found(f.start, f.end, aliases[text])
            out.append(f)
        # Later (or earlier) uses of a short form the document defined.
        by_first: dict[str, list[tuple[tuple[str, ...], EntityValue]]] = {}
        for alias, value in aliases.items():
            parts = _alias_tokens(alias)
            by_first.setdefault(parts[0], []).append((parts, value))
        n = len(doc)
        for i in range(n):
            candidates = by_first.get(doc[i].text)
            if not candidates or i in claimed:
                continue
            for parts, value in sorted(candidates, key=lambda c: len(c[0]), reverse=True):
                e = i + len(parts)
                if e > n or tuple(t.text for t in doc[i:e]) != parts:
                    continue
                if claimed.intersection(range(i, e)):
                    continue
                if e < n and self._is_capword(doc[e]) and not doc[e].is_sent_start:
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
    taken = sorted((span.start_char, span.end_char) for span, _ in ours)
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
