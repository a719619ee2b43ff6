"""The seed article end to end: what issue "Foundation" says it must give, and the whole record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractor import Record, extract_file

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_5ec9a3103d8d2515.txt"


@pytest.fixture(scope="module")
def record() -> Record:
    return extract_file(SEED)


def test_metadata(record: Record) -> None:
    assert record.article.title == "Binhai speeds up growth in biomedical industry"
    assert record.article.published == "2021-09-07"
    assert record.source.format == "text"


def test_text_is_the_body_without_chrome(record: Record) -> None:
    assert record.text.startswith(
        "The Binhai New Area, in North China's Tianjin Municipality, projects that"
    )
    assert record.text.endswith(
        "The area has also seen an increase in international cooperation and roles."
    )
    for chrome in (
        "Home",
        "Media Center",
        "•",
        "Updated:",
        "Maybe you're interested",
        "Prev Next",
        "Are You Ready",
        "leave a message",
        "Email Address",
        "Copyright",
    ):
        assert chrome not in record.text
    assert record.text.count("\n\n") == 8  # nine paragraphs


def test_money(record: Record) -> None:
    got = [(m.text, m.amount, m.currency, m.low, m.high, m.equivalent_of) for m in record.money]
    assert got == [
        ("100 billion yuan", 100_000_000_000, "CNY", None, None, None),
        ("$15.44 billion", 15_440_000_000, "USD", None, None, 0),
        ("Tens of billions of yuan", None, "CNY", 10_000_000_000, 100_000_000_000, None),
        ("40.25 billion yuan", 40_250_000_000, "CNY", None, None, None),
    ]


def test_percentages_years_counts(record: Record) -> None:
    assert [(p.text, p.value) for p in record.percentages] == [("64.2 percent", 64.2)]
    assert [y.value for y in record.years] == [2025, 2025, 2020]
    assert [(c.value, c.qualifier, c.noun) for c in record.counts] == [
        (206, None, "medical institutions"),
        (1500, "more than", "biomedical companies"),
    ]


def test_entities(record: Record) -> None:
    found = {(e.text, e.label) for e in record.entities}
    for expected in (
        ("Binhai New Area", "ORG"),
        ("North China", "LOC"),
        ("Tianjin Municipality", "GPE"),
        ("Tianjin", "GPE"),
        ("Binhai", "ORG"),
        ("Tianjin Economic and Tech Development Area", "ORG"),
        ("TEDA", "ORG"),
    ):
        assert expected in found
    teda = [e for e in record.entities if e.text == "TEDA"]
    assert teda and all(e.canonical == "Tianjin Economic and Tech Development Area" for e in teda)
    texts = {e.text for e in record.entities}
    assert not texts & {"EDZ News", "Media Center", "China Daily", "EDZ", "Tens", "By", "Chinese"}


def _plain(value: Any) -> Any:
    # pytest-regressions stores YAML; round-trip through JSON so ints stay ints.
    return json.loads(json.dumps(value))


def test_whole_record(record: Record, data_regression: Any) -> None:
    """The whole seed record, reviewed line by line in fixtures/expected/test_seed/."""
    data = record.model_dump(mode="json")
    data["source"]["path"] = SEED.name  # independent of where the tests run from
    data_regression.check(_plain(data))


def test_claims(record: Record) -> None:
    """Each claim checked by hand against the seed text (issue 15's example rows)."""
    got = [
        (
            getattr(record, c.fact.kind)[c.fact.index].text,
            c.indicator,
            c.quantity,
            c.status,
            c.year,
            c.period,
            c.subject,
        )
        for c in record.claims
    ]
    assert got == [
        ("100 billion yuan", "revenue", "level", "target", 2025, "by 2025", "Binhai New Area"),
        # "... will be formed in the new area": the year of the "by 2025" before it.
        (
            "Tens of billions of yuan",
            "output_value",
            "level",
            "target",
            2025,
            "by 2025",
            "Binhai New Area",
        ),
        (
            "40.25 billion yuan",
            "output_value",
            "level",
            "actual",
            2020,
            "In 2020",
            "Binhai New Area",
        ),
        ("64.2 percent", "output_value", "share", "actual", 2020, "In 2020", "Binhai New Area"),
    ]
    assert [c.metric.text if c.metric else None for c in record.claims][2] == (
        "biomedical industry output value"
    )


def test_sentences(record: Record) -> None:
    assert len(record.sentences) == 15
    start, end = record.sentences[record.money[3].sentence]
    assert record.text[start:end].startswith("In 2020, the new area's biomedical industry")
