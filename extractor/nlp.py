"""Stage 2: the spaCy pipeline: a blank English pipeline, a sentencizer and our
pattern components. No statistical model is loaded, so nothing is downloaded."""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import IDS
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import (
    compile_infix_regex,
    compile_prefix_regex,
    compile_suffix_regex,
    registry,
)

from extractor.errors import ModelError
from extractor.facts.base import FACT_COMPONENTS


def _register_components() -> None:
    # Importing a fact module runs its @Language.factory decorator. Installed
    # distributions also find them through the ``spacy_factories`` entry point.
    for kind in FACT_COMPONENTS:
        importlib.import_module(f"extractor.facts.{kind}")
    importlib.import_module("extractor.claims")


# spaCy's English tokenizer exceptions hold ~1,300 special cases. Those made of
# letters, periods and apostrophes ("U.S.", "Co.", "don't") are plain lookups;
# the rest (emoticons such as ":)" or "(._.)") make the tokenizer check every
# document with a matcher, which costs ~8x the tokenizer's time on news text
# and changes nothing on it. So the pipeline keeps only the plain ones.
_PLAIN_EXCEPTION = re.compile(r"^[A-Za-z.']+$")

# spaCy caches how it split each whitespace-delimited chunk, but only the first
# 10,000 chunks; news vocabulary passes that within ~100 articles, after which
# every new chunk goes through the prefix/suffix/infix regexes again. The cache
# is dropped with the pipeline (see MAX_VOCAB_STRINGS), so it stays bounded.
TOKENIZER_CACHE_CHUNKS = 200_000


@registry.tokenizers("edz.news_tokenizer.v1")
def create_news_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's English tokenizer without the emoticon special cases (same tokens on news)."""

    def news_tokenizer(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        rules = {
            k: v
            for k, v in (defaults.tokenizer_exceptions or {}).items()
            if _PLAIN_EXCEPTION.match(k)
        }
        return Tokenizer(
            nlp.vocab,
            rules=rules,
            prefix_search=compile_prefix_regex(defaults.prefixes or []).search,
            suffix_search=compile_suffix_regex(defaults.suffixes or []).search,
            infix_finditer=compile_infix_regex(defaults.infixes or []).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
            max_cache_size=TOKENIZER_CACHE_CHUNKS,
        )

    return news_tokenizer


# Every new word becomes a lexeme, and spaCy computes each lexical attribute of
# it with a Python function: ~20 of them, over a third of the tokenizer's time
# on fresh text. The components read the text itself (and LOWER), so the
# pipeline keeps the attributes that are single string methods and drops the
# ones that need regexes, lookup tables or new strings (SHAPE, LIKE_NUM,
# LIKE_URL, IS_STOP, PREFIX, SUFFIX, ...). Their token attributes read as
# empty/False in this pipeline's docs; a pipeline of a user's own that adds our
# components keeps all of them.
_LEXEME_ATTRS = (
    "LOWER",
    "NORM",
    "IS_ALPHA",
    "IS_DIGIT",
    "IS_LOWER",
    "IS_UPPER",
    "IS_TITLE",
    "IS_SPACE",
    "IS_PUNCT",
)


MAX_TEXT_CHARS = 50_000_000
_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "edz.news_tokenizer.v1"}}}


def build_pipeline() -> Language:
    """A fresh pipeline: ``spacy.blank("en")`` + sentencizer + every ``edz_*`` fact component
    + ``edz_claims``."""
    import spacy

    _register_components()
    nlp = spacy.blank("en", config=_CONFIG)
    vocab: Any = nlp.vocab  # lex_attr_getters is missing from spaCy's type stubs
    vocab.lex_attr_getters = {IDS[a]: vocab.lex_attr_getters[IDS[a]] for a in _LEXEME_ATTRS}
    # spaCy's default cap (1,000,000 characters) guards the memory of parsers
    # and NER models, which this pipeline has none of; a body of a 20 MB page
    # must go through.
    nlp.max_length = MAX_TEXT_CHARS
    nlp.add_pipe("sentencizer")
    for factory in FACT_COMPONENTS.values():
        nlp.add_pipe(factory)
    nlp.add_pipe("edz_claims")  # reads the facts above
    return nlp


@functools.lru_cache(maxsize=1)
def get_pipeline() -> Language:
    """The process-wide pipeline, built on first use."""
    return build_pipeline()


# Every new token string enters the vocabulary and stays there, so over a long
# batch the pipeline's memory would grow without bound. spaCy's memory zones
# free a document's strings, but they also empty the tokenizer's cache, which
# doubles tokenization time on news. Instead the pipeline is dropped once its
# vocabulary passes this many strings and rebuilt on next use: memory stays
# bounded (a sawtooth) for the price of one rebuild (~0.2 s) every few thousand
# articles. At 100,000 strings a process peaks near 180 MB on news with ~30 new
# words an article (bench/pipeline.py --soak); at 250,000 it reached 250 MB.
MAX_VOCAB_STRINGS = 100_000


def release_if_grown(nlp: Language) -> bool:
    """Drop the process-wide pipeline if ``nlp``'s vocabulary has grown too large."""
    if len(nlp.vocab.strings) <= MAX_VOCAB_STRINGS:
        return False
    get_pipeline.cache_clear()
    return True


# Components a statistical pipeline may have that its NER does not need.
_NOT_NER = ["parser", "tagger", "morphologizer", "lemmatizer", "attribute_ruler", "senter"]


@functools.lru_cache(maxsize=2)
def get_model_pipeline(name: str) -> Language:
    """An installed spaCy pipeline (package name or folder), loaded once per process.

    ``extract(..., model=name)`` runs it on the clean text and merges its ORG/GPE/LOC/FAC
    entities with ours. Nothing is downloaded: a pipeline that is not installed is an error.
    """
    import spacy

    try:
        return spacy.load(name, exclude=_NOT_NER)
    except (OSError, ValueError, ImportError, KeyError) as exc:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {exc}") from None
