"""Hard-wrapped text dumps: paragraphs broken into short lines are joined back into body
paragraphs, chrome lines stay chrome (case table fixtures/clean/wraps.txt, self-written)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from extractor import extract
from extractor.clean import clean
from extractor.clean.wrap import NONE, STRONG, WEAK, join_wrapped, wrap_joints
from tests.scaling import LIMIT, growth, sized

ROOT = Path(__file__).resolve().parent.parent
HEAD = "Harbour zone opens a new battery park\nUpdated: 2023-05-01\n\n"
# the first paragraph, itself wrapped: the dump reads as hard-wrapped before the case block
FIRST = (
    "The Harbour Economic Zone opened its new battery park on Monday, the zone's\n"
    "management committee said, with the first three plants already running.\n\n"
)
FIRST_JOINED = " ".join(FIRST.split())
FOOT = "\n\nCopyright 2023 Harbour Zone Online. All rights reserved.\n"


def _table() -> list[tuple[str, str]]:
    rows = []
    for line in (ROOT / "fixtures" / "clean" / "wraps.txt").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            block, expected = line.split(" => ")
            rows.append((block, expected))
    return rows


WRAPS = _table()


def test_the_table_is_big_enough() -> None:
    assert len(WRAPS) >= 10


@pytest.mark.parametrize(("block", "expected"), WRAPS, ids=[b[:40] for b, _ in WRAPS])
def test_wrap_table(block: str, expected: str) -> None:
    lines = [part.strip() for part in block.split("¶")]
    cleaned = clean(HEAD + FIRST + "\n".join(lines) + FOOT, format="text")
    assert cleaned.title == "Harbour zone opens a new battery park"
    paragraphs = cleaned.text.split("\n\n")
    assert paragraphs[0] == FIRST_JOINED
    assert paragraphs[1:] == ([] if expected == "-" else expected.split(" ‖ "))


def test_the_wrapped_page_keeps_every_fact_at_its_offsets_and_its_sentences_whole() -> None:
    page = ROOT / "fixtures" / "pages" / "dump_wrapped_narrow.txt"
    record = extract(page.read_text("utf-8"), format="text")
    text = record.text
    assert [y.text for y in record.years] == ["2011", "2022", "2023"]
    assert {m.text for m in record.money} >= {"31.2 billion yuan", "6.8 billion yuan"}
    for fact in [*record.money, *record.percentages, *record.years, *record.entities]:
        assert text[fact.start : fact.end] == fact.text
    sentences = [text[start:end] for start, end in record.sentences]
    # a wrapped sentence is one sentence; none runs across a paragraph break
    assert sentences[0].startswith("Founded in May 2011") and sentences[0].endswith("Park.")
    assert any(s.startswith("Its battery makers") and s.endswith("said.") for s in sentences)
    assert not any("\n" in s for s in sentences)


PARAGRAPHS = [
    "Founded in May 2011, the Lakeside Economic and Technological Development Zone brings "
    "together the former Lakeside Industrial Park, the Riverbank Logistics Base and the North "
    "Shore Science Park.",
    "Its battery makers turned out 18.6 gigawatt-hours of cells in 2022, up 104 percent "
    "year-on-year, and their sales reached 31.2 billion yuan ($4.5 billion), the zone's "
    "management committee said.",
    "The zone now hosts 42 battery and materials companies, from cathode makers to recycling "
    "plants, along a supply chain that the committee calls the densest in the province. Wang "
    "Li, its deputy director, said the zone plans to add 12 gigawatt-hours of capacity in 2023.",
    "Investors from Germany, South Korea and Japan signed deals worth 6.8 billion yuan at the "
    "Lakeside Spring Investment Fair in April, accounting for 40 percent of the new contracts "
    "signed by the Lakeside Economic and Technological Development Zone this year.",
    "Exports through the Riverbank Logistics Base rose 23 percent to 7.9 billion dollars, with "
    "Europe, Southeast Asia and Latin America taking most of the goods, according to the "
    "Lakeside Customs office.",
]
HEADLINE = "Lakeside zone's battery makers double their output"
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _sentences(paragraphs: list[str]) -> list[str]:
    return [s for p in paragraphs for s in _SENTENCE_BREAK.split(p)]


@pytest.mark.parametrize("head", ["menu and date line", "headline alone"])
@pytest.mark.parametrize("between", ["\n", "\n\n"], ids=["no blank line", "blank line"])
@pytest.mark.parametrize("width", range(40, 92, 4))
def test_every_wrap_width_gives_back_the_sentences(head: str, between: str, width: int) -> None:
    top = "Home | News | Investment\n" + HEADLINE + "\nUpdated: 2023-04-12 09:30\n"
    body = between.join("\n".join(textwrap.wrap(p, width)) for p in PARAGRAPHS)
    dump = (top if head == "menu and date line" else HEADLINE + "\n") + body + "\n" + FOOT
    cleaned = clean(dump, format="text")
    assert cleaned.title == HEADLINE
    assert _sentences(cleaned.text.split("\n\n")) == _sentences(PARAGRAPHS)


def test_a_headline_above_a_wrapped_first_line_stays_the_title() -> None:
    dump = (
        "Lakeside zone draws record investment\n"
        "Lakeside Economic Zone signed deals worth 12 billion yuan with\n"
        "investors from 14 countries in the first quarter, its committee\n"
        "said, more than in the whole of last year.\n"
        "The deals include two chip plants and a logistics hub that will\n"
        "employ about 3,000 people when they open in 2025.\n"
    )
    cleaned = clean(dump, format="text")
    assert cleaned.title == "Lakeside zone draws record investment"
    assert cleaned.text.split("\n\n") == [
        "Lakeside Economic Zone signed deals worth 12 billion yuan with investors from 14 "
        "countries in the first quarter, its committee said, more than in the whole of last "
        "year.",
        "The deals include two chip plants and a logistics hub that will employ about 3,000 "
        "people when they open in 2025.",
    ]


def test_a_capital_after_a_wrap_joins_only_in_a_dump_that_shows_wrapping() -> None:
    name = [
        "The plan, approved in May, merges the former Harbour Export",
        "Processing Zone and the Lakeside Industrial Park.",
    ]
    assert wrap_joints([name], lambda line: False) == ([[NONE]], False)
    wrapped = [
        "Its second phase needs another 4.2 billion yuan of",
        "investment and is due to open in 2025, the zone said.",
        "It also ends with a line that stops at the word of",
        "the next line.",
    ]
    assert wrap_joints([name, wrapped], lambda line: False) == (
        [[WEAK], [STRONG, NONE, STRONG]],
        True,
    )
    # chrome never joins
    assert wrap_joints([name, wrapped], lambda line: line.startswith("It also")) == (
        [[NONE], [STRONG, NONE, NONE]],
        False,
    )


@pytest.mark.parametrize(
    ("lines", "joints", "joined"),
    [
        (
            ["a long wrapped line with bio-", "medicine in it"],
            [STRONG],
            ["a long wrapped line with bio-medicine in it"],
        ),
        (["an industry line –", "coal power"], [STRONG], ["an industry line – coal power"]),
        (["one.", "two."], [NONE], ["one.", "two."]),
        (["x", "y", "z"], [WEAK, NONE], ["x y", "z"]),
    ],
)
def test_join_wrapped(lines: list[str], joints: list[int], joined: list[str]) -> None:
    assert join_wrapped(lines, joints) == joined


def test_time_is_linear_on_a_huge_wrapped_paragraph() -> None:
    # every line a strong joint, half of them a word broken after its hyphen
    unit = "The zone's output of battery cells rose again this year, up by a bio-\n"

    def make(k: int) -> str:
        return "Title of the page\n\n" + unit * (500 * k) + "end.\n"

    k = sized(make, lambda dump: clean(dump, format="text"))
    small, large = make(k), make(4 * k)
    ratio = growth(lambda: clean(small, format="text"), lambda: clean(large, format="text"))
    assert ratio < LIMIT, f"4x the wrapped lines took {ratio:.1f}x the time"
