"""Entities facts. (Placeholder: finds nothing yet.)"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extractor.facts.base import ensure_extension, set_fact_spans

KIND = "entities"


@dataclass(frozen=True)
class EntityValue:
    pass


class EntitiesRecognizer:
    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extension(KIND)

    def __call__(self, doc: Doc) -> Doc:
        set_fact_spans(doc, KIND, [])
        return doc


@Language.factory("edz_entities")
def make_entities(nlp: Language, name: str) -> EntitiesRecognizer:
    return EntitiesRecognizer(nlp, name)
