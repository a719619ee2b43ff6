"""Loading the pipeline with the cyclic garbage collector paused.

Start-up makes ~100,000 objects that live as long as the process (spaCy, thinc,
numpy and pydantic modules, the pipeline and its tables, the record models). The
cyclic collector runs every few hundred new objects and, every so often, walks all
of them, while none can be garbage yet: ~0.1 s of a 0.6 s start-up (import plus
build, measured in fresh processes). So the collector is paused while they are made
and resumes as it was afterwards. Imports nothing itself, so that importing it
costs nothing.

Before worker processes are forked, :func:`warm_up` also makes what the cleaner and
the pipeline make on their first document (the cleaner's modules and patterns,
patterns compiled on first use, the record serializer: ~60 ms), once for all the
workers instead of once in each.

A command that runs to its end (``edz extract``, ``edz clean``, ``edz batch``) calls
:func:`settle`: it loads all that (and warms it up before forking) and freezes it
(``gc.freeze()``) *before* the collector resumes. Resumed first, the collector's next
pass would walk every object made while it was paused, once (~35 ms, a tenth of
start-up), before the freeze.
"""

from __future__ import annotations

import contextlib
import functools
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


# Self-written, small: a page and a text dump that reach every stage (title, date,
# body, money, percentages, years, counts, entities, claims).
_WARM_UP_PAGE = (
    b"<html><head><title>Harbor zone output grows</title>"
    b'<meta property="article:published_time" content="2021-03-07"></head>'
    b"<body><nav><a href='/'>Home</a></nav><article><h1>Harbor zone output grows</h1>"
    b"<p>The Harbor Economic Development Zone in Qingdao said its industrial output rose "
    b"5.2 percent in 2020 to 100 billion yuan ($15.4 billion), and 1,200 firms invested "
    b"there. It aims to reach 150 billion yuan by 2025.</p></article></body></html>"
)
_WARM_UP_DUMP = (
    b"Home | News\nHarbor zone output grows\nUpdated: 2021-03-07\n\n"
    b"The Harbor Economic Development Zone said exports rose 3 percent in 2020.\n"
)


@functools.cache  # once a process: what it makes outlives a rebuilt pipeline
def warm_up(facts: bool = True) -> None:
    """Run the small built-in page and text dump through the cleaner, the pipeline and
    the record (without ``facts``: the cleaner and the record only, as ``edz clean``),
    as a worker would; call it before forking workers (records of other inputs do not
    depend on it: nothing a document leaves behind changes another)."""
    from extractor.api import clean_record, clean_source, record_of

    with gc_paused():
        for data, fmt in ((_WARM_UP_PAGE, "html"), (_WARM_UP_DUMP, "text")):
            source = clean_source(data, format=fmt)
            if facts:
                record_of(source).to_json()
            else:
                clean_record(source).clean_json()


def settle(*, facts: bool = True, model: str | None = None, warm: bool = False) -> None:
    """Load what lives as long as the process (the record models and, with ``facts``,
    the pipeline and the ``model`` pipeline), with ``warm`` warm it up (before forking
    workers), and freeze it all out of the collector's reach, with the collector paused
    throughout.

    For the CLI only: ``gc.freeze()`` also freezes every other object of the process
    alive at that moment, which a library must not do to its caller.
    """
    with gc_paused():
        if facts:
            load_pipeline()
            if model is not None:
                from extractor.nlp import get_model_pipeline

                get_model_pipeline(model)
        else:
            import extractor.record  # noqa: F401 - the pydantic models every record needs
        if warm:
            warm_up(facts)
        gc.freeze()
