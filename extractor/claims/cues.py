"""The cue-word tables of ``extractor/claims/data`` and where their phrases stand in a text.

``indicators.tsv`` maps phrases to indicators ("industrial added value" -> added_value);
``cues.tsv`` holds the words that decide quantity, direction, status, thresholds and
figures without a year. Both are data: a reviewer adds a phrase without touching code.
The word tables ``past-tense.tsv`` and ``change-words.tsv`` have the same layout and are
read by :func:`word_groups`; the patterns of the claims modules are built from them.

A document's words are read once (:class:`DocCues`): every phrase of every table is looked
up by its first word, and each question a claim asks ("is there a target word in this
clause?") is a binary search in the found cues. One regex of ~200 phrases tried at every
character took 3 ms a claim; this takes ~0.5 ms an article.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy
from spacy.attrs import IDX, LOWER, SPACY
from spacy.strings import StringStore
from spacy.tokens import Doc

from extractor.facts.base import text_of
from extractor.facts.scan import DocText

DATA_DIR = Path(__file__).resolve().parent / "data"
INDICATORS_FILE = DATA_DIR / "indicators.tsv"
CUES_FILE = DATA_DIR / "cues.tsv"
PAST_TENSE_FILE = DATA_DIR / "past-tense.tsv"
CHANGE_WORDS_FILE = DATA_DIR / "change-words.tsv"
INDICATOR: Final = "indicator"  # the group of indicators.tsv's phrases

_WORD_RE: Final = re.compile(r"[\w&]+")


def _rows(path: Path) -> list[tuple[str, str, bool]]:
    """``(key, phrase, weak)`` of each line ``key<TAB>phrase[<TAB>weak]``."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) not in (2, 3) or not fields[1] or fields[2:] not in ([], ["weak"]):
            raise ValueError(f"{path.name}:{number}: expected 'key<TAB>phrase[<TAB>weak]'")
        rows.append((fields[0], fields[1].lower(), len(fields) == 3))
    return rows


@functools.lru_cache(maxsize=8)
def word_groups(path: Path) -> dict[str, tuple[str, ...]]:
    """The words of a word table (``group<TAB>word`` a line, the layout of ``cues.tsv``) by
    group, read once: longest first, so an alternation of them tries "more than" before
    "more" and the order does not depend on the file's."""
    out: dict[str, list[str]] = defaultdict(list)
    for number, (group, word, weak) in enumerate(_rows(path), 1):
        if weak:
            raise ValueError(f"{path.name}: row {number} of a word table has a third column")
        out[group].append(word)
    return {
        group: tuple(sorted(set(words), key=lambda w: (-len(w), w))) for group, words in out.items()
    }


def alternation(words: tuple[str, ...]) -> str:
    """A regex group of ``words`` (no capture), white space between a phrase's words."""
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + ")"


@dataclass(frozen=True)
class Cue:
    """One cue found in the text: its group, what it stands for, and where it is."""

    group: str
    key: str
    start: int
    end: int
    weak: bool = False


# group -> first word -> [(words, key, weak)], longest phrase first.
Table = dict[str, dict[str, list[tuple[tuple[str, ...], str, bool]]]]


