"""Money facts: an amount, its ISO 4217 currency, bounds and conversions.

What is read (case-insensitive unless noted), always a number *with* a stated
currency; an amount with no currency is not money ("7.2 billion was invested"
gives nothing), and a misspelt scale word is never guessed ("3.1 bilion yuan"
gives nothing):

- prefix forms: ``$15.44 billion``, ``$ 48.5 billion`` (space after the sign),
  ``US$3.12 billion``, ``HK$1.3 billion``, ``RMB 3.5 million``, ``RMB3.5m``,
  ``¥500 million``, ``€3.4m``, ``£ 8.10 million``, ``USD 200``, ``RM18bil``
  (ringgit), ``Rs347 billion`` (rupees: which ones, the text's country says);
- suffix forms: ``100 billion yuan``, ``17.9 billion USD``, ``450 million U.S.
  dollars``, ``75 mln euros``, ``3 bln USD``, ``600 USD mln``, ``600-billion-yuan``, ``100元``;
- word numbers (``two billion yuan``, ``half a billion dollars``) and Penn
  Treebank spacing (``1 . 6 billion yuan``), through :mod:`.numbers`;
- minor units: ``50 cents`` is 0.50 USD, ``470 pence`` 4.70 GBP, and
  ``3 dollars 50 cents`` / ``thirteen dollars forty-five`` one amount;
- qualifiers (``about``, ``nearly``, ``more than``, ``up to`` ...), ranges
  (``between 2 and 3 billion yuan``, ``2-3 billion yuan``, ``$2-3 billion``; but
  ``CNY6 billion to CNY7 billion``, whole figures at both ends, is two figures),
  lists sharing one currency (``19 billion and 18.48 billion yuan`` is two figures) and
  vague sizes (``tens of billions of yuan``, ``hundreds of millions of dollars``,
  ``a multi-billion dollar zone``).

Conventions (see the README section "Money and percentages"):

- A bare ``$`` (and bare "dollars") is USD: in China development-zone news a
  dollar figure is a US-dollar conversion. ``¥`` is CNY (``JP¥`` is JPY).
- Bare "pounds" is a weight unless British money is written in the document ("£",
  "GBP", "sterling", "British pounds") or a money word (``money-context.txt``) is
  near it: "paid 300 pounds" is GBP, "weighs 243 pounds" nothing.
- Currencies, their forms and what they need come from
  ``data/lexicon/currencies.tsv`` (:mod:`.currencies`); a figure beyond 10^18 keeps
  its text and currency but no amount (see :data:`.scan.MAX_MAGNITUDE`).
- ``amount`` is the stated figure, fully scaled; it is null only for ranges
  and vague sizes. ``low``/``high`` are the bounds the text states or implies:
  "more than / over / at least X" gives low X, "up to / less than / under X"
  gives high X, "nearly / almost X" gives high X, "about / around X" gives no
  bound; a range gives both (amount null); "tens of billions" gives low 1e10,
  high 1e11.
- The qualifier words are inside the fact's text ("more than $5 million"), so
  the text shows what the qualifier refers to; ``qualifier`` holds them in
  lower case with single spaces.
- ``equivalent_of``: a figure in another currency in parentheses right after an
  amount ("100 billion yuan ($15.44 billion)"), or after ", or about" / ",
  about", restates it and gets the index, in the final money list, of that
  amount.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Final

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.facts.base import ensure_extension, set_fact_spans, text_of
from extractor.facts.currencies import CURRENCIES, Currencies, CurrencyRow
from extractor.facts.lexicon import MINOR_NUMBER_PATTERN, MONEY_CONTEXT
from extractor.facts.numbers import (
    APPROXIMATE_QUALIFIERS,
    FORMAT_CHARACTERS,
    NUMBER_PATTERN,
    QUALIFIER_PATTERN,
    normalize_qualifier,
    parse_number,
    parse_scale,
    qualifier_bounds,
)
from extractor.facts.scan import (
    MAX_FACTS_PER_KIND,
    DocText,
    Scanner,
    as_doc_text,
    keep_first,
    scan_windows,
    token_spans,
    too_large,
    warn_capped,
    windows,
)

log = logging.getLogger(__name__)

KIND = "money"


@dataclass(frozen=True)
class MoneyValue:
    """The value of one money fact (the record's Money fields minus the span ones)."""

    amount: Decimal | None
    currency: str
    low: Decimal | None = None
    high: Decimal | None = None
    qualifier: str | None = None
    equivalent_of: int | None = None


_QUALIFIER: Final = rf"(?:(?P<qual>{QUALIFIER_PATTERN})\s+)"

# --- patterns -----------------------------------------------------------------
_NUM: Final = NUMBER_PATTERN
# "75 USD million", "600 USD mln": a scale after an upper-case code.
_LONG_SCALE_WORD: Final = r"(?:thousand|million|billion|trillion|mln|bln|mn|bn|trn|tn)(?![A-Za-z])"
_CODE_RE: Final = re.compile(r"M?[A-Z]{3}")
# A number must not start inside a word or a longer number ("A380", "2021-09").
_START: Final = rf"(?<![\w.,%=/&?#+{FORMAT_CHARACTERS}])(?<!\d-)"
_END: Final = rf"(?![A-Za-z\d]|[.,{FORMAT_CHARACTERS}]\d)"
# After a prefix amount: never a misspelt scale word ("$3.1 bilion").
_NO_SCALE_TYPO: Final = r"(?![\s-]*[a-z]*(?:il+i?on|lion)\b)"
# "3 dollars 50 cents", "thirteen dollars and forty-five", "one kuai and five mao five".
_MINOR_NUM: Final = MINOR_NUMBER_PATTERN
_MINOR_TAIL: Final = (
    rf"(?P<tail>\s+(?:and\s+)?(?P<minor>{_MINOR_NUM})"
    rf"(?:\s*(?P<minor_unit>cents?|mao|jiao)(?:\s+(?P<fen>{_MINOR_NUM})(?:\s*fen)?)?"
    rf"|(?=\s*(?:[.,;!?](?!\d)|and\b|$))))?"
)


# Every path through the patterns below starts after a non-letter (a qualifier, a
# currency and a number each check it) or, in ranges, at "between". Said once up front,
# it lets the regex engine drop a position inside a word at the first check instead of
# trying the alternations there (same matches, up to twice as fast).
AT_WORD_START: Final = r"(?<![A-Za-z])"
AT_WORD_START_OR_BETWEEN: Final = r"(?:(?<![A-Za-z])|(?=between))"

_VAGUE_SCALE_WORDS: Final = frozenset(
    {"thousands", "millions", "billions", "trillions", "multi"}
    | {f"multi{scale}" for scale in ("thousand", "million", "billion", "trillion")}
)


class MoneyPatterns:
    """Money's patterns over the forms of a currency table."""

    def __init__(self, cur: Currencies) -> None:
        self.currencies = cur
        prefix, suffix = cur.prefix, cur.suffix
        self.single_prefix = Scanner(
            rf"{AT_WORD_START}{_QUALIFIER}?(?<![A-Za-z])(?P<cur>{prefix})\s?(?P<num>{_NUM}){_END}"
            rf"{_NO_SCALE_TYPO}{_MINOR_TAIL}",
        )
        self.single_suffix = Scanner(
            rf"{AT_WORD_START}{_QUALIFIER}?{_START}(?P<num>{_NUM})(?:\s*-\s*|\s*)(?P<cur>{suffix})"
            rf"(?:\s+(?P<post>{_LONG_SCALE_WORD}))?(?![A-Za-z\d]){_MINOR_TAIL}",
        )
        self.scaled_suffix = Scanner(
            rf"{AT_WORD_START}{_QUALIFIER}?{_START}(?P<num>{_NUM})[\s-]+"
            rf"(?P<cur>{cur.scaled_suffix}){_END}",
        )
        self.range = Scanner(
            rf"{AT_WORD_START_OR_BETWEEN}{_QUALIFIER}?(?:(?P<between>between)\s+)?"
            rf"(?:(?<![A-Za-z])(?P<cur1>{prefix})\s?|{_START})(?P<lo>{_NUM})"
            rf"\s*(?P<sep>-|–|—|\bto\b|\band\b)\s*"
            rf"(?:(?P<cur2>{prefix})\s?)?(?P<hi>{_NUM})"
            rf"(?:(?:\s*-\s*|\s*)(?P<cur3>{suffix}))?{_END}",
        )
        self.vague = Scanner(
            rf"{AT_WORD_START}{_QUALIFIER}?(?<![A-Za-z])(?:(?P<mult>tens|hundreds|thousands)\s+of\s+)?"
            rf"(?:(?P<scale>thousands|millions|billions|trillions)\s+(?:of\s+)?"
            rf"|(?P<multi>multi-?(?:thousand|million|billion|trillion))[\s-]+)(?P<cur>{suffix}){_END}",
        )


@functools.lru_cache(maxsize=4)
def patterns_for(cur: Currencies) -> MoneyPatterns:
    """The patterns of a currency table, built once (compiled on first use)."""
    return MoneyPatterns(cur)


# How far a figure reaches from its currency: back over a qualifier and a long
# range ("between two hundred and fifty million and three hundred million
# yuan"), forward over a number and a cents tail ("$ one hundred and
# twenty-five thousand", "thirteen dollars and forty-five cents").
_BEFORE: Final = 100
_AFTER: Final = 80
_VAGUE_FACTORS: Final = {"tens": Decimal(10), "hundreds": Decimal(100), "thousands": Decimal(1000)}

# The text between an amount and its restatement in another currency.
_PAREN_GAP_RE: Final = re.compile(r"\s*\(\s*")
_ABOUT_GAP_RE: Final = re.compile(r"\s*,?\s*(?:or\s+)?")


def _read(
    cur: Currencies, doc: DocText, written: str, *, prefix: bool = False, scaled: bool = False
) -> CurrencyRow | None:
    """The table row of a currency as written (case matters: "CAD", not "cad"; a row with a
    ``where`` applies only in a document that names its country)."""
    if prefix:
        return cur.prefix_row(written, doc)
    return cur.suffix_row(written, scaled=scaled, doc=doc)


def _glued_misread(row: CurrencyRow, match: re.Match[str], group: str, *numbers: str) -> bool:
    """Whether a "glued" form ("RM") is apart from its number with none of ``numbers``
    scaled: "RM 1201" is a room, "RM 5 million" and "RM12" are ringgit."""
    if row.needs != "glued":
        return False
    spaced = match.string[match.end(group) : match.end(group) + 1].isspace()
    return spaced and not any(_has_scale(n) for n in numbers)


def _original(match: re.Match[str], text: str, group: str) -> str:
    """A group's text as written (matches run over the lower-cased text)."""
    return text[match.start(group) : match.end(group)]


def _has_scale(number_text: str) -> bool:
    return any(
        parse_scale(w) is not None
        for w in re.split(r"[\s-]+|(?<=\d)(?=[a-z])", number_text.lower())
    )


def _qualifier(match: re.Match[str]) -> str | None:
    return normalize_qualifier(match.group("qual"))


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    value: MoneyValue
    needs_context: bool = False
    #: Where the number of a figure whose currency follows it starts and ends, and the
    #: currency's factor: a scaled amount just before a scaled one, joined by "and" / "or" /
    #: a comma, shares its currency ("19 billion and 18.48 billion yuan").
    shares: tuple[int, int, Decimal] | None = None


def _minor_amount(match: re.Match[str]) -> Decimal | None:
    """The cents of "3 dollars 50 cents" / "one kuai and five mao five" (in major units)."""
    minor = parse_number(match.group("minor"))
    if minor is None or minor >= 100:
        return None
    unit = (match.group("minor_unit") or "").lower()
    if unit in {"mao", "jiao"}:
        fen = parse_number(match.group("fen")) if match.group("fen") else Decimal(0)
        if minor >= 10 or fen is None or fen >= 10:
            return None
        return minor / 10 + fen / 100
    return minor / 100


# "000 yuan" is the end of "2 000 yuan" (thousands grouped by a space, or by a zero-width
# space the cleaner turned into one), never an amount of its own.
_LEADING_ZERO: Final = re.compile(r"0\d")


def _single(
    cur: Currencies, doc: DocText, match: re.Match[str], text: str, *, prefix: bool
) -> _Found | None:
    number_text = match.group("num")
    number = parse_number(number_text)
    if number is None or _LEADING_ZERO.match(number_text):
        return None
    written = _original(match, text, "cur")
    row = _read(cur, doc, written, prefix=prefix)
    if row is None or (prefix and _glued_misread(row, match, "cur", number_text)):
        return None
    currency, factor = row.code, row.factor
    amount = number * factor
    end = match.end()
    post = match.groupdict().get("post")
    if post:
        if _CODE_RE.fullmatch(written):
            scale = parse_scale(post)
            assert scale is not None
            amount *= scale
            number_text += " " + post  # scaled: no minor tail
        else:
            return None  # "5 yuan million" is not a way to write money
    if match.group("tail"):
        minor = _minor_amount(match)
        integral = number == number.to_integral_value() and not _has_scale(number_text)
        if minor is not None and integral and factor == 1:
            amount += minor
        else:
            end = match.start("tail")
    qualifier = _qualifier(match)
    low, high = qualifier_bounds(qualifier, amount)
    value = MoneyValue(amount, currency, low, high, qualifier)
    shares = None if prefix else (*match.span("num"), factor)
    return _Found(match.start(), end, value, row.needs == "context", shares)


def _scaled(cur: Currencies, doc: DocText, match: re.Match[str], text: str) -> _Found | None:
    number_text = match.group("num")
    number = parse_number(number_text)
    if number is None or not _has_scale(number_text) or _LEADING_ZERO.match(number_text):
        return None
    row = _read(cur, doc, _original(match, text, "cur"), scaled=True)
    if row is None:
        return None
    amount = number * row.factor
    qualifier = _qualifier(match)
    low, high = qualifier_bounds(qualifier, amount)
    value = MoneyValue(amount, row.code, low, high, qualifier)
    return _Found(match.start(), match.end(), value, shares=(*match.span("num"), row.factor))


def _range(cur: Currencies, doc: DocText, match: re.Match[str], text: str) -> _Found | None:
    sep = match.group("sep").lower()
    if (sep == "and") != bool(match.group("between")):
        return None  # "and" joins a range only after "between"
    if sep == "to" and re.search(
        r"\bfrom\s+$", match.string[max(0, match.start() - 8) : match.start()], re.I
    ):
        return None  # "rose from 2 to 3 billion yuan" is a change, not a range
    lo_text, hi_text = match.group("lo"), match.group("hi")
    both_ends = match.group("cur1") and (match.group("cur2") or match.group("cur3"))
    if both_ends and (_has_scale(lo_text) or not _has_scale(hi_text)):
        return None  # "CNY6 billion to CNY7 billion": two figures, each read alone
    currencies: set[str | None] = set()
    for group in ("cur1", "cur2"):
        if match.group(group):
            row = _read(cur, doc, _original(match, text, group), prefix=True)
            if row is not None and _glued_misread(row, match, group, lo_text, hi_text):
                return None
            currencies.add(None if row is None else row.code)
    factor, needs_context = Decimal(1), False
    if match.group("cur3"):
        row = _read(cur, doc, _original(match, text, "cur3"))
        if row is None:
            return None
        factor, needs_context = row.factor, row.needs == "context"
        currencies.add(row.code)
    if len(currencies) != 1 or None in currencies:
        return None  # no currency, two different ones, or a look-alike ("cad")
    lo, hi = parse_number(lo_text), parse_number(hi_text)
    if lo is None or hi is None or _LEADING_ZERO.match(lo_text):
        return None
    if not _has_scale(lo_text) and _has_scale(hi_text):
        # "2-3 billion": the low end shares the high end's scale
        hi_number = parse_number(
            re.split(r"[\s-]|(?<=\d)(?=[a-z])", hi_text.strip(), maxsplit=1)[0]
        )
        if hi_number:
            lo = lo * (hi / hi_number)
    lo, hi = lo * factor, hi * factor
    if lo >= hi:
        return None  # "5-3" is not a range (a score, a date)
    qualifier = _qualifier(match) or ("between" if match.group("between") else None)
    currency = currencies.pop()
    assert currency is not None
    value = MoneyValue(None, currency, lo, hi, qualifier)
    return _Found(match.start(), match.end(), value, needs_context)


def _vague(cur: Currencies, doc: DocText, match: re.Match[str], text: str) -> _Found | None:
    mult, multi = match.group("mult"), match.group("multi")
    if mult and multi:
        return None  # "tens of multi-billion dollars" is no size anyone writes
    # "multi-billion": more than one of the scale, bounded like "billions"
    scale_word = multi.lower().removeprefix("multi").lstrip("-") if multi else match.group("scale")
    scale = parse_scale(scale_word)
    assert scale is not None
    row = _read(cur, doc, _original(match, text, "cur"))
    if row is None:
        return None
    currency, factor, needs_context = row.code, row.factor, row.needs == "context"
    low = scale * (_VAGUE_FACTORS[mult.lower()] if mult else Decimal(1)) * factor
    # the next order of magnitude: tens -> hundreds, bare "billions" -> a thousand times
    high = low * (10 if mult else 1000)
    qualifier = _qualifier(match)
    value = MoneyValue(None, currency, low, high, qualifier)
    return _Found(match.start(), match.end(), value, needs_context)


def find_money(
    text: str | DocText, currencies: Currencies = CURRENCIES
) -> list[tuple[int, int, MoneyValue]]:
    """Every money figure in ``text``: ``(start, end, value)``, sorted, non-overlapping.

    On overlap the earlier, then longer, figure wins (a range over its parts, a
    qualified amount over the bare one). ``equivalent_of`` indexes this list.
    ``currencies`` is the table read (``data/lexicon/currencies.tsv`` unless a test gives another).
    """
    doc = as_doc_text(text)
    spans = windows(doc, currencies.anchor_spans, before=_BEFORE, after=_AFTER)
    if not spans:
        return []
    found: list[_Found] = []
    cutoffs: list[int | None] = []
    for scanner, read in _readers(doc, currencies):
        figures, cutoff = scan_windows(scanner, doc, spans, read)
        found += [f for f in figures if not f.needs_context or _money_nearby(doc, f)]
        cutoffs.append(cutoff)
    kept = _with_shared_currency(doc, keep_first(doc, found, cutoffs, KIND))
    return _link_equivalents(doc.text, [_bounded(doc, f) for f in kept])


# A scaled amount right before another, joined by "and" / "or" / a comma, whose currency it
# shares: "19 billion" of "19 billion and 18.48 billion yuan". Searched backwards from the
# second number, over a stretch of text that ends at it (so ``\Z`` is that number's start).
_SHARED_GAP_END: Final = (",", " and", " or")
_SHARED_REACH: Final = 60
# Prose lists a handful of amounts before one currency word; a longer chain is no list
# anyone writes, and bounding it keeps "1 billion, " repeated from giving a fact per item.
_MAX_SHARED: Final = 12
_SHARED_SOURCE: Final = (
    rf"(?<![^\s(])(?P<num>{_NUM})(?:\s*,\s*(?P<serial>and\s+|or\s+)?|\s+(?:and|or)\s+)\Z"
)


@functools.cache
def _shared_re() -> re.Pattern[str]:
    """Compiled on first use, not at import (it costs milliseconds; few texts need it)."""
    return re.compile(_SHARED_SOURCE, re.I)


def _with_shared_currency(doc: DocText, kept: list[_Found]) -> list[_Found]:
    """``kept`` and the scaled amounts that share a later figure's currency ("19 billion"
    of "19 billion and 18.48 billion yuan", each of "4 billion, 2.5 billion and 700
    million yuan", also "4 billion, 2.5 billion, and 700 million yuan"). Both numbers need
    a scale word, so "19 and 20 billion yuan" (19 what?) and "5 billion people and 18
    billion yuan" give no more figures; a comma and "and" join a list of three or more
    only, so neither does "a market of 1.4 billion, and 18 billion yuan" (two clauses)."""
    text = doc.text
    out: list[_Found] = []
    for f in kept:
        shared: list[_Found] = []
        shares = f.shares
        floor = out[-1].end if out else 0
        serial = False  # whether the amount right before joins by a comma and "and" / "or"
        while shares is not None and len(shared) < _MAX_SHARED:
            start, end, factor = shares
            if not text[max(floor, start - 6) : start].rstrip().endswith(_SHARED_GAP_END):
                break  # the cheap test first: no joining word or comma, no shared figure
            if not _has_scale(text[start:end]):
                break
            m = _shared_re().search(text, max(floor, start - _SHARED_REACH), start)
            number = parse_number(m.group("num")) if m and _has_scale(m.group("num")) else None
            if m is None or number is None or _LEADING_ZERO.match(m.group("num")):
                break
            value = MoneyValue(number * factor, f.value.currency)
            shared.append(_Found(m.start(), m.end("num"), value, f.needs_context))
            shares = (m.start(), m.end("num"), factor)
            serial = serial if len(shared) > 1 else m.group("serial") is not None
        if serial and len(shared) == 1:
            shared = []  # "1.4 billion, and 18 billion yuan": two clauses, no list
        out += [*reversed(shared), f]
    if len(out) > MAX_FACTS_PER_KIND:
        warn_capped(doc, KIND)
        del out[MAX_FACTS_PER_KIND:]
    return out


# How far money words are looked for around a figure whose currency word is also a
# weight ("243 pounds", "5,200 pounds of water vapor" are weights).
_CONTEXT_BEFORE: Final = 80
_CONTEXT_AFTER: Final = 40
_WORD_RE: Final = re.compile(r"[a-z]+")
_BRITISH_POUND_RE: Final = re.compile(r"£|(?<![a-z])(?:gbp|sterling|british\s+pounds?)(?![a-z])")


def _money_nearby(doc: DocText, found: _Found) -> bool:
    """Whether a figure in "pounds" is money: the document writes British money
    elsewhere ("£", "GBP", "sterling", "British pounds"), or a money word
    (``data/lexicon/money-context.txt``) is near it."""
    if "british money" not in doc.memo:
        doc.memo["british money"] = _BRITISH_POUND_RE.search(doc.lowered) is not None
    if doc.memo["british money"]:
        return True
    near = doc.lowered[max(0, found.start - _CONTEXT_BEFORE) : found.end + _CONTEXT_AFTER]
    return not MONEY_CONTEXT.isdisjoint(_WORD_RE.findall(near))


def _bounded(doc: DocText, found: _Found) -> _Found:
    """The figure without its amount and bounds when one is beyond the sane range."""
    value = found.value
    if not too_large(doc, KIND, value.amount, value.low, value.high):
        return found
    return replace(found, value=replace(value, amount=None, low=None, high=None))


def _readers(
    doc: DocText, cur: Currencies
) -> list[tuple[Scanner, Callable[[re.Match[str], str], _Found | None]]]:
    """The patterns worth running over ``doc``, each with the function reading its matches.

    A vague size needs a plural scale word ("billions") or "multi", a currency read only after a
    scale its own word ("won"): whole runs of letters, so a lower-cased text without
    them cannot give those figures and their patterns are not run.
    """
    runs = doc.runs if len(doc.lower) == len(doc.text) else None
    patterns = patterns_for(cur)
    readers: list[tuple[Scanner, Callable[[re.Match[str], str], _Found | None]]] = [
        (patterns.single_prefix, functools.partial(_single, cur, doc, prefix=True)),
        (patterns.single_suffix, functools.partial(_single, cur, doc, prefix=False)),
    ]
    if runs is None or not cur.scaled_words.isdisjoint(runs):
        readers.append((patterns.scaled_suffix, functools.partial(_scaled, cur, doc)))
    readers.append((patterns.range, functools.partial(_range, cur, doc)))
    if runs is None or not _VAGUE_SCALE_WORDS.isdisjoint(runs):
        readers.append((patterns.vague, functools.partial(_vague, cur, doc)))
    return readers


def _link_equivalents(text: str, kept: list[_Found]) -> list[tuple[int, int, MoneyValue]]:
    out: list[tuple[int, int, MoneyValue]] = []
    for i, f in enumerate(kept):
        value = f.value
        if i and kept[i - 1].value.currency != value.currency and f.start - kept[i - 1].end < 20:
            gap = text[kept[i - 1].end : f.start]
            restates = _PAREN_GAP_RE.fullmatch(gap) or (
                value.qualifier in APPROXIMATE_QUALIFIERS and _ABOUT_GAP_RE.fullmatch(gap)
            )
            if restates:
                value = replace(value, equivalent_of=i - 1)
        out.append((f.start, f.end, value))
    return out


class MoneyRecognizer:
    """The ``edz_money`` component: stores money spans in ``doc.spans["edz_money"]``."""

    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extension(KIND)

    def __call__(self, doc: Doc) -> Doc:
        found = find_money(text_of(doc))
        spans = token_spans(doc, found)
        if len(spans) != len(found):  # pragma: no cover - a figure had no token span
            spans = _reindex(spans, [(s, e) for s, e, _ in found])
        set_fact_spans(doc, KIND, spans)
        return doc


def _reindex(
    spans: list[tuple[Span, MoneyValue]], found: list[tuple[int, int]]
) -> list[tuple[Span, MoneyValue]]:
    """Keep ``equivalent_of`` pointing at the right figure after some were dropped."""
    new_index = {
        found.index((span.start_char, span.end_char)): i for i, (span, _) in enumerate(spans)
    }
    out = []
    for span, value in spans:
        if value.equivalent_of is not None:
            value = replace(value, equivalent_of=new_index.get(value.equivalent_of))
        out.append((span, value))
    return out


@Language.factory("edz_money")
def make_money(nlp: Language, name: str) -> MoneyRecognizer:
    return MoneyRecognizer(nlp, name)
