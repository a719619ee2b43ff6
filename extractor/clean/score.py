"""Where the body is: paragraph-like elements score, their score flows to their ancestors.

Every paragraph-like element of 25+ characters scores 1 + its commas + its length (up to 3);
the score flows to its ancestors (halving, then a third per level), and each candidate's
total is weighted by its class/id and discounted by its link density. The best candidate is
kept with those of its siblings that score near it or read as prose, and with its cousins
(parts of a body split by ads or grids).
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from extractor.clean.classes import NEG, POS, _flags
from extractor.clean.lines import squash
from extractor.clean.prune import _link_density, _text_len
from extractor.clean.sentences import ENDS_SENTENCE_OR_LEAD_IN

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
_COMMAS = re.compile(r"[,，、。;；]")
# What lxml.html's text_content() runs, usable on plain etree elements too.
_TEXT_CONTENT = etree.XPath("string()")


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
            short_sentence = 0 < n <= 80 and ld == 0 and ENDS_SENTENCE_OR_LEAD_IN.search(text)
            if (n > 80 and ld < 0.25) or short_sentence:
                chosen.append(sibling)
    return chosen + _cousins(best, chosen, scores, threshold)


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
    found = []
    for node in cousins:
        if node in inside:
            continue
        ancestor = node.getparent()
        while ancestor is not None and ancestor not in inside:
            ancestor = ancestor.getparent()
        if ancestor is None:
            found.append(node)
    return found
