"""The cleaner's line-end tests (extractor/clean/sentences.py): one set of stop and closing
marks, three tests that differ on purpose (case table fixtures/clean/sentence-ends.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.clean.sentences import (
    ABBREVIATIONS,
    CONTINUING_WORDS,
    DATA_DIR,
    ENDS_SENTENCE,
    ENDS_SENTENCE_OR_LEAD_IN,
    SENTENCE_OPENERS,
    SENTENCE_STOP,
)

ROOT = Path(__file__).resolve().parent.parent


def _table() -> list[tuple[str, tuple[bool, bool, bool]]]:
    rows = []
    text = (ROOT / "fixtures" / "clean" / "sentence-ends.txt").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            case, answers = line.rsplit(" => ", 1)
            lead_in, end, stop = (answer == "yes" for answer in answers.split())
            rows.append((case, (lead_in, end, stop)))
    return rows


CASES = _table()


def test_the_table_covers_each_difference() -> None:
    answers = {expected for _, expected in CASES}
    assert (True, True, True) in answers and (False, False, False) in answers
    assert (True, False, False) in answers  # the colon: a lead-in in HTML only
    assert (True, True, False) in answers  # a closing mark without a stop
    assert (False, False, True) in answers  # an ellipsis, or an apostrophe or ] closing


@pytest.mark.parametrize(("line", "expected"), CASES, ids=[c for c, _ in CASES])
def test_line_end_tests(line: str, expected: tuple[bool, bool, bool]) -> None:
    found = (
        bool(ENDS_SENTENCE_OR_LEAD_IN.search(line)),
        bool(ENDS_SENTENCE.search(line)),
        bool(SENTENCE_STOP.search(line)),
    )
    assert found == expected


def test_word_lists_are_read_from_the_data_folder() -> None:
    assert {"of", "and", "the"} <= CONTINUING_WORDS
    assert {"The", "However", "According"} <= SENTENCE_OPENERS
    assert {"Co", "Ltd", "approx"} <= ABBREVIATIONS
    # case as written: a capitalised "Of" opens a sentence, a lower-case "of" goes on
    assert "Of" not in CONTINUING_WORDS and "of" not in SENTENCE_OPENERS


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.txt")), ids=lambda p: p.name)
def test_word_lists_hold_one_word_a_line_once(path: Path) -> None:
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert lines and len(lines) == len(set(lines))
    assert all(len(line.split()) == 1 and line == line.strip() for line in lines)
