"""The cue-word tables of ``extractor/claims/data`` and the regexes built from them.

``indicators.tsv`` maps phrases to indicators ("industrial added value" -> added_value);
``cues.tsv`` holds the words that decide quantity, direction, status, thresholds and
figures without a year. Both are data: a reviewer adds a phrase without touching code.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
INDICATORS_FILE = DATA_DIR / "indicators.tsv"
CUES_FILE = DATA_DIR / "cues.tsv"


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


def phrase_pattern(phrase: str) -> str:
    """A phrase as a regex: whole words, any run of spaces or hyphens between them, and an
    optional plural ``s`` at the end of a word phrase."""
    words = re.split(r"[\s-]+", phrase)
    body = r"[\s-]+".join(re.escape(w) for w in words)
    plural = "(?:e?s)?" if words[-1][-1:].isalpha() else ""
    return rf"(?<![\w&-]){body}{plural}(?![\w&]|-\w)"


def _alternation(phrases: list[str]) -> str:
    # Longest first: at one position the regex engine takes the first branch that matches.
    return "|".join(phrase_pattern(p) for p in sorted(set(phrases), key=lambda p: (-len(p), p)))


@dataclass(frozen=True)
class Cue:
    """One cue found in the text: what it stands for and where it is."""

    key: str
    start: int
    end: int
    weak: bool = False


class IndicatorCues:
    """Finds the phrases of ``indicators.tsv`` in a stretch of text."""

    def __init__(self, rows: list[tuple[str, str, bool]]) -> None:
        self._indicator = {phrase: (key, weak) for key, phrase, weak in rows}
        names = {}
        branches = []
        for i, phrase in enumerate(sorted(self._indicator, key=lambda p: (-len(p), p))):
            names[f"c{i}"] = self._indicator[phrase]
            branches.append(f"(?P<c{i}>{phrase_pattern(phrase)})")
        self._names = names
        self._re = re.compile("|".join(branches), re.IGNORECASE)

    def find(self, text: str, start: int, end: int) -> list[Cue]:
        found = []
        for m in self._re.finditer(text, start, end):
            assert m.lastgroup is not None
            key, weak = self._names[m.lastgroup]
            found.append(Cue(key, m.start(), m.end(), weak))
        return found


class WordCues:
    """Finds the phrases of one group of ``cues.tsv`` (``change``, ``target``, ...)."""

    def __init__(self, phrases: list[str]) -> None:
        self._re = re.compile(_alternation(phrases), re.IGNORECASE)

    def search(self, text: str, start: int, end: int) -> re.Match[str] | None:
        return self._re.search(text, start, max(start, end))

    def finditer(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        return self._re.finditer(text, start, max(start, end))

    def last(self, text: str, start: int, end: int) -> re.Match[str] | None:
        found = None
        for found in self._re.finditer(text, start, max(start, end)):  # noqa: B007
            pass
        return found

    def ends_before(self, text: str, start: int, end: int) -> bool:
        """Whether a cue ends at ``end`` (only spaces between): "accounting for| 64.2 percent"."""
        m = self.last(text, start, end)
        return m is not None and not text[m.end() : end].strip()


@functools.lru_cache(maxsize=1)
def indicator_cues() -> IndicatorCues:
    return IndicatorCues(_rows(INDICATORS_FILE))


@functools.lru_cache(maxsize=1)
def word_cues() -> dict[str, WordCues]:
    groups: dict[str, list[str]] = defaultdict(list)
    for key, phrase, _ in _rows(CUES_FILE):
        groups[key].append(phrase)
    return {key: WordCues(phrases) for key, phrases in groups.items()}
