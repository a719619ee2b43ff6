"""Stage 2: the spaCy pipeline: a blank English pipeline, sentence starts and our
pattern components. No statistical model is loaded, so nothing is downloaded."""

from __future__ import annotations

import bisect
import functools
import importlib
import re
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from spacy.attrs import IDS, IDX, IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
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


# spaCy splits a run of text without white space by stripping one prefix or suffix at a
# time, and each step searches the rest of the run for a suffix from its start (the
# suffix patterns end in "$") and copies it: time grows with the square of the run
# (16,000 "$" signs took 97 s, 8,000 nested parentheses 51 s). Two guards keep it
# linear, and change nothing on text with runs of ordinary length:
# - the suffix search starts this many characters before the run's end (every suffix
#   of spaCy's English rules is shorter; a longer one, such as a run of 60 dots, is split
#   into several suffix tokens instead of one);
SUFFIX_REACH = 50
# - a run longer than this is cut at every multiple of this many characters (of the
#   text) inside it, and tokenized in pieces (a token never spans a cut). Facts are read
#   from the text, not the tokens, so they do not move.
MAX_RUN_CHARS = 2_000
_SPACE = re.compile(r"\s")
_LAST_SPACE = re.compile(r"\s(?=\S*\Z)")  # with pos/endpos: the last one in a stretch


# Of spaCy's English suffixes, only "'s" ("'S", "’s") and a unit after a number ("5km",
# "10MB", "980mbar") end in an ASCII letter; every other one ends in a symbol or a
# punctuation mark. So a chunk that ends in a letter, with no digit or apostrophe among
# its last characters (most words), has no suffix, and the suffix search, which tries
# every suffix pattern at every position of the chunk (a third of the time spaCy takes on
# a new chunk), is skipped for it.
_NO_SUFFIX = re.compile(r"[^0-9'\u2019]*[A-Za-z]")
_NO_SUFFIX_CHARS = 8  # the longest of those suffixes, with its digit, is 5 characters


def _tail_search(pattern: re.Pattern[str]) -> Callable[[str], re.Match[str] | None]:
    """``pattern.search`` from :data:`SUFFIX_REACH` characters before the string's end,
    skipped where :data:`_NO_SUFFIX` shows no suffix can match (called for most chunks of
    every text: kept to two calls and no lookups)."""
    search = pattern.search
    no_suffix = _NO_SUFFIX.fullmatch

    def suffix_search(
        string: str, _reach: int = SUFFIX_REACH, _end: int = _NO_SUFFIX_CHARS
    ) -> re.Match[str] | None:
        size = len(string)
        if no_suffix(string, size - _end):
            return None
        return search(string, size - _reach if size > _reach else 0)

    return suffix_search


# Every infix of spaCy's English rules starts at a punctuation mark or a symbol ("-",
# ".", ",", "/", "…"), and spaCy's URL pattern needs a dot in the host. spaCy tries both
# on every new chunk before it takes the chunk whole; most chunks are plain words or
# numbers of ASCII letters and digits ("economy", "2021"), where neither can match.
def _infix_finditer(pattern: re.Pattern[str]) -> Callable[[str], Iterable[re.Match[str]]]:
    """``pattern.finditer``, skipped on chunks of ASCII letters and digits only."""
    finditer = pattern.finditer

    def infix_finditer(string: str) -> Iterable[re.Match[str]]:
        if string.isascii() and string.isalnum():
            return ()
        return finditer(string)

    return infix_finditer


def _dotted_url_match(match: Callable[[str], Any] | None) -> Callable[[str], Any] | None:
    """spaCy's ``url_match``, skipped on chunks without a dot."""
    if match is None:
        return None
    url = match

    def url_match(string: str) -> Any:
        return url(string) if "." in string else None

    return url_match


def _cuts(text: str) -> list[int]:
    """The multiples of :data:`MAX_RUN_CHARS` that fall inside a longer run without
    white space (a run longer than that always holds one). Looks at one position in
    :data:`MAX_RUN_CHARS` of ordinary text, so it costs nothing on news."""
    cuts = []
    for cut in range(MAX_RUN_CHARS, len(text), MAX_RUN_CHARS):
        if text[cut].isspace() or text[cut - 1].isspace():
            continue
        after = _SPACE.search(text, cut)
        end = after.start() if after is not None else len(text)
        floor = max(0, end - MAX_RUN_CHARS - 1)  # a space at or after it: a short run
        near = max(floor, cut - 64)  # a word is short: look there first
        space = _LAST_SPACE.search(text, near, cut) or _LAST_SPACE.search(text, floor, near)
        if space is None:
            cuts.append(cut)
    return cuts


class NewsTokenizer(Tokenizer):
    """spaCy's tokenizer, in linear time on runs without white space (see MAX_RUN_CHARS)."""

    def __call__(self, text: str) -> Doc:
        cuts = _cuts(text) if len(text) > MAX_RUN_CHARS else []
        if not cuts:
            return super().__call__(text)
        tokenize = super().__call__
        edges = [0, *cuts, len(text)]
        pieces = [text[a:b] for a, b in zip(edges, edges[1:], strict=False)]
        return Doc.from_docs([tokenize(piece) for piece in pieces], ensure_whitespace=False)


