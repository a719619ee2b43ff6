"""Claims: the case table of fixtures/claims/cases.yaml, the record contract of claims[]
and sentences[], and the component's parts."""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from extractor import Record, extract
from extractor.api import CleanedSource, record_of
from extractor.clean import clean
from tests.record_checks import check_record

CASES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "claims"
# Case tables of claim situations (years.yaml has its own test).
CASE_FILES = (CASES_DIR / "cases.yaml", CASES_DIR / "measures.yaml")


def record_with_date(text: str, published: str | None, title: str | None = None) -> Record:
    """The record of plain ``text`` as if its page gave the date ``published`` (and the
    title ``title``, when given)."""
    cleaned = dataclasses.replace(clean(text, format="plain"), published=published)
    if title is not None:
        cleaned = dataclasses.replace(cleaned, title=title)
    return record_of(CleanedSource(None, "0" * 64, len(text), cleaned, ()))


def _cases() -> list[Any]:
    params = []
    for path in CASE_FILES:
        with path.open(encoding="utf-8") as fh:
            cases = yaml.safe_load(fh)
        params += [
            pytest.param(case, id=f"{path.stem}-{i}-{case['in'][:40]}")
            for i, case in enumerate(cases)
        ]
    return params


@pytest.mark.parametrize("case", _cases())
def test_claim_case(case: dict[str, Any]) -> None:
    published = case["published"]
    if isinstance(published, datetime.date):
        published = published.isoformat()
    record = record_with_date(case["in"], published, case.get("title"))
    check_record(record)
    got = []
    for claim in record.claims:
        fact = getattr(record, claim.fact.kind)[claim.fact.index]
        got.append({"fact": fact.text, **claim.model_dump(exclude={"fact"})})
    assert [g["fact"] for g in got] == [str(c["fact"]) for c in case["claims"]], got
    for expected, actual in zip(case["claims"], got, strict=True):
        wrong = {
            k: (actual[k], v)
            for k, v in expected.items()
            if k != "fact" and actual[k] != (str(v) if isinstance(v, datetime.date) else v)
        }
        assert not wrong, f"{expected['fact']}: (got, expected) {wrong}"


def test_sentences_cover_the_text_in_order() -> None:
    text = "First sentence here.  Second one follows!\n\nA third, in a new paragraph."
    record = extract(text, format="plain")
    spans = [record.text[a:b] for a, b in record.sentences]
    assert spans == [
        "First sentence here.",
        "Second one follows!",
        "A third, in a new paragraph.",
    ]


def test_a_fact_sentence_indexes_sentences() -> None:
    record = extract("The zone grew. Its GDP hit 5 billion yuan in 2020.", format="plain")
    (money,) = record.money
    start, end = record.sentences[money.sentence]
    assert record.text[start:end] == "Its GDP hit 5 billion yuan in 2020."
    (claim,) = record.claims
    assert claim.sentence == money.sentence
    assert claim.metric is not None
    assert record.text[claim.metric.start : claim.metric.end] == claim.metric.text == "GDP"


def test_claims_follow_text_order_across_kinds() -> None:
    record = extract("Sales rose 5 percent to 3 billion yuan, up 2 percent.", format="plain")
    kinds = [c.fact.kind for c in record.claims]
    assert kinds == ["percentages", "money", "percentages"]
    starts = [getattr(record, c.fact.kind)[c.fact.index].start for c in record.claims]
    assert starts == sorted(starts)


def test_percentage_points_get_a_change_claim() -> None:
    record = extract("Its share rose 2.1 percentage points in 2020.", format="plain")
    (claim,) = record.claims
    assert (claim.quantity, claim.year) == ("change", 2020)


def test_no_figures_no_claims() -> None:
    record = extract("The Qinghe New Area opened a new park in 2020.", format="plain")
    assert record.claims == ()
    assert len(record.sentences) == 1


