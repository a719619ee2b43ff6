"""Faster forms of patterns and helpers give exactly what the plain forms give.

Each speed-up (see git log) replaced a simple form by a faster one; the simple form is
kept here as the reference and both run over generated text made of the characters the
patterns care about.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.clean import classes
from extractor.clean.lines import squash
from extractor.facts import money, percentages, years
from extractor.facts.counts import _NUMBER_SCAN, _number_spans
from extractor.facts.currencies import CURRENCIES
from extractor.facts.entities import tokens
from extractor.facts.entities.lexicon import NEVER_NAMES, TITLES, is_capword_text
from extractor.facts.numbers import FORMAT_CHARACTERS, NUMBER_RE
from extractor.facts.scan import URL_RE, DocText, url_ranges

# years._CHAIN as first written: the lookbehinds before the first digit.
_CHAIN_REFERENCE = re.compile(
    rf"(?:(?<=\bFY)|(?<![\w{FORMAT_CHARACTERS}]))(?<!\d[-–—/.,:])"
    r"\d+(?:[-–—/.]\d+)*"
    rf"(?![\w%])(?![.,{FORMAT_CHARACTERS}]\d)(?![-–—/]\d)"
)
# percentages._ANCHOR_RE as first written.
_PERCENT_ANCHOR_REFERENCE = re.compile(
    r"%|per\s?cent|pct|(?<![a-z])(?:basis|bps?|p\.?p\.?)(?![a-z])"
)
_WS_REFERENCE = re.compile(r"[\s\u00a0\u2000-\u200b\u3000\ufeff]+")

_YEAR_PIECES = st.sampled_from(
    [
        "2020",
        "25",
        "1",
        "٢٠٢٠",
        "FY",
        "fy",
        "A",
        "s",
        " ",
        "-",
        "–",
        "/",
        ".",
        ",",
        ":",
        "%",
        "备",
        "\u200d",
    ]
)
_PERCENT_PIECES = st.sampled_from(
    ["per", "cent", " ", "pct", "p", ".", "b", "basis", "bps", "a", "%", "x", "5"]
)
_MONEY_PIECES = st.sampled_from(
    ["usd", "USD", "yuan", "s", "dollar", "dollars", "M", "eur", "o", " ", "$", "元", "ரூ", "-",
     "5", "x", "won", "İ", "cents", "rmb", "ர", "ூ", "try"]
)  # fmt: skip
_NUMBER_PIECES = st.sampled_from(
    ["1,500", "3.5", "20", "one", "Two", "hundred", "Million", "bn", "k", "a", "an", "-", " ", ".",
     ",", "x", "İ", "and", "thousand", "dozen", "half", "quarter", "twenty", "s", "٣", "\n"]
)  # fmt: skip
_SPACE_PIECES = st.sampled_from(
    ["a", "b c", " ", "\n", "\t", "\u00a0", "\u2003", "\u200b", "\u3000", "\ufeff",
     "\x1c", "\u2028"]
)  # fmt: skip


_WORD_PIECES = st.sampled_from(
    ["A", "a", "b", "Z", "'", "&", ".", "\u2019", "-", "1", "中", "ǅ", "É", "é", "Mr.", "I", "_",
     "Mr", "CEO"]
)  # fmt: skip


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _reference_is_capword_text(text: str) -> bool:
    """lexicon.is_capword_text as first written: every character looked at."""
    if text in NEVER_NAMES or not text[0].isalnum():
        return False
    if text[0].isupper():
        return all(c.isalnum() or c in "'&.\u2019" for c in text)
    return text.isalpha() and any(c.isupper() for c in text[1:])


@settings(max_examples=500, deadline=None)
@given(st.lists(_WORD_PIECES, min_size=1, max_size=6).map("".join))
def test_capword_test_matches_the_reference(word: str) -> None:
    assert is_capword_text(word) == _reference_is_capword_text(word)


@settings(max_examples=500, deadline=None)
@given(st.lists(_WORD_PIECES, min_size=1, max_size=6).map("".join))
def test_word_kinds_are_capword_title_or_plain(word: str) -> None:
    kinds = tokens.WordKinds()
    expected = (
        tokens.CAPWORD
        if is_capword_text(word)
        else tokens.TITLE
        if word in TITLES
        else tokens.PLAIN
    )
    assert kinds[word] == expected
    assert kinds[word] == expected  # and the same once known


def test_capword_examples() -> None:
    assert is_capword_text("O'Neill") and is_capword_text("iFlytek") and is_capword_text("AT&T")
    assert not is_capword_text("economy") and not is_capword_text("Mr.")


def test_lower_text_is_the_lower_cased_text_of_each_text() -> None:
    first = DocText("Binhai New Area")
    assert first.lower == first.lowered == "binhai new area"
    odd = DocText("".join(["İ", "X"]))
    assert odd.lower == "İX".lower() and odd.lowered == "İX"  # lower-casing changed the length


def test_year_chain_examples() -> None:
    text = "FY2019, 2021-25, A2020, 1,999, 010-2020, 2020.5, 2020s, 2020%, (2019/20) 2022-05-10"
    assert _spans(years._CHAIN, text) == _spans(_CHAIN_REFERENCE, text)
    assert [text[s:e] for s, e in _spans(years._CHAIN, text)][:2] == ["2019", "2021-25"]


@settings(max_examples=300, deadline=None)
@given(st.lists(_YEAR_PIECES, max_size=12).map("".join))
def test_year_chain_matches_the_reference(text: str) -> None:
    assert _spans(years._CHAIN, text) == _spans(_CHAIN_REFERENCE, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PERCENT_PIECES, max_size=12).map("".join))
def test_percent_anchor_matches_the_reference(text: str) -> None:
    assert _spans(percentages._ANCHOR_RE, text) == _spans(_PERCENT_ANCHOR_REFERENCE, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MONEY_PIECES, max_size=10).map("".join))
def test_money_anchor_spans_match_the_pattern(text: str) -> None:
    doc = DocText(text)
    anchors = CURRENCIES.anchor_re
    assert CURRENCIES.anchor_spans(doc) == _spans(anchors, doc.lowered)
    assert CURRENCIES.anchor_spans(DocText(text.lower())) == _spans(anchors, text.lower())


_MONEY_TEXT_PIECES = st.sampled_from(
    ["between", "more than", "about", "$", "us$", "rmb", "5", "1,500", "3.5", "two", "billion",
     "million", "yuan", "dollars", "usd", "-", " to ", " and ", "tens of", "billions", "of",
     "won", "x", " ", "cents", "a"]
)  # fmt: skip
_GUARDED = {
    "single_prefix": money.AT_WORD_START,
    "single_suffix": money.AT_WORD_START,
    "scaled_suffix": money.AT_WORD_START,
    "vague": money.AT_WORD_START,
    "range": money.AT_WORD_START_OR_BETWEEN,
}


@settings(max_examples=500, deadline=None)
@given(st.lists(_MONEY_TEXT_PIECES, max_size=10).map("".join))
def test_money_patterns_match_without_their_word_start_guard(text: str) -> None:
    haystack = text.lower()
    for name, guard in _GUARDED.items():
        scanner = getattr(money.patterns_for(CURRENCIES), name)
        assert scanner.source.startswith(guard.lower())
        unguarded = re.compile(scanner.source.removeprefix(guard.lower()))
        assert _spans(scanner.lower, haystack) == _spans(unguarded, haystack), name


_URL_PIECES = st.sampled_from(
    ["://", "www.", "w", ".", ":", "/", "%", "2", "f", "G", "a", " ", "\n", "\u00a0", "\u3000"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_URL_PIECES, max_size=14).map("".join))
def test_url_ranges_match_the_pattern(text: str) -> None:
    assert url_ranges(text) == _spans(URL_RE, text)


def test_url_ranges_examples() -> None:
    text = "see https://a.cn/x?q=1 or www.b.com, 30%2C and 5% of it"
    assert [text[s:e] for s, e in url_ranges(text)] == [
        "https://a.cn/x?q=1",
        "www.b.com,",
        "30%2C",
    ]


@settings(max_examples=1000, deadline=None)
@given(st.lists(_NUMBER_PIECES, max_size=10).map("".join))
def test_counts_number_scan_matches_number_re(text: str) -> None:
    pattern, haystack = _NUMBER_SCAN.over(DocText(text))
    assert _spans(pattern, haystack) == _spans(NUMBER_RE, text)
    assert _number_spans(DocText(text)) == _spans(NUMBER_RE, text)


def test_counts_number_spans_examples() -> None:
    text = "A hundred firms, 2,500 jobs, twenty-five parks and half a million yuan; 3.5m, .5"
    assert [text[s:e] for s, e in _number_spans(DocText(text))] == [
        "A hundred",
        "2,500",
        "twenty-five",
        "half a million",
        "3.5m",
        ".5",
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(_SPACE_PIECES, max_size=10).map("".join))
def test_squash_matches_the_regex(text: str) -> None:
    assert squash(text) == _WS_REFERENCE.sub(" ", text).strip()


def _reference_token_flags(token: str) -> int:
    """classes._token_flags as first written: every part searched."""
    flags = classes._COMPOUNDS.get(token, 0)
    if token in classes._NEG_TOKENS or classes._NEG_PART.search(token):
        flags |= classes.NEG
    if token in classes._POS_TOKENS or classes._POS_PART.search(token):
        flags |= classes.POS
    if classes._STRONG_PART.search(token):
        flags |= classes.STRONG
    if "crumb" in token or token in classes._CRUMB_TOKENS:
        flags |= classes.CRUMB
    if classes._HINT_PART.search(token):
        flags |= classes.HINT
    return flags


def _reference_value_flags(value: str) -> int:
    flags = classes.KNOWN | classes.POS if value in classes._KNOWN_VALUES else 0
    previous = ""
    for token in re.split(r"[\s_\-]+", value.lower()):
        if token:
            flags |= _reference_token_flags(token)
            if previous:
                flags |= classes._COMPOUNDS.get(previous + token, 0)
            previous = token
    return flags


_CLASS_PIECES = st.sampled_from(
    ["comment", "-", "_", " ", "\u00a0", "\u3000", "\u200b", "nav", "most", "viewed", "Article",
     "body", "x", "crumb", "info", "ad", "\t", "Content", "zoom", "share", "bar", "12", "Date"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_CLASS_PIECES, min_size=1, max_size=8).map("".join))
def test_class_flags_match_the_reference(value: str) -> None:
    assert classes._value_flags(value) == _reference_value_flags(value)


def test_class_flags_examples() -> None:
    assert classes._value_flags("most-viewed") & classes.STRONG
    assert classes._value_flags("article-body") & classes.POS
    assert not classes._value_flags("wrapper col-12")


_TAG_PIECES = st.sampled_from(
    ["<a ", "<", ">", "</p>", "<!-- ", "<1", 'x="', "y" * 20_000, "z" * 33_000, "w" * 66_000]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_TAG_PIECES, max_size=12).map("".join))
def test_long_tag_check_matches_the_pattern(text: str) -> None:
    from extractor.clean.parse import _LONG_TAG, _holds_long_tag

    assert _holds_long_tag(text) == (_LONG_TAG.search(text) is not None)


def test_long_tag_check_examples() -> None:
    from extractor.clean.parse import _holds_long_tag

    assert _holds_long_tag("<p>" + "<div " + "a" * 70_000 + ">")
    assert not _holds_long_tag("<p>" + "<div " + "a" * 60_000 + ">")
    assert not _holds_long_tag("<div>" + "a" * 100_000 + "</div>")  # text, not a tag
    # "<" and a letter, then 65,535 characters or more without "<" or ">"
    assert _holds_long_tag("b" * 40_000 + "<d" + "a" * 65_535)
    assert not _holds_long_tag("b" * 40_000 + "<d" + "a" * 65_534)
