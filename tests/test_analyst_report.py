"""`edz report`: the page's content, its safety (escaping, CSP, no network) and its charts,
checked on the markup; tests/test_analyst_browser.py opens it in Chromium."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from extractor import read_records
from extractor.analyst.charts import nice_ticks, short_number
from extractor.analyst.panels import NO_SUBJECT, build_panels
from extractor.analyst.report import json_for_script, render_report, safe_url, table_data
from extractor.cli import cli

RECORDS = FIXTURES / "analyst" / "records"
OLD = FIXTURES / "analyst" / "old-1.0.json"


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return read_records([RECORDS])


@pytest.fixture(scope="module")
def page(records: list[dict[str, Any]]) -> str:
    return render_report(records)


class _Collect(HTMLParser):
    """Every tag with its attributes, and the text of script elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def _parse(page: str) -> _Collect:
    parser = _Collect()
    parser.feed(page)
    return parser


def test_one_panel_per_subject_aliases_merged(records: list[dict[str, Any]]) -> None:
    panels = build_panels(records)
    # "SIP" is the record's alias of Suzhou Industrial Park (entities' canonical).
    assert [(p.subject, p.claims) for p in panels] == [
        ("Suzhou Industrial Park", 10),
        ("Nansha New Area", 6),
        (NO_SUBJECT, 2),
    ]


def test_charts_keep_levels_changes_and_shares_apart(records: list[dict[str, Any]]) -> None:
    sip = build_panels(records)[0]
    charts = {(c.quantity, c.indicator, c.unit): len(c.points) for c in sip.charts.values()}
    assert charts == {
        ("level", "gdp", "CNY"): 3,  # 2020, 2021 actual; 2025 target
        ("level", "trade", "USD"): 1,
        ("level", "fiscal_revenue", "CNY"): 1,
        ("change", "gdp", "%"): 3,
        ("change", "fixed_asset_investment", "%"): 1,
        ("share", "industrial_output", "%"): 1,
    }
    falling = next(c for c in sip.charts.values() if c.indicator == "fixed_asset_investment")
    assert falling.points[0].value == -2.5  # "fell 2.5 percent" is drawn below zero


def test_marks_in_the_markup_match_the_dated_claims(
    page: str, records: list[dict[str, Any]]
) -> None:
    dated = sum(1 for r in records for c in r["claims"] if isinstance(c["year"], int))
    tags = _parse(page).tags
    charts = [a for t, a in tags if t == "svg" and "chart" in (a.get("class") or "")]
    marks = [a for t, a in tags if t in ("circle", "rect") and "mark" in (a.get("class") or "")]
    legend = 2
    assert len(marks) - legend == dated == sum(int(a["data-marks"] or 0) for a in charts) == 14
    targets = [a for a in marks if "target" in (a.get("class") or "")]
    assert len(targets) - 1 == 3  # SIP GDP 2025, SIP growth 2022, Nansha output 2025


def test_undated_claims_are_listed_not_plotted(page: str) -> None:
    assert "no year · actual · more than 300 billion yuan — Zone roundup" in page


def test_record_strings_are_escaped(page: str) -> None:
    # The title of nansha-biomed.txt holds a <script> tag.
    assert "<script>alert(1)</script>" not in page
    assert "Nansha bets on biomedicine &lt;script&gt;alert(1)&lt;/script&gt;" in page
    parsed = _parse(page)
    assert [t for t, _ in parsed.tags].count("script") == 2  # the data block and the page's own


def test_data_block_cannot_close_its_script() -> None:
    text = json_for_script({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_only_http_links_survive() -> None:
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url(None) is None


def test_page_is_self_contained_under_a_strict_csp(page: str) -> None:
    parsed = _parse(page)
    for tag, attrs in parsed.tags:
        for name in ("src", "href"):
            assert not attrs.get(name), (tag, attrs)  # no external script, style, image, font
    [csp] = [
        a["content"] for t, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp is not None and "default-src 'none'" in csp and "'unsafe-inline'" not in csp
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", csp)
    assert "http" not in "".join(parsed.scripts).replace("https?:", "")


def test_table_data_stores_each_sentence_once(records: list[dict[str, Any]]) -> None:
    data = table_data(records)
    assert len(data["facts"]) == sum(
        len(r[k]) for r in records for k in ("money", "percentages", "years", "counts", "entities")
    )
    referenced = {
        (a, fact["sentence"])
        for a, r in enumerate(records)
        for k in ("money", "percentages", "years", "counts", "entities")
        for fact in r[k]
    }
    assert len(data["sentences"]) == len(referenced)
    for fact in data["facts"]:
        sentence = data["sentences"][fact[6]]
        assert sentence[fact[7] : fact[7] + fact[8]] == fact[2]  # the fact, where it is


def test_schema_1_0_report_has_no_panels_and_no_sentences() -> None:
    page = render_report(read_records(OLD))
    assert "No claims in these records" in page
    assert json.loads(_data_block(page))["sentences"] == []


def _data_block(page: str) -> str:
    match = re.search(r'<script type="application/json" id="edz-data">(.*?)</script>', page)
    assert match
    return match.group(1)


def test_cli_report_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", str(RECORDS), "-o", str(out), "--title", "A&B"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<title>A&amp;B</title>" in text


def test_cli_report_of_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["report", str(tmp_path), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 1
    assert "no record files" in result.output and not (tmp_path / "r.html").exists()


@pytest.mark.parametrize(
    ("lo", "hi", "ticks"),
    [
        (0, 385e9, [0, 100e9, 200e9, 300e9, 400e9]),
        (0, 57.53, [0, 20, 40, 60]),
        (-2.5, 0, [-3, -2, -1, 0]),
        (0, 0, [0, 0.25, 0.5, 0.75, 1]),
    ],
)
def test_nice_ticks(lo: float, hi: float, ticks: list[float]) -> None:
    assert nice_ticks(lo, hi) == pytest.approx(ticks)


def test_short_number() -> None:
    assert [short_number(v) for v in (40.25e9, 64.2, 1.5e12, 2500)] == [
        "40.25 bn", "64.2", "1.5 tn", "2.5 k",
    ]  # fmt: skip
