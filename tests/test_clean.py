"""The cleaner on hand-written pages and text dumps (fixtures/pages/), and its parts.

Every ``fixtures/pages/<name>.expect.yaml`` names what the cleaner must give for the input
beside it (``<name>.html`` or ``<name>.txt``, or the ``input:`` path from the repository
root): the ``format`` it is read as, metadata fields that must be equal when present
(``title``, ``published``, ``site``, ``section``, ``author``, ``url``; ``null`` means "must
be missing"), ``must_contain`` / ``must_not_contain`` strings of the body text and optional
``starts_with`` / ``ends_with``. Each input also has a reviewed regression of its metadata and
paragraphs in fixtures/expected/test_clean/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from extractor.clean import Cleaned, clean
from extractor.clean.dates import parse_date
from extractor.clean.lines import breadcrumb_items, chrome_kind
from extractor.errors import EdzError, EmptyInputError, FormatError

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "fixtures" / "pages"
META_FIELDS = ("title", "published", "site", "section", "author", "url")


def _cases() -> list[tuple[str, Path, dict[str, Any]]]:
    cases = []
    for expect_file in sorted(PAGES.glob("*.expect.yaml")):
        name = expect_file.name[: -len(".expect.yaml")]
        expect = yaml.safe_load(expect_file.read_text(encoding="utf-8"))
        if "input" in expect:
            source = ROOT / expect["input"]
        else:
            source = next(p for p in PAGES.glob(name + ".*") if p.suffix in (".html", ".txt"))
        cases.append((name, source, expect))
    return cases


CASES = _cases()


def _clean(path: Path) -> Cleaned:
    return clean(path.read_bytes(), format="auto", path=str(path))


def test_there_are_enough_cases() -> None:
    html = [c for c in CASES if c[2]["format"] == "html"]
    text = [c for c in CASES if c[2]["format"] == "text" and c[0] != "seed"]
    assert len(html) >= 12 and len(text) >= 8
    assert any(c[0] == "seed" for c in CASES)


@pytest.mark.parametrize(("name", "source", "expect"), CASES, ids=[c[0] for c in CASES])
def test_page_expectations(name: str, source: Path, expect: dict[str, Any]) -> None:
    cleaned = _clean(source)
    assert cleaned.format == expect["format"]
    for field in META_FIELDS:
        if field in expect:
            assert getattr(cleaned, field) == expect[field], field
    text = cleaned.text
    for wanted in expect.get("must_contain", []):
        assert wanted in text, f"missing from the body: {wanted!r}"
    for unwanted in expect.get("must_not_contain", []):
        assert unwanted not in text, f"chrome left in the body: {unwanted!r}"
    if "starts_with" in expect:
        assert text.startswith(expect["starts_with"])
    if "ends_with" in expect:
        assert text.endswith(expect["ends_with"])
    # paragraphs: no empty ones, white space collapsed inside each
    for paragraph in text.split("\n\n"):
        assert paragraph and paragraph == paragraph.strip()
        assert not re.search(r"\s{2,}|\n|\u00a0", paragraph), paragraph


@pytest.mark.parametrize(("name", "source", "expect"), CASES, ids=[c[0] for c in CASES])
def test_page_regression(name: str, source: Path, expect: dict[str, Any], data_regression) -> None:
    cleaned = _clean(source)
    data = {field: getattr(cleaned, field) for field in META_FIELDS}
    data["format"] = cleaned.format
    data["paragraphs"] = cleaned.text.split("\n\n") if cleaned.text else []
    data_regression.check(data, basename=f"page_{name}")


def test_seed_text_is_exactly_the_article() -> None:
    cleaned = _clean(ROOT / "seeds" / "000_5ec9a3103d8d2515.txt")
    raw = (ROOT / "seeds" / "000_5ec9a3103d8d2515.txt").read_text(encoding="utf-8")
    start = raw.index("The Binhai New Area")
    end = raw.index("international cooperation and roles.") + len(
        "international cooperation and roles."
    )
    expected = "\n\n".join(p.strip() for p in raw[start:end].split("\n\n"))
    assert cleaned.text == expected
    assert (cleaned.title, cleaned.published) == (
        "Binhai speeds up growth in biomedical industry",
        "2021-09-07",
    )


# --- formats and inputs ---------------------------------------------------------------


def test_plain_strips_nothing_and_normalizes_paragraphs() -> None:
    text = "Home > News\n\nPrev Next\n\n  The zone  grew\n 5 percent.\u00a0 \n\n\n© 2024 Site"
    cleaned = clean(text, format="plain")
    assert cleaned.format == "plain"
    assert cleaned.text == "Home > News\n\nPrev Next\n\nThe zone grew 5 percent.\n\n© 2024 Site"
    assert cleaned.title is None


@pytest.mark.parametrize(
    ("source", "fmt"),
    [
        ("<html><body><p>The zone grew.</p></body></html>", "html"),
        ("<!DOCTYPE html><title>x</title><p>The zone grew.</p>", "html"),
        ("<div>The zone grew by five percent in the first half of the year.</div>", "html"),
        ("The zone grew.\n\nIt said x < y and a > b.", "text"),
        ("  <!-- saved page -->\n<p>The zone grew.</p>", "html"),
        ("Zone grows\n\nThe zone grew.\n\n<p>A caption left by the copy.</p>", "text"),
        ("Zone grows\n\n<p>The zone grew.</p>\n<p>Exports rose.</p>", "html"),
        ("Zone grows\n\nThe zone grew.\n<meta name='x'>", "html"),
    ],
)
def test_auto_sniffs_html_or_text(source: str, fmt: str) -> None:
    assert clean(source).format == fmt


def test_beautifulsoup_object_is_accepted() -> None:
    from bs4 import BeautifulSoup

    html = (PAGES / "related_inside_article.html").read_text(encoding="utf-8")
    from_soup = clean(BeautifulSoup(html, "html.parser"))
    from_text = clean(html)
    assert from_soup.format == "html"
    assert from_soup.text == from_text.text
    assert from_soup.title == from_text.title


def test_gbk_bytes_decode_through_the_meta_charset() -> None:
    data = (PAGES / "zone_portal_gbk.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "开发区新签约生物医药项目12个" in clean(data).text


# --- errors and hostile shapes: EdzError or a result, never another exception ------------


@pytest.mark.parametrize("source", [b"", b"   \n\t ", "", "\n\n  \n"])
def test_empty_input_is_an_empty_input_error(source: bytes | str) -> None:
    with pytest.raises(EmptyInputError):
        clean(source)


def test_unknown_format_is_a_format_error() -> None:
    with pytest.raises(FormatError):
        clean("The zone grew.", format="pdf")


def test_object_that_cannot_be_read_is_a_format_error() -> None:
    class Broken:
        def __str__(self) -> str:
            raise RuntimeError("no")

    with pytest.raises(FormatError):
        clean(Broken())


@pytest.mark.parametrize(
    "html",
    [
        "<html></html>",
        "<html><body></body></html>",
        "<p>",
        "<html><body><script>var a = '<p>not text</p>';</script></body></html>",
        "<table><tr><td><table><tr><td>" * 50 + "Cell",
        "<div>" * 300 + "Deep text inside many divs that is long enough to count." + "</div>" * 10,
        "<p>" + "<a href='#'>link</a>" * 2000 + "</p>",
        "<html><body><nav>Home</nav><p>" + "word " * 20000 + "</p></body></html>",
        "<body><p>Bad entity &#0; and &bogus; and \x00 nul</p></body>",
        # the tail of a removed element carries a control character lxml will not set back
        "<body><p>Some text<span hidden>x</span>\x0b tail after a hidden span</p></body>",
    ],
)
def test_malformed_html_gives_a_result_or_an_edz_error(html: str) -> None:
    try:
        cleaned = clean(html, format="html")
    except EdzError:
        return
    assert isinstance(cleaned.text, str)
    assert "<p>" not in cleaned.text


def test_long_text_dump_is_cleaned_line_by_line() -> None:
    line = "The zone signed a new investment deal with a logistics company this week."
    dump = "Title of the page\nHome > News\n\n" + "\n\n".join([line] * 5000) + "\n\nPrev Next\n"
    cleaned = clean(dump, format="text")
    assert cleaned.title == "Title of the page"
    assert cleaned.text == line  # the repeats are dropped as a paragraph seen before


# --- parts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Updated: Sept 07, 2021", "2021-09-07"),
        ("Updated: 2022-06-06 07:51", "2022-06-06"),
        ("2021-04-08 00:00", "2021-04-08"),
        ("Published on 09/29 2018", "2018-09-29"),
        ("09/29/2018", "2018-09-29"),
        ("2021-09-07T08:00:00+08:00", "2021-09-07"),
        ("2021/9/7", "2021-09-07"),
        ("20200515", "2020-05-15"),
        ("7 September 2021", "2021-09-07"),
        ("March 5, 2024", "2024-03-05"),
        ("Sep. 7th, 2021", "2021-09-07"),
        ("发布时间：2023年5月18日", "2023-05-18"),
        ("2021-02-30", None),
        ("206 medical institutions", None),
        ("by 2025", None),
        ("", None),
    ],
)
def test_parse_date(value: str, expected: str | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("line", "items"),
    [
        ("Home > Media Center > EDZ News", ["Home", "Media Center", "EDZ News"]),
        ("Home\u00a0\u00a0>\u00a0\u00a0News", ["Home", "News"]),
        ("当前位置：首页 > 新闻中心 > 园区动态", ["首页", "新闻中心", "园区动态"]),
        ("Home » News » Zone Updates", ["Home", "News", "Zone Updates"]),
        ("It said x > y in the report.", None),
        ("2021/09/07", None),
    ],
)
def test_breadcrumb_items(line: str, items: list[str] | None) -> None:
    from extractor.clean.lines import squash

    assert breadcrumb_items(squash(line)) == items


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("• |", "punctuation"),
        ("Share - WeChat", "share"),
        ("【字号：大 中 小】【打印】【关闭】", "share"),
        ("• Updated: Sept 07, 2021", "date"),
        ("Maybe you're interested", "teaser"),
        ("Most Viewed", "teaser"),
        ("ALSO READ: Tianjin port sets new record", "teaser-line"),
        ("Prev Next", "prev-next"),
        ("上一篇：园区举办跨境电商对接会", "prev-next"),
        ("Copyright©2024 China Daily. All rights reserved.", "copyright"),
        ("津ICP备05000000号", "copyright"),
        ("* Please leave a message * Your Email Address", "contact"),
        ("W020191202.jpg", "file-or-url"),
        ("https://example.com/news/1.html", "file-or-url"),
        ("English | 中文", "language"),
        ("Contact Us", "contact"),
        ("Media Center", "nav"),
        ("The zone grew 5 percent in 2021, officials said.", None),
        ("Related parties signed the contract on Monday.", None),
        ("Tags: Zhengzhou airport logistics", "promo"),
        ("Taguchi said the zone grew.", None),
        ("Follow @EDZNews on Twitter for more zone news", "promo"),
        ("Advertisement", "promo"),
    ],
)
def test_chrome_kind(line: str, kind: str | None) -> None:
    assert chrome_kind(line) == kind


def test_dump_menu_line_is_neither_title_nor_body() -> None:
    menu = (
        "Home About Us News Investment Policies Services Events Videos Photos Contact Us "
        "Search Login Register Sitemap Help English"
    )
    dump = (
        f"{menu}\nSuzhou zone opens chip design lab\nUpdated: 2021-01-02\n\n"
        "The Suzhou zone opened a laboratory for chip design on Monday, officials said.\n\n"
        "Copyright 2021 Suzhou Zone News"
    )
    cleaned = clean(dump, format="text")
    assert cleaned.title == "Suzhou zone opens chip design lab"
    assert cleaned.published == "2021-01-02"
    assert cleaned.site == "Suzhou Zone News"
    assert cleaned.text == (
        "The Suzhou zone opened a laboratory for chip design on Monday, officials said."
    )
