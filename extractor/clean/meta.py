"""Article metadata from an HTML page: title, published date, site, section, url, author.

Read from the page's structured data first (JSON-LD, ``<meta>`` properties, ``<link
rel=canonical>``, ``<time>``), then from what a reader sees (``<h1>``, ``<title>`` minus its
site suffix, the breadcrumb, a "By ..." byline, an "Updated: ..." line). Runs on the parsed
tree before the chrome is removed, with a fixed small number of XPath queries.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from extractor.clean.dates import parse_date
from extractor.clean.lines import BYLINE, breadcrumb_items, squash
from extractor.clean.published import (
    declared_date,
    declared_days,
    in_masthead,
    local_day,
    script_date,
    shown_dates,
)
from extractor.clean.published import element_text as _text
from extractor.clean.revision import revision_date

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


@dataclass
class PageMeta:
    title: str | None = None
    published: str | None = None
    site: str | None = None
    section: str | None = None
    url: str | None = None
    author: str | None = None
    # a date only the masthead shows: the day's date, the last resort (see published.in_masthead)
    masthead_date: str | None = None
    script_date: str | None = None  # a date an inline script prints (see published.script_date)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Elements:
    """The elements metadata is read from, in document order."""

    metas: list[Any]  # <meta content=...>
    json_ld: list[Any]  # <script type="application/ld+json">
    times: list[Any]  # <time datetime=...> or <time pubdate>
    all_times: list[Any]  # every <time>: its text is a date a reader sees
    scripts: list[Any]  # every other <script>: where a page's timestamps often are
    h1s: list[Any]
    canonical: Any = None  # the first <link rel="canonical">
    title: Any = None  # the first <title>


def _elements(root: Any, candidates: Iterable[Any] | None = None) -> _Elements:
    """One walk for what used to be six (an XPath "//" query is a walk of the whole tree).

    ``candidates``: the page's elements of these tags, in document order, when the caller
    gathered them in a walk of its own (survey() does).
    """
    found = _Elements([], [], [], [], [], [])
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
            else:
                found.scripts.append(el)
        elif tag == "h1":
            found.h1s.append(el)
        elif tag == "time":
            found.all_times.append(el)
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


_DECODER = json.JSONDecoder()


def _json_values(raw: str) -> list[Any]:
    """The JSON values of a script: one, or several written one after another."""
    values: list[Any] = []
    at = 0
    while len(values) < 50:
        while at < len(raw) and raw[at] in " \t\r\n;,":
            at += 1
        if at >= len(raw):
            break
        try:
            value, at = _DECODER.raw_decode(raw, at)
        except ValueError:
            if values:  # "{...} }": what was read before the stray text stands
                break
            raise
        values.append(value)
    return values


def _json_ld(scripts: list[Any], warnings: list[str]) -> list[dict[str, Any]]:
    """The JSON-LD objects of the page, @graph and mainEntity members flattened; broken
    blocks skipped; a block nested too deeply to read is dropped with a warning."""
    found: list[dict[str, Any]] = []
    for script in scripts:
        raw = script.text or ""
        if not raw.strip() or len(raw) > 1_000_000:
            continue
        try:
            values = _json_values(raw)
        except ValueError:
            continue
        except RecursionError:
            warnings.append(
                "a JSON-LD block is nested too deeply to read; its metadata was dropped"
            )
            continue
        queue = deque(values)
        while queue and len(found) < 1000:
            item = queue.popleft()
            if isinstance(item, dict):
                found.append(item)
                for key in ("@graph", "mainEntity"):
                    inner = item.get(key)
                    if isinstance(inner, list | dict):
                        queue.append(inner)
            elif isinstance(item, list):
                queue.extend(item)
    return found


def _name(value: Any, depth: int = 0) -> str | None:
    """A JSON-LD value as text: a string, an object's name, a list's names joined."""
    if isinstance(value, str):
        return squash(value) or None
    if depth > 4:  # a name is never nested deeper; hostile nesting is not followed
        return None
    if isinstance(value, dict):
        return _name(value.get("name"), depth + 1)
    if isinstance(value, list) and value:
        names = [n for n in (_name(v, depth + 1) for v in value[:20]) if n]
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


# schema.org's Article and its subtypes (every "...Article", "BlogPosting",
# "LiveBlogPosting", "SocialMediaPosting", "Report", ...), and the pages that stand for one
_ARTICLE_TYPES = {"Article", "Report", "PressRelease", "MedicalWebPage", "WebPage"}
_ARTICLE_SUFFIXES = ("Article", "Posting")


def _is_article(types: set[str]) -> bool:
    return any(t in _ARTICLE_TYPES or t.endswith(_ARTICLE_SUFFIXES) for t in types)


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
    dated: list[Any] = (),  # type: ignore[assignment]
) -> PageMeta:
    """The page's metadata.

    ``crumb_elements`` are the elements whose class says breadcrumb; ``hints`` those whose
    class says date, time, author, byline or info (read when structured data is missing);
    ``meta_elements`` the page's <meta>, <script>, <link>, <title>, <h1> and <time>
    elements in document order, if the caller has them (else the tree is walked for them);
    ``dated`` the elements marked itemprop="datePublished".

    The published date, by order of trust: what the page declares for machines (JSON-LD
    article, then <meta>, then microdata, then <time datetime>), then what a reader sees
    (elements whose class says date, then date lines above the body: see page.py), then
    the date in the page's own URL, and last the masthead's date (the day's, see
    published.in_masthead). A declared instant in UTC gives way to the local date the
    page shows for it, or declares without a time (see published.local_day). A MediaWiki
    page viewed as a diff or an old revision is dated by the revision it shows, before all
    of these (see revision.py).
    """
    elements = _elements(root, meta_elements)
    props = _meta_props(elements.metas)
    meta = PageMeta()
    ld_article, crumbs_ld = _structured(elements.json_ld, meta.warnings)
    meta.site = _site(props, ld_article)
    meta.url = _url(elements.canonical, props, ld_article)
    meta.title, suffix_site = _title(elements, props, ld_article, meta.site)
    if meta.site is None:
        meta.site = suffix_site
    # a wiki page viewed as a diff or an old revision is dated by the revision it shows
    revised = revision_date(root, [meta.url, props.get("og:url")], props.get("generator"))
    published, raw = (
        (revised, None)
        if revised is not None
        else declared_date(_name(ld_article.get("datePublished")), props, elements.times, dated)
    )
    if published is not None:
        shown = chain(
            shown_dates(dated, elements.all_times, hints, meta.url),
            declared_days(props, (el.text for el in elements.json_ld + elements.scripts)),
        )
        stamps = _stamp_texts(elements)
        meta.published = local_day(published, raw, shown, stamps)
    meta.section = _section(crumbs_ld, crumb_elements, props, meta.title)
    meta.author = _author(ld_article, props)
    _read_hints(hints, meta)
    if meta.published is None:
        meta.script_date = script_date(elements.scripts)
    return meta


def _stamp_texts(elements: _Elements) -> Iterator[str | None]:
    """Where the page writes timestamps: <meta> values, <time datetime>, scripts."""
    yield from (el.get("content") for el in elements.metas)
    yield from (el.get("datetime") for el in elements.all_times)
    yield from (el.text for el in elements.json_ld + elements.scripts)


def _meta_props(metas: list[Any]) -> dict[str, str]:
    """<meta> values by lower-cased property / name / itemprop, the first of each kept."""
    props: dict[str, str] = {}
    for el in metas:
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = squash(el.get("content") or "")
        if key and value and key not in props:
            props[key] = value
    return props


def _structured(scripts: list[Any], warnings: list[str]) -> tuple[dict[str, Any], list[str]]:
    """The page's JSON-LD article object (or {}) and its BreadcrumbList's item names."""
    ld_article: dict[str, Any] = {}
    crumbs_ld: list[str] = []
    for item in _json_ld(scripts, warnings):
        types = _types(item)
        if _is_article(types) and (not ld_article or "WebPage" in _types(ld_article)):
            ld_article = item
        if "BreadcrumbList" in types and isinstance(item.get("itemListElement"), list):
            for entry in item["itemListElement"]:
                if isinstance(entry, dict):
                    name = _name(entry.get("name")) or _name(entry.get("item"))
                    if name:
                        crumbs_ld.append(name)
    return ld_article, crumbs_ld


def _site(props: dict[str, str], ld_article: dict[str, Any]) -> str | None:
    site = next((props[k] for k in _SITE_KEYS if props.get(k)), None)
    if site and site.startswith("@"):  # a twitter:site handle
        site = site[1:] or None
    return site if site is not None else _name(ld_article.get("publisher"))


def _url(canonical: Any, props: dict[str, str], ld_article: dict[str, Any]) -> str | None:
    href = canonical.get("href") if canonical is not None else None
    return (href or "").strip() or props.get("og:url") or _name(ld_article.get("url"))


def _title(
    elements: _Elements, props: dict[str, str], ld_article: dict[str, Any], site: str | None
) -> tuple[str | None, str | None]:
    """The headline, and the site named by the <title>'s suffix (when short enough).

    An <h1> that agrees with a title the page declares wins (it is what a reader sees);
    then the JSON-LD headline, og:title, the <title> without its site, the first <h1>.
    """
    h1s = [t for t in (_text(h) for h in elements.h1s) if t and len(t) < 300][:5]
    # ArticleTitle: the <meta> Chinese government CMSs (TRS and others) write
    og_title = props.get("og:title") or props.get("twitter:title") or props.get("articletitle")
    ld_title = _name(ld_article.get("headline"))
    head_title = _text(elements.title) if elements.title is not None else ""
    stripped, suffix_site = strip_site_suffix(head_title, site) if head_title else ("", None)
    if suffix_site is not None and len(suffix_site) > 60:
        suffix_site = None
    references = [t.lower() for t in (og_title, ld_title, head_title) if t]
    agreed = next(
        (h for h in h1s if any(h.lower() in r or r in h.lower() for r in references)), None
    )
    title = agreed or ld_title or og_title or stripped or (h1s[0] if h1s else None)
    site = site if site is not None else suffix_site
    if title and site and title != site and "|" in title:
        title = strip_site_suffix(title, site)[0]
    return title, suffix_site


def _section(
    crumbs_ld: list[str], crumb_elements: list[Any], props: dict[str, str], title: str | None
) -> str | None:
    """The last breadcrumb item that is not the title itself, else the section <meta>."""
    crumbs = crumbs_ld
    if not crumbs:
        for el in crumb_elements:
            crumbs = _crumb_items(el)
            if crumbs:
                break
    section = None
    if crumbs:
        section = crumbs[-1]
        if title and len(crumbs) > 1 and _same(section, title):
            section = crumbs[-2]
    if section is None:
        section = next((props[k] for k in _SECTION_KEYS if props.get(k)), None)
    return (section.strip(" :：>»|") or None) if section else None


def _author(ld_article: dict[str, Any], props: dict[str, str]) -> str | None:
    author = _name(ld_article.get("author"))
    if author is None:
        author = next(
            (props[k] for k in _AUTHOR_KEYS if props.get(k) and "://" not in props[k]), None
        )
    return _BY.sub("", author).strip(" ,|") or None if author else None


def _read_hints(hints: list[Any], meta: PageMeta) -> None:
    """Date and byline from the elements whose class says so, for what is still missing."""
    for el in hints:
        if meta.published and meta.author:
            break
        text = _text(el)
        if not text or len(text) > 160:
            continue
        if meta.published is None:
            date = parse_date(text)
            if date is not None and in_masthead(el):
                meta.masthead_date = meta.masthead_date or date
            else:
                meta.published = date
        if meta.author is None:
            byline = BYLINE.fullmatch(text)
            if byline:
                meta.author = byline.group("name")


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
