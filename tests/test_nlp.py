"""The pipeline: what it holds, how it tokenizes, and that it frees per-document strings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from scaling import LIMIT, growth
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from extractor import extract
from extractor.facts import FACT_COMPONENTS
from extractor.nlp import SUFFIX_REACH, build_pipeline, get_pipeline, news_suffixes

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_5ec9a3103d8d2515.txt"

NEWS = (
    "The U.S. firm Pfizer Inc. and Novo Nordisk Co., Ltd. didn't wait: on Jan. 5 they signed "
    "a deal worth $1.2 billion (about 7.8 billion yuan) in Binhai's Tianjin Economic-Technological "
    "Development Area (TEDA), up 12.5% year-on-year; see https://example.com/a?b=1 or mail "
    "info@example.com. St. Louis-based Corp. e.g. 2021-25, 1,500 firms, RMB3.5m, HK$1.3bn."
)


def test_pipeline_is_blank_english_with_our_components() -> None:
    nlp = build_pipeline()
    assert nlp.lang == "en"
    assert nlp.pipe_names == [
        "edz_sentences",
        *FACT_COMPONENTS.values(),
        "edz_claims",
    ]
    assert not any(name in nlp.pipe_names for name in ("ner", "tagger", "parser", "tok2vec"))


def test_a_sentence_never_runs_across_a_paragraph_break() -> None:
    text = (
        "Zone photo credit line\n\nThe zone grew 5 percent in 2021.\n\n"
        "A heading without a stop\n\nExports rose. Imports fell."
    )
    sentences = [s.text.strip() for s in get_pipeline()(text).sents]
    assert sentences == [
        "Zone photo credit line",
        "The zone grew 5 percent in 2021.",
        "A heading without a stop",
        "Exports rose.",
        "Imports fell.",
    ]
    record = extract(text, format="plain")
    starts = sorted({y.sentence for y in record.years})
    assert starts == [1]  # the year's sentence is the second, not the first run into it


def test_tokens_match_spacy_english_on_news_text() -> None:
    ours = get_pipeline().tokenizer
    theirs = spacy.blank("en").tokenizer
    for text in (SEED.read_text(encoding="utf-8"), NEWS):
        assert [t.text for t in ours(text)] == [t.text for t in theirs(text)]
        assert ours(text).text == text


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("March 10. /TASS/. The", ["March", "10", ".", "/", "TASS", "/", ".", "The"]),
        ("May 1 /PRNewswire/ --", ["May", "1", "/", "PRNewswire", "/", "--"]),
        ("DALIAN (PORTNEWS)- The", ["DALIAN", "(", "PORTNEWS", ")", "-", "The"]),
        ("km/h and 24/7", ["km", "/", "h", "and", "24/7"]),
    ],
)
def test_wire_credits_split_from_the_agency_name(text: str, tokens: list[str]) -> None:
    # spaCy's English rules keep "/TASS/." one token, hiding the agency's name
    assert [t.text for t in get_pipeline().tokenizer(text)] == tokens


def test_vocabulary_stays_bounded_over_many_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    import extractor.nlp as nlp_module

    extract("Warmup 1 billion yuan.", format="plain")
    first = get_pipeline()
    limit = len(first.vocab.strings) + 100
    monkeypatch.setattr(nlp_module, "MAX_VOCAB_STRINGS", limit)
    seen = set()
    for i in range(60):
        record = extract(
            f"Zqx{i}wv Group put {i}.5 billion yuan into Kpl{i}zz Park.", format="plain"
        )
        assert record.money[0].amount == int(i * 1e9 + 5e8)
        nlp = get_pipeline()
        seen.add(id(nlp))
        assert len(nlp.vocab.strings) <= limit
    assert len(seen) > 1, "the pipeline was never rebuilt although its vocabulary grew"


def test_tokenizer_caches_more_chunks_than_spacys_default() -> None:
    from extractor.nlp import TOKENIZER_CACHE_CHUNKS

    tokenizer = build_pipeline().tokenizer
    default = spacy.blank("en").tokenizer
    # spaCy's default (10,000 chunks) is passed within ~100 news articles.
    assert tokenizer.max_cache_size == TOKENIZER_CACHE_CHUNKS > 10 * default.max_cache_size
    assert build_pipeline().config["nlp"]["tokenizer"] == {"@tokenizers": "edz.news_tokenizer.v1"}


def test_lexemes_keep_the_string_method_attributes_only() -> None:
    doc = build_pipeline().make_doc("Zqxv TEDA invested 12 Yuan, see example.com!")
    words = {t.text: t for t in doc}
    assert [t.lower_ for t in doc][:4] == ["zqxv", "teda", "invested", "12"]
    assert words["Zqxv"].is_title and words["Zqxv"].is_alpha
    assert words["TEDA"].is_upper and not words["TEDA"].is_title
    assert words["12"].is_digit and words["!"].is_punct
    # The dropped ones read as empty: nothing in this pipeline uses them.
    assert not words["12"].like_num and words["Zqxv"].shape_ == ""
    assert not words["example.com"].like_url


def test_a_users_pipeline_keeps_every_lexical_attribute() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("edz_money")
    doc = nlp("It costs 12 billion yuan at example.com.")
    assert doc[2].like_num and doc[2].shape_ == "dd"
    assert any(t.like_url for t in doc)
    assert [s.text for s in doc.spans["edz_money"]] == ["12 billion yuan"]


def test_paragraph_breaks_take_linear_time() -> None:
    """Sentence starts at paragraph breaks are set in one pass (setting them token by
    token re-read the whole doc each time: a 10 MB page took 77 s instead of 15)."""
    nlp = get_pipeline()
    tokenizer, breaks = nlp.tokenizer, nlp.get_pipe("edz_sentences")
    small = tokenizer("A short paragraph without a stop\n\n" * 2_000)
    large = tokenizer("A short paragraph without a stop\n\n" * 8_000)
    ratio = growth(lambda: breaks(small), lambda: breaks(large))
    assert ratio < LIMIT, f"4x the paragraphs took {ratio:.1f}x the time"


def _reference_sentence_starts(doc: Doc) -> list[bool | None]:
    """What edz_sentences replaced: each paragraph break's token set as a sentence start one
    by one, then spaCy's sentencizer (which keeps starts set before it)."""
    for token in doc:
        if token.i > 0 and token.is_space and "\n\n" in token.text:
            token.is_sent_start = True
    return [token.is_sent_start for token in Sentencizer()(doc)]


