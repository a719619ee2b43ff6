"""What a line of page chrome looks like, shared by the text-dump and the HTML cleaners.

Every pattern here matches a whole line (white space already collapsed to single spaces,
non-breaking and ideographic spaces included) and is compiled once.
"""

from __future__ import annotations

import re

from extractor.clean.dates import date_line_date, parse_date

_WS = re.compile(r"[\s\u00a0\u2000-\u200b\u3000\ufeff]+")


def squash(text: str) -> str:
    """Collapse every run of white space (non-breaking and ideographic too) to one space."""
    if "\u200b" in text or "\ufeff" in text:
        return _WS.sub(" ", text).strip()
    # str.split() splits on exactly what _WS matches but these two (checked for every
    # code point), and is about three times faster.
    return " ".join(text.split())


# "Home > Media Center > EDZ News", "首页 > 新闻中心", "You are here: Home » News".
_CRUMB_SEP = r"(?:\s*(?:>>|>|»|›|→|/|＞|\\)\s*|\s+<\s+)"
BREADCRUMB = re.compile(
    r"(?:(?:you are here|(?:your )?current (?:location|position)|your position|location"
    r"|当前位置|您的位置|您现在的位置)\s*[:：]?\s*)?"
    # Items exclude every separator character: were "/" or "\\" allowed in both, a
    # line such as "a /a /a /..." could be split in exponentially many ways.
    r"(?P<items>[^<>»›→＞/\\.!?。]{1,60}(?:" + _CRUMB_SEP + r"[^<>»›→＞/\\!?。]{1,80}){1,6})",
    re.I,
)
_CRUMB_HOME = re.compile(
    r"^(?:home(?:page)?|首页|网站首页|main|index|you are here"
    r"|(?:your )?current (?:location|position)|your position|当前位置)\b",
    re.I,
)
_CRUMB_SPLIT = re.compile(_CRUMB_SEP)
_CRUMB_MARK = re.compile(r"[>»›→＞/\\]|\s<\s")


# "Location:Home - News - Industry News": after a location label, dashes part the items too
_LABELLED_CRUMB = re.compile(
    r"(?:you are here|(?:your )?current (?:location|position)|your position|location)\s*[:：]\s*"
    r"(?P<items>[^-–\s][^-–]{0,40}(?:\s[-–]\s[^-–]{1,40}){1,6})",
    re.I,
)


def breadcrumb_items(line: str) -> list[str] | None:
    """The items of a breadcrumb line ("Home > News > EDZ News"), or None if it is not one.

    A line counts as a breadcrumb when its items are separated by ``>``-like marks and the
    first is a home / location word, or when there are three or more short items; after a
    location label ("Location: Home - News"), dashes part the items too.
    """
    if len(line) > 200:
        return None
    labelled = _LABELLED_CRUMB.fullmatch(line)
    if labelled is not None:
        items = [squash(i) for i in re.split(r"\s[-–]\s", labelled.group("items"))]
        return items if _CRUMB_HOME.match(items[0]) else None
    if not _CRUMB_MARK.search(line):
        return None
    # "> Specials > Foreign media": the home link was an icon, its separator is left
    headless = line[:1] in ">»›"
    if headless:
        line = line.lstrip(">»› ")
    if not BREADCRUMB.fullmatch(line):
        return None
    # "a/b" is too common in prose and dates to count as a breadcrumb alone
    only_slashes = "/" in line and not any(mark in line for mark in (">", "»", "›"))
    if only_slashes and not _CRUMB_HOME.match(line):
        return None
    items = [squash(i) for i in _CRUMB_SPLIT.split(line)]
    items = [
        re.sub(r"^.*?[:：]\s*", "", i) if i.startswith(("You", "Current", "当前", "您")) else i
        for i in items
    ]
    items = [i for i in items if i]
    if len(items) < 2:
        return None
    if headless:
        return items
    if not _CRUMB_HOME.match(items[0]) and (len(items) < 3 or any(len(i) > 40 for i in items)):
        return None
    return items


_DATE_LINE_LEAD = (
    r"(?:updated|published|posted|released|release date|date|time|last updated|"
    r"发布时间|发布日期|更新时间|时间|日期)"
)
# "Updated: Sept 07, 2021", "• Updated: 2022-06-06 07:51", "Published on 09/29 2018".
DATE_LINE = re.compile(
    r"[•·*|\s]*(?:" + _DATE_LINE_LEAD + r"\s*(?:on|at)?\s*[:：]?\s*)?"
    r"[\w ,./:\-年月日]{4,40}(?:\s*(?:GMT|UTC|CST|BJT)?\s*[+-]?\d{0,2}:?\d{0,2})?"
    r"(?:\s*\|.*)?",
    re.I,
)
DATE_LEAD = re.compile(r"[•·*|\s]*" + _DATE_LINE_LEAD + r"\b", re.I)
_LEADING_DATE = re.compile(
    r"[\s•·*|]*(?:(?:19|20)\d\d[-/.年]\d{1,2}"
    r"|[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\d\d"
    r"|\d{1,2} [A-Z][a-z]{2,8}\.? (?:19|20)\d\d)"
)


