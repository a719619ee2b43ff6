"""Counts: what the case table (fixtures/facts/counts.yaml) cannot express.

The component in a user's own blank pipeline, how it yields to money,
percentage and year spans stored by earlier components, the seed's counts, and
the offsets invariant on arbitrary text.
"""

from __future__ import annotations

import dataclasses
import functools
from decimal import Decimal
from pathlib import Path

import pytest
from fact_helpers import blank_pipeline
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc, Span

import extractor.facts.counts  # noqa: F401  (registers the edz_counts factory)
import extractor.facts.years  # noqa: F401  (registers the edz_years factory)
from extractor import extract
from extractor.facts.base import fact_spans, group_name, set_fact_spans
from extractor.facts.counts import CountValue, find_counts
from extractor.record import Count

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_5ec9a3103d8d2515.txt"
_CLAIM_COMPONENT = "test_counts_fake_money_and_percent"


@Language.component(_CLAIM_COMPONENT)
def _fake_money_and_percent(doc: Doc) -> Doc:
    """Stands in for edz_money / edz_percentages: "<n> shares" is money, "<n> firms" a
    percentage (not what those components do; it only makes their claims visible)."""
    claims: dict[str, list[tuple[Span, str]]] = {"money": [], "percentages": []}
    for token in doc[:-1]:
        following = doc[token.i + 1].lower_
        kind = {"shares": "money", "firms": "percentages"}.get(following)
        if token.like_num and kind:
            claims[kind].append((doc[token.i : token.i + 2], kind))
    for kind, spans in claims.items():
        set_fact_spans(doc, kind, spans)
    return doc


def _counts_of(doc: Doc) -> list[tuple[str, CountValue]]:
    return [(s.text, s._.get(group_name("counts"))) for s in fact_spans(doc, "counts")]


@pytest.fixture(scope="module")
def blank_counts() -> Language:
    """A user's own pipeline: spaCy's stock English tokenizer and only edz_counts."""
    return blank_pipeline("edz_counts")


def test_value_fields_are_the_record_fields() -> None:
    fields = {f.name for f in dataclasses.fields(CountValue)}
    assert fields == set(Count.model_fields) - {"text", "start", "end", "sentence"}


def test_component_in_a_blank_pipeline(blank_counts: Language) -> None:
    doc = blank_counts("It has more than 1,500 biomedical companies and three new parks.")
    assert _counts_of(doc) == [
        (
            "more than 1,500 biomedical companies",
            CountValue(Decimal(1500), "more than", "biomedical companies"),
        ),
        ("three new parks", CountValue(Decimal(3), None, "new parks")),
    ]


def test_counts_yield_to_years(blank_counts: Language) -> None:
    text = "In 2020 companies grew."
    # Without edz_years, "2020 companies" reads as a count ...
    assert [t for t, _ in _counts_of(blank_counts(text))] == ["2020 companies"]
    # ... in order after it, the year claims the number and there is no count.
    doc = blank_pipeline("edz_years", "edz_counts")(text)
    assert [s.text for s in fact_spans(doc, "years")] == ["2020"]
    assert _counts_of(doc) == []


def test_counts_yield_to_money_and_percentages() -> None:
    text = "It issued 5,000 shares to 40 firms and hired 300 engineers."
    alone = blank_pipeline("edz_counts")
    assert [t for t, _ in _counts_of(alone(text))] == [
        "5,000 shares",
        "40 firms",
        "300 engineers",
    ]
    after = blank_pipeline(_CLAIM_COMPONENT, "edz_counts")
    assert [t for t, _ in _counts_of(after(text))] == ["300 engineers"]


def test_seed_body_counts() -> None:
    seed = SEED.read_text(encoding="utf-8")
    start = seed.index("The Binhai New Area")
    end = seed.index("international cooperation and roles.") + len("international cooperation")
    record = extract(seed[start:end], format="plain")
    got = [(c.text, c.value, c.qualifier, c.noun) for c in record.counts]
    assert got == [
        ("206 medical institutions", 206, None, "medical institutions"),
        ("more than 1,500 biomedical companies", 1500, "more than", "biomedical companies"),
    ]
    # The JSON value is an integer, not 1500.0.
    assert '"value": 1500,' in record.to_json()


_PIECES = st.sampled_from(
    [
        "1,500",
        "206",
        "three",
        "a hundred",
        " ",
        "  ",
        "-",
        ",",
        ".",
        "(",
        "\n\n",
        "more than ",
        "over ",
        "medical ",
        "companies",
        "parks",
        "and ",
        "of ",
        "years",
        "2020",
        "four-star",
        "million ",
        "1 . 6",
    ]
)


@functools.cache
def _shared_pipeline() -> Language:
    return blank_pipeline("sentencizer", "edz_years", "edz_counts")


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_offsets_and_values_on_arbitrary_text(text: str) -> None:
    doc = _shared_pipeline()(text)
    assert doc.text == text
    years = [(s.start_char, s.end_char) for s in fact_spans(doc, "years")]
    spans = fact_spans(doc, "counts")
    for span in spans:
        value = span._.get(group_name("counts"))
        assert span.text == text[span.start_char : span.end_char]
        assert value.value == value.value.to_integral_value() and value.value > 1
        assert value.noun is not None and span.text.endswith(value.noun)
        assert all(e <= span.start_char or span.end_char <= s for s, e in years)
    assert [s.text for s in spans] == [text[s:e] for s, e, _ in find_counts(text, years)]
