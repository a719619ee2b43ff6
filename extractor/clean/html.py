"""The article body of an HTML page, found by generic means on lxml's tree.

1. Prune: remove elements that are never body text (scripts, styles, forms of inputs,
   navigation, asides, footers) and those whose class/id/role says chrome (share bars,
   related lists, comments, breadcrumbs, ads...) unless they hold most of the page's prose.
2. Score: every paragraph-like element of 25+ characters scores 1 + its commas + its length
   (up to 3); the score flows to its ancestors (halving, then a third per level), and each
   candidate's total is weighted by its class/id and discounted by its link density.
3. Gather: the best candidate and those of its siblings that score near it or read as prose.
4. Emit blocks in document order, each paragraph / heading / list item / line-broken run one
   block, dropping link lists, share and teaser lines, bylines, dates and the title repeated.

Known layouts (a ``TRS_Editor`` / ``#Content`` body on Chinese news and government sites,
``itemprop=articleBody``) are tried first and used when they hold enough prose; otherwise, and
always for the rest, the generic path decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lxml import etree

from extractor.clean.dates import parse_date
from extractor.clean.lines import BYLINE, breadcrumb_items, chrome_kind, date_line, squash

# Removed with their content wherever they are.
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "svg",
    "canvas",
    "button",
    "select",
    "textarea",
    "input",
    "nav",
    "aside",
    "footer",
    "template",
    "object",
    "embed",
    "video",
    "audio",
    "map",
    "figcaption",
    "label",
    "dialog",
    "menu",
    "head",
)
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "tbody",
        "thead",
        "tfoot",
        "figure",
        "header",
        "address",
        "center",
        "form",
        "fieldset",
        "hr",
        "br",
    ]
)
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_PARA_TAGS = ("p", "pre", "td", "blockquote", "div", "section", "dd", "li", "font", "span")
_CONTAINER_BLOCKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "ul",
        "ol",
        "dl",
        "table",
        "blockquote",
        "pre",
        "figure",
        "header",
        "form",
    ]
)

# Class and id values are read as tokens (split on white space, "-" and "_"): each token is
# classified once per process (tokens repeat across pages), then a value's flags are the
# union of its tokens' flags and of its adjacent token pairs ("most-viewed").
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
_HINT_PART = re.compile(r"date|time|publish|author|byline|writer|info|source|meta")
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
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_COMMAS = re.compile(r"[,，、。;；]")
_SENTENCE_END = re.compile(r"[.!?。！？\"”’)）:]$")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ROLE_DROP = frozenset(("navigation", "complementary", "banner", "contentinfo", "menu", "dialog"))

MAX_CHARS = 20_000_000  # pages larger than this are cut before parsing


@dataclass
class Block:
    text: str
    tag: str
    link_chars: int = 0


@dataclass
class BodyResult:
    paragraphs: list[str]
    author: str | None = None
    published: str | None = None
    section: str | None = None
    warnings: list[str] = field(default_factory=list)


_TEXT_LEN = etree.XPath("string-length(normalize-space())")
_LINK_TEXT = etree.XPath(".//a//text()")
# What lxml.html's text_content() runs, usable on plain etree elements too.
_TEXT_CONTENT = etree.XPath("string()")


def _text_len(el: Any) -> int:
    return int(_TEXT_LEN(el))


def _link_density(el: Any, total: int | None = None) -> float:
    if total is None:
        total = _text_len(el)
    if not total:
        return 0.0
    links = len(squash("".join(_LINK_TEXT(el))))
    return min(1.0, links / total)


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


def _remove(el: Any) -> None:
    parent = el.getparent()
    if parent is None:
        return
    # Keep the tail: it is text of the parent, not of the removed element.
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        # lxml parses control characters it then refuses to set: replace them
        if prev is not None:
            prev.tail = _CONTROL.sub(" ", (prev.tail or "") + tail)
        else:
            parent.text = _CONTROL.sub(" ", (parent.text or "") + tail)
    parent.remove(el)


@dataclass
class Survey:
    """What one pass over the elements with attributes found, before anything is removed."""

    # (element, limit): removed if it holds under ``limit`` characters of link-poor text
    # once the chrome inside it is gone; limit None: removed whatever it holds
    doomed: list[tuple[Any, int | None]] = field(default_factory=list)
    crumbs: list[Any] = field(default_factory=list)
    known_bodies: list[Any] = field(default_factory=list)
    hints: list[Any] = field(default_factory=list)  # date / byline holders, in page order
    # Gathered in the same walk, as every walk of the tree costs ~0.1 µs a node even when
    # lxml filters tags in C: the elements read_meta() reads (<meta>, <script>, <link>,
    # <title>, <h1>, <time>) and the <form>s prune() measures, in page order.
    meta_elements: list[Any] = field(default_factory=list)
    forms: list[Any] = field(default_factory=list)


_GATHERED_TAGS = frozenset(("meta", "script", "link", "title", "h1", "time", "form"))
# Attributes survey() reads besides class and id (most elements carry none of them).
_SURVEYED_RARE = frozenset(("style", "role", "hidden", "aria-hidden", "itemprop", "aria-label"))


def survey(root: Any) -> Survey:
    """Classify the elements that carry class/id/role/style attributes, before any removal.

    One walk over the tree reading each element's attributes at once: measured faster than
    one XPath query per attribute (each XPath is a walk of its own). The loop runs for
    every element of the page, so it is kept lean: cached flags read inline, attributes
    other than class / id dismissed with one set lookup.
    """
    found = Survey()
    doomed = found.doomed
    cached_flags = _VALUE_FLAGS.get
    meta_elements = found.meta_elements
    for el in root.iter():
        tag = el.tag
        if tag in _GATHERED_TAGS:
            if tag == "form":
                found.forms.append(el)
            else:
                meta_elements.append(el)
        items = el.items()
        if not items:
            continue
        cls = ident = None
        hidden = False
        for key, value in items:
            if key == "class":
                cls = value
            elif key == "id":
                ident = value
            elif key not in _SURVEYED_RARE:
                continue
            elif key == "style":
                hidden = hidden or bool(_DISPLAY_NONE.search(value))
            elif key == "role":
                hidden = hidden or value.lower() in _ROLE_DROP
            elif key == "hidden" or (key == "aria-hidden" and value == "true"):
                hidden = True
            elif key == "itemprop" and value == "articleBody":
                found.known_bodies.append(el)
            elif key == "aria-label" and "readcrumb" in value:
                found.crumbs.append(el)
        if hidden:
            if tag not in ("html", "body"):
                doomed.append((el, None))
            continue
        # _flags(cls, ident), inline
        if cls:
            flags = cached_flags(cls)
            if flags is None:
                flags = _value_flags(cls)
        elif ident is None:
            continue
        else:
            flags = 0
        if ident:
            ident_flags = cached_flags(ident)
            flags |= _value_flags(ident) if ident_flags is None else ident_flags
        if not flags:
            continue
        if flags & HINT and len(found.hints) < 40:
            found.hints.append(el)
        if flags & CRUMB:
            found.crumbs.append(el)
        if flags & KNOWN:
            found.known_bodies.append(el)
        if not flags & NEG or tag in ("html", "body"):
            continue
        # "article-meta", "post-share": positive words, but chrome if short or mostly links;
        # "sharebar-anchor" around a whole article: a negative word, but it holds the prose
        doomed.append((el, 400 if flags & POS else (None if flags & STRONG else 1500)))
    return found


def prune(root: Any, found: Survey) -> None:
    """Remove what is never article text, in place."""
    etree.strip_elements(root, *_DROP_TAGS, with_tail=False)
    # Innermost first (reverse document order), so that an outer element is measured
    # without the chrome nested in it.
    page_total = _text_len(root)
    top = root.getroottree().getroot()
    for el, limit in reversed(found.doomed):
        if limit is not None:
            # Chrome inside what strip_elements() just removed (menus in <nav>, links in
            # <footer>: 40% of the measured elements) is out of the page already: measuring
            # and removing it there changes nothing the page keeps.
            if not _attached(el, top):
                continue
            total = _text_len(el)
            # a wrapper of most of the page ("ad-pusher" around everything) is not chrome
            if total > limit or total > 0.4 * page_total:
                density = _link_density(el, total)
                if (total > limit and density < 0.35) or (
                    total > 0.4 * page_total and density < 0.5
                ):
                    continue
        _remove(el)
    # "form" is chrome when it is a form of inputs; ASP.NET pages wrap the whole page in one.
    # (Those survey() saw that are still below root: root.iter("form") would be a walk.)
    for form in found.forms:
        if _below(form, root) and _text_len(form) < 300:
            _remove(form)


def _class_weight(el: Any) -> float:
    flags = _flags(el.get("class"), el.get("id"))
    return (25.0 if flags & POS else 0.0) - (25.0 if flags & NEG else 0.0)


_TAG_BASE = {
    "div": 5.0,
    "article": 10.0,
    "main": 5.0,
    "section": 3.0,
    "td": 3.0,
    "pre": 3.0,
    "blockquote": 3.0,
    "ol": -3.0,
    "ul": -3.0,
    "li": -3.0,
    "dl": -3.0,
    "dd": -3.0,
    "form": -3.0,
    "th": -5.0,
    "h1": -5.0,
    "h2": -5.0,
    "h3": -5.0,
}


def _is_paragraph(el: Any) -> bool:
    tag = el.tag
    if tag in ("p", "pre"):
        return True
    # a div / td / span with text of its own and no block children reads as a paragraph
    return not any(isinstance(c.tag, str) and c.tag in _CONTAINER_BLOCKS for c in el)


def _score(root: Any) -> tuple[dict[Any, float], dict[Any, int]]:
    scores: dict[Any, float] = {}
    lengths: dict[Any, int] = {}
    for el in root.iter(*_PARA_TAGS):
        if not _is_paragraph(el):
            continue
        parent = el.getparent()
        if parent is None:
            continue
        text = _TEXT_CONTENT(el)
        n = len(text.strip())
        if n < 25:
            continue
        if el.tag in ("span", "font", "li") and (parent.tag in ("p",) or n < 80):
            continue
        value = 1.0 + len(_COMMAS.findall(text)) + min(n / 100.0, 3.0)
        ancestor, level = parent, 0
        while ancestor is not None and level < 5:
            if ancestor not in scores:
                scores[ancestor] = _TAG_BASE.get(ancestor.tag, 0.0) + _class_weight(ancestor)
            divider = 1.0 if level == 0 else (2.0 if level == 1 else level * 3.0)
            scores[ancestor] += value / divider
            lengths[ancestor] = lengths.get(ancestor, 0) + n
            ancestor = ancestor.getparent()
            level += 1
    return scores, lengths


def _candidates(root: Any) -> list[Any]:
    """The nodes holding the body, in document order (empty when nothing scores)."""
    scores, _ = _score(root)
    if not scores:
        return []
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)[:8]
    best, best_score = None, 0.0
    for el, score in ranked:
        final = score * (1.0 - _link_density(el))
        if final > best_score:
            best, best_score = el, final
    if best is None:
        return []
    # Climb while the parent holds (nearly) the same score: the body's real container.
    parent = best.getparent()
    while parent is not None and parent.tag not in ("body", "html"):
        ps = scores.get(parent, 0.0) * (1.0 - _link_density(parent))
        if ps >= best_score * 0.95 and ps > 0:
            best, best_score = parent, max(best_score, ps)
            parent = best.getparent()
        else:
            break
    parent = best.getparent()
    if parent is None:
        return [best]
    threshold = max(10.0, best_score * 0.2)
    chosen = []
    for sibling in parent:
        if not isinstance(sibling.tag, str):
            continue
        if sibling is best:
            chosen.append(sibling)
            continue
        s = scores.get(sibling, 0.0) * (1.0 - _link_density(sibling))
        if s >= threshold:
            chosen.append(sibling)
        elif sibling.tag == "p":
            n = _text_len(sibling)
            ld = _link_density(sibling, n)
            text = squash(_TEXT_CONTENT(sibling))
            if (n > 80 and ld < 0.25) or (0 < n <= 80 and ld == 0 and _SENTENCE_END.search(text)):
                chosen.append(sibling)
    return chosen + _cousins(best, chosen, scores, threshold)


def _below(el: Any, ancestor: Any) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False


def _attached(el: Any, top: Any) -> bool:
    while True:
        parent = el.getparent()
        if parent is None:
            return el is top
        el = parent


def _nested(el: Any, nodes: list[Any]) -> bool:
    """Whether ``el`` is inside one of ``nodes`` or holds one of them."""
    ancestor = el.getparent()
    while ancestor is not None:
        if ancestor in nodes:
            return True
        ancestor = ancestor.getparent()
    return any(el in node.iterancestors() for node in nodes)


def _cousins(best: Any, chosen: list[Any], scores: dict[Any, float], threshold: float) -> list[Any]:
    """Other parts of a body split by ads or grids: elements elsewhere in the page with the
    best node's own tag and class that score as prose. Returned in document order."""
    cls = best.get("class")
    if not cls:
        return []
    cousins = [
        el
        for el, score in scores.items()
        if el is not best
        and el.tag == best.tag
        and el.get("class") == cls
        and score >= threshold * 0.5
        and _link_density(el) < 0.3
    ]
    if not cousins:
        return []
    inside = set()
    for node in chosen:
        inside.update(node.iter(best.tag))
    for node in cousins:
        if node in inside:
            continue
        ancestor = node.getparent()
        while ancestor is not None and ancestor not in inside:
            ancestor = ancestor.getparent()
        if ancestor is None:
            chosen.append(node)
    return []


