"""The Python API's inputs: bytes, str, and a BeautifulSoup object a caller already holds."""

from __future__ import annotations

import hashlib

import pytest
from bs4 import BeautifulSoup

from extractor import EdzError, extract

PAGE = (
    "<html><head><title>Park news</title></head><body><article><h1>Park news</h1>"
    "<p>The park drew 2 billion yuan ($310 million) in 2021, up 12.5 percent.</p>"
    "</article></body></html>"
)


def test_a_soup_gives_the_record_of_its_markup() -> None:
    soup = BeautifulSoup(PAGE, "html.parser")
    record = extract(soup)
    markup = str(soup)
    assert record.source.format == "html"
    assert record.source.sha256 == hashlib.sha256(markup.encode("utf-8")).hexdigest()
    assert record.source.bytes == len(markup.encode("utf-8"))
    same = extract(markup, format="html")
    assert (record.text, record.money, record.years) == (same.text, same.money, same.years)
    assert [m.amount for m in record.money] == [2_000_000_000, 310_000_000]


def test_an_object_that_cannot_be_serialized_is_a_clear_error() -> None:
    class Broken:
        def __str__(self) -> str:
            raise RuntimeError("no markup")

    with pytest.raises(EdzError, match=r"page\.html: cannot read this object as a page \(Broken\)"):
        extract(Broken(), path="page.html")
