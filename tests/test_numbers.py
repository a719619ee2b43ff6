"""The shared number reading (extractor/facts/numbers.py) that money, percentages and counts use."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scaling import LIMIT, growth, sized

from extractor.facts.numbers import (
    NUMBER_PATTERN,
    NUMBER_RE,
    QUALIFIER_PATTERN,
    normalize_qualifier,
    parse_number,
    parse_scale,
    qualifier_bounds,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,500", "1500"),
        ("40.25", "40.25"),
        ("1500", "1500"),
        (".5", "0.5"),
        ("1,234,567.89", "1234567.89"),
        ("1 . 6", "1.6"),
        ("1 . 6 billion", "1600000000"),
        ("40.25 billion", "40250000000"),
        ("15.44 billion", "15440000000"),
        ("1.2 trillion", "1200000000000"),
        ("3 thousand", "3000"),
        ("35 lakh", "3500000"),
        ("3.5m", "3500000"),
        ("20k", "20000"),
        ("5bn", "5000000000"),
        ("75 mln", "75000000"),
        ("3 bln", "3000000000"),
        ("300 mn", "300000000"),
        ("600-billion", "600000000000"),
        ("5 hundred million", "500000000"),
        ("1.5 billions", "1500000000"),
        ("two", "2"),
        ("twenty-five", "25"),
        ("twenty five", "25"),
        ("a hundred", "100"),
        ("one hundred and twenty", "120"),
        ("two hundred and fifty thousand", "250000"),
        ("one thousand two hundred", "1200"),
        ("half a", "0.5"),
        ("half a billion", "500000000"),
        ("half million", "500000"),
        ("a billion", "1000000000"),
        ("one and a half million", "1500000"),
        ("a quarter million", "250000"),
        ("three quarters billion", "750000000"),
        ("two dozen", "24"),
        ("  Twenty-Five  ", "25"),
    ],
)
def test_parse_number_reads_the_forms(text: str, value: str) -> None:
    got = parse_number(text)
    assert isinstance(got, Decimal)
    assert got == Decimal(value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "3.1 bilion",  # a misspelt scale word is never guessed
        "3.5 m",  # "m" only counts written against the digits: "3 m" is metres
        "2 k",
        "million",
        "and",
        "a",
        "hundreds",
        "two half",
        "5 yuan",
        "1,5",
        "abc",
    ],
)
def test_parse_number_refuses_what_is_not_one_number(text: str) -> None:
    assert parse_number(text) is None


def test_arithmetic_is_exact() -> None:
    # float arithmetic would give 40249999999.999996 or 0.30000000000000004
    assert parse_number("40.25 billion") == Decimal("40250000000")
    assert parse_number("0.1 billion") == Decimal("100000000")
    assert parse_number("0.3") == parse_number("0.1") * 3  # type: ignore[operator]


def test_parse_scale() -> None:
    assert parse_scale("billion") == Decimal(10) ** 9
    assert parse_scale("Millions") == Decimal(10) ** 6
    assert parse_scale("bn") == Decimal(10) ** 9
    assert parse_scale("bilion") is None
    assert parse_scale("yuan") is None


def _numbers_in(text: str) -> list[tuple[str, Decimal | None]]:
    return [(m.group(), parse_number(m.group())) for m in NUMBER_RE.finditer(text)]


def test_number_re_finds_numbers_with_their_scales() -> None:
    text = "It got 100 billion yuan ($15.44 billion), 1 . 6 billion, RMB3.5m and twenty-five firms."
    assert _numbers_in(text) == [
        ("100 billion", Decimal("1e11")),
        ("15.44 billion", Decimal("1.544e10")),
        ("1 . 6 billion", Decimal("1.6e9")),
        ("twenty-five", Decimal(25)),
    ]


@pytest.mark.parametrize(
    "text", ["A380", "2021-09-07", "3.1.2", "x2", "the first half", "the quarter"]
)
def test_number_re_does_not_start_or_end_inside_a_word_or_longer_number(text: str) -> None:
    assert _numbers_in(text) == []


def test_number_pattern_is_a_fragment_without_capturing_groups() -> None:
    # other modules embed it in their own patterns with their own named groups
    assert re.compile(NUMBER_PATTERN).groups == 0
    assert re.compile(QUALIFIER_PATTERN).groups == 0


def test_qualifiers() -> None:
    pattern = re.compile(rf"(?P<q>{QUALIFIER_PATTERN})\s+\d", re.IGNORECASE)
    found = pattern.search("It has More  than 5 parks")
    assert found is not None
    assert normalize_qualifier(found.group("q")) == "more than"
    assert pattern.search("moreover 5") is None
    x = Decimal(7)
    assert qualifier_bounds("more than", x) == (x, None)
    assert qualifier_bounds("at least", x) == (x, None)
    assert qualifier_bounds("up to", x) == (None, x)
    assert qualifier_bounds("nearly", x) == (None, x)
    assert qualifier_bounds("about", x) == (None, None)
    assert qualifier_bounds(None, x) == (None, None)
    assert normalize_qualifier(None) is None


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_grouped_integers_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_decimals_round_trip_with_scales(d: Decimal) -> None:
    text = format(d, "f")
    assert parse_number(text) == d
    assert parse_number(f"{text} billion") == d * 10**9
    assert parse_number(f"{text}bn") == d * 10**9


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789 ,.-abdehilmnortuwyk", max_size=60))
def test_matches_always_parse_or_give_none_never_raise(text: str) -> None:
    for m in NUMBER_RE.finditer(text):
        value = parse_number(m.group())
        assert value is None or isinstance(value, Decimal)


HOSTILE_NUMBERS = ["one and ", "1,000", "1 . ", "twenty-", "half a "]


@pytest.mark.parametrize("unit", HOSTILE_NUMBERS)
def test_no_catastrophic_backtracking(unit: str) -> None:
    """Scanning grows linearly: 4x the text takes far less than the 16x of a quadratic scan
    (a ratio measured in one run, so a busy machine does not change the verdict)."""

    k = sized(lambda k: unit * (1500 * k), lambda text: list(NUMBER_RE.finditer(text)), start=2)
    small, large = unit * (1500 * k), unit * (6000 * k)
    ratio = growth(lambda: list(NUMBER_RE.finditer(small)), lambda: list(NUMBER_RE.finditer(large)))
    assert ratio < LIMIT, f"4x the text took {ratio:.1f}x the time"
