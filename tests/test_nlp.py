"""The pipeline: what it holds, how it tokenizes, and that it frees per-document strings."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from extractor import extract
from extractor.facts import FACT_COMPONENTS
from extractor.nlp import build_pipeline, get_pipeline

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
    assert nlp.pipe_names == ["sentencizer", *FACT_COMPONENTS.values()]
    assert not any(name in nlp.pipe_names for name in ("ner", "tagger", "parser", "tok2vec"))


def test_tokens_match_spacy_english_on_news_text() -> None:
    ours = get_pipeline().tokenizer
    theirs = spacy.blank("en").tokenizer
    for text in (SEED.read_text(encoding="utf-8"), NEWS):
        assert [t.text for t in ours(text)] == [t.text for t in theirs(text)]
        assert ours(text).text == text


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
