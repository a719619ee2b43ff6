"""A small, strict date parser for the forms news pages print their dates in, and the test of
a *date line* (a line that holds a date and nothing but page chrome).

Strict on purpose: a page is full of numbers, and a lenient parser (dateparser and the like)
turns "206 medical institutions" into a date. Only these forms are read, each to ``YYYY-MM-DD``:

- ISO and its cousins: ``2021-09-07``, ``2021-09-07T08:00:00+08:00``, ``2021/9/7``,
  ``2021.09.07``, ``20210907`` (only as a whole value), ``2021-04-08 00:00``;
- Chinese: ``2021年9月7日``; Hungarian: ``2021. 09. 07.``;
- month names, in English and in the languages of the news pages met (Spanish, Portuguese,
  French, Italian, German, Dutch, Arabic): ``Sept 07, 2021``, ``Dec 7,2014``, ``7 Sep 2021``,
  ``17 de marzo de 2020``, ``9 oktober 2020``;
- numeric: ``09/29/2018``, ``11-24-2016``, ``09/29 2018`` (month first, the US form),
  ``17/03/2020`` and ``17.03.2020`` (day first: read so only when the first number cannot
  be a month, or with dots, the European form).

The time of day and a time zone are ignored: the date is the publisher's local date as
written (converting ``2020-06-30T07:00+08:00`` to UTC would put a Chinese article on the
day before).
"""

from __future__ import annotations

import datetime as _dt
import re

_ENGLISH = (
    "jan feb mar apr may jun jul aug sep oct nov dec",
    "january february march april may june july august september october november december",
)
# month names of other languages, January to December; "" where the name is English's
_FOREIGN = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "januari februari maart april mei juni juli augustus september oktober november december",
    "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie noiembrie"
    " decembrie",
    # the Levantine (Syriac) names, printed alone or beside the ones above: "24 نيسان / أبريل"
    "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول",
)
MONTHS: dict[str, int] = {"sept": 9, "setiembre": 9, "janv": 1, "févr": 2, "avr": 4}
for _names in _ENGLISH + _FOREIGN:
    for _number, _name in enumerate(_names.split(), start=1):
        MONTHS.setdefault(_name.replace("_", " "), _number)
_MONTH_NAMES = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
# a month named twice, in two calendars' names: "نيسان / أبريل" (the first one is read)
_MONTH = (
    r"(?P<mon>" + _MONTH_NAMES + r")(?![^\W\d_])\.?"
    r"(?:\s?/\s?(?:" + _MONTH_NAMES + r")(?![^\W\d_]))?"
)
_YEAR = r"(?P<y>(?:19|20)\d\d)"

_ISO = re.compile(
    r"(?<!\d)" + _YEAR + r"(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)", re.I
)
# Hungarian (and Korean) year-first dots: "2020. 08. 18.", the day's dot closing it
_SPACED_DOTS = re.compile(r"(?<![\d.])" + _YEAR + r"\.\s+(?P<m>\d{1,2})\.\s*(?P<d>\d{1,2})\.(?!\d)")
_CHINESE = re.compile(_YEAR + r"\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_MONTH_FIRST = re.compile(
    r"(?<![^\W\d_])" + _MONTH + r"\s*(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,\s*|\s+)" + _YEAR + r"\b",
    re.I,
)
_DAY_FIRST = re.compile(
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th|er|º)?[.,]?\s+(?:de\s+)?"
    + _MONTH
    + r",?\s+(?:de\s+)?"
    + _YEAR
    + r"\b",
    re.I,
)
_NUMERIC = re.compile(
    r"(?<![\d/-])(?P<a>\d{1,2})(?P<sep>[/-])(?P<b>\d{1,2})(?:(?P=sep)|\s+)" + _YEAR + r"(?!\d)"
)
_DOTTED = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\." + _YEAR + r"(?!\d)")
# "05 17, 2019": the month's number, a space, the day and a comma
_SPACED_NUMERIC = re.compile(r"(?<![\d/.-])(?P<m>\d{1,2}) (?P<d>\d{1,2}),\s*" + _YEAR + r"(?!\d)")
# "2010-July-7", "2010 Jul 7"
_YEAR_MONTH = re.compile(
    r"(?<!\d)" + _YEAR + r"[-/ ]" + _MONTH + r"[-/ ](?P<d>\d{1,2})(?!\d)", re.I
)
_COMPACT = re.compile(r"\s*" + _YEAR + r"(?P<m>\d\d)(?P<d>\d\d)\s*")

_FORMS = (
    _ISO,
    _SPACED_DOTS,
    _CHINESE,
    _MONTH_FIRST,
    _DAY_FIRST,
    _NUMERIC,
    _DOTTED,
    _SPACED_NUMERIC,
    _YEAR_MONTH,
)