_YEARISH = re.compile(r"(?:19|20)\d\d")


def date_line(text: str) -> str | None:
    """The date of a short line that is a date line (see dates.date_line_date), or that
    leads with a date or a date label ("Updated: ...", "2021-04-08 00:00 ...")."""
    if len(text) > 160:
        return None
    date = date_line_date(text)
    if date is not None or not (DATE_LEAD.match(text) or _LEADING_DATE.match(text)):
        return date
    return parse_date(text)


# "By Wang Hongyi", "By Wang Hongyi in Tianjin | China Daily", "Author: Li Ming".
BYLINE = re.compile(
    r"(?:[-•·*]\s*)?(?i:by|author|written by|作者|记者)\s*[:：]?\s*"
    r"(?P<name>[A-Z\u4e00-\u9fff][\w.'\-\u4e00-\u9fff]*(?:\s+(?:and\s+)?[A-Z][\w.'\-]*){0,5})"
    r"(?:\s*(?:\||,|in\s+[A-Z]|\(|for\s+).*)?",
)

_SHARE_WORDS = (
    r"share|print|email|e-mail|wechat|weibo|facebook|twitter|x|linkedin|whatsapp|reddit|"
    r"qzone|pinterest|telegram|copy link|tweet|(?:adjust )?font size|a\+|a-|aa|close|"
    r"back to top|top|"
    r"打印|关闭|分享|分享到|收藏|字号|大|中|小|返回顶部|【打印】|【关闭】|comments?"
)
# Lines made only of share / print / font-size words, bullets and separators.
SHARE_LINE = re.compile(
    r"[\s•·*|\-–—:：【】\[\]()]*(?:(?:" + _SHARE_WORDS + r")[\s•·*|\-–—:：【】\[\]()+]*){1,12}",
    re.I,
)
# Only bullets, pipes, dashes: "• |".
PUNCT_ONLY = re.compile(r"[\s•·*|\-–—_=~.,:;/\\>»]*")

TEASER_HEADER = re.compile(
    r"(?:maybe you(?:'|’)re interested|you may (?:also )?(?:like|be interested(?: in)?)|"
    r"related(?: (?:articles?|news|stories|posts|content|links|reading))?|"
    r"most (?:viewed|popular|read|shared)|editor(?:'|’)?s picks?|trending(?: now)?|"
    r"latest(?: news)?|recommended(?: for you)?|more (?:news|stories|from .{1,40})|"
    r"read more|hot news|top news|in case you missed it|(?:our )?latest stories|more stories|"
    r"explore further|you might also like|what to read next|recommended stories|"
    r"相关新闻|相关阅读|相关文章|热点推荐|"
    r"推荐阅读|猜你喜欢|热门文章)\s*[:：]?",
    re.I,
)
# "ALSO READ: Another headline", "Read also: ...", "RELATED: ...", "相关：..."
TEASER_LINE = re.compile(
    r"(?:also read|read also|see also|related|read more|more|recommended|相关)\s*[:：].{0,200}",
    re.I,
)
PREV_NEXT = re.compile(
    r"(?:prev(?:ious)?(?: (?:article|story|page|post))?|next(?: (?:article|story|page|post))?|"
    r"上一篇|下一篇|上一页|下一页)(?:\s*[:：].{0,200})?"
    r"(?:\s*[|/]?\s*(?:next|下一篇|下一页)(?: (?:article|story|page|post))?(?:\s*[:：].{0,200})?)?",
    re.I,
)
# Contact-form and copyright lines are known by a keyword anywhere in them; plain substring
# tests on the lower-cased line are many times faster than a case-insensitive regex search.
_CONTACT_KEYS = (
    "leave a message",
    "leave us a message",
    "your email",
    "your e-mail",
    "your name",
    "your phone",
    "your company",
    "are you ready to start your business",
    "please feel free to let us know",
    "please feel free to contact us",
    "we provide up-to-date information",
    "submit",
    "send message",
    "contact us",
    "留言",
    "联系我们",
)
_COPYRIGHT_KEYS = (
    "copyright",
    "©",
    "all rights reserved",
    "版权所有",
    "备案",
    "公网安备",
    "license for publishing internet news",
    "互联网新闻信息服务许可证",
    "terms of use",
    "terms of service",
    "privacy policy",
)
_COPYRIGHT_RE = re.compile(
    r"\(c\) ?\d{4}|icp ?(?:备|证|license|no|\d)"
    r"|[京沪津渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼滇]icp"
)


