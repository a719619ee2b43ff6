"""The fact case tables: one parametrized test over fixtures/facts/<kind>.yaml.

Each table is a YAML list, one case a line:

    - {in: "It cost 5,000 yuan ($770).", out: [{text: "5,000 yuan", amount: 5000, currency: CNY},
       {text: "$770", amount: 770, currency: USD, equivalent_of: 0}]}

``in`` is extracted as plain text (nothing stripped); ``out`` lists, in order,
every fact of the table's kind the input must give, and nothing else (``[]``
for a negative case). Each expected fact names only the fields it checks; a
field given as ``null`` must be null. Offsets are checked on every case.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from extractor import extract

FACTS_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "facts"
KINDS = ("money", "percentages", "years", "counts", "entities")


def _cases() -> list[Any]:
    params = []
    for kind in KINDS:
        table = FACTS_DIR / f"{kind}.yaml"
        if not table.exists():
            continue
        with table.open(encoding="utf-8") as fh:
            cases = yaml.safe_load(fh) or []
        for i, case in enumerate(cases):
            params.append(pytest.param(kind, case, id=f"{kind}-{i}-{str(case['in'])[:40]}"))
    return params


def _same(expected: Any, actual: Any) -> bool:
    if isinstance(expected, float) or isinstance(actual, float):
        if expected is None or actual is None:
            return expected is actual
        return math.isclose(float(expected), float(actual), rel_tol=1e-9)
    return bool(expected == actual)


@pytest.mark.parametrize(("kind", "case"), _cases())
def test_fact_case(kind: str, case: dict[str, Any]) -> None:
    record = extract(case["in"], format="plain")
    facts = getattr(record, kind)
    for fact in facts:
        assert record.text[fact.start : fact.end] == fact.text
    got = [f.model_dump() for f in facts]
    expected = case["out"] or []
    assert len(got) == len(expected), f"expected {len(expected)} {kind}, got {got}"
    summary = [
        {k: g[k] for k in ("text", *e) if k in g} for g, e in zip(got, expected, strict=True)
    ]
    for exp, act in zip(expected, got, strict=True):
        for field, value in exp.items():
            assert field in act, f"unknown field {field!r} in the case table"
            assert _same(value, act[field]), (
                f"{field}: expected {value!r}, got {act[field]!r} in {summary}"
            )
