"""Loading the pipeline with the cyclic garbage collector paused.

Start-up makes ~100,000 objects that live as long as the process (spaCy, thinc,
numpy and pydantic modules, the pipeline and its tables, the record models). The
cyclic collector runs every few hundred new objects and, every so often, walks all
of them, while none can be garbage yet: ~0.1 s of a 0.6 s start-up (import plus
build, measured in fresh processes). So the collector is paused while they are made
and resumes as it was afterwards. Imports nothing itself, so that importing it
costs nothing.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block, then as it was (nested or in
    two threads at once, the collector ends enabled if it was before the first)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_pipeline() -> Language:
    """The process-wide pipeline (:func:`extractor.nlp.get_pipeline`), with spaCy and the
    record models imported and the pipeline built while the collector is paused; once
    they are loaded, a call costs a cache lookup."""
    with gc_paused():
        import extractor.record  # noqa: F401 - the pydantic models every record needs
        from extractor.nlp import get_pipeline

        return get_pipeline()
