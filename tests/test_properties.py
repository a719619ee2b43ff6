"""Properties of the whole single-document path, on generated documents (hypothesis).

Documents are built from money / percent / year / count / entity fragments, junk, Unicode
(CJK, right-to-left, zero-width, emoji, combining marks) and HTML fragments, given as ``str``
or as bytes in several encodings, in every ``format``. For each:

- nothing but an ``EdzError`` escapes ``extract``;
- every fact has ``text[start:end] == fact.text`` and ``start < end``, facts sorted by position;
- the same input gives byte-identical JSON;
- the record validates against ``schemas/record.schema.json``.

This run uses a short budget (``EDZ_HYPOTHESIS_EXAMPLES``, default 50 per property);
``bench/fuzz.py`` runs the same properties with a long one.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from record_checks import SCHEMA, SCHEMA_PATH, VALIDATOR, check_record

from extractor import extract
from extractor.clean.decode import decode_bytes
from extractor.clean.parse import parse_html
from extractor.cli import cli
from extractor.errors import BinaryInputError, EdzError, EmptyInputError, InputError
from extractor.record import json_schema_text

ROOT = Path(__file__).resolve().parent.parent

EXAMPLES = int(os.environ.get("EDZ_HYPOTHESIS_EXAMPLES", "50"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

MONEY = [
    "100 billion yuan",
    "$15.44 billion",
    "Tens of billions of yuan",
    "40.25 billion yuan ($6.2 billion)",
    "RMB 3.5 million",
    "US$1.2 billion",
    "¥200 million",
    "5 trillion yuan",
    "between 2 and 3 billion yuan",
    "about 800,000 yuan",
    "€45m",
]
PERCENT = ["64.2 percent", "12%", "3.5 percentage points", "up 7 per cent", "-0.5%", "100 %"]
YEARS = ["2025", "in 2020", "2021-25", "by the end of 2030", "1999", "2021年", "FY2022"]
COUNTS = [
    "206 medical institutions",
    "more than 1,500 biomedical companies",
    "three industrial parks",
    "about 40,000 jobs",
    "1.2 million residents",
]
ENTITIES = [
    "Binhai New Area",
    "Tianjin Economic-Technological Development Area (TEDA)",
    "Tianjin Economic and Tech Development Area",
    "Suzhou Industrial Park",
    "North China's Tianjin Municipality",
    "Shanghai",
    "Guangdong province",
    "China Daily",
    "the State Council",
]
UNICODE = [
    "天津经济技术开发区",
    "臺灣經濟",
    "مرحبا بالعالم",
    "שלום",
    "\u200b\u200c\u200d\u2060",
    "\ufeff",
    "🚀🇨🇳👩‍🔬",
    "e\u0301\u0327",
    "\u00a0\u3000",
    "Ǆ ß ﬁ İ",
    "\U0001d7d9\U0001d7da",
    "١٢٣٤",
    "\u202e reversed \u202c",
]
HTML = [
    "<p>",
    "</p>",
    "<div class='share'>",
    "</div>",
    "<br>",
    "&amp;",
    "&#x4e2d;",
    "&nbsp;",
    "&bogus;",
    "<script>var a = 1;</script>",
    "<!--",
    "-->",
    "<b>",
    "<a href='/x'>Related</a>",
    "<h1>Title</h1>",
    "<title>Binhai speeds up growth</title>",
    "<html>",
    "<body>",
    "<table><tr><td>",
    "<![CDATA[",
    "<?xml version='1.0'?>",
    "<!DOCTYPE html>",
    "Home > Media Center > EDZ News",
    "Updated: Sept 07, 2021",
]
SEPARATORS = [" ", ". ", ", ", "\n", "\n\n", "", "\t", "\r\n"]

fragment = st.one_of(
    st.sampled_from(MONEY),
    st.sampled_from(PERCENT),
    st.sampled_from(YEARS),
    st.sampled_from(COUNTS),
    st.sampled_from(ENTITIES),
    st.sampled_from(UNICODE),
    st.sampled_from(HTML),
    st.sampled_from(SEPARATORS),
    st.text(max_size=20),  # junk, any code point hypothesis likes (surrogates included)
    st.from_regex(r"[0-9][0-9,.]{0,12}", fullmatch=True),
)
documents = st.lists(fragment, min_size=0, max_size=60).map("".join)
FORMATS = st.sampled_from(["auto", "html", "text", "plain"])
ENCODINGS = st.sampled_from([None, "utf-8", "utf-8-sig", "utf-16", "gb18030", "cp1252"])


def as_source(document: str, encoding: str | None) -> str | bytes:
    """The document as ``str`` (encoding None) or as bytes in ``encoding``."""
    if encoding is None:
        return document
    return document.encode(encoding, errors="replace" if encoding != "utf-16" else "surrogatepass")


def checked_json(record: Any) -> str:
    """Assert the record's invariants; return its JSON."""
    check_record(record)
    return str(record.to_json())


def extract_or_error(source: str | bytes, fmt: str) -> str | None:
    """The record's JSON, or None for an EdzError. Any other exception fails the test."""
    try:
        record = extract(source, format=fmt)
    except EdzError as exc:
        assert str(exc), "an EdzError must say what went wrong"
        return None
    return checked_json(record)


