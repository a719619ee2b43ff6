"""Money: what the case table (fixtures/facts/money.yaml) cannot express.

The component in a user's own blank pipeline, the exact values it stores on
spans, conversions indexed after overlap removal, the seed, the anchor windows
giving the same figures as a whole-text scan, offsets on arbitrary text, and
hostile input.
"""

from __future__ import annotations

import dataclasses
import re
import time
from decimal import Decimal
from pathlib import Path

import pytest
import spacy
from fact_helpers import blank_pipeline, whole_text_scan
from hypothesis import given, settings
from hypothesis import strategies as st
from record_checks import check_record

import extractor.facts.money as money
from extractor import extract
from extractor.facts.currencies import CURRENCIES, TABLE, Currencies, anchor_of, read_table
from extractor.facts.money import MoneyValue, find_money
from extractor.record import Money

SPAN_FIELDS = {"text", "start", "end", "sentence"}


def test_component_runs_in_a_users_own_blank_pipeline() -> None:
    doc = blank_pipeline("edz_money")(
        "Binhai will earn 100 billion yuan ($15.44 billion) and more than RMB3.5m."
    )
    spans = list(doc.spans["edz_money"])
    assert [s.text for s in spans] == ["100 billion yuan", "$15.44 billion", "more than RMB3.5m"]
    values = [s._.edz_money for s in spans]
    assert values[0] == MoneyValue(Decimal("1e11"), "CNY")
    assert values[1] == MoneyValue(Decimal("1.544e10"), "USD", equivalent_of=0)
    assert values[2] == MoneyValue(
        Decimal("3.5e6"), "CNY", low=Decimal("3.5e6"), qualifier="more than"
    )


def test_value_fields_are_the_record_fields() -> None:
    fields = [f.name for f in dataclasses.fields(MoneyValue)]
    assert fields == [n for n in Money.model_fields if n not in SPAN_FIELDS]


def test_values_are_exact_decimals() -> None:
    ((_, _, value),) = find_money("Output sat at 40.25 billion yuan.")
    assert isinstance(value.amount, Decimal)
    assert value.amount == Decimal("40250000000")  # not 40249999999.999996


def test_equivalent_of_indexes_the_list_after_overlap_removal() -> None:
    # "3 billion yuan" and "$0.45 billion" are also found on their own inside the
    # ranges; the indices must count only the figures that are kept.
    text = (
        "It costs between 2 and 3 billion yuan ($0.3-0.45 billion), "
        "then 5 billion yuan ($0.7 billion)."
    )
    found = find_money(text)
    assert [text[s:e] for s, e, _ in found] == [
        "between 2 and 3 billion yuan",
        "$0.3-0.45 billion",
        "5 billion yuan",
        "$0.7 billion",
    ]
    assert [v.equivalent_of for _, _, v in found] == [None, 0, None, 2]
    record = extract(text, format="plain")
    for m in record.money:
        if m.equivalent_of is not None:
            assert record.money[m.equivalent_of].currency != m.currency


def test_same_currency_in_parentheses_is_not_a_conversion() -> None:
    found = find_money("It got 3 billion yuan (3 billion yuan in 2020).")
    assert [v.equivalent_of for _, _, v in found] == [None, None]


def test_amount_without_currency_is_not_money() -> None:
    assert find_money("7.2 billion was invested; 3.1 bilion yuan; ¥3.1 bilion.") == []


def test_every_currency_code_is_iso_shaped() -> None:
    codes = {row.code for row in CURRENCIES.rows}
    assert codes and all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)


# Fragments of EDZ-style text for the property tests.
FRAGMENTS = [
    "100 billion yuan",
    "($15.44 billion)",
    "(about 8,000 USD)",
    "more than 1,500",
    "companies",
    "Tens of billions of yuan",
    "between 2 and 3 billion yuan",
    "2-3 billion yuan",
    "RMB3.5m",
    "HK$1.3 billion",
    "€3.4m",
    "in 2020",
    "64.2 percent",
    "half a billion dollars",
    "1 . 6 billion",
    "3 dollars 50 cents",
    "and",
    "up to",
    "the zone",
    ",",
    ".",
    "7.2 billion",
    "https://x.cn/a?q=5%20yuan",
    "\n\n",
    "a" * 120,
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30))
def test_anchor_windows_give_the_same_figures_as_a_whole_text_scan(
    parts: list[str],
) -> None:
    text = " ".join(parts)
    assert find_money(text) == whole_text_scan(money, find_money, text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=20), st.text(max_size=40))
def test_offsets_order_and_determinism_on_arbitrary_text(parts: list[str], noise: str) -> None:
    text = " ".join(parts) + noise
    if not text.strip():
        return
    record = extract(text, format="plain")
    check_record(record)
    assert extract(text, format="plain").money == record.money


def test_hostile_input_stays_fast() -> None:
    hostile = [
        "one and " * 2000 + "yuan",
        "$" * 5000,
        "1-" * 3000 + "yuan",
        "tens of " * 2000 + "billions of yuan",
        "more than " * 2000 + "5 yuan",
        "1,000" * 3000 + " yuan",
        "between 1 and " * 1000 + "3 yuan",
    ]
    t0 = time.perf_counter()
    for text in hostile:
        find_money(text)
    assert time.perf_counter() - t0 < 10.0


