"""Text dumps of news pages: tell the body's lines from the chrome that survived as text.

A dump saved from a browser keeps the page's breadcrumb, share bullets, "Updated:" line,
teaser blocks, "Prev Next", contact form and copyright line as lines of text. The body is
the run of prose lines between the page head (title, breadcrumb, date) and the first line
that can only come after an article (prev/next links, copyright, contact form). Inside the
body, teaser blocks, share lines, image names, URLs and a paragraph repeated around a
teaser are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.clean.dates import dateline_date, parse_date
from extractor.clean.lines import (
    BYLINE,
    DATE_LEAD,
    PHOTO_CREDIT,
    URL_ONLY,
    breadcrumb_items,
    chrome_kind,
    date_line,
    is_terminator,
    keep_longer,
    site_from_copyright,
    squash,
    strip_credit,
)
from extractor.clean.sentences import ENDS_SENTENCE, FUNCTION_WORDS, SENTENCE_STOP
from extractor.clean.wrap import STRONG, join_wrapped, wrap_joints

_CJK = re.compile(r"[\u4e00-\u9fff]")
_PUNCTUATED = re.compile(r"[,.;:!?，。；：！？]")
_DATE_ONLY = re.compile(r"[\d\s:/.\-年月日A-Za-z,]+")
_BLANK = re.compile(r"\n[ \t\u00a0\u3000]*\n")
# "Title | Site name", "Title |", "Title _ Section _ Site"
_TITLE_SPLIT = re.compile(r"\s*[|｜]\s*|\s*_\s*")
_TITLE_DASH_SUFFIX = re.compile(r"\s+[-–—]\s+(?P<site>[^-–—]{2,60})$")

MAX_LINES = 200_000  # a dump longer than this is cut; its tail would be chrome anyway


@dataclass
class DumpResult:
    paragraphs: list[str]
    title: str | None = None
    published: str | None = None
    site: str | None = None
    section: str | None = None
    author: str | None = None
    warnings: list[str] = field(default_factory=list)


# " date 2021-03-10 HAIKOU, March 10. ...": a date label glued before the first line's text.
_LEADING_DATE_PART = re.compile(
    r"(?:date|updated|published|posted)\s*[:：]?\s*(?P<date>(?:19|20)\d\d-\d\d-\d\d)"
    r"(?:[ T]\d\d:\d\d(?::\d\d)?)?\s+(?=\S)",
    re.I,
)
# A label glued to the headline: "Hot LinkLanfeng Chip Park Draws ..."
_TITLE_LABEL = re.compile(
    r"(?:Hot Links?|Hot News|Breaking News|Breaking|Exclusive|Top Story)(?=[A-Z])"
)
# the chrome before a title line: bullets, "•", "·"
_BULLET = re.compile(r"^[•·*▪►>\-–]+\s*")
MAX_BLURB = 300  # characters: a video box's blurb is one short paragraph
EDGE_UNITS = 4  # a date line counts as chrome this near the body's top or bottom
BODY_SAMPLE = 5000  # characters of the body's first lines a headline is compared with


def _split_leading_date(units: list[str]) -> str | None:
    """Cut a leading date label off the first unit, in place; return its date."""
    if not units:
        return None
    m = _LEADING_DATE_PART.match(units[0])
    rest = units[0][m.end() :] if m else ""
    if m is None or len(rest.split()) < 4:
        return None  # "Updated: 2021-03-10 | Source: X" is a date line as a whole
    units[0] = rest
    return parse_date(m.group("date"))


def _units(text: str, kinds: dict[str, str | None]) -> list[str]:
    """Lines to classify: one per line, except a hard-wrapped paragraph, which is one unit.
    ``kinds`` caches chrome_kind() of the lines looked at."""

    def is_chrome(line: str) -> bool:
        if line not in kinds:
            kinds[line] = chrome_kind(line)
        kind = kinds[line]
        if kind == "date" and line[:1].islower() and date_line(line) is None:
            return False  # a wrapped line that starts with "time", "date"...: no date in it
        # a by-line ("author:Harbour Evening News") is no line of a wrapped paragraph
        byline = len(line) < 60 and BYLINE.fullmatch(line) is not None
        return kind is not None or _is_menu(line) or byline

    blocks = [
        [line for line in map(squash, block.splitlines()) if line] for block in _BLANK.split(text)
    ]
    joints, wrapped_dump = wrap_joints(blocks, is_chrome)
    units: list[str] = []
    for lines, block_joints in zip(blocks, joints, strict=True):
        # a block of long lines that stop mid-sentence, none of them chrome, and prose once
        # joined (a long heading over its subtitle or its copy is two units); in a dump
        # that is hard-wrapped all through, the joints decide (a headline above the
        # paragraph's first line is not part of it)
        wrapped = (
            not wrapped_dump
            and len(lines) > 1
            and all(len(line) >= 50 and not ENDS_SENTENCE.search(line) for line in lines[:-1])
            # wrapped at one width: a short headline over a long paragraph is two units
            and min(map(len, lines[:-1])) >= 0.6 * max(map(len, lines[:-1]))
            and not any(is_chrome(line) for line in lines)
        )
        joined = join_wrapped(lines, [STRONG] * (len(lines) - 1))[0] if wrapped else ""
        if joined and (_is_prose(joined) or _is_cut_prose(joined)):
            units.append(joined)
        else:  # paragraphs wrapped line by line, with or without blank lines between them
            units.extend(join_wrapped(lines, block_joints))
    return units


def _is_prose(line: str) -> bool:
    """A line that reads as a paragraph of the article (in English or in Chinese)."""
    if _TRAILING_DATE.search(line):
        return False  # a heading with its date glued on ("... investment?(2023-05-11)")
    if len(line) >= 120:
        # long, and punctuated like prose (a long line of menu words has no commas or stops)
        return bool(_PUNCTUATED.search(line))
    if not ENDS_SENTENCE.search(line):
        return False
    return (len(line) >= 50 and len(line.split()) >= 8) or len(_CJK.findall(line)) >= 20


def _is_headline(units: list[str], kinds: list[str | None], first: int) -> bool:
    """Whether the first line that reads as prose is the headline: it is one phrase (no
    stop inside or at its end, no colon or comma at its end, no photo credit) and either a
    by-line or date line follows it, or it is headline-short and nothing above it could be
    a headline ("+852 ...", "x@y.com")."""
    line = units[first]
    if (
        len(line) > MAX_HEADLINE
        or SENTENCE_STOP.search(line)  # ('... "in the spring"' ends no sentence)
        or line.endswith((":", "：", ",", "|"))
        or _INNER_STOP.search(line)
        or PHOTO_CREDIT.search(line)
    ):
        return False
    after = units[first + 1 : first + 3]
    if any(BYLINE.fullmatch(u) or kinds[first + 1 + k] == "date" for k, u in enumerate(after)):
        return True
    above = [i for i in range(first) if kinds[i] is None and _letter_words(units[i]) >= 2]
    return len(line) <= MAX_BARE_HEADLINE and not above


MAX_HEADLINE = 200  # characters
MAX_BARE_HEADLINE = 150  # characters, for a headline line with no by-line or date below it
# a sentence's end inside a line: "... year-on-year.Cooperation Bureau", "2019. — Picture"
_INNER_STOP = re.compile(r"\w\w[.!?。！？][\"”’)]?\s*[^\s\d]")
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
_LATIN = re.compile(r"[A-Za-z]")


def _letter_words(line: str) -> int:
    """Words of two letters or more ("+852 2956 3798" has none); CJK text counts as in
    _words()."""
    if _CJK.search(line):
        return len(_CJK.findall(line)) // 3 + len(_LETTER_WORD.findall(_CJK.sub(" ", line)))
    return len(_LETTER_WORD.findall(line))


def _is_latin(text: str) -> bool:
    """Whether ``text`` holds at least as many Latin letters as CJK ones."""
    return len(_LATIN.findall(text)) >= len(_CJK.findall(text))


_MENU_WORDS = frozenset(
    [
        "home",
        "about",
        "us",
        "news",
        "contact",
        "search",
        "login",
        "log",
        "in",
        "sign",
        "register",
        "sitemap",
        "help",
        "english",
        "services",
        "events",
        "videos",
        "video",
        "photos",
        "investment",
        "policies",
        "menu",
        "more",
        "media",
        "center",
        "subscribe",
        "faq",
    ]
)


def _is_cut_prose(line: str) -> bool:
    """A paragraph cut mid-sentence: many words, mostly lower-case, punctuated inside."""
    words = line.split()
    lower = sum(w[:1].islower() for w in words)
    return len(words) >= 10 and lower * 2 >= len(words) and bool(_PUNCTUATED.search(line))


def _is_menu(line: str) -> bool:
    """A line of menu words ("Home About Us News Contact Us"), not a headline."""
    words = line.lower().split()
    return len(words) >= 4 and sum(w in _MENU_WORDS for w in words) * 2 >= len(words)


def _strip_title(line: str, others: set[str]) -> tuple[str, str | None]:
    """("Title | Site" -> "Title", "Site"); a dash suffix only when the bare title recurs."""
    parts = [p.strip() for p in _TITLE_SPLIT.split(line)]
    if len(parts) > 1 and parts[0]:
        # "Title | Section | Site": the part that recurs as a line of its own is the title
        title = next((p for p in parts if p in others), parts[0])
        site = parts[-1] if parts[-1] and parts[-1] != title else None
        return title, site
    m = _TITLE_DASH_SUFFIX.search(line)
    if m is None:
        return line, None
    bare = line[: m.start()].strip()
    if bare in others:
        return bare, m.group("site").strip()
    # "‘Zone hits N4tr’ – Site" over "'Zone hits N4tr'": the copy's quotes are plain
    plain = bare.translate(_PLAIN_QUOTES)
    if plain != bare:
        copy = next((o for o in others if o.translate(_PLAIN_QUOTES) == plain), None)
        if copy is not None:
            return copy, m.group("site").strip()
    return line, None


_PLAIN_QUOTES = str.maketrans("‘’“”", "''\"\"")


def clean_dump(text: str) -> DumpResult:
    """The title, metadata and body paragraphs of a text dump."""
    known: dict[str, str | None] = {}
    units = _units(text, known)
    result = DumpResult(paragraphs=[])
    if len(units) > MAX_LINES:
        units = units[:MAX_LINES]
        result.warnings.append(f"the text dump has over {MAX_LINES} lines; the rest was ignored")
    result.published = _split_leading_date(units)
    kinds = [known[u] if u in known else chrome_kind(u) for u in units]
    prose = [kinds[i] is None and _is_prose(strip_credit(u)) for i, u in enumerate(units)]
    first = next((i for i, p in enumerate(prose) if p), None)
    if first is not None and _is_headline(units, kinds, first):
        prose[first] = False
        first = next((i for i in range(first + 1, len(units)) if prose[i]), None)
    head_end = first if first is not None else len(units)
    # the body's script: a title is written in it
    latin = _is_latin("".join(units[head_end : head_end + 40])[:BODY_SAMPLE])
    body = "\n".join(units[head_end : head_end + 20])[:BODY_SAMPLE]
    title_index = _read_head(units[:head_end], kinds[:head_end], result, body, latin)
    if title_index is not None:
        _read_title(units, title_index, result)
    if first is None:
        return result
    result.paragraphs = _body(units, kinds, prose, first, result)
    if result.published is None and result.paragraphs:
        # the wire dateline opens the first paragraph, or stands on a line of its own above
        # it ("CITY, China, July 8, 2022 /PRNewswire/ — A report by Harbour Daily:")
        firsts = [*units[max(0, first - 2) : first], result.paragraphs[0]]
        result.published = next(filter(None, map(dateline_date, firsts)), None)
    if result.site is None:
        result.site = _copyright_site(units[-40:], kinds[-40:])
    return result


# a caption: its line ends with a photo credit ("... outbreak. [Photo/]")
_CAPTION = re.compile(
    r"[\[(（【]\s*(?:photo|photos|image|file photo|图|图片)\b[^\])）】]{0,80}[\])）】]$", re.I
)
# "Headline 2018-09-14", "Zone name2024-11-05", "... investment?(2023-05-11)": a date at
# the end of the headline line, after a space or glued to its last word
_TRAILING_DATE = re.compile(
    r"(?:\s+|(?<=[^\s\d]))[(\[]?(?P<date>(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2})[)\]]?$"
)
# The site's own name above the headline: an image's alt text ("Site icon Review", "Daily
# logo") or a government portal's name ("The People's Government of X Province", "X
# Municipal People's Government", "Official Website of X").
_CAP = r"[A-Z][\w'’.&-]*"
_NAME = _CAP + r"(?: (?:of |the |and |for )*" + _CAP + r")*"
_ALT_TEXT = re.compile(
    rf"(?:[Ss]ite (?:icon|logo)|[Ll]ogo(?: of)?|[Ii]con of) (?:the )?{_NAME}"
    rf"|{_NAME} (?:[Ll]ogo|[Ii]con)"
)
_PORTAL = r"Official (?:Website|Web Site|Web Portal|Portal) of (?:the )?"
_GOVERNMENT_SITE = re.compile(
    rf"(?:The )?(?:{_PORTAL})?(?:{_NAME} )?Government(?: of (?:the )?{_NAME})?"
    rf"|(?:The )?{_PORTAL}{_NAME}"
)


def _words(line: str) -> int:
    return len(line.split()) if not _CJK.search(line) else len(line) // 3


def _is_site_name(line: str) -> bool:
    """Whether a head line names the site rather than the article (see _ALT_TEXT)."""
    if len(line) > 120 or _PUNCTUATED.search(line):
        return False
    return bool(_ALT_TEXT.fullmatch(line) or _GOVERNMENT_SITE.fullmatch(line))


def _once(line: str) -> str:
    """A line that is the same text twice ("Zone name Zone name": a heading and its copy
    glued by a hard-wrap join) as that text once."""
    words = line.split()
    half = len(words) // 2
    if len(words) >= 4 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return line


def _read_title(units: list[str], title_index: int, result: DumpResult) -> None:
    """The headline without its site suffix, and the site a "Title | Site" line names."""
    unit_set = set(units)
    line = _BULLET.sub("", units[title_index])
    trailing = _TRAILING_DATE.search(line)
    if trailing:
        line = line[: trailing.start()]
        result.published = result.published or parse_date(trailing.group("date"))
    line = _once(line)
    bare, site = _strip_title(line, unit_set)
    site_date = date_line(site) if site else None
    if site_date:  # "Headline|Updated: June 27, 2023": the date line shares the title's
        result.published = result.published or site_date
        site = None
    result.title = _TITLE_LABEL.sub("", bare) or None
    for line in units[:title_index]:  # a "Title_Section_Site" line above the headline
        if site is None and line.startswith(bare):
            other, site = _strip_title(line, unit_set)
            site = site if other == bare else None
    result.site = site


def _read_head(
    units: list[str], kinds: list[str | None], result: DumpResult, body: str, latin: bool
) -> int | None:
    """Section, date and byline from the page head (the lines above the first prose line);
    returns the index of the title line.

    The headline is the line that comes just before the date or by-line (the head's chrome
    comes before it: language switchers, section names, app links), or, in a head with
    neither, the last candidate line before the body. ``body`` is the body's first lines,
    which a headline shares words with; ``latin``, whether they are in a Latin script.
    """
    candidates: list[int] = []
    stop: int | None = None  # the first date or by-line line
    # A date line above a breadcrumb, when another follows it, is the site's (the day's);
    # the article's head starts below the breadcrumb. Without a later one it stays.
    above: tuple[list[int], int, str | None] | None = None
    for i, (line, kind) in enumerate(zip(units, kinds, strict=True)):
        if kind == "breadcrumb":
            if result.section is None:
                items = breadcrumb_items(line) or []
                result.section = items[-1] if items else None
            if stop is not None and above is None:
                above = (candidates, stop, result.published)
                candidates, stop, result.published = [], None, None
        elif kind == "date":
            stop = i if stop is None else stop
            if result.published is None:
                result.published = date_line(line) or parse_date(line)
            byline = BYLINE.fullmatch(line)
            if byline and result.author is None:
                result.author = byline.group("name")
        if kind is not None:
            continue
        byline = BYLINE.fullmatch(line)
        if byline and len(line) < 120:
            stop = i if stop is None else stop
            if result.author is None:
                result.author = byline.group("name")
            continue
        if len(line) < 60 and parse_date(line) and _DATE_ONLY.fullmatch(line):
            stop = i if stop is None else stop
            result.published = result.published or parse_date(line)
            continue
        dateline = dateline_date(line)
        if dateline is not None:  # "CITY, China, July 8, 2022 /Wire/ — A report by ...:"
            stop = i if stop is None else stop
            result.published = result.published or dateline
            continue
        trailing = _TRAILING_DATE.search(line)
        if trailing and line[: trailing.start()] in units[:i]:  # "Headline" ¶ "Headline 2024-11-05"
            stop = i if stop is None else stop
            result.published = result.published or parse_date(trailing.group("date"))
            continue
        if (
            _letter_words(line) >= 2
            and (not latin or _is_latin(line))
            and len(line) <= 250
            and not _is_menu(line)
            and not _CAPTION.search(line)
            and not URL_ONLY.search(line)
        ):
            candidates.append(i)
    # A headline has four words or more; shorter lines are labels ("Business Info",
    # "Industrial Zones"), taken only when nothing longer is there.
    if above is not None:
        if stop is None and not candidates:  # nothing below the breadcrumb: the head was above
            candidates, stop = above[0], above[1]
        result.published = result.published or above[2]
    chosen = _choose_title(units, candidates, stop)
    # (words are cut at spaces: not in Chinese or Japanese text)
    return _about_body(units, candidates, chosen, body) if latin else chosen


def _about_body(
    units: list[str], candidates: list[int], chosen: int | None, body: str
) -> int | None:
    """``chosen``, unless it shares no word with the body (``body``: its first lines) while
    another candidate of four words or more shares two or more: then that one, the most
    sharing (the later on ties). A headline names what its article is about; a contact
    line, a site's slogan or a spam line above it names nothing the body says."""
    if chosen is None or len(candidates) < 2:
        return chosen
    said = _content_words(body)
    shared = {i: len(_content_words(units[i]) & said) for i in candidates}
    if shared[chosen] > 0:
        return chosen
    best = max(
        (i for i in candidates if _words(units[i]) >= 4), key=lambda i: (shared[i], i), default=None
    )
    return best if best is not None and shared[best] >= 2 else chosen