@functools.lru_cache(maxsize=1)
def table() -> Table:
    """Both files' phrases: indicators.tsv as group ``indicator``, cues.tsv by its groups."""
    rows = [(INDICATOR, key, phrase, weak) for key, phrase, weak in _rows(INDICATORS_FILE)]
    rows += [(key, key, phrase, weak) for key, phrase, weak in _rows(CUES_FILE)]
    out: dict[str, dict[str, list[tuple[tuple[str, ...], str, bool]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for group, key, phrase, weak in rows:
        words = tuple(_WORD_RE.findall(phrase))
        out[group][words[0]].append((words, key, weak))
    for firsts in out.values():
        for entries in firsts.values():
            entries.sort(key=lambda entry: -len(entry[0]))
    return {group: dict(firsts) for group, firsts in out.items()}


@functools.lru_cache(maxsize=1)
def first_words() -> dict[str, list[tuple[str, list[tuple[tuple[str, ...], str, bool]]]]]:
    """First word (and its plural-less form) -> the groups with phrases starting so."""
    out: dict[str, list[tuple[str, list[tuple[tuple[str, ...], str, bool]]]]] = defaultdict(list)
    for group, firsts in table().items():
        for first, entries in firsts.items():
            out[first].append((group, entries))
    return dict(out)


@functools.lru_cache(maxsize=1)
def first_word_hashes() -> frozenset[int]:
    """The LOWER hashes of every phrase's first word, and of its plural (a string's hash
    is the same in every vocabulary)."""
    return frozenset(hashed_phrases())


# A phrase as LOWER hashes: its words, the forms its last word may take (plurals), its
# key and whether it is weak.
HashedPhrase = tuple[tuple[int, ...], frozenset[int], str, bool]


@functools.lru_cache(maxsize=1)
def hashed_phrases() -> dict[int, list[tuple[str, list[HashedPhrase]]]]:
    """First word's hash (and its plurals') -> the groups with phrases starting so."""
    strings = StringStore()  # a string's hash is the same in every vocabulary
    out: dict[int, list[tuple[str, list[HashedPhrase]]]] = defaultdict(list)
    for word, groups in first_words().items():
        hashed_groups = []
        for group, entries in groups:
            hashed = [
                (
                    tuple(strings.add(w) for w in words),
                    frozenset(strings.add(words[-1] + end) for end in ("", "s", "es")),
                    key,
                    weak,
                )
                for words, key, weak in entries
            ]
            hashed_groups.append((group, hashed))
        for form in (word, word + "s", word + "es"):
            out[strings.add(form)].extend(hashed_groups)
    return dict(out)


@functools.lru_cache(maxsize=1)
def second_words() -> dict[int, frozenset[int] | None]:
    """First word's hash -> the hashes the second word of its phrases may have (any form of
    a two-word phrase's last word), or None when a phrase is that word alone: a token
    followed by none of them starts no phrase ("to" in "to date", not in "to the")."""
    out: dict[int, frozenset[int] | None] = {}
    for first, groups in hashed_phrases().items():
        seconds: set[int] = set()
        for _, entries in groups:
            for words, last_forms, _, _ in entries:
                if len(words) == 1:
                    break
                seconds |= last_forms if len(words) == 2 else {words[1]}
            else:
                continue
            break
        else:
            out[first] = frozenset(seconds)
            continue
        out[first] = None
    return out


_HYPHEN: Final = StringStore().add("-")
_OPEN: Final = StringStore().add("(")
_CLOSE: Final = StringStore().add(")")
# Words after a noun that start its post-modifier ("investment in manufacturing").
_PREPOSITIONS: Final = frozenset(StringStore().add(w) for w in ("in", "into", "of", "for", "on"))


class DocCues:
    """Every cue of every group in one document, for binary searches by position.

    The doc's tokens are read as arrays of LOWER hashes: the tokens that start a phrase
    are picked out by a set lookup, and only those are matched, hash by hash. A
    phrase's words are consecutive tokens, with hyphen tokens allowed between them
    ("year-on-year", "fixed-asset"); no phrase starts or ends inside a hyphenated
    compound ("foreign-invested", "profit-making")."""

    def __init__(self, doc: Doc, until: int | None = None) -> None:
        """``until``: no question is asked about the text after this offset (no figure
        comes after it), so no cue is looked for that starts there or later."""
        # The doc's text object: its lower-cased text is made once for every component.
        self.source: DocText = text_of(doc)
        self.text = text = self.source.text
        phrases = hashed_phrases()
        columns = doc.to_array([IDX, SPACY]).astype(numpy.int64, copy=False)
        lowers = doc.to_array([LOWER]).reshape(-1)
        starts = columns[:, 0]
        ends = numpy.append(starts[1:], len(text)) - columns[:, 1]
        self._lowers: list[int] = lowers.tolist()
        self._ends: list[int] = ends.tolist()
        starts_list: list[int] = starts.tolist()
        scanned = len(starts) if until is None else int(numpy.searchsorted(starts, until))
        firsts = first_word_hashes()
        candidates = [i for i, h in enumerate(self._lowers[:scanned]) if h in firsts]
        found: dict[str, list[Cue]] = {group: [] for group in table()}
        free = dict.fromkeys(found, 0)  # per group, the first token not inside a found cue
        seconds = second_words()
        lowers, n = self._lowers, len(self._lowers)
        for i in candidates:
            if i and lowers[i - 1] == _HYPHEN and not self._spaced(i - 1):
                continue
            following = seconds[lowers[i]]
            if following is not None:
                j = i + 1
                while j < n and lowers[j] == _HYPHEN:
                    j += 1
                if j < n and lowers[j] == _OPEN:
                    j = self._after_acronym(j)
                if j >= n or lowers[j] not in following:
                    continue
            for group, entries in phrases.get(self._lowers[i], ()):
                if i < free[group]:
                    continue
                matched = self._match(i, entries)
                if matched is not None:
                    first, (last, key, weak) = self._head(group, i, matched)
                    found[group].append(Cue(group, key, starts_list[first], self._ends[last], weak))
                    free[group] = last + 1
        self._cues = found
        self._starts = {group: [c.start for c in cues] for group, cues in found.items()}

    def _head(
        self, group: str, i: int, matched: tuple[int, str, bool]
    ) -> tuple[int, tuple[int, str, bool]]:
        """The phrase at token ``i``, or one that starts inside it and runs past its end:
        an English noun phrase's head is its last word, so "total investment capital" is
        "investment capital" (funding), not "total investment"."""
        last = matched[0]
        if group != INDICATOR or last == i:
            return i, matched
        phrases = hashed_phrases()
        for j in range(i + 1, last + 1):
            for other, entries in phrases.get(self._lowers[j], ()):
                if other == group:
                    longer = self._match(j, entries)
                    if longer is not None and longer[0] > last:
                        if j == last and self._premodified(j, matched[1], entries):
                            return i, matched
                        return j, longer
        return i, matched

    def _premodified(self, head: int, key: str, entries: list[HashedPhrase]) -> bool:
        """Whether the phrase ending at token ``head`` (of ``key``) keeps its indicator
        against a longer one that starts at ``head`` and runs on with a preposition: the
        head word is the same, so a word before it that gives it another indicator than
        its own beats the words after ("foreign investment in manufacturing" is foreign
        investment), and a word that does not ("total investment in fixed assets") yields."""
        after = head + 1
        if after >= len(self._lowers) or self._lowers[after] not in _PREPOSITIONS:
            return False
        word = self._lowers[head]
        own = [k for words, forms, k, _ in entries if len(words) == 1 and word in forms]
        return bool(own) and own[0] != key

    def _spaced(self, i: int) -> bool:
        """Whether white space follows token ``i``."""
        return (
            i + 1 < len(self._ends)
            and self._ends[i] < len(self.text)
            and (self.text[self._ends[i]].isspace())
        )

    def _match(self, i: int, entries: list[HashedPhrase]) -> tuple[int, str, bool] | None:
        """``(last token, key, weak)`` of the longest phrase of ``entries`` at token ``i``."""
        lowers, n = self._lowers, len(self._lowers)
        for words, last_forms, key, weak in entries:
            j = i
            for k in range(1, len(words)):
                j += 1
                while j < n and lowers[j] == _HYPHEN:
                    j += 1
                if j < n and lowers[j] == _OPEN:
                    j = self._after_acronym(j)
                if j >= n or (
                    lowers[j] != words[k] and not (k == len(words) - 1 and lowers[j] in last_forms)
                ):
                    break
            else:
                if len(words) == 1 and lowers[i] not in last_forms:
                    continue
                if j + 2 < n and lowers[j + 1] == _HYPHEN and not self._spaced(j):
                    continue  # "profit-making" is no profit
                return j, key, weak
        return None

    def _after_acronym(self, j: int) -> int:
        """The token after an acronym in parentheses at token ``j`` ("research and
        development (R&D) investment" is "research and development investment"), else ``j``."""
        lowers = self._lowers
        if j + 3 < len(lowers) and lowers[j] == _OPEN and lowers[j + 2] == _CLOSE:
            return j + 3
        return j

    def within(self, group: str, lo: int, hi: int) -> list[Cue]:
        """The cues of ``group`` inside ``[lo, hi)``, in order."""
        starts = self._starts.get(group, [])
        cues = self._cues.get(group, [])
        i, j = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
        return [c for c in cues[i:j] if c.end <= hi]

    def first(self, group: str, lo: int, hi: int) -> Cue | None:
        starts = self._starts.get(group, [])
        i = bisect.bisect_left(starts, lo)
        cues = self._cues.get(group, [])
        return cues[i] if i < len(cues) and cues[i].end <= hi else None

    def in_each(self, group: str, spans: list[tuple[int, int]]) -> list[bool]:
        """For each of the sorted, disjoint ``spans``, whether :meth:`first` finds a cue of
        ``group`` in it: one walk through the cues instead of a search per span."""
        starts, cues = self._starts.get(group, []), self._cues.get(group, [])
        out, i, n = [], 0, len(starts)
        for lo, hi in spans:
            while i < n and starts[i] < lo:
                i += 1
            out.append(i < n and cues[i].end <= hi)
        return out

    def last(self, group: str, lo: int, hi: int) -> Cue | None:
        found = self.within(group, lo, hi)
        return found[-1] if found else None
