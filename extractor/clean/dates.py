"""A small, strict date parser for the forms news pages print their dates in.

Strict on purpose: a page is full of numbers, and a lenient parser (dateparser and the like)
turns "206 medical institutions" into a date. Only these forms are read, each to ``YYYY-MM-DD``:

- ISO and its cousins: ``2021-09-07``, ``2021-09-07T08:00:00+08:00``, ``2021/9/7``,
  ``2021.09.07``, ``20210907`` (only as a whole value), ``2021-04-08 00:00``;
- Chinese: ``2021年9月7日``;
- month names: ``Sept 07, 2021``, ``September 7 2021``, ``7 Sep 2021``, ``Sep. 7, 2021``;
- US numeric: ``09/29/2018``, ``09/29 2018``.
"""

from __future__ import annotations

import datetime as _dt
import re

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?P<y>(?:19|20)\d\d)"

_ISO = re.compile(
    r"(?<!\d)" + _YEAR + r"(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)", re.I
)
_CHINESE = re.compile(_YEAR + r"\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_MONTH_FIRST = re.compile(
    r"\b" + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + r"\b", re.I
)
_DAY_FIRST = re.compile(
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I
)
_US = re.compile(r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/|\s+)" + _YEAR + r"(?!\d)")
_COMPACT = re.compile(r"\s*" + _YEAR + r"(?P<m>\d\d)(?P<d>\d\d)\s*")

_FORMS = (_ISO, _CHINESE, _MONTH_FIRST, _DAY_FIRST, _US)


def _ymd(year: str, month: int, day: str) -> str | None:
    try:
        return _dt.date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    month = _MONTHS[groups["mon"].lower()[:3]] if groups.get("mon") else int(groups["m"])
    return _ymd(groups["y"], month, groups["d"])


def parse_date(value: str | None) -> str | None:
    """The first date of a known form in ``value``, as ``YYYY-MM-DD``; None if there is none."""
    if not value:
        return None
    value = value[:300]  # a date is near the start of whatever holds it
    compact = _COMPACT.fullmatch(value)
    if compact:
        return _from_match(compact)
    best: tuple[int, str] | None = None
    for form in _FORMS:
        for m in form.finditer(value):
            parsed = _from_match(m)
            if parsed is not None:
                if best is None or m.start() < best[0]:
                    best = (m.start(), parsed)
                break
    return None if best is None else best[1]


__all__ = ["parse_date"]