def is_contact(line: str) -> bool:
    low = line.lower()
    return any(key in low for key in _CONTACT_KEYS)


def is_copyright(line: str) -> bool:
    low = line.lower()
    if any(key in low for key in _COPYRIGHT_KEYS):
        return True
    return ("(c)" in low or "icp" in low) and bool(_COPYRIGHT_RE.search(low))


IMAGE_FILE = re.compile(r"\S{0,200}\.(?:jpe?g|png|gif|webp|bmp|svg|tiff?)(?:\?\S*)?", re.I)
_CREDIT_LEAD = (
    r"(?:photo|photos|image|video|graphic|file photo|图|图片)"
    r"(?:\s*[/:：]|\s+(?:provided (?:to|by)|by|courtesy of|from)\b)"
)
PHOTO_CREDIT = re.compile(r"[\[(（【]?\s*" + _CREDIT_LEAD + r".{0,80}[\])）】]?", re.I)
# A credit at the end of a caption: "A view of the port [Photo/Xinhua]".
_CREDIT_TAIL = re.compile(r"\s*[\[(（【]\s*" + _CREDIT_LEAD + r"[^\])）】]{0,80}[\])）】]$", re.I)


def strip_credit(line: str) -> str:
    """A caption without the photo credit that ends it ("... port [Photo/Xinhua]")."""
    if not line.endswith(("]", ")", "）", "】")):
        return line
    m = _CREDIT_TAIL.search(line)
    return line[: m.start()] if m else line


# The label of a video box; its title and blurb follow it.
VIDEO_BOX = re.compile(r"(?:videos?|watch(?: the)? video|视频)\s*[:：]?", re.I)
URL_ONLY = re.compile(r"(?:https?://|www\.)\S+", re.I)
_LANGS = (
    r"english|中文|简体|繁體|繁体|简体中文|繁體中文|日本語|한국어|français|deutsch|español|"
    r"русский|العربية|português|en|cn|zh|jp|kr|fr|de|es|ru"
)
LANGUAGE_SWITCH = re.compile(r"(?:(?:" + _LANGS + r")\s*[|/·•]?\s*){2,10}", re.I)
# Language names as they appear glued in a switcher ("Global EditionASIA 中文双语Français").
_LANG_NAME = re.compile(
    r"中文|简体|繁體|繁体|双语|雙語|日本語|한국어|français|deutsch|español|русский|العربية|português"
    r"|\b(?:english|chinese)\b",
    re.I,
)
# Words that sit beside a language switcher in a page's top bar.
_TOP_BAR_WORDS = frozenset(
    [
        "app",
        "apps",
        "search",
        "wechat",
        "weibo",
        "mobile",
        "home",
        "login",
        "sign",
        "in",
        "register",
        "subscribe",
        "edition",
        "global",
        "asia",
        "europe",
        "africa",
        "americas",
        "us",
        "uk",
        "about",
        "contact",
        "site",
        "map",
        "menu",
    ]
)


def is_language_switch(line: str) -> bool:
    """A short top-bar line that offers languages: "Chinese | English", "App | 中文 |",
    "Search 简体 Wechat", "Global EditionASIA 中文双语Français"."""
    if len(line) > 80 or line.endswith((".", "。")):
        return False
    names = _LANG_NAME.findall(line)
    if not names:
        return False
    words = re.findall(r"[^\W\d_]+", _LANG_NAME.sub(" ", line))
    # beside the languages: top-bar words, or (with two languages or more) names of
    # editions ("Global EditionASIA"); a lower-case word makes it prose ("The Chinese and
    # English texts are equally authentic")
    return all(w.lower() in _TOP_BAR_WORDS or (len(names) >= 2 and w[:1].isupper()) for w in words)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"\b(?:phone|tel|telephone|fax|hotline)\b\s*[:：]?\s*\+?[\d(][\d ()\-]{5,}", re.I
)
_CONTACT_LABEL = re.compile(r"(?:e-?mail|tel|phone|fax)\b", re.I)


def is_contact_line(line: str) -> bool:
    """A short line of contact details: "E-mail x@y.com Phone 0551-...", "Tel: 010-..."."""
    if len(line) > 120:
        return False
    low = line.lower()
    if "@" not in line and not any(w in low for w in ("phone", "tel", "fax", "hotline")):
        return False  # (two substring tests spare most lines both searches)
    email, phone = _EMAIL.search(line), _PHONE.search(line)
    return bool((email and phone) or ((email or phone) and _CONTACT_LABEL.match(line)))