def news_suffixes(defaults: Any) -> re.Pattern[str]:
    """The suffix pattern: spaCy's English suffixes, and those that split wire credits,
    which slash or bracket a name ("/TASS/.", "/PRNewswire/", "(DALIANNEWS)-")."""
    return compile_suffix_regex([*(defaults.suffixes or []), "/", r"(?<=/)\.", r"(?<=\))-"])


@registry.tokenizers("edz.news_tokenizer.v1")
def create_news_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's English tokenizer without the emoticon special cases, and with slashes and a
    dash after a bracket split off a word's ends (wire credits); else the same tokens."""

    def news_tokenizer(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        rules = {
            k: v
            for k, v in (defaults.tokenizer_exceptions or {}).items()
            if _PLAIN_EXCEPTION.match(k)
        }
        suffixes = news_suffixes(defaults)
        prefixes = compile_prefix_regex([*(defaults.prefixes or []), "/"])
        return NewsTokenizer(
            nlp.vocab,
            rules=rules,
            prefix_search=prefixes.search,
            suffix_search=_tail_search(suffixes),
            infix_finditer=_infix_finditer(compile_infix_regex(defaults.infixes or [])),
            token_match=defaults.token_match,
            url_match=_dotted_url_match(defaults.url_match),
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


def _paragraph_break_tokens(doc: Doc, token_starts: Callable[[], list[int]]) -> list[int]:
    """The white space tokens holding a blank line, found from the text's blank lines (a
    few per paragraph) rather than by making a Python object of every token;
    ``token_starts()`` gives the tokens' character offsets (asked only if there is one)."""
    from extractor.facts.base import doc_text

    text = doc_text(doc)
    found: list[int] = []
    at = text.find("\n\n", 1)
    if at < 0:
        return found
    starts = token_starts()
    while at >= 0:
        i = bisect.bisect_right(starts, at) - 1
        if i > 0 and (not found or found[-1] != i):
            token = doc[i]
            if token.is_space and "\n\n" in token.text:
                found.append(i)
        at = text.find("\n\n", at + 2)
    return found


# The characters after which spaCy's sentencizer starts a sentence, as ORTH hashes (a
# token's ORTH is the hash of its text, the same in every vocabulary), sorted.
_PERIODS = np.array(sorted(map(get_string_id, Sentencizer.default_punct_chars)), dtype=np.uint64)
_NOT_A_START = np.iinfo(np.uint64).max  # SENT_START -1, as Doc.to_array gives it


def _periods(orths: Any) -> Any:
    """Which tokens are one of :data:`_PERIODS` (a sorted search, no Python per token)."""
    at = np.searchsorted(_PERIODS, orths)
    at[at == len(_PERIODS)] = 0
    return _PERIODS[at] == orths


def punctuation_starts(orths: Any, is_punct: Any) -> Any:
    """spaCy's sentencizer's rule on a doc's ORTH and IS_PUNCT columns, as an array of
    booleans: a sentence starts at the first token, and at every token that is neither
    punctuation nor a period when the punctuation right before it (back to the last
    other token) holds a period: "rose. Imports", "rose." Imports", "rose.) Imports"."""
    period = _periods(orths)
    other = np.flatnonzero(~(period | (is_punct == 1)))
    # Periods before each other token, and before the other token before it.
    periods_before = np.cumsum(period)[other]
    previous = np.concatenate(([0], periods_before[:-1]))
    starts = np.zeros(len(orths), dtype=bool)
    starts[0] = True
    starts[other[periods_before > previous]] = True
    return starts


@Language.component("edz_sentences")
def sentences(doc: Doc) -> Doc:
    """Sentence starts: at each paragraph break (the white space token holding a blank
    line: a heading or a caption does not run into the next paragraph), and elsewhere by
    the rule of spaCy's sentencizer, which only sees punctuation. A start set before is
    kept, as the sentencizer keeps it.

    The same starts as ``edz_paragraph_breaks`` then spaCy's ``sentencizer`` in 0.2.1,
    from the doc's token arrays in one pass (the sentencizer makes a Python object of
    every token), and written to the doc in one array write: setting
    ``token.is_sent_start`` checks the whole doc's annotation each time, which made long
    documents quadratic."""
    if not len(doc):
        return doc
    columns = doc.to_array([ORTH, IS_PUNCT, SENT_START, IDX])
    values = columns[:, 2].copy()
    values[_paragraph_break_tokens(doc, lambda: columns[:, 3].tolist())] = 1
    unset = values == 0
    rule = punctuation_starts(columns[:, 0], columns[:, 1])
    values[unset] = np.where(rule[unset], 1, _NOT_A_START)
    doc.from_array([SENT_START], values)
    return doc


_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "edz.news_tokenizer.v1"}}}


def build_pipeline() -> Language:
    """A fresh pipeline: ``spacy.blank("en")`` + ``edz_sentences`` + every ``edz_*`` fact
    component + ``edz_claims``."""
    import spacy

    _register_components()
    nlp = spacy.blank("en", config=_CONFIG)
    vocab: Any = nlp.vocab  # lex_attr_getters is missing from spaCy's type stubs
    vocab.lex_attr_getters = {IDS[a]: vocab.lex_attr_getters[IDS[a]] for a in _LEXEME_ATTRS}
    # spaCy's default cap (1,000,000 characters) guards the memory of parsers
    # and NER models, which this pipeline has none of; a body of a 20 MB page
    # must go through.
    nlp.max_length = MAX_TEXT_CHARS
    nlp.add_pipe("edz_sentences")
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
