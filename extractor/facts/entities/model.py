"""``--model``: a statistical pipeline's entities merged with ours."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from extractor.facts.base import (
    CharRanges,
    ensure_extension,
    fact_spans,
    group_name,
    overlaps,
    set_fact_spans,
)
from extractor.facts.entities.lexicon import EntityValue

KIND = "entities"
# The labels a statistical pipeline's NER may add (OntoNotes names, as ours).
MODEL_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC"})


def merge_model_entities(doc: Doc, model_doc: Doc) -> None:
    """Add ``model_doc``'s ORG/GPE/LOC/FAC entities to ``doc``'s entity facts.

    ``model_doc`` is the same text run through another spaCy pipeline (``--model``).
    Our mentions win on overlap; the model's keep their label, with no category or
    canonical form, and lose a leading "the" and a trailing "'s" as ours do.
    """
    if model_doc.text != doc.text:
        raise ValueError("the model's document is not the same text")
    ensure_extension(KIND)
    ours = [(span, span._.get(group_name(KIND))) for span in fact_spans(doc, KIND)]
    taken = CharRanges((span.start_char, span.end_char) for span, _ in ours)
    theirs: list[tuple[Span, EntityValue]] = []
    for ent in model_doc.ents:
        if ent.label_ not in MODEL_LABELS:
            continue
        span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="contract")
        while span is not None and len(span) and span[0].lower_ == "the":
            span = span[1:]
        if span is not None and len(span) and span[-1].text in {"'s", "\u2019s"}:
            span = span[:-1]
        if span is None or not span.text.strip():
            continue
        if overlaps(taken, span.start_char, span.end_char):
            continue
        theirs.append((span, EntityValue(ent.label_, None, None)))
    set_fact_spans(doc, KIND, ours + theirs)
