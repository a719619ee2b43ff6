"""Shared test fixtures: where fixtures live, and the shared pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def original_datadir(request: pytest.FixtureRequest) -> Path:
    """pytest-regressions data lives in fixtures/expected/<test module>/, beside the inputs."""
    return FIXTURES / "expected" / request.path.stem
