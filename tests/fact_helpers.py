"""Pipelines and scans the fact-component tests share."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
import spacy
from spacy.language import Language


def blank_pipeline(*components: str) -> Language:
    """A user's own pipeline: spaCy's stock English tokenizer and ``components``, in order."""
    nlp = spacy.blank("en")
    for name in components:
        nlp.add_pipe(name)
    return nlp


def whole_text_scan(module: ModuleType, find: Callable[[str], Any], text: str) -> Any:
    """``find(text)`` with the module's anchor windows (``_BEFORE``/``_AFTER``) made wider
    than any text, so that every pattern runs over all of it."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(module, "_BEFORE", 10**7)
        mp.setattr(module, "_AFTER", 10**7)
        return find(text)