NAV_WORDS = re.compile(
    r"(?:home|homepage|about(?: us)?|news|media center|contact(?: us)?|search|menu|login|"
    r"log in|sign in|sign up|register|subscribe|more|sitemap|site map|help|faq|back|close|"
    r"skip to (?:main )?content|investment|policies|services|events|videos?|photos?|"
    r"首页|新闻中心|关于我们|联系我们|网站地图|登录|注册|搜索|返回)",
    re.I,
)
# Calls to action that end or interrupt articles.
PROMO_LINE = re.compile(
    r"(?:follow (?:@\w+|us) on .{0,80}|sign up (?:for|to) .{0,100}|subscribe (?:to|for) .{0,100}|"
    r"this slideshow requires javascript\.?|tell us what you think\W*|click here to .{0,80}|"
    r"advert|advertisement|sponsored(?: content)?|tags?(?:\s*[:：].{0,120})?)",
    re.I,
)
SOURCE_LINE = re.compile(
    r"(?i:source|来源|editor|责任编辑|编辑)\s*[:：].{0,80}"
    r"|(?i:via) [A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,5}"  # "Via China Daily": a credit
    # "PRESS RELEASE PR Newswire", "News release | Zone Wire": the kind of item and its wire
    r"|(?i:press release|news release|media release)(?:\s*[|:：/–-]?\s*"
    r"[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,4})?"
)


# Lines that end the article in a text dump: nothing after them is body text.
def is_terminator(line: str) -> bool:
    return bool(
        PREV_NEXT.fullmatch(line)
        or (len(line) <= 400 and is_copyright(line))
        or (len(line) < 120 and is_contact(line))
    )


# A server's error message printed into the page: "Warning: Cannot modify header
# information - headers already sent by (...) in /var/www/x.php on line 3".
SERVER_ERROR = re.compile(
    r"(?:Warning|Notice|Deprecated|Fatal error|Parse error|Strict Standards)\s*:"
    r".{0,400}\bon line \d+"
)


def chrome_kind(line: str) -> str | None:
    """Why ``line`` (squashed) is page chrome, or None when it may be body text."""
    if PUNCT_ONLY.fullmatch(line):
        return "punctuation"
    if len(line) <= 500 and SERVER_ERROR.fullmatch(line):
        return "server-error"
    short = len(line) <= 120
    if short and SHARE_LINE.fullmatch(line):
        return "share"
    if short and VIDEO_BOX.fullmatch(line):
        return "video-box"
    if short and breadcrumb_items(line):
        return "breadcrumb"
    if short and (
        (DATE_LEAD.match(line) and (DATE_LINE.fullmatch(line) or date_line(line)))
        or (_YEARISH.search(line) and date_line_date(line))
    ):
        return "date"
    if short and TEASER_HEADER.fullmatch(line):
        return "teaser"
    if (
        TEASER_LINE.fullmatch(line)
        and line[:1].isupper()
        and len(line) < 250
        and (not line.rstrip().endswith((".", "。")) or line.split(":")[0].isupper())
    ):
        return "teaser-line"
    if short and PREV_NEXT.fullmatch(line):
        return "prev-next"
    if short and is_copyright(line):
        return "copyright"
    if short and is_contact(line) and not line.endswith("."):
        return "contact"
    if IMAGE_FILE.fullmatch(line) or URL_ONLY.fullmatch(line):
        return "file-or-url"
    if short and PHOTO_CREDIT.fullmatch(line):
        return "photo-credit"
    if short and (LANGUAGE_SWITCH.fullmatch(line) or is_language_switch(line)):
        return "language"
    if (is_contact_line(line) and not line.endswith(".")) or _EMAIL.fullmatch(line):
        return "contact"
    if short and NAV_WORDS.fullmatch(line):
        return "nav"
    if short and SOURCE_LINE.fullmatch(line):
        return "source"
    if len(line) <= 160 and PROMO_LINE.fullmatch(line):
        return "promo"
    return None


COPYRIGHT_SITE = re.compile(
    r"(?:copyright|©)\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*"
    r"(?P<site>[A-Z][\w&'. ]{1,60}?)\s*(?:\.|,|\||all rights reserved|$)",
    re.I,
)


def site_from_copyright(line: str) -> str | None:
    m = COPYRIGHT_SITE.search(line)
    if not m:
        return None
    site = m.group("site").strip(" .")
    if not site or site.lower().startswith(("all rights", "by ")):
        return None
    return site


_TRAILING_STOPS = " .。…"


def keep_longer(kept: list[str], paragraph: str) -> None:
    """Append ``paragraph`` to ``kept``, unless it repeats the last one: a paragraph shown
    twice around a teaser, once cut short ("... foreign investment" then "... foreign
    investment.") is kept once, whole."""
    if kept and min(len(kept[-1]), len(paragraph)) >= 40:
        last, new = kept[-1].rstrip(_TRAILING_STOPS), paragraph.rstrip(_TRAILING_STOPS)
        if new.startswith(last) or last.startswith(new):
            if len(paragraph) > len(kept[-1]):
                kept[-1] = paragraph
            return
    kept.append(paragraph)
