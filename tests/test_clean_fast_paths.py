"""The cleaner's speed-ups give exactly what the plain forms give.

Each faster form (see git log of extractor/clean) is checked against the plain form it
replaced, kept here as the reference: on crafted pages for the cases the speed-up relies
on, and on the benchmark pages when ../shared is present.
"""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from extractor.clean import classes
from extractor.clean import prune as pruning
from extractor.clean.decode import decode_bytes, decode_page
from extractor.clean.meta import read_meta
from extractor.clean.parse import parse_html

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
BENCH_PAGES = sorted((SHARED / "bench" / "article-extraction" / "html").glob("*.html.gz"))

PAGE = (
    """<!DOCTYPE html><html><head><title>Binhai grows | EDZ News</title>
<meta property="og:site_name" content="EDZ News"><link rel="canonical" href="https://x.test/a">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Binhai grows"}</script>
</head><body>
<nav class="breadcrumb"><a href="/">Home</a> &gt; <a href="/news">News</a>
  <span class="share-count">12</span> tail of a nav item</nav>
<div class="related-links"><p class="promo-text">Read more</p>
  <form class="search"><input name="q"><form class="inner">nested form</form></form></div>
<article class="article-body"><h1>Binhai grows</h1><time datetime="2021-09-07">Sept 7</time>
<p>The Binhai New Area, in North China's Tianjin Municipality, grows fast, with
206 medical institutions and more than 1,500 biomedical companies.</p>
<div class="share-bar"><a href="#">Share</a> on <a href="#">WeChat</a></div> after the bar
<form><p>A form that wraps prose of the page, long enough to be kept as it is.
"""
    + "Its text goes on. " * 20
    + """</p></form>
<p>Second paragraph, about international cooperation and roles.</p></article>
<footer class="footer"><div class="most-viewed"><p class="byline">By Li</p></div></footer>
</body></html>"""
)


def _reference_prune(root: Any, found: pruning.Survey) -> None:
    """pruning.prune as first written: every doomed element measured, forms found by a walk."""
    etree.strip_elements(root, *pruning._DROP_TAGS, with_tail=False)
    page_total = pruning._text_len(root)
    for el, limit in reversed(found.doomed):
        if limit is not None:
            total = pruning._text_len(el)
            if total > limit or total > 0.4 * page_total:
                density = pruning._link_density(el, total)
                if (total > limit and density < 0.35) or (
                    total > 0.4 * page_total and density < 0.5
                ):
                    continue
        pruning._remove(el)
    for form in list(root.iter("form")):
        if pruning._text_len(form) < 300:
            pruning._remove(form)


def _pruned(text: str, prune: Any) -> bytes:
    root = parse_html(text)
    found = pruning.survey(root)
    body = root.find("body")
    prune(body, found)
    return etree.tostring(root, encoding="utf-8")


def test_prune_matches_the_reference_on_a_crafted_page() -> None:
    # chrome inside <nav> and <footer> (skipped, as strip_elements removed it), nested
    # forms, a form kept for its prose, tails of removed elements
    assert _pruned(PAGE, pruning.prune) == _pruned(PAGE, _reference_prune)
    assert b"after the bar" in _pruned(PAGE, pruning.prune)
    assert b"nested form" not in _pruned(PAGE, pruning.prune)


@pytest.mark.skipif(not BENCH_PAGES, reason="../shared benchmark pages are absent")
def test_prune_matches_the_reference_on_the_benchmark_pages() -> None:
    for path in BENCH_PAGES[::3]:
        text, _warnings = decode_bytes(gzip.decompress(path.read_bytes()))
        assert _pruned(text, pruning.prune) == _pruned(text, _reference_prune), path.name


def test_survey_gathers_what_a_walk_finds() -> None:
    root = parse_html(PAGE)
    found = pruning.survey(root)
    walked = list(root.iter("meta", "script", "link", "title", "h1", "time"))
    assert found.meta_elements == walked
    assert found.forms == list(root.iter("form"))
    assert len(found.forms) == 3
    assert read_meta(root, found.crumbs, found.hints, found.meta_elements) == read_meta(
        root, found.crumbs, found.hints
    )
    assert read_meta(root, found.crumbs, found.hints).title == "Binhai grows"


@pytest.mark.parametrize(
    ("data", "has_bytes"),
    [
        (b"<p>plain ASCII</p>", True),
        ("<p>Binhai 滨海 — UTF-8</p>".encode(), True),
        (b"<p>" + b"Text with a stray NUL " * 5 + b"\x00 and \x01 control</p>", True),
        ('<meta charset="gbk"><p>滨海新区</p>'.encode("gbk"), False),
        (codecs.BOM_UTF8 + "<p>滨海 with a BOM</p>".encode(), False),
        ("<p>滨海 UTF-16</p>".encode("utf-16"), False),
    ],
)
def test_decode_page_bytes_are_the_text(data: bytes, has_bytes: bool) -> None:
    text, warnings, utf8 = decode_page(data)
    assert (text, warnings) == decode_bytes(data)
    assert (utf8 is not None) == has_bytes
    if utf8 is not None:
        assert utf8 == text.encode("utf-8")


def test_parse_reads_the_given_bytes_only_for_the_text_as_given() -> None:
    plain = "<p>right</p>"
    assert etree.tostring(parse_html(plain, utf8=plain.encode())) == etree.tostring(
        parse_html(plain)
    )
    # a DOCTYPE's entity declarations are dropped: the text is rewritten, so the caller's
    # bytes (of the text before) must not be parsed
    declared = '<!DOCTYPE html [<!ENTITY x "y">]><p>right</p>'
    root = parse_html(declared, [], utf8=b"<p>wrong</p>")
    assert "right" in "".join(root.itertext())
    assert "wrong" not in "".join(root.itertext())


def test_class_flags_cache_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classes, "_VALUE_FLAGS", {})
    monkeypatch.setattr(classes, "_VALUE_FLAGS_SIZE", 8)
    values = [f"post-{n} most-viewed" if n % 2 else f"item-{n}" for n in range(50)]
    flags = [classes._value_flags(value) for value in values]
    assert len(classes._VALUE_FLAGS) <= 8
    assert flags == [classes._classify_value(value) for value in values]
    assert flags[1] & classes.STRONG and not flags[0]
