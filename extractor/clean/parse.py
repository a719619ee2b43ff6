"""Parse HTML text into an lxml tree, safely: no network, no external entities."""

from __future__ import annotations

import lxml.html
from lxml import etree

# One parser per process: building it is not free, and lxml parsers are reusable.
_PARSER = lxml.html.HTMLParser(
    no_network=True,
    remove_comments=True,
    remove_pis=True,
    default_doctype=False,
    huge_tree=False,
)


def parse_html(text: str) -> etree._Element:
    """The page's root element (``<html>``), even for fragments and broken markup."""
    return lxml.html.document_fromstring(text, parser=_PARSER)