def _blocks(nodes: list[Any]) -> list[Block]:
    """Text blocks of ``nodes`` in document order, with their characters inside links."""
    return list(_iter_blocks(nodes))


def _iter_blocks(nodes: list[Any]) -> Iterator[Block]:
    blocks: list[Block] = []  # filled by flush(), handed out after each element
    parts: list[str] = []
    link_chars = 0
    tag_stack: list[str] = []
    in_link = 0

    def flush() -> None:
        nonlocal parts, link_chars
        if parts:
            text = squash("".join(parts))
            if text:
                block_tag = next((t for t in reversed(tag_stack) if t in _BLOCK_TAGS), "div")
                blocks.append(Block(text, block_tag, link_chars))
        parts = []
        link_chars = 0

    for node in nodes:
        # el.text / el.tail build a new str at each read: each is read once, into a local
        for event, el in etree.iterwalk(node, events=("start", "end")):
            tag = el.tag
            if not isinstance(tag, str):
                if event == "end" and el is not node:
                    tail = el.tail
                    if tail:
                        parts.append(tail)
                continue
            if event == "start":
                if tag in _BLOCK_TAGS:
                    flush()
                elif tag in ("td", "th"):
                    parts.append(" ")  # cells of a row read as one line
                tag_stack.append(tag)
                if tag == "a":
                    in_link += 1
                text = el.text
                if text:
                    parts.append(text)
                    if in_link:
                        link_chars += len(text.strip())
            else:
                if tag in _BLOCK_TAGS:
                    flush()
                if tag_stack:
                    tag_stack.pop()
                if tag == "a":
                    in_link -= 1
                if el is not node:
                    tail = el.tail
                    if tail:
                        parts.append(tail)
                        if in_link:
                            link_chars += len(tail.strip())
            if blocks:
                yield from blocks
                blocks.clear()
        flush()
        yield from blocks
        blocks.clear()


