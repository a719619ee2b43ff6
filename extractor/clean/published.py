"""The published date of an HTML page: what its markup declares, and the local day of an
instant declared in UTC.

A UTC instant is not a calendar day: ``2020-02-18T02:18Z`` is the evening of the 17th in
the Americas, and the page that declares it shows "17 de febrero" to its readers, and its
address says ``/2020/02/17/``. The day is read from what the page shows, or from a day it
declares without a time of day (the publisher's own calendar day); an offset is never
guessed (from a host name or a language). The masthead's date (a site's header
prints the day's date on every page) is not the article's.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

from lxml import etree

from extractor.clean.dates import parse_date
from extractor.clean.lines import squash

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

# What lxml.html's text_content() runs, usable on plain etree elements too.
_TEXT_CONTENT = etree.XPath("string()")


def element_text(el: Any) -> str:
    try:
        return squash(_TEXT_CONTENT(el))
    except (ValueError, AttributeError):
        return ""


def declared_date(
    ld_published: str | None, props: dict[str, str], times: list[Any], dated: list[Any]
) -> tuple[str | None, str | None]:
    """The published date the markup declares (``ld_published``: the JSON-LD article's
    datePublished; then <meta>, microdata, <time>), and the value it was read from."""
    raw = ld_published
    published = parse_date(raw)
    if published is None:
        for key in _PUBLISHED_KEYS:
            if key in props:
                raw = props[key]
                published = parse_date(raw)
                if published:
                    break
    for el in dated:
        if published is not None:
            break
        raw = el.get("content") or el.get("datetime") or element_text(el)[:200]
        published = parse_date(raw)
    for t in times:
        if published is not None:
            break
        raw = t.get("datetime") or element_text(t)
        published = parse_date(raw)
    return published, raw


# A UTC instant: "2020-02-18T02:18:11Z", "2020-04-24T21:25:06+00:00", "20200316T13:00:00Z"
_UTC_INSTANT = re.compile(
    r"\s*(?:19|20)\d\d-?\d\d-?\d\d[T ](?P<h>\d\d):(?P<m>\d\d)(?::\d{1,2}(?:\.\d+)?)?"
    r"\s*(?:Z|[+-]00:?00)(?!\d)"
)
# The UTC offsets news is published in: Hawaii's -10:00 to Kiribati's +14:00, in minutes.
_WESTMOST, _EASTMOST = -600, 840


def local_day(
    utc_date: str, raw: str | None, shown: Iterable[str], stamps: Iterable[str | None] = ()
) -> str:
    """The publisher's calendar day of a published instant given in UTC.

    A UTC instant is not a calendar day: "2020-02-18T02:18Z" is the evening of the 17th in
    the Americas. The day is the first date the page shows (a visible date, its address)
    or declares without a time (see declared_days), in that order, that can be this
    instant's local day under some real UTC offset; else the instant
    moved by the offset the page's other timestamps (``stamps``: texts holding them) all
    carry; else the UTC date. A value that is not a UTC instant is its own day.
    """
    m = _UTC_INSTANT.match(raw or "")
    if m is None:
        return utc_date
    minute = int(m.group("h")) * 60 + int(m.group("m"))
    day = _dt.date.fromisoformat(utc_date)
    before = (day - _dt.timedelta(days=1)).isoformat()
    after = (day + _dt.timedelta(days=1)).isoformat()
    reachable = {utc_date}
    if minute + _WESTMOST < 0:
        reachable.add(before)
    if minute + _EASTMOST >= 1440:
        reachable.add(after)
    for date in shown:
        if date in reachable:
            return date
    offset = page_offset(stamps)
    if offset is None:
        return utc_date
    local = minute + offset
    return before if local < 0 else after if local >= 1440 else utc_date


# A timestamp written with its UTC offset: "2020-05-01T23:00:00-04:00",
# "Fri, 01 May 2020 23:00:00 -0400". Looked for from its time's ":" (a pattern that starts
# with a literal is searched 30 times faster), then its date is checked behind it.
_OFFSET_TAIL = re.compile(
    r":\d\d(?::\d\d(?:\.\d+)?)?\s?(?P<sign>[+-])(?P<h>\d\d):?(?P<m>\d\d)(?!\d)"
)
_STAMP_HEAD = re.compile(
    r"(?:(?:19|20)\d\d-\d\d-\d\d[T ]|\b\d{1,2} [A-Z][a-z]{2} (?:19|20)\d\d )\d\d$"
)


def page_offset(texts: Iterable[str | None]) -> int | None:
    """The UTC offset (minutes) of a page's timestamps: the one non-zero offset they carry,
    seen at least twice; None when they carry none, or several (a page's own clock is one
    offset; embeds and feeds of elsewhere bring others). Zero offsets are UTC renderings
    and say nothing of the publisher's clock."""
    seen: dict[int, int] = {}
    for text in texts:
        for m in _OFFSET_TAIL.finditer(text or ""):
            at = m.start()
            if not _STAMP_HEAD.search(m.string, max(0, at - 16), at):
                continue
            offset = int(m.group("h")) * 60 + int(m.group("m"))
            offset = -offset if m.group("sign") == "-" else offset
            if offset and _WESTMOST <= offset <= _EASTMOST:
                seen[offset] = seen.get(offset, 0) + 1
    if len(seen) != 1:
        return None
    offset, count = seen.popitem()
    return offset if count >= 2 else None


