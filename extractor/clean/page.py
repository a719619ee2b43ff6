"""Dispatch a page to the HTML or text-dump cleaner."""

from __future__ import annotations

import re
from typing import Any

from extractor.clean import Cleaned
from extractor.clean.decode import decode_bytes
from extractor.errors import EmptyInputError, FormatError

_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body|p|div|article)\b", re.I)


def sniff_format(text: str) -> str:
    """``html`` if the text looks like markup, else ``text``."""
    return "html" if _HTML_SNIFF.search(text[:8192]) else "text"


def _paragraphs(text: str) -> str:
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paras if p)


def clean_page(source: Any, *, format: str = "auto", path: str | None = None) -> Cleaned:
    if format not in ("auto", "html", "text", "plain"):
        raise FormatError(f"unknown format {format!r}; use auto, html, text or plain", path=path)
    warnings: list[str] = []
    if isinstance(source, bytes | bytearray):
        text, warnings = decode_bytes(bytes(source))
    elif isinstance(source, str):
        text = source
    else:  # a BeautifulSoup object (or anything whose str() is markup)
        text, format = str(source), "html"
    if not text.strip():
        raise EmptyInputError("the file is empty; nothing to extract", path=path)
    fmt = sniff_format(text) if format == "auto" else format
    if fmt == "plain":
        return Cleaned(format="plain", text=_paragraphs(text), warnings=tuple(warnings))
    if fmt == "html":
        import lxml.html

        root = lxml.html.document_fromstring(text)
        body = "\n\n".join(p.text_content() for p in root.iter("p", "h2", "h3"))
        title = root.findtext(".//title")
        return Cleaned(format="html", text=_paragraphs(body), title=title, warnings=tuple(warnings))
    return Cleaned(format="text", text=_paragraphs(text), warnings=tuple(warnings))