def _ymd(year: str, month: int, day: str | int) -> str | None:
    try:
        return _dt.date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    if groups.get("a"):
        first, second = int(groups["a"]), int(groups["b"])
        # month first (US) unless the first number cannot be a month
        month, day = (second, first) if first > 12 else (first, second)
        return _ymd(groups["y"], month, day)
    month = MONTHS[groups["mon"].lower()] if groups.get("mon") else int(groups["m"])
    return _ymd(groups["y"], month, groups["d"])


def find_date(value: str) -> tuple[str, int, int] | None:
    """The first date of a known form in ``value``: (``YYYY-MM-DD``, start, end)."""
    best: tuple[str, int, int] | None = None
    for form in _FORMS:
        for m in form.finditer(value):
            parsed = _from_match(m)
            if parsed is not None:
                if best is None or m.start() < best[1]:
                    best = (parsed, m.start(), m.end())
                break
    return best


def parse_date(value: str | None) -> str | None:
    """The first date of a known form in ``value``, as ``YYYY-MM-DD``; None if there is none."""
    if not value:
        return None
    value = value[:300]  # a date is near the start of whatever holds it
    compact = _COMPACT.fullmatch(value)
    if compact:
        return _from_match(compact)
    found = find_date(value)
    return None if found is None else found[0]


# --- date lines -------------------------------------------------------------------------

# A time of day, a zone, an offset: "10:36", "9:48 AM", "00 h 23", "GMT+8", "(UTC+08:00)".
_TIME = re.compile(
    r"\b\d{1,2}\s?[:h]\s?\d{2}(?:\s?:\s?\d{2})?(?:\.\d+)?(?:\s*[ap]\.?\s?m\b\.?)?"
    r"|\b\d{1,2}\s*[ap]\.?m\b\.?"
    r"|\b(?:gmt|utc|cst|bjt|est|edt|pst|pdt|cet|cest|ist)\b\s*(?:[+-]\s?\d{1,2}(?::?\d{2})?)?",
    re.I,
)
_ADDRESS = re.compile(
    r"(?:https?://|www\.)\S+|[\w.-]+@[\w-]+\.[\w.]+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|gov|edu|int|info|news|[a-z]{2})\b",
    re.I,
)
# A page's view counter: "View: 275", "Hits:1,024", "浏览次数：96", "1,024 views". Its
# number is chrome like the label, not a figure that would make the line prose.
_COUNTER = re.compile(
    r"\b(?:views?|hits|clicks|visits|reads?)\s*[:：]?\s*\d[\d,]*"
    r"|(?:浏览(?:次数|量)?|点击(?:数|量)?)\s*[:：]?\s*\d[\d,]*\s*次?"
    r"|\b\d[\d,]*\s+(?:views|hits|clicks|reads)\b",
    re.I,
)
# A labelled field of a metadata line: "Editor: huaxia", "Author:pmtf105f8". Its value is
# a handle, whatever its case or digits, not words of a sentence.
_FIELD = re.compile(
    r"\b(?:source|editor|author|reporter|writer)\s*[:：]\s*[^\s|:：]+|(?:来源|编辑|作者)[:：]\S+",
    re.I,
)
# Words a date line carries beside the date: its label, a by-line's glue, weekdays,
# and the font-size buttons ("L M S", "A A A"). Names (by-line, agency, site, city) are
# capitalized and allowed as such; any other lower-case word makes the line prose.
CHROME_WORDS = frozenset(
    [
        "updated",
        "update",
        "published",
        "publish",
        "posted",
        "post",
        "released",
        "release",
        "date",
        "time",
        "pub",
        "on",
        "at",
        "in",
        "by",
        "from",
        "source",
        "sources",
        "editor",
        "editors",
        "author",
        "authors",
        "reporter",
        "writer",
        "correspondent",
        "and",
        "last",
        "modified",
        "created",
        "issued",
        "view",
        "views",
        "hits",
        "clicks",
        "font",
        "size",
        "print",
        "share",
        "the",
        "of",
        "edition",
        "page",
        "staff",
        "am",
        "pm",
        "de",
        "le",
        "la",
        "el",
        "du",
        "di",
        "van",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "lunedì",
        "martedì",
        "mercoledì",
        "giovedì",
        "venerdì",
        "sabato",
        "domenica",
        "segunda",
        "terça",
        "quarta",
        "quinta",
        "sexta",
        "feira",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
        "luni",
        "marți",
        "marţi",
        "miercuri",
        "joi",
        "vineri",
        "sâmbătă",
        "duminică",
        "الأحد",
        "الاثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "تم",  # "تم نشره": "it was published"
        "نشر",
        "نشره",
        "مساء",  # p.m.
        "صباحا",  # a.m.
        "صباح",
        "稿源",
        "来源",
        "编辑",
        "作者",
        "记者",
        "发布时间",
        "发布日期",
        "更新时间",
        "时间",
        "日期",
        "责任编辑",
        "浏览",
        "次",
    ]
)
_TOKEN = re.compile(r"[^\W\d_]+|\d+", re.U)
_CJK = re.compile(r"[\u3400-\u9fff]")
# A sentence boundary inside the line (a word's stop, then the next sentence's capital; any
# Chinese full stop): a line holding one is prose, not a date line. Unlike the line-end tests
# of clean/sentences.py it looks inside the line, and a stop after a single letter or a
# digit ("Mar. 3", "No. 5", "U.S. Edition") is not a sentence's end in a date line's chrome.
_SENTENCE_STOP = re.compile(r"[a-z]{2,}[.!?]\s+[A-Z]|[。！？]")
# chrome words that also glue a headline together: they do not make a line a date line
_GLUE_WORDS = frozenset(
    ["the", "of", "and", "in", "on", "at", "de", "le", "la", "el", "du", "di", "van"]
)
# separators of a date line's parts: "By X | Daily | 2019-06-25", "(Xinhua 12/20/2000)"
_YEARISH = re.compile(r"(?:19|20)\d\d")
_MARKS = re.compile(r"[|:：()（）\[\]/•·—–-]")
MAX_DATE_LINE = 160  # characters; a longer line is prose, whatever it holds