def _scan_head(body: Any, first_paragraph: str | None, result: BodyResult) -> None:
    """Date, breadcrumb and byline lines shown above the body (table layouts, no classes)."""
    for block in _iter_blocks([body]):
        text = block.text
        if text == first_paragraph:
            break
        if len(text) > 200:
            continue
        if result.published is None:
            result.published = date_line(text)
        if result.section is None:
            items = breadcrumb_items(text)
            if items:
                result.section = items[-1]
        if result.author is None:
            byline = BYLINE.fullmatch(text)
            if byline and len(text) < 80:
                result.author = byline.group("name")


def _keep(blocks: list[Block], title: str | None, result: BodyResult) -> list[str]:
    kept: list[str] = []
    seen: set[str] = set()
    title_l = (title or "").lower()
    for i, b in enumerate(blocks):
        text = b.text
        n = len(text)
        heading = b.tag in _HEADINGS
        if b.link_chars and b.link_chars / n > (0.6 if n > 120 else 0.4):
            continue
        if title_l and text.lower() == title_l:
            continue
        if n <= 250:
            kind = chrome_kind(text)
            if kind is not None:
                if kind == "date" and result.published is None:
                    result.published = parse_date(text)
                elif kind == "breadcrumb" and result.section is None:
                    items = breadcrumb_items(text)
                    result.section = items[-1] if items else None
                continue
            if n < 100 and i < 12 and not kept:
                byline = BYLINE.fullmatch(text)
                if byline:
                    result.author = result.author or byline.group("name")
                    continue
                date = parse_date(text)
                if date and n < 40:
                    result.published = result.published or date
                    continue
        if text in seen and not heading:
            continue
        seen.add(text)
        kept.append(text)
    # Short link-free lines at the edges (labels, captions, section names) are not body.
    while kept and len(kept[-1]) < 40 and not _SENTENCE_END.search(kept[-1]):
        kept.pop()
    while kept and len(kept[0]) < 25 and not _SENTENCE_END.search(kept[0]):
        kept.pop(0)
    return kept


