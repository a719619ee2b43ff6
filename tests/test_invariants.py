"""Invariants every record keeps, checked on every input fixture and the seed.

- every fact's ``text`` equals ``record.text[start:end]``, with ``start < end``;
- facts of a kind are sorted by position and do not overlap;
- ``equivalent_of`` points at another money fact;
- the record validates against the committed JSON Schema;
- the same input gives byte-identical JSON.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from record_checks import check_record

from extractor import extract_file

ROOT = Path(__file__).resolve().parent.parent
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


@pytest.mark.parametrize("path", _inputs(), ids=_id)
def test_record_invariants(path: Path) -> None:
    record = extract_file(path)
    check_record(record)
    assert extract_file(path).to_json() == record.to_json()
