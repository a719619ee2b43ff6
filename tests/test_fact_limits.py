"""Facts on hostile text: linear time, bounded output, never a wrong or unreadable value.

Hostile inputs are generated here, never committed. Time scaling is a ratio of two
sizes measured in the same run (linear is ~4x for 4x the text, quadratic ~16x), so a
slow or busy machine does not change the verdict.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from scaling import LIMIT, growth, sized

from extractor import extract
from extractor.facts.counts import find_counts
from extractor.facts.money import find_money
from extractor.facts.percentages import find_percentages
from extractor.facts.scan import MAX_FACTS_PER_KIND, MAX_MAGNITUDE
from extractor.facts.years import find_years
from extractor.nlp import MAX_RUN_CHARS, get_pipeline
from extractor.record import Record

# Each at a size factor k; k=4 is the size the attack used.
HOSTILE = {
    "16,000 dollar signs": lambda k: "$" * (4_000 * k),
    "1%1%... 100 KB": lambda k: "1%" * (12_500 * k),
    "8,000 nested parentheses": lambda k: "(" * (2_000 * k) + "1 yuan" + ")" * (2_000 * k),
    "160,000-character Chinese paragraph": lambda k: (
        "开发区经济增长百分之五投资一百亿元占比12.5%同比增长3%利润8元" * (1_250 * k)
    ),
    "1 yuan ( repeated": lambda k: "1 yuan (" * (1_000 * k),
    "amounts sharing a currency": lambda k: "1 billion and " * (1_000 * k) + "2 billion yuan",
    "shared-currency lists": lambda k: "1 billion, 2 billion and 3 billion yuan; " * (500 * k),
}


@pytest.mark.parametrize("make", HOSTILE.values(), ids=HOSTILE.keys())
def test_facts_take_linear_time_on_hostile_text(make: Callable[[int], str]) -> None:
    extract("warm up 5 yuan", format="plain")  # the pipeline is built before timing
    small, large = make(1), make(4)
    ratio = growth(
        lambda: extract(small, format="plain"),
        lambda: extract(large, format="plain"),
        repeats=2,
    )
    assert ratio < LIMIT, f"4x the text took {ratio:.1f}x the time"


FINDERS = {
    "money": find_money,
    "percentages": find_percentages,
    "counts": find_counts,
    "years": find_years,
}


@pytest.mark.parametrize("make", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("find", FINDERS.values(), ids=FINDERS.keys())
def test_each_finder_takes_linear_time_on_hostile_text(
    find: Callable[[str], object], make: Callable[[int], str]
) -> None:
    # The finders alone, so a slow tokenizer cannot hide a quadratic finder; each input is
    # grown until the finder spends measurable time on it, so a fast reject hides nothing.
    k = sized(make, find, start=2)
    small, large = make(k), make(4 * k)
    ratio = growth(lambda: find(small), lambda: find(large))
    assert ratio < LIMIT, f"4x the text took {ratio:.1f}x the time"


def test_facts_of_a_kind_are_capped_with_a_warning() -> None:
    record = extract("1 yuan (" * (MAX_FACTS_PER_KIND + 50), format="plain")
    assert len(record.money) == MAX_FACTS_PER_KIND
    assert [m.start for m in record.money[:2]] == [0, 8]  # the first ones are kept
    assert record.money[-1].start == 8 * (MAX_FACTS_PER_KIND - 1)
    assert any(f"more than {MAX_FACTS_PER_KIND:,} money facts" in w for w in record.warnings)


def test_a_document_under_the_cap_gets_no_warning() -> None:
    record = extract("1 yuan (" * 100, format="plain")
    assert len(record.money) == 100 and record.warnings == ()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("It cost 1" + "0" * 5_000 + " yuan.", "money"),
        ("It cost $" + "9" * 30 + ".", "money"),
        ("It grew 1" + "0" * 5_000 + " percent.", "percentages"),
        ("It has 1" + "0" * 5_000 + " companies.", "counts"),
    ],
    ids=["5,000 digits of yuan", "30 digits of dollars", "huge percent", "huge count"],
)
def test_an_amount_beyond_the_sane_range_is_not_read(text: str, kind: str) -> None:
    record = extract(text, format="plain")
    assert any(f"a {kind} figure beyond 10^18" in w for w in record.warnings)
    for fact in getattr(record, kind):
        for field in ("amount", "low", "high", "value"):
            value = getattr(fact, field, None)
            assert value is None or abs(value) <= MAX_MAGNITUDE
    # what was written can be read back
    assert Record.model_validate_json(record.model_dump_json()) == record


def test_a_money_figure_beyond_the_range_keeps_its_currency() -> None:
    record = extract("It cost $" + "9" * 30 + ".", format="plain")
    (money,) = record.money
    assert money.currency == "USD" and money.amount is None and money.high is None


def test_an_amount_at_the_bound_is_read() -> None:
    (money,) = extract("It cost 1000000000000000000 rupiah.", format="plain").money
    assert money.amount == 10**18


@pytest.mark.parametrize("joiner", ["\u200d", "\u2060", "\u00ad"])
def test_a_format_character_inside_a_number_never_gives_a_wrong_value(joiner: str) -> None:
    record = extract(
        f"It cost 2{joiner}000 yuan and ${joiner}3{joiner}500, up 1{joiner}5% with "
        f"2{joiner}500 companies in 2{joiner}2020.",
        format="plain",
    )
    assert record.money == record.percentages == record.counts == record.years == ()


@pytest.mark.parametrize("space", ["\u200b", "\ufeff", " "])
def test_digits_after_a_space_inside_a_number_are_not_money_alone(space: str) -> None:
    # The cleaner reads a zero-width space as a space: "2 000 yuan" groups thousands
    # with a space, and "000 yuan" alone would be an amount of 0.
    record = extract(f"It cost 2{space}000 yuan.", format="plain")
    assert all(m.amount != 0 for m in record.money)


def test_a_lone_surrogate_gives_a_warning_not_an_exception() -> None:
    record = extract("The zone drew 5 billion yuan \ud800 in 2021.", format="plain")
    assert record.text == "The zone drew 5 billion yuan \ufffd in 2021."
    assert [m.text for m in record.money] == ["5 billion yuan"]
    assert any("surrogate" in w for w in record.warnings)


def test_long_runs_are_tokenized_in_pieces_that_keep_the_text() -> None:
    nlp = get_pipeline()
    text = "a " + "$(" * MAX_RUN_CHARS + " b 5 yuan " + "元" * (3 * MAX_RUN_CHARS + 7)
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert max(len(t.text) for t in doc) <= MAX_RUN_CHARS
    short = "The zone drew 5 billion yuan (about $700 million) in 2021."
    assert [t.text for t in nlp.make_doc(short)] == [t.text for t in nlp.tokenizer(short)]
