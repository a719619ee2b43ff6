"""Claims: what each money figure and percentage measures, for whom, when, and whether it
is a target. The ``edz_claims`` component runs after the fact components and reads their
spans; :func:`claims_of` turns what it found into the record's :class:`~extractor.record.Claim`
models."""

from __future__ import annotations

from extractor.claims.component import (
    CLAIMS_EXTENSION,
    ClaimsRecognizer,
    ClaimValue,
    claims_of,
    make_claims,
    sentence_bounds,
    set_article,
)

__all__ = [
    "CLAIMS_EXTENSION",
    "ClaimValue",
    "ClaimsRecognizer",
    "claims_of",
    "make_claims",
    "sentence_bounds",
    "set_article",
]