@SETTINGS
@given(document=documents, fmt=FORMATS, encoding=ENCODINGS)
def test_extract_keeps_its_promises(document: str, fmt: str, encoding: str | None) -> None:
    source = as_source(document, encoding)
    first = extract_or_error(source, fmt)
    second = extract_or_error(source, fmt)
    assert first == second, "the same input must give byte-identical output"


@SETTINGS
@given(
    paragraphs=st.lists(
        st.lists(
            st.one_of(*(st.sampled_from(x) for x in (MONEY, PERCENT, YEARS, COUNTS))),
            min_size=1,
            max_size=8,
        ).map(" ".join),
        min_size=1,
        max_size=6,
    ),
    noise=st.lists(st.sampled_from(HTML + UNICODE), max_size=8),
)
def test_html_pages_of_facts(paragraphs: list[str], noise: list[str]) -> None:
    """Article-shaped HTML pages, fact-dense, with markup noise around the body."""
    body = "".join(f"<p>The zone reported {p}, officials said on Tuesday.</p>" for p in paragraphs)
    page = (
        "<html><head><title>Binhai speeds up growth</title></head><body>"
        + "".join(noise)
        + f"<article>{body}</article></body></html>"
    )
    first = extract_or_error(page.encode("utf-8"), "auto")
    assert first == extract_or_error(page.encode("utf-8"), "auto")


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_decode_never_fails_otherwise(data: bytes) -> None:
    try:
        text, warnings = decode_bytes(data)
    except (EmptyInputError, BinaryInputError):
        return
    assert text.strip()
    assert "\x00" not in text
    assert all(isinstance(w, str) and w for w in warnings)


printable = st.text(
    alphabet=st.characters(
        blacklist_categories=["Cs", "Cc"], whitelist_characters="\t\n\r\x0c\x1b\x85"
    ),
    min_size=1,
    max_size=200,
).filter(lambda s: s.strip() and not s.startswith("\ufeff"))


@SETTINGS
@given(text=printable, bom=st.sampled_from(["", "utf-8-sig", "utf-16", "utf-32"]))
def test_unicode_text_decodes_back_exactly(text: str, bom: str) -> None:
    data = text.encode(bom) if bom else text.encode("utf-8")
    assert decode_bytes(data) == (text, [])


@SETTINGS
@given(text=printable, encoding=st.sampled_from(["gb18030", "big5hkscs", "cp1252", "gbk"]))
def test_declared_legacy_encodings_decode_back_exactly(text: str, encoding: str) -> None:
    try:
        body = text.encode(encoding)
    except UnicodeEncodeError:
        return
    page = f'<html><head><meta charset="{encoding}"></head><body>{text}</body></html>'
    decoded, warnings = decode_bytes(page.encode(encoding))
    if any("its bytes are UTF-8" in w for w in warnings):
        # Valid UTF-8 beyond ASCII beats a legacy declaration; only a body that is
        # itself valid UTF-8 (an accident of a short string) is read that way.
        assert body.decode("utf-8")
        return
    assert decoded == page


@SETTINGS
@given(document=documents)
def test_parse_html_never_fails_otherwise(document: str) -> None:
    warnings: list[str] = []
    try:
        root = parse_html(document, warnings)
    except InputError:
        return
    assert root.tag == "html"


def test_committed_schema_is_what_edz_schema_prints() -> None:
    """The schema drift test: schemas/record.schema.json == `edz schema` == the models."""
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    committed = SCHEMA_PATH.read_text(encoding="utf-8")
    assert result.stdout == json_schema_text() == committed, (
        "schemas/record.schema.json drifted from extractor/record.py: "
        "run `edz schema > schemas/record.schema.json` and review the diff"
    )
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_schema_rejects_what_the_contract_forbids() -> None:
    """The properties above lean on the schema; make sure it is not vacuous."""
    good = json.loads(
        extract("The zone invested 100 billion yuan in 2021.", format="plain").to_json()
    )
    VALIDATOR.validate(good)
    for broken in (
        {**good, "unknown_field": 1},
        {**good, "schema_version": "9.9"},
        {**good, "source": {**good["source"], "sha256": "nothex"}},
        {k: v for k, v in good.items() if k != "text"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            VALIDATOR.validate(broken)


def test_bom_encodings_round_trip_through_extract() -> None:
    text = "The Binhai New Area grew 64.2 percent in 2021. 天津 🚀"
    records = {
        enc: extract(codecs.encode(text, enc), format="plain").text
        for enc in ("utf-8-sig", "utf-16", "utf-32")
    }
    assert set(records.values()) == {text}


def test_output_is_identical_across_processes(tmp_path: Path) -> None:
    """Byte-identical across runs also means across processes with different string hashing
    (set and dict orders that depend on PYTHONHASHSEED must not leak into a record)."""
    rng = random.Random(3)
    pools = [MONEY, PERCENT, YEARS, COUNTS, ENTITIES, UNICODE, HTML, SEPARATORS]
    files = [str(p) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for i in range(6):
        soup = "".join(rng.choice(rng.choice(pools)) + rng.choice(". , ") for _ in range(200))
        page = tmp_path / f"generated-{i}.{'html' if i % 2 else 'txt'}"
        page.write_text(soup, encoding="utf-8")
        files.append(str(page))
    outputs = []
    for seed in ("1", "2"):
        proc = subprocess.run(
            [sys.executable, "-m", "extractor", "extract", "--jsonl", *files],
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=120,
        )
        assert b"Traceback" not in proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0].count(b"\n") >= 4  # most generated files gave records
    assert outputs[0] == outputs[1]