def _sentence_starts(doc: Doc) -> list[bool | None]:
    return [token.is_sent_start for token in get_pipeline().get_pipe("edz_sentences")(doc)]


_SENTENCE_PIECES = st.sampled_from(
    ["Exports", "rose", " ", ".", "!", "?", "?!", "...", "\u3002", "\uff01", ")", "(", '"', "'",
     "\u201d", "\n", "\n\n", " \n\n ", "\n\n\n", "Co.", "U.S.", "5", "-", ":", ";", "a"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_SENTENCE_PIECES, max_size=16).map("".join))
def test_sentence_starts_match_paragraph_breaks_then_spacys_sentencizer(text: str) -> None:
    tokenizer = get_pipeline().tokenizer
    assert _sentence_starts(tokenizer(text)) == _reference_sentence_starts(tokenizer(text))


def test_sentence_starts_match_the_reference_on_news_and_keep_starts_set_before() -> None:
    tokenizer = get_pipeline().tokenizer
    text = SEED.read_text(encoding="utf-8") + "\n\n" + NEWS + ' "Done." (It ended.) Then\n\nmore'
    assert _sentence_starts(tokenizer(text)) == _reference_sentence_starts(tokenizer(text))
    ours, theirs = (
        tokenizer("It rose. Exports fell. Imports"),
        tokenizer("It rose. Exports fell. Imports"),
    )
    for doc in (ours, theirs):
        doc[3].is_sent_start = False  # "Exports": a start by the rule
        doc[1].is_sent_start = True  # "rose": none by the rule
    assert (
        _sentence_starts(ours)
        == _reference_sentence_starts(theirs)
        == [True, True, False, False, False, False, True]
    )
    assert _sentence_starts(tokenizer("")) == []


