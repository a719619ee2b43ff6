"""The entity gazetteer is matched token by token without a PhraseMatcher: check that it
finds exactly what spaCy's PhraseMatcher (attr ORTH) over the pipeline's tokenizer finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.matcher import PhraseMatcher

from extractor.facts.entities.gazetteer import gazetteer_positions, names_by_first_token
from extractor.facts.entities.lexicon import load_gazetteer
from extractor.nlp import build_pipeline

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_5ec9a3103d8d2515.txt"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def test_every_name_is_indexed_as_the_tokenizer_splits_it(nlp: Language) -> None:
    names = load_gazetteer().names
    index = names_by_first_token(nlp, names)
    indexed = sorted(tokens for group in index.values() for tokens in group)
    expected = sorted(tuple(t.text for t in nlp.make_doc(name)) for name in names)
    assert indexed == expected


def test_a_special_case_word_goes_through_the_tokenizer(nlp: Language) -> None:
    # "Cannot" is letters only, but the tokenizer splits it: the index must too.
    index = names_by_first_token(nlp, ["Cannot Park", "Binhai New Area"])
    assert index == {"Can": [("Can", "not", "Park")], "Binhai": [("Binhai", "New", "Area")]}


def test_positions_are_the_phrase_matchers(nlp: Language) -> None:
    names = load_gazetteer().names
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    matcher.add("GAZ", [nlp.make_doc(name) for name in names])
    index = names_by_first_token(nlp, names)
    text = SEED.read_text(encoding="utf-8") + (
        "\nTEDA and the Tianjin Economic-Technological Development Area met Tianjin's "
        "officials in Chengdu-Chongqing, Beijing and the U.S. on Hainan Island."
    )
    doc = nlp.make_doc(text)
    expected = sorted((s, e) for _, s, e in matcher(doc))
    found = sorted(gazetteer_positions([t.text for t in doc], index))
    assert found == expected
    assert len(found) > 10