def extract_body(
    root: Any, found: Survey, title: str | None, *, scan_head: bool = False
) -> BodyResult:
    """The body paragraphs of a parsed page (pruned in place).

    ``scan_head``: also read date, breadcrumb and byline lines shown above the body (for
    pages whose markup gave none).
    """
    result = BodyResult(paragraphs=[])
    body = root.find("body") if root.tag == "html" else root
    if body is None:
        body = root
    prune(body, found)
    nodes: list[Any] = []
    top = body.getroottree().getroot()
    known = [el for el in found.known_bodies if _attached(el, top)]  # not removed as chrome
    for el in known:
        n = _text_len(el)
        if n >= 400 and _link_density(el, n) < 0.3:
            nodes = [el]
            # a body split by ads or grids repeats its container: take every part
            cls = el.get("class")
            for other in known:
                if (
                    other is not el
                    and cls
                    and other.tag == el.tag
                    and other.get("class") == cls
                    and not _nested(other, nodes)
                    and _link_density(other) < 0.3
                ):
                    nodes.append(other)
            break
    if not nodes:
        nodes = _candidates(body)
        parent = nodes[0].getparent() if nodes else None
        if any(node.getparent() is not parent for node in nodes):
            # parts found elsewhere in the page (a split body): put them in page order
            order = {el: i for i, el in enumerate(body.iter())}
            nodes.sort(key=lambda el: order.get(el, 0))
    paragraphs = _keep(_blocks(nodes), title, result) if nodes else []
    if sum(len(p) for p in paragraphs) < 200:
        # Nothing scored as a body: keep the page's prose blocks, whatever holds them.
        fallback = _keep(_blocks([body]), title, BodyResult(paragraphs=[]))
        fallback = [p for p in fallback if len(p) >= 60 or _SENTENCE_END.search(p)]
        if sum(len(p) for p in fallback) > sum(len(p) for p in paragraphs):
            paragraphs = fallback
    result.paragraphs = paragraphs
    if scan_head:
        _scan_head(body, paragraphs[0] if paragraphs else None, result)
    return result
