"""Parse HTML text into an lxml tree, safely, and without losing text at lxml's limits.

Safety:

- libxml2's HTML parser never loads a DTD, never expands entities a DOCTYPE
  declares, and runs with ``no_network``: nothing is fetched, ever.
- Entity declarations are refused or dropped before parsing: a DOCTYPE whose
  entities expand into other entities (the "billion laughs" shape) is refused
  with :class:`InputError`; other declared entities (``SYSTEM "file:///etc/passwd"``)
  are dropped with a warning, so ``&x;`` stays the literal text ``&x;``.

lxml's limits (libxml2 without ``XML_PARSE_HUGE``) stop parsing *silently*
and drop the rest of the page, so they are handled here:

- A text node over 10 MB (a 50 MB single line): parsed again with
  ``huge_tree=True``. That lifts only the size limits; the input is already
  bounded by ``--max-bytes`` (20 MB by default) before it is read.
- Nesting deeper than 256 elements (100,000 nested ``<div>``, thousands of
  unclosed ``<font>``): parsed again with the inline formatting tags removed,
  then, if still too deep, with every tag but paragraph-level ones removed. The
  text is kept; the layout is lost, and a warning says so. The tree handed on
  is therefore never deeper than 256 (2,048 for a page that also has a text
  node over 10 MB), so tree walkers stay far from Python's recursion limit.

Other broken markup is kept as browsers show it: unclosed tags are closed,
invalid entities stay literal (``&bogus;``) or become U+FFFD (``&#0;``), a
comment that never closes hides the rest of the page (with a warning), and a
``<frameset>`` page is read from its ``<noframes>`` content (with a warning).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

from lxml import etree

from extractor.errors import InputError

# libxml2's own default depth limit without XML_PARSE_HUGE.
MAX_DEPTH = 256

_PARSER_OPTIONS = {
    "encoding": "utf-8",  # we always hand lxml UTF-8 bytes; meta charsets are already applied
    "no_network": True,
    "remove_comments": True,
    "remove_pis": True,
    "default_doctype": False,
    # no index of id attributes (nothing here looks elements up by id): ~5% of parse time
    "collect_ids": False,
}

# lxml parsers must not be shared between threads; building one is cheap, once per thread.
_local = threading.local()


def _parser(huge: bool) -> etree.HTMLParser:
    name = "huge" if huge else "normal"
    parser = getattr(_local, name, None)
    if parser is None:
        # A plain etree parser: lxml.html's element classes cost ~10% of cleaning
        # time, and the cleaner needs none of their methods.
        parser = etree.HTMLParser(huge_tree=huge, **_PARSER_OPTIONS)
        setattr(_local, name, parser)
    return parser


# A DOCTYPE with an internal subset: <!DOCTYPE name ... [ declarations ]>. Every pattern
# here is written so that no two parts can match the same characters ([^<>] stops at the
# next tag): hostile markup must not make a regex backtrack quadratically.
_DOCTYPE_OPEN = re.compile(r"<!DOCTYPE\s+([^\s\[<>]+)(?:\s[^\[<>]*)?\[", re.I)
_SUBSET_END = re.compile(r"\]\s*>")
_ENTITY_DECL = re.compile(
    r"""<!ENTITY\s+(%\s+)?([^\s"'>]+)\s+(?:(SYSTEM|PUBLIC)\s+)?(?:"([^"]*)"|'([^']*)')""",
    re.I | re.S,
)
_ENTITY_REF = re.compile(r"[&%][A-Za-z_:][\w.:-]*;")
_FRAMESET_TAG = re.compile(r"</?(?:frameset|frame|noframes)\b[^<>]*>", re.I)
_FRAMESET_OPEN = re.compile(r"<frameset\b", re.I)
_FRAME_SRC = re.compile(r"<frame\b[^<>]*>", re.I)
_SURROGATES = re.compile("[\ud800-\udfff]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")
# libxml2 checks each attribute of a tag against the ones before it: quadratic in their
# number (40,000 attributes on one element took 4.5 s to parse). A start tag this long is
# cut to its bare name before parsing; no page's text lives in its attributes.
MAX_TAG_CHARS = 65_536
# (starting at "<" and a letter only, each tag's characters are scanned once: linear)
_LONG_TAG = re.compile(r"<[A-Za-z][^<>]{" + str(MAX_TAG_CHARS - 1) + r",}")
_TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9]*)")
_INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "b",
        "bdi",
        "bdo",
        "big",
        "blink",
        "cite",
        "code",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "label",
        "mark",
        "nobr",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "tt",
        "u",
        "var",
        "wbr",
    ]
)
# What survives the last resort: tags that mark paragraph boundaries, metadata, and
# raw-text elements whose content must stay out of the body.
_FLAT_KEEP = frozenset(
    [
        "html",
        "head",
        "body",
        "title",
        "meta",
        "link",
        "script",
        "style",
        "noscript",
        "p",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
    ]
)


