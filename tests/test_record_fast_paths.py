"""The record's speed-ups give exactly what the plain forms give.

- A fact's text is sliced from the clean text the doc was made from, instead of
  ``span.text`` (which joins the span's tokens): the same strings, so the same facts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.api import _facts, clean_source, read_article
from extractor.claims import sentence_bounds
from extractor.startup import load_pipeline

ROOT = Path(__file__).resolve().parent.parent
# Every page and dump of the fixtures, and the seed: facts of every kind.
INPUTS = sorted(
    p
    for p in [*(ROOT / "fixtures" / "pages").iterdir(), *(ROOT / "seeds").iterdir()]
    if p.suffix in (".html", ".txt")
)


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_facts_with_the_text_are_the_facts_of_span_text(path: Path) -> None:
    nlp = load_pipeline()
    text = clean_source(read_article(path), path=path).cleaned.text
    doc = nlp(nlp.make_doc(text))
    starts = [start for start, _ in sentence_bounds(doc, text)]
    fast, plain = _facts(doc, starts, text), _facts(doc, starts)
    assert fast == plain
    if path.name.startswith("000_"):  # the seed has facts of every kind
        assert all(fast[kind] for kind in ("money", "percentages", "years", "entities"))
