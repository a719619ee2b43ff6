"""The article body of an HTML page, found by generic means on lxml's tree.

1. Prune (``prune``): remove elements that are never body text (scripts, styles, forms of inputs,
   navigation, asides, footers) and those whose class/id/role says chrome (share bars,
   related lists, comments, breadcrumbs, ads...) unless they hold most of the page's prose.
2. Score (``score``): every paragraph-like element of 25+ characters scores 1 + its commas +
   its length (up to 3); the score flows to its ancestors (halving, then a third per level),
   and each candidate's total is weighted by its class/id and discounted by its link density.
3. Gather: the best candidate and those of its siblings that score near it or read as prose.
4. Emit blocks in document order, each paragraph / heading / list item / line-broken run one
   block, dropping link lists, share and teaser lines, bylines, dates and the title repeated.

Known layouts (a ``TRS_Editor`` / ``#Content`` body on Chinese news and government sites,
``itemprop=articleBody``) are tried first and used when they hold enough prose; otherwise, and
always for the rest, the generic path decides.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from extractor.clean.dates import parse_date
from extractor.clean.lines import (
    BYLINE,
    DATE_LEAD,
    breadcrumb_items,
    chrome_kind,
    date_line,
    keep_longer,
    squash,
    strip_credit,
)
from extractor.clean.prune import Survey, _attached, _link_density, _text_len, prune
from extractor.clean.score import _candidates, _nested
from extractor.clean.sentences import ENDS_SENTENCE_OR_LEAD_IN

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "tbody",
        "thead",
        "tfoot",
        "figure",
        "header",
        "address",
        "center",
        "form",
        "fieldset",
        "hr",
        "br",
    ]
)
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))

MAX_CHARS = 20_000_000  # pages larger than this are cut before parsing


@dataclass
class Block:
    text: str
    tag: str
    link_chars: int = 0


@dataclass
class BodyResult:
    paragraphs: list[str]
    author: str | None = None
    published: str | None = None
    section: str | None = None
    warnings: list[str] = field(default_factory=list)


# What lxml.html's text_content() runs, usable on plain etree elements too.
_TEXT_CONTENT = etree.XPath("string()")


def _blocks(nodes: list[Any]) -> list[Block]:
    """Text blocks of ``nodes`` in document order, with their characters inside links."""
    return list(_iter_blocks(nodes))


def _iter_blocks(nodes: list[Any]) -> Iterator[Block]:
    blocks: list[Block] = []  # filled by flush(), handed out after each element
    parts: list[str] = []
    link_chars = 0
    tag_stack: list[str] = []
    in_link = 0

    def flush() -> None:
        nonlocal parts, link_chars
        if parts:
            text = squash("".join(parts))
            if text:
                block_tag = next((t for t in reversed(tag_stack) if t in _BLOCK_TAGS), "div")
                blocks.append(Block(text, block_tag, link_chars))
        parts = []
        link_chars = 0

    for node in nodes:
        # el.text / el.tail build a new str at each read: each is read once, into a local
        for event, el in etree.iterwalk(node, events=("start", "end")):
            tag = el.tag
            if not isinstance(tag, str):
                if event == "end" and el is not node:
                    tail = el.tail
                    if tail:
                        parts.append(tail)
                continue
            if event == "start":
                if tag in _BLOCK_TAGS:
                    flush()
                elif tag in ("td", "th"):
                    parts.append(" ")  # cells of a row read as one line
                tag_stack.append(tag)
                if tag == "a":
                    in_link += 1
                text = el.text
                if text:
                    parts.append(text)
                    if in_link:
                        link_chars += len(text.strip())
            else:
                if tag in _BLOCK_TAGS:
                    flush()
                if tag_stack:
                    tag_stack.pop()
                if tag == "a":
                    in_link -= 1
                if el is not node:
                    tail = el.tail
                    if tail:
                        parts.append(tail)
                        if in_link:
                            link_chars += len(tail.strip())
            if blocks:
                yield from blocks
                blocks.clear()
        flush()
        yield from blocks
        blocks.clear()


def _scan_head(body: Any, first_paragraph: str | None, result: BodyResult) -> None:
    """Date, breadcrumb and byline lines shown above the body (table layouts, no classes)."""
    for block in _iter_blocks([body]):
        text = block.text
        if text == first_paragraph:
            break
        if len(text) > 200:
            continue
        if result.published is None:
            result.published = date_line(text)
        if result.section is None:
            items = breadcrumb_items(text)
            if items:
                result.section = items[-1]
        if result.author is None:
            byline = BYLINE.fullmatch(text)
            if byline and len(text) < 80:
                result.author = byline.group("name")


EDGE_BLOCKS = 4  # a date line is chrome this near the top or the bottom of the body


def _chrome(text: str, i: int, count: int) -> str | None:
    """Why block ``i`` of ``count`` is chrome, or None. A date line with no label
    ("— Name (@handle) October 9, 2018") is chrome near the body's edges only."""
    kind = chrome_kind(text)
    if kind == "date" and EDGE_BLOCKS <= i < count - EDGE_BLOCKS and not DATE_LEAD.match(text):
        return None
    return kind


