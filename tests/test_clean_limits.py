"""The cleaner's time stays linear on hostile markup: each case is timed at two sizes in one
run and compared as a ratio (linear is ~4x for 4x the input, quadratic ~16x)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from scaling import LIMIT, growth, sized

from extractor.clean import clean

PROSE = "<p>" + "The zone grew fast this year, officials said on Tuesday. " * 10 + "</p>"


def _attributes(n: int) -> str:
    attributes = " ".join(f'a{i}="x"' for i in range(n))
    return f'<html><body><div {attributes} class="story">{PROSE}</div></body></html>'


HOSTILE: dict[str, Callable[[int], str]] = {
    # one element with tens of thousands of distinct attributes
    "attributes": lambda k: _attributes(50_000 * k),
    # a tag name running on without end: the long-tag cut must not backtrack over it
    "endless tag name": lambda k: "<html><body>" + PROSE + "<a" + "b" * (500_000 * k),
    # JSON-LD nested deeper than the JSON reader goes
    "deep JSON-LD": lambda k: (
        '<html><head><script type="application/ld+json">'
        + "[" * (20_000 * k)
        + "]" * (20_000 * k)
        + "</script></head><body>"
        + PROSE
        + "</body></html>"
    ),
}


@pytest.mark.parametrize("make", HOSTILE.values(), ids=HOSTILE.keys())
def test_time_is_linear_on_hostile_markup(make: Callable[[int], str]) -> None:
    k = sized(make, lambda page: clean(page, format="html"))
    small, large = make(k), make(4 * k)
    ratio = growth(lambda: clean(small, format="html"), lambda: clean(large, format="html"))
    assert ratio < LIMIT, f"4x the markup took {ratio:.1f}x the time"


def test_an_element_with_many_attributes_keeps_the_page() -> None:
    cleaned = clean(_attributes(100_000), format="html")
    assert "The zone grew fast" in cleaned.text
    assert any("attributes" in w for w in cleaned.warnings)
