"""Stage 2: the spaCy pipeline: a blank English pipeline, a sentencizer and our
pattern components. No statistical model is loaded, so nothing is downloaded."""

from __future__ import annotations

import functools
import importlib

from spacy.language import Language

from extractor.facts.base import FACT_COMPONENTS


def _register_components() -> None:
    # Importing a fact module runs its @Language.factory decorator. Installed
    # distributions also find them through the ``spacy_factories`` entry point.
    for kind in FACT_COMPONENTS:
        importlib.import_module(f"extractor.facts.{kind}")


def build_pipeline() -> Language:
    """A fresh pipeline: ``spacy.blank("en")`` + sentencizer + every ``edz_*`` component."""
    import spacy

    _register_components()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for factory in FACT_COMPONENTS.values():
        nlp.add_pipe(factory)
    return nlp


@functools.lru_cache(maxsize=1)
def get_pipeline() -> Language:
    """The process-wide pipeline, built on first use."""
    return build_pipeline()
