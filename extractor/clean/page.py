"""Dispatch a page to the HTML, text-dump or plain cleaner and assemble the ``Cleaned``."""

from __future__ import annotations

import html
import logging
import re
from typing import Any

from extractor.clean import Cleaned
from extractor.clean.decode import decode_page
from extractor.clean.lines import squash
from extractor.errors import EdzError, EmptyInputError, FormatError

log = logging.getLogger(__name__)

# A page: its document tags anywhere, or markup at its very start. A text that starts with
# prose needs two block tags before it is read as markup: a text dump of a page keeps a
# stray "<p>" of its source now and then, and is still a text dump.
_PAGE_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I)
_BLOCK_TAG = re.compile(r"<(?:p|div|article|table|span|br|h[1-6])\b", re.I)
_MARKUP_START = re.compile(r"[\s\ufeff]*<(?:!--|!doctype|[a-z])", re.I)
_BLANK_LINES = re.compile(r"\n[ \t\u00a0\u3000]*\n")


# C0 and C1 control characters (ESC included) and DEL: never part of a title, a name or a URL.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]+")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.I)
MAX_URL = 2048  # characters; longer values are not a page's address
_HTTP_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f<>\"]+", re.I)
MAX_FIELD = 1000  # characters of a metadata field kept (a title, a by-line, a site name)


def clean_field(value: str | None) -> str | None:
    """A metadata field as text: entities left encoded ("&#039;", "&amp;#8211;") decoded,
    control characters removed, white space collapsed, cut at MAX_FIELD characters."""
    if not value:
        return None
    value = value[: MAX_FIELD * 4]
    for _ in range(2):  # pages that encode twice ("&amp;#8211;") need two rounds
        if "&" in value and _ENTITY.search(value):
            value = html.unescape(value)
    value = squash(_CONTROL.sub(" ", value))[:MAX_FIELD].strip()
    return value or None


def clean_url(value: str | None) -> str | None:
    """The page's address if it is one: an http(s) URL of sane length, nothing else
    (no javascript: or data: values, no white space or escape codes inside)."""
    if not value or len(value) > MAX_URL + 100:
        return None
    value = value.strip()
    return value if len(value) <= MAX_URL and _HTTP_URL.fullmatch(value) else None


def sniff_format(text: str) -> str:
    """``html`` if the text looks like markup, else ``text``."""
    head = text[:8192]
    if _PAGE_TAG.search(head) or _MARKUP_START.match(head):
        return "html"
    block_tags = _BLOCK_TAG.finditer(head)
    return "html" if next(block_tags, None) and next(block_tags, None) else "text"


def plain_paragraphs(text: str) -> list[str]:
    """Paragraphs of already clean text: split on blank lines, white space collapsed."""
    return [p for p in (squash(block) for block in _BLANK_LINES.split(text)) if p]


def _source_text(source: Any, format: str) -> tuple[str, str, list[str], bytes | None]:
    """The text, its format, warnings, and the text's UTF-8 bytes when the source was them."""
    if isinstance(source, bytes | bytearray):
        text, warnings, utf8 = decode_page(bytes(source))
        return text, format, list(warnings), utf8
    if isinstance(source, str):
        return source, format, [], None
    return markup_of(source), "html", [], None


def markup_of(source: Any) -> str:
    """The HTML of a BeautifulSoup object (or anything whose str() is its markup).

    Serializing and re-parsing with lxml is faster than walking bs4's tree in Python.
    """
    try:
        return str(source)
    except Exception as exc:  # a foreign object whose __str__ fails
        raise FormatError(f"cannot read this object as a page ({type(source).__name__})") from exc


def clean_page(source: Any, *, format: str = "auto", path: str | None = None) -> Cleaned:
    if format not in ("auto", "html", "text", "plain"):
        raise FormatError(f"unknown format {format!r}; use auto, html, text or plain", path=path)
    text, format, warnings, utf8 = _source_text(source, format)
    # isspace() stops at the first visible character; strip() would copy the page
    if not text or text.isspace():
        raise EmptyInputError("the file is empty; nothing to extract", path=path)
    fmt = sniff_format(text) if format == "auto" else format
    if fmt == "plain":
        return Cleaned(
            format="plain", text="\n\n".join(plain_paragraphs(text)), warnings=tuple(warnings)
        )
    try:
        if fmt == "html":
            return _clean_html(text, warnings, utf8)
        return _clean_text(text, warnings)
    except EdzError as exc:
        raise exc.with_path(path) from None
    except RecursionError:
        raise EmptyInputError("the page is nested too deeply to read", path=path) from None


def _clean_text(text: str, warnings: list[str]) -> Cleaned:
    from extractor.clean.text import clean_dump

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    dump = clean_dump(text)
    return Cleaned(
        format="text",
        text="\n\n".join(dump.paragraphs),
        title=clean_field(dump.title),
        published=dump.published,
        site=clean_field(dump.site),
        section=clean_field(dump.section),
        author=clean_field(dump.author),
        warnings=tuple(warnings + dump.warnings),
    )


def _clean_html(text: str, warnings: list[str], utf8: bytes | None = None) -> Cleaned:
    from extractor.clean.dates import dateline_date
    from extractor.clean.html import MAX_CHARS, extract_body
    from extractor.clean.meta import read_meta
    from extractor.clean.parse import parse_html
    from extractor.clean.prune import survey
    from extractor.clean.published import url_date

    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        utf8 = None
        warnings.append(f"the page is over {MAX_CHARS} characters; the rest was ignored")
    try:
        root = parse_html(text, warnings, utf8=utf8)
    except EdzError:
        raise
    except Exception as exc:  # lxml raises ParserError / ValueError on markup it cannot root
        log.debug("lxml could not parse the page: %s", exc)
        root = None
    if root is None:
        raise EmptyInputError("the page has no HTML content to read")
    found = survey(root)
    meta = read_meta(root, found.crumbs, found.hints, found.meta_elements, found.dated)
    # A page whose markup gives no date is one of those (table layouts, old CMSs) that
    # print date, breadcrumb and byline as plain lines above the body: read them there.
    title = clean_field(meta.title)
    body = extract_body(root, found, title, scan_head=meta.published is None)
    url = clean_url(meta.url)
    return Cleaned(
        format="html",
        text="\n\n".join(body.paragraphs),
        title=title,
        published=meta.published
        or body.published
        or (dateline_date(body.paragraphs[0]) if body.paragraphs else None)
        or meta.script_date
        or url_date(url)
        or meta.masthead_date,
        site=clean_field(meta.site),
        section=clean_field(meta.section or body.section),
        url=url,
        author=clean_field(meta.author or body.author),
        warnings=tuple(warnings + meta.warnings + body.warnings),
    )
