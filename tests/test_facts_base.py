"""Shared fact plumbing: claimed character ranges."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extractor.facts.base import CharRanges, overlaps

ranges = st.lists(
    st.tuples(st.integers(0, 200), st.integers(1, 30)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=20,
)


@given(ranges, st.integers(0, 220), st.integers(1, 30))
def test_char_ranges_agree_with_a_linear_scan(found: list, start: int, length: int) -> None:
    end = start + length
    expected = any(s < end and start < e for s, e in found)
    assert CharRanges(found).overlaps(start, end) is expected
    assert overlaps(CharRanges(found), start, end) is expected
    assert overlaps(found, start, end) is expected


def test_touching_ranges_do_not_overlap() -> None:
    claimed = CharRanges([(10, 20), (0, 5)])
    assert list(claimed) == [(0, 5), (10, 20)]
    assert not claimed.overlaps(5, 10)
    assert not claimed.overlaps(20, 25)
    assert claimed.overlaps(19, 21)
    assert claimed.overlaps(0, 100)


def test_doc_text_reuses_the_text_a_doc_was_made_from() -> None:
    import spacy

    from extractor.facts.base import doc_text, made_from

    nlp = spacy.blank("en")
    text = "The zone drew 5 billion yuan in 2021."
    doc, other = nlp.make_doc(text), nlp.make_doc(text)
    made_from(doc, text)
    assert doc_text(doc) is text  # not rebuilt from the tokens
    rebuilt = doc_text(other)
    assert rebuilt == text and rebuilt is not text  # another doc: its own text
    assert doc_text(other) is rebuilt  # kept on that doc
    assert doc_text(doc) is text  # each doc keeps its own: nothing is shared between them