def _content_words(text: str) -> set[str]:
    """The lower-cased words of three letters or more of ``text`` that are not function
    words, a plural's "s" dropped."""
    words = (w.lower() for w in _LETTER_WORD.findall(text) if len(w) >= 3)
    return {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words} - FUNCTION_WORDS


def _choose_title(units: list[str], candidates: list[int], stop: int | None) -> int | None:
    """The headline among the head's candidate lines: the last one of four words or more
    before the date or by-line, else the first one; never the site's name when another
    line is there. With only short lines, section labels (one or two words) sit above a
    short headline: the longest line is taken, the later one on ties. A headline sits next
    to its date line: when two lines or more (a list of links) part the last one before
    the date from it, the first one after it is taken, if there is one."""
    articles = [i for i in candidates if not _is_site_name(units[i])]
    candidates = articles or candidates
    long = [i for i in candidates if _words(units[i]) >= 4]
    before = [i for i in long or candidates if stop is None or i < stop]
    if stop is not None and before:
        after = [i for i in long if i > stop]
        parted = sum(before[-1] < i < stop for i in candidates) >= 2
        return after[0] if parted and after else before[-1]
    if long:
        return long[0]
    return max(reversed(candidates), key=lambda i: _words(units[i]), default=None)


def _body(
    units: list[str], kinds: list[str | None], prose: list[bool], first: int, result: DumpResult
) -> list[str]:
    """The body: from the first prose line to the first terminator after it, without the
    chrome, teasers and repeats inside it."""
    end = next((i for i in range(first, len(units)) if is_terminator(units[i])), len(units))
    last_prose = max((i for i in range(first, end) if prose[i]), default=first)
    kept: list[str] = []
    seen: set[str] = set()
    in_teaser = False
    box = 0  # units of a video box still to skip
    for i in range(first, end):
        line = units[i]
        kind = kinds[i]
        middle = first + EDGE_UNITS <= i <= last_prose - EDGE_UNITS
        if kind == "date" and middle and not DATE_LEAD.match(line):
            kind = None  # a date line is chrome near the top or bottom of the body only
        if kind == "teaser":
            in_teaser = True
            continue
        if kind == "video-box":
            box = 2  # the video's title and its blurb
            continue
        if kind is not None:
            if kind == "date" and result.published is None:
                result.published = date_line(line) or parse_date(line)
            continue
        if in_teaser and not prose[i]:
            continue  # a teaser headline
        in_teaser = False
        if box:
            box -= 1
            if len(line) <= MAX_BLURB:
                continue
        box = 0
        line = strip_credit(line)
        if line == result.title or line in seen:
            continue  # the title repeated, or a paragraph repeated around a teaser
        if result.author is None and not kept:
            byline = BYLINE.fullmatch(line)
            if byline and len(line) < 80:
                result.author = byline.group("name")
                continue
        seen.add(line)
        keep_longer(kept, line)
    # Short lines after the last prose line are a tail of chrome (nav words, teaser titles).
    while kept and not _is_prose(kept[-1]) and not ENDS_SENTENCE.search(kept[-1]):
        if _is_cut_prose(kept[-1]):
            break  # a last paragraph cut short (a dump saved before the page loaded)
        kept.pop()
    return kept


def _copyright_site(units: list[str], kinds: list[str | None]) -> str | None:
    """The site a copyright line near the end names."""
    for line, kind in zip(units, kinds, strict=True):
        if kind == "copyright":
            site = site_from_copyright(line)
            if site:
                return site
    return None