def test_the_schema_holds_the_claims_contract() -> None:
    """The committed schema (see the drift test) pins claims' closed sets and fields."""
    import jsonschema

    from tests.record_checks import VALIDATOR

    good = json.loads(record_with_date("GDP rose 5 percent in 2020.", None).to_json())
    assert good["schema_version"] == "1.1"
    VALIDATOR.validate(good)
    claim = good["claims"][0]
    for broken in (
        {**claim, "indicator": "happiness"},
        {**claim, "quantity": "ratio"},
        {**claim, "status": "maybe"},
        {**claim, "direction": "sideways"},
        {**claim, "fact": {"kind": "years", "index": 0}},
        {**claim, "extra": 1},
        {k: v for k, v in claim.items() if k != "metric"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            VALIDATOR.validate({**good, "claims": [broken]})
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate({**good, "sentences": [[0]]})


def test_cue_tables_name_only_the_contract_s_indicators() -> None:
    from typing import get_args

    from extractor.claims.cues import CUES_FILE, INDICATORS_FILE, _rows
    from extractor.record import Indicator

    indicators = {key for key, _, _ in _rows(INDICATORS_FILE)}
    assert indicators <= set(get_args(Indicator))
    groups = {key for key, _, _ in _rows(CUES_FILE)}
    assert {"share", "change", "down", "target", "actual", "no_year"} <= groups


def test_word_tables_hold_the_groups_the_patterns_take(tmp_path: Path) -> None:
    """past-tense.tsv and change-words.tsv: every group a pattern takes is there, and a word
    has one use in its table (two would be a difference between lists hidden in the data)."""
    from extractor.claims.cues import CHANGE_WORDS_FILE, PAST_TENSE_FILE, alternation, word_groups

    for path, groups in (
        (PAST_TENSE_FILE, {"figure", "act"}),
        (CHANGE_WORDS_FILE, {"noun", "verb", "adverb", "after"}),
    ):
        table = word_groups(path)
        assert set(table) == groups, path.name
        words = [w for group in table.values() for w in group]
        assert len(words) == len(set(words)), path.name
    assert re.fullmatch(alternation(("more than", "up")), "More  than", re.IGNORECASE)
    bad = tmp_path / "words.tsv"
    bad.write_text("verb\trose\tweak\n", encoding="utf-8")
    with pytest.raises(ValueError, match="third column"):
        word_groups(bad)


@pytest.mark.parametrize(
    "unit",
    [
        "output value rose 5 percent to 3 billion yuan, ",
        # "respectively" lists paired with the counts and figures before them
        "12 firms and 30 tonnes of goods, up 5 percent and 6 percent respectively, ",
        # words of several years in the sentence before each figure
        "so far output rose 5 percent to 3 billion yuan, ",
    ],
    ids=["figures", "respectively lists", "so far"],
)
def test_claims_cost_grows_linearly_with_figures(unit: str) -> None:
    """Every claim reads a bounded window: 4x the figures in one sentence take far less than
    the 16x of a quadratic pass (a ratio measured in one run)."""
    from scaling import LIMIT, growth

    from extractor.claims.component import find_claims
    from extractor.nlp import get_pipeline

    nlp = get_pipeline()
    small, large = nlp(unit * 300), nlp(unit * 1200)
    ratio = growth(lambda: find_claims(small, None), lambda: find_claims(large, None))
    assert ratio < LIMIT, f"4x the figures took {ratio:.1f}x the time"


@pytest.mark.parametrize(
    ("short", "long", "merged"),
    [
        ("Hubei FTZ", "China (Hubei) Pilot Free Trade Zone", True),
        ("Hubei Pilot Free Trade Zone", "China (Hubei) Pilot Free Trade Zone", True),
        ("Donghu Lake High-tech Zone", "Wuhan Donghu Lake Hi-tech Development Zone", True),
        ("Qinghe Cooperation Zone", "Qinghe Gansu-Ningxia Deep Cooperation Zone", True),
        # a name opening with a designator drops no place: it names no one zone
        ("Economic Development Zone", "Qinghe Economic Development Zone", False),
        ("Hunan FTZ", "China (Hubei) Pilot Free Trade Zone", False),
        ("Lanxi High-tech Zone", "Wuhan Donghu Lake High-tech Development Zone", False),
    ],
)
def test_one_zone_s_names_share_a_key(short: str, long: str, merged: bool) -> None:
    from extractor.claims.names import Named, short_forms_merged

    entities = [
        Named(0, len(long), long, long, "zone"),
        Named(100, 100 + len(short), short, short, "zone"),
    ]
    keys = {e.key for e in short_forms_merged(entities)}
    assert (keys == {long}) is merged, keys
