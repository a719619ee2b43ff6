"""The currency table (``data/lexicon/currencies.tsv``) and what is built from it.

One row a currency form: its ISO code, its factor (cents are 0.01), when it needs
more than a number to be money, and its forms before and after the number. From the
rows come the pattern fragments money's patterns embed, the resolution of a matched
form to its code, the anchors (the words and signs every figure contains, which the
scan starts from) and the currency signs counts and years look for before a number.
Adding a currency is adding a row; :meth:`Currencies.from_rows` builds the same
things from any rows (a test adds one).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Final, Literal

from extractor.facts.scan import DocText

TABLE: Final = Path(__file__).resolve().parent / "data" / "lexicon" / "currencies.tsv"

Needs = Literal["-", "scale", "context", "glued"]
_NEEDS: Final = ("-", "scale", "context", "glued")


@dataclass(frozen=True)
class CurrencyRow:
    """One row of the table: forms of one currency at one factor."""

    code: str
    factor: Decimal
    needs: Needs
    before: tuple[str, ...]  # regex fragments, one a form
    after: tuple[str, ...]
    #: A pattern the lower-cased document must contain for the row to apply ("pakistan"
    #: makes "Rs" PKR); None: every document. A row with one comes before its fallback.
    where: str | None = None


def _split_forms(column: str) -> tuple[str, ...]:
    """``a|(?:b|c)d|e`` -> ``("a", "(?:b|c)d", "e")``: split at top-level bars."""
    if column == "-":
        return ()
    forms, depth, current = [], 0, ""
    for i, char in enumerate(column):
        escaped = i > 0 and column[i - 1] == "\\"
        if char == "(" and not escaped:
            depth += 1
        elif char == ")" and not escaped:
            depth -= 1
        if char == "|" and depth == 0:
            forms.append(current)
            current = ""
        else:
            current += char
    return (*forms, current)


def read_table(path: Path = TABLE) -> tuple[CurrencyRow, ...]:
    """The rows of a currency table file (``#`` starts a comment)."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        code, factor, needs, before, after, *rest = line.split("\t")
        if needs not in _NEEDS:
            raise ValueError(f"{path}:{number}: needs is one of {_NEEDS}, not {needs!r}")
        where = rest[0] if rest and rest[0] != "-" else None
        forms = (_split_forms(before), _split_forms(after))
        rows.append(CurrencyRow(code, Decimal(factor), needs, *forms, where))  # type: ignore[arg-type]
    return tuple(rows)


_CASE_GROUP: Final = re.compile(r"\(\?-i:([^()]*)\)")
_OPTIONAL_GROUP: Final = re.compile(r"\(\?:[^()]*\)\?")
_TRAILING_SIGNS: Final = re.compile(r"(?:\\\$|[^\x00-\x7f])+$")
_TRAILING_WORD: Final = re.compile(r"([A-Za-z]+?)(s\?)?$")
_TRAILING_DOT: Final = re.compile(r"\\\.\??$")  # "Rs\.?": the word before the dot anchors


def anchor_of(form: str) -> tuple[str, ...]:
    """The anchors of one form: its trailing signs, else its last word (both numbers
    of it when the form ends in ``s?``), lower-cased: ``(?:chinese\\s+)?yuan`` ->
    ``("yuan",)``, ``dollars?`` -> ``("dollar", "dollars")``, ``HK\\s?\\$`` -> ``("$",)``."""
    bare = _TRAILING_DOT.sub("", _OPTIONAL_GROUP.sub("", _CASE_GROUP.sub(r"\1", form)))
    signs = _TRAILING_SIGNS.search(bare)
    if signs is not None:
        return (signs.group().replace("\\$", "$"),)
    word = _TRAILING_WORD.search(bare)
    if word is None:
        raise ValueError(f"currency form {form!r} ends in neither a word nor a sign")
    stem = word.group(1).lower()
    return (stem, stem + "s") if word.group(2) else (stem,)


def _alternation(forms: Iterable[str]) -> str:
    """The forms as one alternation, each once ("Rs" is a form of three rows)."""
    return "(?:" + "|".join(dict.fromkeys(forms)) + ")"


class Currencies:
    """Everything money reads from a currency table."""

    def __init__(self, rows: Iterable[CurrencyRow]) -> None:
        self.rows = tuple(rows)
        free = [r for r in self.rows if r.needs != "scale"]
        scaled = [r for r in self.rows if r.needs == "scale"]
        self.prefix = _alternation(f for r in self.rows for f in r.before)
        self.suffix = _alternation(f for r in free for f in r.after)
        self.scaled_suffix = _alternation(f for r in scaled for f in r.after)
        self._prefix_res = [(re.compile(f, re.I), r) for r in self.rows for f in r.before]
        self._suffix_res = [(re.compile(f, re.I), r) for r in free for f in r.after]
        self._scaled_res = [(re.compile(f, re.I), r) for r in scaled for f in r.after]
        self.scaled_words = frozenset(a for r in scaled for f in r.after for a in anchor_of(f))
        anchors = {a for r in self.rows for f in (*r.before, *r.after) for a in anchor_of(f)}
        self.anchor_words = frozenset(a for a in anchors if a.isascii() and a.isalpha())
        self.anchor_signs = frozenset(anchors - self.anchor_words)
        #: Signs written before a number ("$", "€"): a number after one is money.
        self.prefix_signs = frozenset(
            a for r in self.rows for f in r.before for a in anchor_of(f) if a in self.anchor_signs
        )
        self.anchor_sign_re = _sign_pattern(self.anchor_signs)

    @classmethod
    def from_rows(cls, rows: Iterable[CurrencyRow]) -> Currencies:
        return cls(rows)

    def prefix_row(self, written: str, doc: DocText | None = None) -> CurrencyRow | None:
        """The row of a form written before a number (case matters: "CAD", not "cad"):
        the first whose ``where`` the document ``doc`` meets (no ``doc``: none has one)."""
        return self._first_row(self._prefix_res, written, doc)

    def suffix_row(
        self, written: str, *, scaled: bool = False, doc: DocText | None = None
    ) -> CurrencyRow | None:
        """The row of a form written after a number."""
        return self._first_row(self._scaled_res if scaled else self._suffix_res, written, doc)

    @staticmethod
    def _first_row(
        table: list[tuple[re.Pattern[str], CurrencyRow]], written: str, doc: DocText | None
    ) -> CurrencyRow | None:
        for pattern, row in table:
            if pattern.fullmatch(written) and (row.where is None or _names(doc, row.where)):
                return row
        return None

    @functools.cached_property
    def anchor_re(self) -> re.Pattern[str]:
        """Every anchor as one pattern over the lower-cased text (the plain form of
        :meth:`anchor_spans`, kept as its reference)."""
        words = sorted(self.anchor_words, key=lambda w: (-len(w), w))
        signs = sorted(self.anchor_signs, key=lambda s: (-len(s), s))
        return re.compile(
            r"(?<![a-z])(?:" + "|".join(words) + r")(?![a-z])|" + "|".join(map(re.escape, signs))
        )

    def anchor_spans(self, doc: DocText) -> list[tuple[int, int]]:
        """``(start, end)`` of every anchor in ``doc.lowered``, in order.

        An anchor word is a whole run of ``[a-z]``: which of them a text holds at all
        comes from its runs (a set intersection, no match object per word); only those
        few are then searched for, each a literal the regex engine skips to.
        """
        haystack = doc.lowered
        words = self.anchor_words.intersection(doc.runs)
        found = [m.span() for word in words for m in _word_re(word).finditer(haystack)]
        found += [m.span() for m in self.anchor_sign_re.finditer(haystack)]
        return sorted(found)


def _names(doc: DocText | None, where: str) -> bool:
    """Whether the document contains ``where`` (searched once a document)."""
    if doc is None:
        return False
    key = f"currency where {where}"
    if key not in doc.memo:
        doc.memo[key] = _where_re(where).search(doc.lowered) is not None
    return bool(doc.memo[key])


@functools.cache
def _where_re(where: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z])(?:{where})(?![a-z])")


@functools.cache
def _word_re(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z]){word}(?![a-z])")


def _sign_pattern(signs: Iterable[str]) -> re.Pattern[str]:
    """One character of a set first (the engine skips to it); a sign of two characters
    ("ரூ") is its first character followed by its second."""
    single = sorted(s for s in signs if len(s) == 1)
    multi = sorted(s for s in signs if len(s) > 1)
    firsts = sorted({s[0] for s in multi})
    if set(firsts) & set(single):  # pragma: no cover - a guard for future rows
        raise ValueError("a two-character sign starts with a one-character sign")
    tails = [f"(?<={re.escape(s[0])}){re.escape(s[1:])}" for s in multi]
    lone = "".join(f"(?<!{re.escape(f)})" for f in firsts)
    body = "[" + "".join(re.escape(c) for c in (*single, *firsts)) + "]"
    return re.compile(body + ("(?:" + "|".join([*tails, lone]) + ")" if multi else ""))


CURRENCIES: Final = Currencies(read_table())
