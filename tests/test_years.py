"""Years: what the case table (fixtures/facts/years.yaml) cannot express.

The component in a user's own blank pipeline, its interaction with money and
percentage spans, token splitting ("2021–25" is one spaCy token) that must not
disturb spans stored by earlier components, and the offsets invariant on
arbitrary text.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

import pytest
import spacy
from fact_helpers import blank_pipeline
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

import extractor.facts.years  # noqa: F401  (registers the edz_years factory)
from extractor import extract
from extractor.facts.base import fact_spans, group_name, set_fact_spans
from extractor.facts.years import MAX_YEAR, MIN_YEAR, YearValue, find_years
from extractor.record import Year

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_5ec9a3103d8d2515.txt"
_MONEY_COMPONENT = "test_years_fake_money"


@Language.component(_MONEY_COMPONENT)
def _fake_money(doc: Doc) -> Doc:
    """Stands in for edz_money: claims every "<digits> dollars" as money, value 42."""
    spans = []
    for token in doc[:-1]:
        if token.like_num and doc[token.i + 1].lower_ == "dollars":
            spans.append((doc[token.i : token.i + 2], "money-42"))
    set_fact_spans(doc, "money", spans)
    return doc


def _years_of(doc: Doc) -> list[tuple[str, int]]:
    return [(s.text, s._.get(group_name("years")).value) for s in fact_spans(doc, "years")]


@pytest.fixture(scope="module")
def blank_years() -> Language:
    """A user's own pipeline: spaCy's stock English tokenizer, no sentencizer."""
    return blank_pipeline("edz_years")


def test_value_fields_are_the_record_fields() -> None:
    fields = {f.name for f in dataclasses.fields(YearValue)}
    assert fields == set(Year.model_fields) - {"text", "start", "end", "sentence"}


def test_component_in_a_blank_pipeline(blank_years: Language) -> None:
    doc = blank_years("By 2025 the zone, set up in 1984, will double its 2020 output.")
    assert _years_of(doc) == [("2025", 2025), ("1984", 1984), ("2020", 2020)]


def test_range_in_one_token_becomes_two_token_spans(blank_years: Language) -> None:
    text = "The plan (2021–25) and the 2019/20 season."
    # spaCy keeps these as single tokens; the facts need their own spans.
    assert "2021–25" in [t.text for t in spacy.blank("en")(text)]
    doc = blank_years(text)
    assert _years_of(doc) == [("2021", 2021), ("25", 2025), ("2019", 2019), ("20", 2020)]
    for span in fact_spans(doc, "years"):
        assert doc.text[span.start_char : span.end_char] == span.text
    assert doc.text == text  # splitting tokens never changes the text


def test_split_keeps_earlier_groups_and_sentences() -> None:
    nlp = blank_pipeline("sentencizer", _MONEY_COMPONENT, "edz_years")
    text = "In 2021–25 it spent 300 dollars. In 2019/20 it spent 500 dollars."
    doc = nlp(text)
    money = fact_spans(doc, "money")
    # The split moved token indices after "2021–25"; the money spans still cover
    # the same characters and keep their values.
    assert [m.text for m in money] == ["300 dollars", "500 dollars"]
    assert [m._.get(group_name("money")) for m in money] == ["money-42", "money-42"]
    assert [s.text for s in doc.sents] == [
        "In 2021–25 it spent 300 dollars.",
        "In 2019/20 it spent 500 dollars.",
    ]
    assert [text for text, _ in _years_of(doc)] == ["2021", "25", "2019", "20"]


def test_years_skip_money_spans() -> None:
    text = "Prices in 2015 dollars rose."
    plain = blank_pipeline("edz_years")
    assert _years_of(plain(text)) == [("2015", 2015)]  # "in 2015" reads as a year alone
    with_money = blank_pipeline(_MONEY_COMPONENT, "edz_years")
    assert _years_of(with_money(text)) == []  # money claimed "2015 dollars"


def test_seed_body_gives_2025_twice_and_2020() -> None:
    seed = SEED.read_text(encoding="utf-8")
    start = seed.index("The Binhai New Area")
    end = seed.index("international cooperation and roles.") + len("international cooperation")
    record = extract(seed[start:end], format="plain")
    assert [(y.text, y.value) for y in record.years] == [
        ("2025", 2025),
        ("2025", 2025),
        ("2020", 2020),
    ]
    by_2025 = record.years[0]
    assert record.text[by_2025.start - 3 : by_2025.end] == "by 2025"


_PIECES = st.sampled_from(
    [
        "2021",
        "2025",
        "25",
        "-",
        "–",
        "/",
        ".",
        ",",
        " ",
        "in ",
        "May 10, ",
        "$",
        "%",
        "s",
        "FY",
        "workers",
        "the ",
        "1,999",
        "(",
        ")",
        "\n\n",
        "yuan",
        "0",
        "7",
    ]
)


@functools.cache
def _shared_years_pipeline() -> Language:
    return blank_pipeline("sentencizer", "edz_years")


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_offsets_and_values_on_arbitrary_text(text: str) -> None:
    nlp = _shared_years_pipeline()
    doc = nlp(text)
    assert doc.text == text
    spans = fact_spans(doc, "years")
    assert [s.start_char for s in spans] == sorted(s.start_char for s in spans)
    for span in spans:
        value = span._.get(group_name("years")).value
        assert span.text == text[span.start_char : span.end_char]
        assert span.text.isdigit()
        assert MIN_YEAR <= value <= MAX_YEAR
        assert str(value).endswith(span.text)
    assert [(text[s:e], v) for s, e, v in find_years(text)] == [
        (s.text, s._.get(group_name("years")).value) for s in spans
    ]