@pytest.mark.parametrize("prefix", ["", "İstanbul: "])  # "İ" lower-cases to two characters
def test_upper_case_only_forms_in_either_scan(prefix: str) -> None:
    text = prefix + "It paid 5 CAD, A$600 million and 100 billion yuan; 5 cad, a$ 3."
    got = [(text[s:e], v.currency) for s, e, v in find_money(text)]
    assert got == [("5 CAD", "CAD"), ("A$600 million", "AUD"), ("100 billion yuan", "CNY")]


@pytest.mark.parametrize("prefix", ["", "İstanbul: "])  # "İ" lower-cases to two characters
def test_vague_and_scale_only_currencies_in_either_scan(prefix: str) -> None:
    # Their patterns run only when the text holds "billions"-like words or "won" (see
    # find_money); the case-insensitive scan of the text as written runs them always.
    text = prefix + "Firms put in Billions of dollars and 2 trillion Won; the team won 3."
    got = [(text[s:e], v.currency, v.amount) for s, e, v in find_money(text)]
    assert got == [("Billions of dollars", "USD", None), ("2 trillion Won", "KRW", 2 * 10**12)]


_CURRENCY_FORMS = [form for row in CURRENCIES.rows for form in (*row.before, *row.after)]


@pytest.mark.parametrize("form", _CURRENCY_FORMS)
def test_every_currency_form_has_an_anchor(form: str) -> None:
    # The full patterns only run near an anchor: a currency form the anchor
    # list misses would silently never be found.
    plain = re.sub(r"\(\?-i:([^()]*)\)", r"(?:\1)", form)

    @settings(max_examples=30, deadline=None)
    @given(st.from_regex(re.compile(plain), fullmatch=True))
    def check(written: str) -> None:
        assert CURRENCIES.anchor_re.search(written.lower()), written

    check()


def test_dropping_a_figure_keeps_conversions_pointing_at_the_right_one() -> None:
    text = "A 5 yuan ($1) and 10 yuan ($2)."
    doc = spacy.blank("en")(text)
    found = find_money(text)
    kept = money.token_spans(doc, found)[1:]  # as if "5 yuan" had no token span
    reindexed = money._reindex(kept, [(s, e) for s, e, _ in found])
    assert [(span.text, v.equivalent_of) for span, v in reindexed] == [
        ("$1", None),  # what it restated is gone
        ("10 yuan", None),
        ("$2", 1),
    ]


def test_a_currency_is_one_row_of_the_table(tmp_path: Path) -> None:
    """Adding a currency is adding a row: the patterns, anchors and signs follow."""
    text = "It raised KSh 500 million and 3 billion Kenyan shillings."
    assert find_money(text) == []
    table = tmp_path / "currencies.tsv"
    row = "KES\t1\t-\tKSh\tkenyan\\s+shillings?|(?-i:KES)\n"
    table.write_text(TABLE.read_text(encoding="utf-8") + row, encoding="utf-8")
    with_shilling = Currencies.from_rows(read_table(table))
    got = [(text[s:e], v.currency, v.amount) for s, e, v in find_money(text, with_shilling)]
    assert got == [
        ("KSh 500 million", "KES", 500_000_000),
        ("3 billion Kenyan shillings", "KES", 3_000_000_000),
    ]
    assert {"shilling", "shillings", "kes"} <= with_shilling.anchor_words
    assert find_money("It cost 5 yuan.", with_shilling) == find_money("It cost 5 yuan.")


def test_every_form_ends_in_an_anchor() -> None:
    assert anchor_of(r"(?:chinese\s+)?yuan(?:\s+renminbi)?") == ("yuan",)
    assert anchor_of(r"dollars?") == ("dollar", "dollars")
    assert anchor_of(r"HK\s?\$") == ("$",)
    assert anchor_of(r"(?-i:MUSD)") == ("musd",)
    assert anchor_of(r"(?-i:Rs)\.?") == ("rs",)  # "Rs." is anchored by its word
    with pytest.raises(ValueError, match="ends in neither"):
        anchor_of(r"(?:\s+)")


def test_a_row_with_where_applies_only_in_a_text_that_names_it(tmp_path: Path) -> None:
    """The sixth column: "Sh" is a Kenyan shilling where Kenya is named, else nothing."""
    table = tmp_path / "currencies.tsv"
    row = "KES\t1\t-\t(?-i:Sh)\t-\tkenya|kenyan\n"
    table.write_text(TABLE.read_text(encoding="utf-8") + row, encoding="utf-8")
    with_shilling = Currencies.from_rows(read_table(table))
    assert find_money("The fee is Sh 500.", with_shilling) == []
    ((_, _, value),) = find_money("In Kenya the fee is Sh 500.", with_shilling)
    assert (value.currency, value.amount) == ("KES", 500)


def test_a_shared_currency_reaches_a_handful_of_amounts_back() -> None:
    """A list sharing one currency word gives each amount, up to a bound: a longer
    chain is no list prose writes (and would let one word make thousands of facts)."""
    text = "1 billion, " * 30 + "2 billion yuan"
    found = find_money(text)
    assert len(found) == 1 + money._MAX_SHARED
    assert [text[s:e] for s, e, _ in found[-2:]] == ["1 billion", "2 billion yuan"]
    assert {v.currency for _, _, v in found} == {"CNY"}