def shown_dates(
    dated: list[Any], times: list[Any], hints: list[Any], url: str | None
) -> Iterator[str]:
    """The dates the page shows a reader: the first of microdata texts, of <time> texts, of
    date-hint texts (not the masthead's; later ones date related articles), then the one
    its address carries. Read lazily: most pages need none of them."""
    texts = (element_text(el)[:200] for el in dated)
    yield from _first_date(texts)
    yield from _first_date(element_text(el)[:200] for el in times)
    yield from _first_date(
        text for el in hints if len(text := element_text(el)) <= 160 and not in_masthead(el)
    )
    yield from _first_date([url_date(url)])


# A calendar day written without a time under a key that names the article's publication
# or creation: "DateCreation":"2020-08-24" in an analytics data layer, a dc.date.created
# <meta> of "2020-08-24". Looked for from the quoted day (a key comes in many spellings),
# then its key is read just behind it.
_QUOTED_DAY = re.compile(r"""(?P<q>["'])(?P<day>(?:19|20)\d\d([-/])[01]\d\3[0-3]\d)(?P=q)""")
_KEY_BEFORE = re.compile(r"""(?P<key>[\w.:-]{1,60})["']?\s*[:=]\s*$""")
_DAY_KEY = re.compile(r"creat|publi|pubdate|issued", re.I)
_OTHER_DAY_KEY = re.compile(r"modif|updat|expir|end|stop|start", re.I)
_PLAIN_DAY = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d")


def _is_day_key(key: str) -> bool:
    return bool(_DAY_KEY.search(key)) and not _OTHER_DAY_KEY.search(key)


def declared_days(props: dict[str, str], texts: Iterable[str | None]) -> Iterator[str]:
    """The first calendar day the page declares for its article without a time of day: a
    <meta> value or a script's key-value pair (``"DateCreation":"2020-08-24"``) whose key
    says published or created. A day written without a time is the publisher's own
    calendar day, the local day of an instant the page declares in UTC. Read lazily: only
    a UTC instant no shown date matches needs it."""
    for key, value in props.items():
        if _is_day_key(key) and _PLAIN_DAY.fullmatch(value) and (day := parse_date(value)):
            yield day
            return
    for text in texts:
        for m in _QUOTED_DAY.finditer(text or ""):
            before = _KEY_BEFORE.search(m.string, max(0, m.start() - 64), m.start())
            if before and _is_day_key(before.group("key")) and (day := parse_date(m.group("day"))):
                yield day
                return


def _first_date(texts: Iterable[str | None]) -> Iterator[str]:
    for text in texts:
        date = parse_date(text)
        if date is not None:
            yield date
            return


_MASTHEAD_WORDS = frozenset(("masthead", "topbar", "navbar", "topnav"))
_MASTHEAD_PARTS = re.compile(r"mast|bar|nav", re.I)  # a cheap test before the split
_CLASS_WORDS = re.compile(r"[\s_-]+")


def _masthead_like(el: Any) -> bool:
    if el.tag in ("header", "nav"):
        return True
    words = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(_MASTHEAD_PARTS.search(words)) and not _MASTHEAD_WORDS.isdisjoint(
        _CLASS_WORDS.split(words.lower())
    )


def in_masthead(el: Any) -> bool:
    """Whether ``el`` sits in the page's masthead: a <header> or <nav> (or a container whose
    class says masthead, top bar, navbar) with no headline in it. The date there is the
    day's, printed on every page of the site, not the article's."""
    for _ in range(60):  # an ancestor chain is this short on any page a browser shows
        if el is None:
            return False
        if _masthead_like(el):
            return el.find(".//h1") is None and el.find(".//h2") is None
        el = el.getparent()
    return False


# An inline script that prints a date where it stands: showDate("2020/04/17 01:43:09")
_PRINTING_CALL = re.compile(r"""\s*[\w.$]+\(\s*(["'])(?P<arg>[^"'\n]{6,40})\1\s*\)\s*;?\s*""")


def script_date(scripts: list[Any]) -> str | None:
    """The date an inline script of the body prints (old CMSs write the date of an article
    with a call of one date argument, ``<script>showDate("2020/04/17 01:43")</script>``);
    a script of the <head> prints nothing a reader sees."""
    for el in scripts:
        text = el.text
        if not text or len(text) > 120:
            continue
        m = _PRINTING_CALL.fullmatch(text)
        if m is None:
            continue
        date = parse_date(m.group("arg"))
        if date is not None and not any(a.tag == "head" for a in el.iterancestors()):
            return date
    return None


# "/2020/08/24/", "/2020-08-24/", "/20200824/" in a page's address
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d\d)(?P<sep>[/-]?)(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d)(?:[/_.-]|$)"
)


def url_date(url: str | None) -> str | None:
    """The date a page's address carries, if any (the last resort: an address may date the
    folder rather than the article)."""
    m = _URL_DATE.search(url or "")
    return parse_date(f"{m.group('y')}-{m.group('m')}-{m.group('d')}") if m else None