def parse_html(
    text: str, warnings: list[str] | None = None, *, utf8: bytes | None = None
) -> etree._Element:
    """The page's root element (``<html>``), even for fragments and broken markup.

    Problems found on the way (entities dropped, a flattened layout, an
    unclosed comment...) are appended to ``warnings`` when a list is given.
    ``utf8``: ``text`` encoded as UTF-8, when the caller holds those bytes (the page as
    read): parsed as they are instead of encoding a copy of the page.
    Raises :class:`InputError` for an entity-expansion bomb and for a page
    lxml cannot parse even flattened.
    """
    notes: list[str] = [] if warnings is None else warnings
    given = text
    text = _drop_entity_declarations(text, notes)
    if _FRAMESET_OPEN.search(text):
        frames = len(_FRAME_SRC.findall(text))
        text = _FRAMESET_TAG.sub("\n", text)
        notes.append(
            f"a frameset page: its {frames} frames are separate files and were not read; "
            "only the page's own (<noframes>) content was used"
        )
    _note_unclosed_comment(text, notes)
    text = _cut_long_tags(text, notes)
    # the caller's bytes hold exactly this text unless a step above rewrote it
    data = utf8 if utf8 is not None and text is given else _utf8(text)

    root, limit = _parse_within_limits(data)
    if limit == "depth":
        root, limit = _parse_within_limits(
            _utf8(_strip_tags(text, lambda tag: tag in _INLINE_TAGS, ""))
        )
        if limit == "depth":
            root, limit = _parse_within_limits(
                _utf8(_strip_tags(text, lambda tag: tag not in _FLAT_KEEP, "\n"))
            )
        notes.append(
            f"the page nests elements more than {MAX_DEPTH} deep; it was parsed without "
            "its layout tags (the text is kept)"
        )
    if limit is not None:
        raise InputError(f"the page exceeds the HTML parser's limits ({limit}); cannot parse it")
    return root


def _holds_long_tag(text: str) -> bool:
    """Whether ``_LONG_TAG`` matches somewhere in the text, without running it over the
    whole page.

    Such a tag covers a whole aligned window of half MAX_TAG_CHARS with no "<" or ">" in
    it: two bounded find()s a window (the first "<" of a page's window is near its start)
    rule out nearly every page. A tag covering such a window starts at the last "<"
    before it, at most MAX_TAG_CHARS earlier: only there is the pattern tried.
    """
    window = MAX_TAG_CHARS // 2
    for start in range(0, len(text) - window + 1, window):
        end = start + window
        if text.find("<", start, end) >= 0 or text.find(">", start, end) >= 0:
            continue
        opened = text.rfind("<", max(0, start - MAX_TAG_CHARS), start)
        if opened >= 0 and _LONG_TAG.match(text, opened):
            return True
    return False


def _cut_long_tags(text: str, notes: list[str]) -> str:
    """Start tags of more than MAX_TAG_CHARS characters, cut to their bare name."""
    if not _holds_long_tag(text):
        return text
    count = 0

    def bare(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        name = _TAG_NAME.match(match.group())
        return f"<{name.group(1) if name else 'span'}>"

    text = _LONG_TAG.sub(bare, text)
    notes.append(f"{count} tag(s) of over {MAX_TAG_CHARS} characters lost their attributes")
    return text


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (from a str caller): lxml would cut the text there
        return _SURROGATES.sub("\ufffd", text).encode("utf-8")


def _parse_within_limits(data: bytes) -> tuple[etree._Element, str | None]:
    """Parse; on a size limit, again with ``huge_tree``. Returns the limit still hit, if any."""
    root, limit = _parse(data, huge=False)
    if limit == "size":
        root, limit = _parse(data, huge=True)
    return root, limit


def _parse(data: bytes, huge: bool) -> tuple[etree._Element, str | None]:
    """Parse; also say which libxml2 resource limit, if any, cut the parse short."""
    parser = _parser(huge)
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError):
        root = None
    if root is None:
        # "Document is empty": only comments, white space or a lone DOCTYPE.
        root = etree.fromstring(b"<html><body></body></html>", parser=parser)
    limit = None
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "XML_PARSE_HUGE" in entry.message:
            limit = "depth" if "depth" in entry.message.lower() else "size"
            if limit == "depth":
                break
    return root, limit


def _drop_entity_declarations(text: str, notes: list[str]) -> str:
    """Refuse entity bombs; drop other DOCTYPE entity declarations (with a warning)."""
    head = text[:65536]
    if "<!" not in head:
        return text
    # Only the first DOCTYPE counts (libxml2 ignores later ones), and each search is
    # linear: a page of repeated "<!DOCTYPE x [" must not cost quadratic time.
    match = _DOCTYPE_OPEN.search(head)
    if match is None:
        return text
    end = _SUBSET_END.search(head, match.end())
    if end is None:
        return text
    subset = head[match.end() : end.start()]
    declarations = _ENTITY_DECL.findall(subset)
    if "<!ENTITY" in subset.upper() and not declarations:
        declarations = [("", "?", "", "", "")]
    for percent, _name, _kind, double_quoted, single_quoted in declarations:
        if percent or _ENTITY_REF.search(double_quoted or single_quoted or ""):
            raise InputError(
                "refused: the DOCTYPE declares entities that expand into other entities, "
                "or parameter entities (an entity-expansion bomb or an external-DTD attack); "
                "HTML pages have no use for them"
            )
    if declarations:
        external = sum(1 for d in declarations if d[2])
        notes.append(
            f"the DOCTYPE declares {len(declarations)} entities ({external} external); "
            "they were ignored, never expanded or fetched"
        )
    return text[: match.start()] + f"<!DOCTYPE {match.group(1)}>" + text[end.end() :]


def _note_unclosed_comment(text: str, notes: list[str]) -> None:
    # Every comment closes at the first "-->" after it, so one is unclosed exactly
    # when the last "<!--" has no "-->" after it.
    opened = text.rfind("<!--")
    if opened != -1 and text.find("-->", opened + 4) == -1:
        hidden = len(text) - opened
        notes.append(
            f"a comment opened at character {opened} never closes; the rest of the page "
            f"({hidden} characters) is hidden, as in a browser"
        )


def _strip_tags(text: str, drop: Callable[[str], bool], replacement: str) -> str:
    def replace(match: re.Match[str]) -> str:
        return replacement if drop(match.group(2).lower()) else match.group(0)

    return _TAG.sub(replace, text)


__all__ = ["MAX_DEPTH", "parse_html"]
