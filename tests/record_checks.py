"""The record contract, asserted in one place for every test that makes records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from extractor.record import FACT_KINDS

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "record.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def check_record(record: Any) -> dict[str, Any]:
    """Assert the record's invariants and return it as JSON data.

    - every fact's ``text`` equals ``record.text[start:end]``, with ``start < end``;
    - facts of a kind are sorted by position and do not overlap;
    - ``equivalent_of`` points at another money fact;
    - the record validates against the committed JSON Schema.
    """
    data: dict[str, Any] = json.loads(record.to_json())
    VALIDATOR.validate(data)
    text = record.text
    for kind in FACT_KINDS:
        previous_end = -1
        for fact in getattr(record, kind):
            assert 0 <= fact.start < fact.end <= len(text), (kind, fact)
            assert text[fact.start : fact.end] == fact.text, (kind, fact)
            assert fact.start >= previous_end, f"{kind} overlap or out of order at {fact}"
            previous_end = fact.end
    for i, money in enumerate(record.money):
        if money.equivalent_of is not None:
            assert 0 <= money.equivalent_of < len(record.money)
            assert money.equivalent_of != i
    return data
