"""The Python API's inputs: bytes, str, and a BeautifulSoup object a caller already holds."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from typing import Any

import pytest
from bs4 import BeautifulSoup

from extractor import EdzError, extract, extract_file
from extractor.api import read_stream
from extractor.errors import TooLargeError

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


def test_a_soup_that_cannot_be_serialized_is_a_clear_error() -> None:
    class Broken(BeautifulSoup):
        def __str__(self) -> str:
            raise RuntimeError("no markup")

    with pytest.raises(EdzError, match=r"page\.html: cannot read this object as a page \(Broken\)"):
        extract(Broken(PAGE, "html.parser"), path="page.html")


# Each wrong argument gets an InputError (code "input") saying what it must be.
SOURCE = "source must be the page as bytes or str, or a BeautifulSoup object, not "
PATH = "path must be a file name (str, bytes or os.PathLike), not "
LIMIT = "max_bytes must be a whole number of bytes >= 0 or None, not "
BAD_ARGUMENTS = [
    (lambda: extract(None), SOURCE + "NoneType"),
    (lambda: extract(123), SOURCE + "int"),
    (lambda: extract(io.BytesIO(b"<p>x</p>")), SOURCE + "an open file: read it first, or use"),
    (lambda: extract(PAGE, path=123), PATH + "int"),
    (lambda: extract_file(None), PATH + "NoneType"),
    (lambda: extract_file(123), PATH + "int"),
    (lambda: extract_file(__file__, max_bytes="x"), LIMIT + "'x'"),
    (lambda: extract_file(__file__, max_bytes=-1), LIMIT + "-1"),
    (lambda: extract_file(__file__, max_bytes=True), LIMIT + "True"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "message"), BAD_ARGUMENTS)
def test_a_wrong_argument_says_what_it_must_be(call: Callable[[], Any], message: str) -> None:
    with pytest.raises(EdzError) as caught:
        call()
    assert caught.value.code == "input"
    assert message in str(caught.value)


def test_stdin_reading_stops_one_byte_past_the_limit() -> None:
    class Endless(io.RawIOBase):
        read_so_far = 0

        def readable(self) -> bool:
            return True

        def read(self, n: int = -1) -> bytes:
            assert n > 0, "never asked for everything"
            self.read_so_far += n
            return b"y\n" * (n // 2) + b"y" * (n % 2)

    stream = Endless()
    with pytest.raises(TooLargeError, match="larger than 1000 bytes"):
        read_stream(stream, max_bytes=1000)
    assert stream.read_so_far == 1001
    assert read_stream(io.BytesIO(b"abc"), max_bytes=3) == b"abc"
