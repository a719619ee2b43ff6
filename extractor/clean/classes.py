"""Flags of an element's class and id values: chrome, body, breadcrumb, known layout, hint.

Class and id values are read as tokens (split on white space, "-" and "_"): each token is
classified once per process (tokens repeat across pages), then a value's flags are the
union of its tokens' flags and of its adjacent token pairs ("most-viewed").
"""

from __future__ import annotations

import re
from functools import lru_cache

NEG, POS, STRONG, CRUMB, KNOWN, HINT = 1, 2, 4, 8, 16, 32
# chrome, anywhere inside a token ("commentlist", "sharebar", "c-sidebar")
_NEG_PART = re.compile(
    r"comment|disqus|share|sharing|social|related|recommend|crumb|sidebar|widget|footer|"
    r"masthead|advert|sponsor|promo|newsletter|subscri|signup|cookie|consent|popup|modal|"
    r"pagination|pager|outbrain|taboola|trending|hidden|hide|toolbar|byline|keywords|follow|"
    r"rss|login|signin|copyright|disclaimer|dateline"
)
# chrome only as a whole token ("nav", but not "canvas")
_NEG_TOKENS = frozenset(
    [
        "nav",
        "navbar",
        "menu",
        "ad",
        "ads",
        "adv",
        "banner",
        "tag",
        "tags",
        "tool",
        "tools",
        "header",
        "foot",
        "meta",
        "caption",
        "credit",
        "more",
        "aside",
        "share",
        "author",
        "date",
        "time",
        "info",
        "source",
        "pic",
        "photo",
        "img",
        "image",
        "video",
        "next",
        "prev",
        "relate",
        "link",
        "links",
        "list",
        "top",
        "bottom",
        "extra",
    ]
)
_POS_PART = re.compile(r"article|body|content|entry|main|post|story|text|blog|detail|zoom")
_POS_TOKENS = frozenset(["con", "zw", "news", "page", "column", "single"])
# always chrome, however much text it holds
_STRONG_PART = re.compile(r"comment|disqus|outbrain|taboola|footer|related|recommend")
_CRUMB_TOKENS = frozenset(["location", "position", "dqwz", "weizhi"])
# where a page shows its date and byline: read for metadata before the chrome goes
_HINT_PART = re.compile(r"date|time|publish|created|author|byline|writer|info|source|meta")
# Body containers of common layouts: TRS (Chinese news and government CMS), China Daily's
# "#Content", government portals' "#zoom", and the usual article-body class names.
_KNOWN_VALUES = frozenset(("Content", "zoom"))
_COMPOUNDS = {
    "mostviewed": NEG | STRONG,
    "mostread": NEG | STRONG,
    "mostpopular": NEG | STRONG,
    "skiplink": NEG,
    "authorbio": NEG,
    "printonly": NEG,
    "taglist": NEG,
    "tagslist": NEG,
    "toolbar": NEG,
    "trseditor": POS | KNOWN,
    "articlebody": POS | KNOWN,
    "articlecontent": POS | KNOWN,
    "entrycontent": POS | KNOWN,
    "postcontent": POS | KNOWN,
    "storybody": POS | KNOWN,
}

# Any of the parts above. Most tokens hold none ("wrapper", "col", "389880"), and for
# those one search replaces four: class and id values are mostly unique to their page
# (22,000 different ones on the 181 benchmark pages), so this runs cold for most of them.
_ANY_PART = re.compile(
    "|".join(p.pattern for p in (_NEG_PART, _POS_PART, _STRONG_PART, _HINT_PART)) + "|crumb"
)


@lru_cache(maxsize=32768)
def _token_flags(token: str) -> int:
    flags = _COMPOUNDS.get(token, 0)
    if _ANY_PART.search(token) is None:
        if token in _NEG_TOKENS:
            flags |= NEG
        if token in _POS_TOKENS:
            flags |= POS
        if token in _CRUMB_TOKENS:
            flags |= CRUMB
        return flags
    if token in _NEG_TOKENS or _NEG_PART.search(token):
        flags |= NEG
    if token in _POS_TOKENS or _POS_PART.search(token):
        flags |= POS
    if _STRONG_PART.search(token):
        flags |= STRONG
    if "crumb" in token or token in _CRUMB_TOKENS:
        flags |= CRUMB
    if _HINT_PART.search(token):
        flags |= HINT
    return flags


# The flags of the class / id values seen so far. A plain dict read in survey()'s loop
# (cheaper than a call per element); cleared when full, so memory stays flat over a long
# batch. Its size holds a few pages' worth (the 181 benchmark pages have 22,000 values:
# an LRU of 16,384 thrashed on them).
_VALUE_FLAGS: dict[str, int] = {}
_VALUE_FLAGS_SIZE = 65536


def _value_flags(value: str) -> int:
    """The flags of one class or id value."""
    flags = _VALUE_FLAGS.get(value)
    if flags is None:
        if len(_VALUE_FLAGS) >= _VALUE_FLAGS_SIZE:
            _VALUE_FLAGS.clear()
        flags = _VALUE_FLAGS[value] = _classify_value(value)
    return flags


# Every split of a compound into two adjacent tokens starts with one of these: a set lookup
# is cheaper than building previous + token for every pair of the 22,000 values.
_COMPOUND_HEADS = frozenset(c[:i] for c in _COMPOUNDS for i in range(1, len(c)))


def _classify_value(value: str) -> int:
    flags = KNOWN | POS if value in _KNOWN_VALUES else 0
    previous = ""
    # Tokens split at white space, "-" and "_" (str.split() splits where \s matches).
    for token in value.lower().replace("-", " ").replace("_", " ").split():
        flags |= _token_flags(token)
        if previous in _COMPOUND_HEADS:
            flags |= _COMPOUNDS.get(previous + token, 0)
        previous = token
    return flags


def _flags(cls: str | None, ident: str | None) -> int:
    """The flags of an element's class and id together."""
    flags = _value_flags(cls) if cls else 0
    return flags | _value_flags(ident) if ident else flags