_CHUNK_PIECES = st.sampled_from(
    ["zone", "s", "S", "'", "\u2019", "5", "km", "mbar", "km/h", "MB", "in", "\u00b5g", "g", "T",
     ".", ",", "$", "US$", "\u00e9", "\u00b2", ")", "(", "-", "/", "\u2026", "%", "x" * 45]
)  # fmt: skip


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return None if match is None else match.span()


@settings(max_examples=1000, deadline=None)
@given(st.lists(_CHUNK_PIECES, min_size=1, max_size=8).map("".join))
def test_suffix_search_finds_what_the_suffix_pattern_finds(chunk: str) -> None:
    """The tokenizer's suffix search skips chunks no suffix can end (most words): it
    finds what the plain search from SUFFIX_REACH characters before the end finds."""
    nlp = get_pipeline()
    pattern = news_suffixes(nlp.Defaults)
    expected = pattern.search(chunk, max(0, len(chunk) - SUFFIX_REACH))
    assert _span(nlp.tokenizer.suffix_search(chunk)) == _span(expected)


def test_suffix_search_examples() -> None:
    search = get_pipeline().tokenizer.suffix_search
    assert [_span(search(chunk)) for chunk in ("economy", "5km", "it's", "zone,", "Harbin")] == [
        None,
        (1, 3),
        (2, 4),
        (4, 5),
        None,
    ]


_INFIX_PIECES = st.sampled_from(
    ["zone", "Z", "5", "-", "--", ".", "..", ",", "/", ":", "=", "\u2026", "~", "+", "^", "*", "'",
     "\u00e9", "\u00b2", "\u00a9", "\u4e2d", "\u2013", "(", "a1"]
)  # fmt: skip
_URL_PIECES = st.sampled_from(
    ["http", "://", "www", ".", "com", "cn", "@", ":", "80", "/", "?q=1", "a", "1", "192", "-",
     "\u00e9", "localhost", "#"]
)  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(_INFIX_PIECES, min_size=1, max_size=6).map("".join))
def test_infix_search_finds_what_the_infix_pattern_finds(chunk: str) -> None:
    """Chunks of ASCII letters and digits skip the infix search: it finds what the
    pattern finds."""
    nlp = get_pipeline()
    expected = compile_infix_regex(nlp.Defaults.infixes).finditer(chunk)
    found = nlp.tokenizer.infix_finditer(chunk)
    assert [m.span() for m in found] == [m.span() for m in expected]


@settings(max_examples=1000, deadline=None)
@given(st.lists(_URL_PIECES, min_size=1, max_size=8).map("".join))
def test_url_match_matches_what_spacys_url_match_matches(chunk: str) -> None:
    """Chunks without a dot skip spaCy's URL pattern: it matches what the pattern matches."""
    nlp = get_pipeline()
    url_match = nlp.Defaults.url_match
    assert url_match is not None and nlp.tokenizer.url_match is not None
    assert _span(nlp.tokenizer.url_match(chunk)) == _span(url_match(chunk))


def test_infix_and_url_examples() -> None:
    tokenizer = get_pipeline().tokenizer
    assert list(tokenizer.infix_finditer("economy")) == []
    assert [m.group() for m in tokenizer.infix_finditer("Chengdu-Chongqing")] == ["-"]
    assert tokenizer.url_match is not None
    assert tokenizer.url_match("www.example.com") and not tokenizer.url_match("examplecom")
    assert [t.text for t in tokenizer("see www.a.cn, Hi-tech zones")] == [
        "see", "www.a.cn", ",", "Hi", "-", "tech", "zones"
    ]  # fmt: skip
