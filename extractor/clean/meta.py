"""Article metadata from an HTML page: title, published date, site, section, url, author.

Read from the page's structured data first (JSON-LD, ``<meta>`` properties, ``<link
rel=canonical>``, ``<time>``), then from what a reader sees (``<h1>``, ``<title>`` minus its
site suffix, the breadcrumb, a "By ..." byline, an "Updated: ..." line). Runs on the parsed
tree before the chrome is removed, with a fixed small number of XPath queries.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lxml import etree

from extractor.clean.dates import parse_date
from extractor.clean.lines import BYLINE, breadcrumb_items, squash

_PUBLISHED_KEYS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "published_time",
    "publication_date",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "date",
    "firstpublishedtime",
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "lastmod",
)
_SITE_KEYS = ("og:site_name", "application-name", "sitename", "site_name", "twitter:site")
_SECTION_KEYS = ("article:section", "section", "columnname", "article-section", "parsely-section")
_AUTHOR_KEYS = (
    "author",
    "article:author",
    "byl",
    "dc.creator",
    "parsely-author",
    "sailthru.author",
)
_BY = re.compile(r"^(?:by|written by|author)\s*[:：]?\s+", re.I)
_TITLE_SPLIT = re.compile(r"\s+(?:\||-|--|–|—|_|::|·|•|»)\s+|\s*(?:｜|_|——)\s*")
# What lxml.html's text_content() runs, usable on plain etree elements too.
_TEXT_CONTENT = etree.XPath("string()")


@dataclass
class PageMeta:
    title: str | None = None
    published: str | None = None
    site: str | None = None
    section: str | None = None
    url: str | None = None
    author: str | None = None


def _text(el: Any) -> str:
    try:
        return squash(_TEXT_CONTENT(el))
    except (ValueError, AttributeError):
        return ""


@dataclass
class _Elements:
    """The elements metadata is read from, in document order."""

    metas: list[Any]  # <meta content=...>
    json_ld: list[Any]  # <script type="application/ld+json">
    times: list[Any]  # <time datetime=...> or <time pubdate>
    h1s: list[Any]
    canonical: Any = None  # the first <link rel="canonical">
    title: Any = None  # the first <title>


def _elements(root: Any, candidates: Iterable[Any] | None = None) -> _Elements:
    """One walk for what used to be six (an XPath "//" query is a walk of the whole tree).

    ``candidates``: the page's elements of these tags, in document order, when the caller
    gathered them in a walk of its own (survey() does).
    """
    found = _Elements([], [], [], [])
    if candidates is None:
        candidates = root.iter("meta", "script", "link", "title", "h1", "time")
    for el in candidates:
        tag = el.tag
        if tag == "meta":
            if el.get("content") is not None:
                found.metas.append(el)
        elif tag == "script":
            if el.get("type") == "application/ld+json":
                found.json_ld.append(el)
        elif tag == "h1":
            found.h1s.append(el)
        elif tag == "time":
            if el.get("datetime") is not None or el.get("pubdate") is not None:
                found.times.append(el)
        elif el is root:
            continue  # root.find(".//x") looked below the root only
        elif tag == "link":
            if found.canonical is None and el.get("rel") == "canonical":
                found.canonical = el
        elif found.title is None:
            found.title = el
    return found


def _json_ld(scripts: list[Any]) -> list[dict[str, Any]]:
    """The JSON-LD objects of the page, @graph members flattened; broken blocks skipped."""
    found: list[dict[str, Any]] = []
    for script in scripts:
        raw = script.text or ""
        if not raw.strip() or len(raw) > 1_000_000:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
            elif isinstance(item, list):
                stack.extend(item)
    return found


def _name(value: Any) -> str | None:
    if isinstance(value, str):
        return squash(value) or None
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list) and value:
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) or None
    return None


def _types(item: dict[str, Any]) -> set[str]:
    t = item.get("@type")
    return (
        {t}
        if isinstance(t, str)
        else {x for x in t if isinstance(x, str)}
        if isinstance(t, list)
        else set()
    )


_ARTICLE_TYPES = {
    "NewsArticle",
    "Article",
    "BlogPosting",
    "ReportageNewsArticle",
    "WebPage",
    "AnalysisNewsArticle",
    "Report",
    "PressRelease",
}


def strip_site_suffix(title: str, site: str | None) -> tuple[str, str | None]:
    """ "Binhai grows | China Daily" -> ("Binhai grows", "China Daily")."""
    parts = [p for p in _TITLE_SPLIT.split(title) if p.strip()]
    if len(parts) < 2:
        return title, None
    if site:
        lowered = site.lower()
        kept = [p for p in parts if p.strip().lower() != lowered]
        if len(kept) < len(parts):
            return max(kept, key=len).strip(), site
    # The article title is the longest part; the site is usually the last one.
    longest = max(parts, key=len)
    return longest.strip(), (parts[-1].strip() if parts[-1] is not longest else parts[0].strip())


def read_meta(
    root: Any,
    crumb_elements: list[Any],
    hints: list[Any] = (),  # type: ignore[assignment]
    meta_elements: list[Any] | None = None,
) -> PageMeta:
    """The page's metadata.

    ``crumb_elements`` are the elements whose class says breadcrumb; ``hints`` those whose
    class says date, time, author, byline or info (read when structured data is missing);
    ``meta_elements`` the page's <meta>, <script>, <link>, <title>, <h1> and <time>
    elements in document order, if the caller has them (else the tree is walked for them).
    """
    meta = PageMeta()
    elements = _elements(root, meta_elements)
    props: dict[str, str] = {}
    for el in elements.metas:
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = squash(el.get("content") or "")
        if key and value and key not in props:
            props[key] = value

    ld_article: dict[str, Any] = {}
    crumbs_ld: list[str] = []
    for item in _json_ld(elements.json_ld):
        types = _types(item)
        if types & _ARTICLE_TYPES and (not ld_article or "WebPage" in _types(ld_article)):
            ld_article = item
        if "BreadcrumbList" in types and isinstance(item.get("itemListElement"), list):
            for entry in item["itemListElement"]:
                if isinstance(entry, dict):
                    name = _name(entry.get("name")) or _name(entry.get("item"))
                    if name:
                        crumbs_ld.append(name)

    # site and url
    meta.site = next((props[k] for k in _SITE_KEYS if props.get(k)), None)
    if meta.site and meta.site.startswith("@"):
        meta.site = meta.site[1:] or None
    if meta.site is None:
        meta.site = _name(ld_article.get("publisher"))
    canonical = elements.canonical
    href = canonical.get("href") if canonical is not None else None
    meta.url = (href or "").strip() or props.get("og:url") or _name(ld_article.get("url"))

    # title
    h1s = [t for t in (_text(h) for h in elements.h1s) if t and len(t) < 300][:5]
    # ArticleTitle: the <meta> Chinese government CMSs (TRS and others) write
    og_title = props.get("og:title") or props.get("twitter:title") or props.get("articletitle")
    ld_title = _name(ld_article.get("headline"))
    head_title_el = elements.title
    head_title = _text(head_title_el) if head_title_el is not None else ""
    stripped, suffix_site = strip_site_suffix(head_title, meta.site) if head_title else ("", None)
    if meta.site is None and suffix_site and len(suffix_site) <= 60:
        meta.site = suffix_site
    references = [t.lower() for t in (og_title, ld_title, head_title) if t]
    title = next(
        (h for h in h1s if any(h.lower() in r or r in h.lower() for r in references)), None
    )
    meta.title = title or ld_title or og_title or stripped or (h1s[0] if h1s else None)
    if meta.title and meta.site and meta.title != meta.site:
        meta.title = (
            strip_site_suffix(meta.title, meta.site)[0] if "|" in meta.title else meta.title
        )

    # published
    meta.published = parse_date(_name(ld_article.get("datePublished")))
    if meta.published is None:
        for key in _PUBLISHED_KEYS:
            if key in props:
                meta.published = parse_date(props[key])
                if meta.published:
                    break
    if meta.published is None:
        for t in elements.times:
            meta.published = parse_date(t.get("datetime") or _text(t))
            if meta.published:
                break

    # section
    crumbs = crumbs_ld
    if not crumbs:
        for el in crumb_elements:
            crumbs = _crumb_items(el)
            if crumbs:
                break
    if crumbs:
        last = crumbs[-1]
        if meta.title and len(crumbs) > 1 and _same(last, meta.title):
            last = crumbs[-2]
        meta.section = last
    if meta.section is None:
        meta.section = next((props[k] for k in _SECTION_KEYS if props.get(k)), None)
    if meta.section:
        meta.section = meta.section.strip(" :：>»|") or None

    # author
    author = _name(ld_article.get("author"))
    if author is None:
        author = next(
            (props[k] for k in _AUTHOR_KEYS if props.get(k) and "://" not in props[k]), None
        )
    meta.author = _BY.sub("", author).strip(" ,|") or None if author else None
    for el in hints:
        if meta.published and meta.author:
            break
        text = _text(el)
        if not text or len(text) > 160:
            continue
        if meta.published is None:
            meta.published = parse_date(text)
        if meta.author is None:
            byline = BYLINE.fullmatch(text)
            if byline:
                meta.author = byline.group("name")
    return meta


def _same(a: str, b: str) -> bool:
    a, b = a.lower().rstrip(". "), b.lower().rstrip(". ")
    return a == b or (len(a) > 15 and (a in b or b in a))


def _crumb_items(el: Any) -> list[str]:
    """The items of a breadcrumb element: its links and list items, or its text split on >."""
    text = _text(el)
    if not text or len(text) > 300:
        return []
    items = breadcrumb_items(text)
    if items:
        return items
    parts = [_text(a) for a in el.iter("a", "li", "span")]
    parts = [p for p in parts if p and len(p) < 80 and p not in (">", "»", "/", "›")]
    deduped: list[str] = []
    for p in parts:
        if not deduped or p != deduped[-1]:
            deduped.append(p)
    return deduped if len(deduped) >= 2 else []
