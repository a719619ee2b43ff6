"""Stage 1: a page (HTML or a text dump) -> title, date, metadata and clean body text.

``clean(source, format=...)`` is the entry point. ``source`` may be bytes (decoded
by :mod:`extractor.clean.decode`), a ``str``, or a BeautifulSoup object a caller
already holds. Formats: ``html``; ``text`` (a text dump that may carry page
chrome); ``plain`` (already clean text: nothing is stripped); ``auto`` (sniffs
html vs text).

Modules: ``page`` (dispatch and assembly), ``html`` (the body of an HTML page: blocks
kept in order), with ``prune`` (the survey of class / id / role / style and removal of
chrome), ``classes`` (what a class or id value says) and ``score`` (where the body is);
``meta`` (title, date, site, section, url, author of an HTML page), ``text``
(text-dump line classification), ``wrap`` (hard-wrapped lines joined back), ``lines`` (what
a line of chrome looks like, shared by both), ``sentences`` (where a line ends a sentence,
with the word lists of ``data/``), ``dates`` (a small strict date parser), ``decode``
(bytes -> str) and ``parse`` (the safe lxml parser).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Format = Literal["html", "text", "plain"]
FORMATS: tuple[str, ...] = ("auto", "html", "text", "plain")


@dataclass(frozen=True)
class Cleaned:
    """What the cleaner keeps of a page."""

    format: Format
    text: str  # the body: paragraphs joined by "\n\n"
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    site: str | None = None
    section: str | None = None
    url: str | None = None
    author: str | None = None
    warnings: tuple[str, ...] = field(default=())


def clean(source: Any, *, format: str = "auto", path: str | None = None) -> Cleaned:
    """Strip the chrome from ``source`` and return its title, metadata and body."""
    from extractor.clean.page import clean_page

    return clean_page(source, format=format, path=path)


__all__ = ["FORMATS", "Cleaned", "Format", "clean"]