def _note(kind: str, text: str, i: int, result: BodyResult) -> None:
    """What a chrome line tells: the date, the by-line's name, the section."""
    if kind == "date":
        if result.published is None:
            result.published = parse_date(text)
        if result.author is None and i < 12:
            byline = BYLINE.fullmatch(text)
            result.author = byline.group("name") if byline else None
    elif kind == "breadcrumb" and result.section is None:
        items = breadcrumb_items(text)
        result.section = items[-1] if items else None


def _keep(blocks: list[Block], title: str | None, result: BodyResult) -> list[str]:
    kept: list[str] = []
    seen: set[str] = set()
    title_l = (title or "").lower()
    for i, b in enumerate(blocks):
        text = b.text
        n = len(text)
        heading = b.tag in _HEADINGS
        if b.link_chars and b.link_chars / n > (0.6 if n > 120 else 0.4):
            continue
        if title_l and text.lower() == title_l:
            continue
        if n <= 250:
            kind = _chrome(text, i, len(blocks))
            if kind is not None:
                _note(kind, text, i, result)
                continue
            if n < 100 and i < 12 and not kept:
                byline = BYLINE.fullmatch(text)
                if byline:
                    result.author = result.author or byline.group("name")
                    continue
                date = parse_date(text)
                if date and n < 40:
                    result.published = result.published or date
                    continue
        text = strip_credit(text)
        if not text or (text in seen and not heading):
            continue
        seen.add(text)
        keep_longer(kept, text)
    # Short link-free lines at the edges (labels, captions, section names) are not body.
    while kept and len(kept[-1]) < 40 and not ENDS_SENTENCE_OR_LEAD_IN.search(kept[-1]):
        kept.pop()
    while kept and len(kept[0]) < 25 and not ENDS_SENTENCE_OR_LEAD_IN.search(kept[0]):
        kept.pop(0)
    return kept


def extract_body(
    root: Any, found: Survey, title: str | None, *, scan_head: bool = False
) -> BodyResult:
    """The body paragraphs of a parsed page (pruned in place).

    ``scan_head``: also read date, breadcrumb and byline lines shown above the body (for
    pages whose markup gave none).
    """
    result = BodyResult(paragraphs=[])
    body = root.find("body") if root.tag == "html" else root
    if body is None:
        body = root
    prune(body, found)
    nodes: list[Any] = []
    top = body.getroottree().getroot()
    known = [el for el in found.known_bodies if _attached(el, top)]  # not removed as chrome
    for el in known:
        n = _text_len(el)
        if n >= 400 and _link_density(el, n) < 0.3:
            nodes = [el]
            # a body split by ads or grids repeats its container: take every part
            cls = el.get("class")
            for other in known:
                if (
                    other is not el
                    and cls
                    and other.tag == el.tag
                    and other.get("class") == cls
                    and not _nested(other, nodes)
                    and _link_density(other) < 0.3
                ):
                    nodes.append(other)
            break
    if not nodes:
        nodes = _candidates(body)
        parent = nodes[0].getparent() if nodes else None
        if any(node.getparent() is not parent for node in nodes):
            # parts found elsewhere in the page (a split body): put them in page order
            order = {el: i for i, el in enumerate(body.iter())}
            nodes.sort(key=lambda el: order.get(el, 0))
    paragraphs = _keep(_blocks(nodes), title, result) if nodes else []
    if sum(len(p) for p in paragraphs) < 200:
        # Nothing scored as a body: keep the page's prose blocks, whatever holds them.
        fallback = _keep(_blocks([body]), title, BodyResult(paragraphs=[]))
        fallback = [p for p in fallback if len(p) >= 60 or ENDS_SENTENCE_OR_LEAD_IN.search(p)]
        if sum(len(p) for p in fallback) > sum(len(p) for p in paragraphs):
            paragraphs = fallback
    result.paragraphs = paragraphs
    if scan_head:
        _scan_head(body, paragraphs[0] if paragraphs else None, result)
    return result
