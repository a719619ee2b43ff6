"""Invariants every record keeps, checked on every input fixture and the seed.

- every fact's ``text`` equals ``record.text[start:end]``, with ``start < end``;
- facts of a kind are sorted by position and do not overlap;
- ``equivalent_of`` points at another money fact;
- the record validates against the committed JSON Schema;
- the same input gives byte-identical JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from extractor import Record, extract_file
from extractor.record import FACT_KINDS

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schemas" / "record.schema.json").read_text(encoding="utf-8"))
INPUT_SUFFIXES = {".html", ".htm", ".txt"}


def _inputs() -> list[Path]:
    found = sorted((ROOT / "seeds").iterdir())
    fixtures = ROOT / "fixtures"
    found += sorted(
        p
        for p in fixtures.rglob("*")
        if p.is_file() and p.suffix in INPUT_SUFFIXES and "expected" not in p.parts
    )
    return found


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT))


def check_record(record: Record) -> None:
    """Assert every invariant above on one record (used by other tests too)."""
    for kind in FACT_KINDS:
        facts = getattr(record, kind)
        previous_end = -1
        for fact in facts:
            assert 0 <= fact.start < fact.end <= len(record.text), (kind, fact)
            assert record.text[fact.start : fact.end] == fact.text, (kind, fact)
            assert fact.start >= previous_end, f"{kind} overlap or out of order at {fact}"
            previous_end = fact.end
    for i, money in enumerate(record.money):
        if money.equivalent_of is not None:
            assert 0 <= money.equivalent_of < len(record.money)
            assert money.equivalent_of != i
    jsonschema.validate(json.loads(record.to_json()), SCHEMA)


@pytest.mark.parametrize("path", _inputs(), ids=_id)
def test_record_invariants(path: Path) -> None:
    record = extract_file(path)
    check_record(record)
    assert extract_file(path).to_json() == record.to_json()
