"""Claims: the year situations of fixtures/claims/years.yaml, checked like the case table
of fixtures/claims/cases.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests import test_claims

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "claims" / "years.yaml"


def _cases() -> list[Any]:
    with CASES.open(encoding="utf-8") as fh:
        cases = yaml.safe_load(fh)
    return [pytest.param(case, id=f"{i}-{case['in'][:40]}") for i, case in enumerate(cases)]


@pytest.mark.parametrize("case", _cases())
def test_year_case(case: dict[str, Any]) -> None:
    test_claims.test_claim_case(case)
