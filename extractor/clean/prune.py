"""Before the body is looked for: one survey of the elements' attributes, then pruning.

``survey`` reads every element's class / id / role / style once and notes what is chrome,
breadcrumb, a known body container or a date / byline hint; ``prune`` removes the chrome
(and the tags that are never body text) in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from extractor.clean.classes import _VALUE_FLAGS, CRUMB, HINT, KNOWN, NEG, POS, STRONG, _value_flags
from extractor.clean.lines import squash

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
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ROLE_DROP = frozenset(("navigation", "complementary", "banner", "contentinfo", "menu", "dialog"))

_TEXT_LEN = etree.XPath("string-length(normalize-space())")
_LINK_TEXT = etree.XPath(".//a//text()")


def _text_len(el: Any) -> int:
    return int(_TEXT_LEN(el))


def _link_density(el: Any, total: int | None = None) -> float:
    if total is None:
        total = _text_len(el)
    if not total:
        return 0.0
    links = len(squash("".join(_LINK_TEXT(el))))
    return min(1.0, links / total)


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
    dated: list[Any] = field(default_factory=list)  # itemprop="datePublished" elements
    # Gathered in the same walk, as every walk of the tree costs ~0.1 µs a node even when
    # lxml filters tags in C: the elements read_meta() reads (<meta>, <script>, <link>,
    # <title>, <h1>, <time>) and the <form>s prune() measures, in page order.
    meta_elements: list[Any] = field(default_factory=list)
    forms: list[Any] = field(default_factory=list)


MAX_ATTRIBUTES = 64  # read per element; real elements carry a handful
_GATHERED_TAGS = frozenset(("meta", "script", "link", "title", "h1", "time", "form"))
# Attributes survey() reads besides class and id (most elements carry none of them).
_SURVEYED_RARE = frozenset(("style", "role", "hidden", "aria-hidden", "itemprop", "aria-label"))


def _read_rare(el: Any, key: str, value: str, found: Survey) -> bool:
    """Note what a rare attribute says of ``el``; whether it hides the element."""
    if key == "style":
        return bool(_DISPLAY_NONE.search(value))
    if key == "role":
        return value.lower() in _ROLE_DROP
    if key == "hidden" or (key == "aria-hidden" and value == "true"):
        return True
    if key == "itemprop":
        if value == "articleBody":
            found.known_bodies.append(el)
        elif value == "datePublished" and len(found.dated) < 20:
            found.dated.append(el)
    elif key == "aria-label" and "readcrumb" in value:
        found.crumbs.append(el)
    return False


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
        # keys(), then get() for the few read: lxml's items() looks each value up by
        # name, quadratic in the attributes of an element (100,000 took 40 s)
        keys = el.keys()
        if not keys:
            continue
        cls = ident = None
        hidden = False
        if len(keys) > MAX_ATTRIBUTES:  # (a slice would copy every element's list)
            keys = keys[:MAX_ATTRIBUTES]
        for key in keys:
            if key == "class":
                cls = el.get(key)
            elif key == "id":
                ident = el.get(key)
            elif key in _SURVEYED_RARE:
                hidden = _read_rare(el, key, el.get(key) or "", found) or hidden
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
