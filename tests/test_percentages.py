"""Percentages: what the case table (fixtures/facts/percentages.yaml) cannot express.

The component in a user's own blank pipeline, exact values, the seed, that
years, prices and counts are never read as percentages, anchor windows giving
the same facts as a whole-text scan, and offsets on arbitrary text.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

from fact_helpers import blank_pipeline, whole_text_scan
from hypothesis import given, settings
from hypothesis import strategies as st
from record_checks import check_record

import extractor.facts.percentages as percentages
from extractor import extract, extract_file
from extractor.facts.percentages import PercentageValue, find_percentages
from extractor.record import Percentage

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_5ec9a3103d8d2515.txt"
SPAN_FIELDS = {"text", "start", "end", "sentence"}


def test_component_runs_in_a_users_own_blank_pipeline() -> None:
    doc = blank_pipeline("edz_percentages")(
        "Exports rose 12.5%, up 2.1 percentage points; more than 60 percent."
    )
    spans = list(doc.spans["edz_percentages"])
    assert [s.text for s in spans] == ["12.5%", "2.1 percentage points", "more than 60 percent"]
    assert [s._.edz_percentages for s in spans] == [
        PercentageValue(Decimal("12.5")),
        PercentageValue(Decimal("2.1"), "points"),
        PercentageValue(Decimal(60), "percent", "more than"),
    ]


def test_value_fields_are_the_record_fields() -> None:
    fields = [f.name for f in dataclasses.fields(PercentageValue)]
    assert fields == [n for n in Percentage.model_fields if n not in SPAN_FIELDS]


def test_seed_gives_exactly_64_2() -> None:
    record = extract_file(SEED)
    assert [(p.text, p.value, p.unit) for p in record.percentages] == [
        ("64.2 percent", 64.2, "percent")
    ]


def test_basis_points_are_hundredths_of_a_point() -> None:
    ((_, _, value),) = find_percentages("The rate fell 25 basis points.")
    assert value == PercentageValue(Decimal("0.25"), "points")


NOT_PERCENT = [
    "in 2020",
    "by 2025",
    "2021-2025",
    "May 10, 2022",
    "100 billion yuan",
    "($15.44 billion)",
    "1,500 companies",
    "206 medical institutions",
    "22 industrial parks",
    "No. 5",
    "a percent",
    "the percentage",
    "per capita",
    "https://x.cn/?q=30%25%2020%",
    "7 3 / 4 %",
    ",",
    "and",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(NOT_PERCENT), max_size=25))
def test_years_prices_and_counts_are_never_percentages(parts: list[str]) -> None:
    assert find_percentages(" ".join(parts)) == []


FRAGMENTS = [*NOT_PERCENT, "64.2 percent", "12.5%", "up 3 per cent", "5-10 percent", "twenty"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30))
def test_anchor_windows_give_the_same_facts_as_a_whole_text_scan(parts: list[str]) -> None:
    text = " ".join(parts)
    assert find_percentages(text) == whole_text_scan(percentages, find_percentages, text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=20), st.text(max_size=40))
def test_offsets_and_order_on_arbitrary_text(parts: list[str], noise: str) -> None:
    text = noise + " ".join(parts)
    if not text.strip():
        return
    record = extract(text, format="plain")
    check_record(record)