def _other_dates(rest: str) -> str:
    """``rest`` without the dates it holds: a date line may show its date twice ("29/06/2024 |
    Press release | Distributed on 29/06/2024 14:05"), or a second one ("Published: ... |
    Updated: ..."); the first is the line's date, the others are chrome like it."""
    if not _YEARISH.search(rest):
        return rest
    for form in _FORMS:
        rest = form.sub(" ", rest)
    return rest


def date_line_date(line: str) -> str | None:
    """The date of a *date line*, or None when ``line`` is anything else.

    A date line holds a date, and beside it only chrome: its label (``Updated:``), a time
    of day and zone, a by-line, an agency, site or city name (capitalized words: names),
    a web address, weekdays, separators and font-size buttons. ``By NAME | (China Daily)
    | 2019-06-25``, ``ehangzhou.gov.cn| Updated: March 23, 2020 L M S`` and ``(Xinhua
    12/20/2000)`` are date lines; ``On March 3, 2021 the zone opened`` is prose.
    """
    if len(line) > MAX_DATE_LINE or _SENTENCE_STOP.search(line):
        return None
    found = find_date(line)
    if found is None:
        return None
    date, start, end = found
    rest = _other_dates(line[:start] + " " + line[end:])
    rest = _COUNTER.sub(" ", _ADDRESS.sub(" ", _TIME.sub(" ", rest)))
    rest = _FIELD.sub(" ", rest)
    names = 0
    labelled = bool(_ADDRESS.search(line))
    for token in _TOKEN.findall(rest):
        if token.lower() in CHROME_WORDS:
            labelled = labelled or token.lower() not in _GLUE_WORDS
            continue
        if token.isdigit():
            if len(token) > 2:
                return None  # another number: a figure, not chrome
            continue
        if _CJK.search(token):
            if len(token) > 8:
                return None
            names += 1
        elif token[0].isupper():
            names += 1
        else:
            return None
    if names > 4 and not _MARKS.search(rest) and not labelled:
        return None  # "Pilot Zone Brought Rich Harvest 2018-09-14": a headline and its date
    return date if names <= 8 else None


# A wire dateline that opens an article's first paragraph: "GUIZHOU, China, May 22, 2019
# /PRNewswire/ -- The ...", "NEW YORK, March 3, 2021 (GLOBE NEWSWIRE) — ...": a place in
# capitals and a comma, then, up to the dash that ends the dateline, a date line.
_DATELINE = re.compile(r"(?P<part>[A-Z][A-Z.'’ -]{1,30},.{4,100}?)\s+(?:--|—|–)\s")


def dateline_date(paragraph: str) -> str | None:
    """The date of the wire dateline a paragraph opens with, if it has one with a year
    (a dateline is a date line inside the paragraph: the paragraph stays body text)."""
    m = _DATELINE.match(paragraph)
    return date_line_date(m.group("part")) if m else None


__all__ = [
    "CHROME_WORDS",
    "MONTHS",
    "date_line_date",
    "dateline_date",
    "find_date",
    "parse_date",
]
