"""`edz report` in a real browser: headless Chromium (Debian's `chromium`, which .ci/run
installs) opens the report of the analyst fixtures' batch and is driven over the
DevTools protocol (bench/_chromium.py, standard library only)."""

from __future__ import annotations

import os
import struct
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, ROOT

from extractor import read_records
from extractor.analyst.report import render_report, table_data

sys.path.append(str(ROOT / "bench"))  # after the rest: bench/diff.py must not shadow anything
from _chromium import Chromium, find_chromium  # noqa: E402

RECORDS = FIXTURES / "analyst" / "records"

# CI installs Chromium and sets EDZ_REQUIRE_CHROMIUM, so there a missing browser fails
# the run instead of skipping the test.
if os.environ.get("EDZ_REQUIRE_CHROMIUM") and find_chromium() is None:
    raise RuntimeError("EDZ_REQUIRE_CHROMIUM is set but no Chromium is installed")

pytestmark = pytest.mark.skipif(
    find_chromium() is None,
    reason="no Chromium on this machine (apt-get install chromium; .ci/run installs it)",
)


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return read_records([RECORDS])


@pytest.fixture(scope="module")
def browser(
    records: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Chromium]:
    page = tmp_path_factory.mktemp("report") / "report.html"
    page.write_text(render_report(records), encoding="utf-8")
    # Chromium that is there but does not start is a failure, not a skip.
    with Chromium(width=1280, height=900) as chromium:
        chromium.open(page)
        yield chromium


def test_opens_without_console_errors(browser: Chromium) -> None:
    assert browser.console_errors() == []  # script errors, CSP violations, failed loads
    assert browser.evaluate("document.body.dataset.ready") == "1"


def test_one_panel_per_subject_with_its_marks(
    browser: Chromium, records: list[dict[str, Any]]
) -> None:
    panels = browser.evaluate(
        "[...document.querySelectorAll('#subjects details.panel')].map(p => "
        "[p.querySelector('h3').textContent, p.querySelectorAll('svg.chart .mark').length])"
    )
    assert panels == [
        ["Suzhou Industrial Park", 10],
        ["Nansha New Area", 4],
        ["No subject named", 0],
    ]
    dated = sum(1 for r in records for c in r["claims"] if isinstance(c["year"], int))
    shown = browser.evaluate("document.querySelectorAll('#subjects svg.chart .mark').length")
    assert shown == dated
    targets = browser.evaluate(
        "[...document.querySelectorAll('#subjects svg.chart .mark.target')]"
        ".map(m => getComputedStyle(m).fill)"
    )
    actual_fill = browser.evaluate(
        "getComputedStyle(document.querySelector('#subjects svg.chart circle.mark.actual')).fill"
    )
    assert len(targets) == 3 and actual_fill not in targets  # targets are drawn differently


def test_charts_are_laid_out_with_a_size(browser: Chromium) -> None:
    sizes = browser.evaluate(
        "[...document.querySelectorAll('svg.chart')].map(s => s.getBoundingClientRect())"
        ".map(box => [Math.round(box.width), Math.round(box.height)])"
    )
    assert sizes and all(size == [280, 150] for size in sizes)


def test_the_filter_narrows_the_fact_table(
    browser: Chromium, records: list[dict[str, Any]]
) -> None:
    data = table_data(records)
    rows = "document.querySelectorAll('#facttable tbody tr').length"
    assert browser.evaluate(rows) == len(data["facts"])
    expected = [
        f for f in data["facts"] if all(w in _haystack(data, f) for w in ("budget", "2021"))
    ]
    marked = browser.evaluate(
        "(() => { const q = document.getElementById('q'); q.value = ' Budget  2021';"
        "q.dispatchEvent(new Event('input'));"
        "return [...document.querySelectorAll('#facttable tbody tr mark')]"
        ".map(m => m.textContent); })()"
    )
    # The sentence "SIP's general public budget revenue rose to 40.1 billion yuan in 2021,
    # while its fixed-asset investment fell 2.5 percent." and its facts.
    assert marked == [f[2] for f in expected] == ["SIP", "40.1 billion yuan", "2021", "2.5 percent"]
    assert browser.evaluate("document.getElementById('shown').textContent").startswith(
        f"4 of {len(data['facts'])} facts"
    )
    years = sum(len(r["years"]) for r in records)
    count = browser.evaluate(
        "(() => { const q = document.getElementById('q'); q.value = '';"
        "q.dispatchEvent(new Event('input'));"
        "const k = document.getElementById('kind'); k.value = 'years';"
        f"k.dispatchEvent(new Event('change')); return {rows}; }})()"
    )
    assert count == years
    assert browser.console_errors() == []


def test_a_panels_button_lists_its_subjects_facts(
    browser: Chromium, records: list[dict[str, Any]]
) -> None:
    shown = browser.evaluate(
        "(() => { document.getElementById('kind').value = '';"  # what other tests left
        "document.getElementById('q').value = '';"
        "document.querySelector('button.show-facts').click();"
        "return [document.getElementById('subject').textContent,"
        "document.querySelector('#subjects details.panel').open,"
        "[...document.querySelectorAll('#facttable tbody tr td:nth-child(2)')]"
        ".map(td => td.textContent)]; })()"
    )
    chip, still_open, texts = shown
    assert chip == "subject: Suzhou Industrial Park \u00d7" and still_open is True
    # Its claims in both articles, "SIP" (an alias in the record) included.
    assert sorted(texts) == sorted(
        records[i][c["fact"]["kind"]][c["fact"]["index"]]["text"]
        for i in (1, 2)
        for c in records[i]["claims"]
    )
    assert len(texts) == 10
    everything = browser.evaluate(
        "(() => { document.getElementById('subject').click();"
        "document.getElementById('kind').value = ''; document.getElementById('q').value = '';"
        "document.getElementById('q').dispatchEvent(new Event('input'));"
        "return document.querySelectorAll('#facttable tbody tr').length; })()"
    )
    assert everything == len(table_data(records)["facts"])
    assert browser.console_errors() == []


def _haystack(data: dict[str, Any], fact: list[Any]) -> str:
    """What the page's filter searches in (as report.js builds it)."""
    article = data["articles"][fact[0]]
    sentence = data["sentences"][fact[6]] if fact[6] >= 0 else ""
    parts = [fact[2], fact[3], fact[4], fact[5], sentence, article[0], article[2]]
    return "\n".join("" if p is None else str(p) for p in parts).lower()


def test_screenshot_is_not_blank(browser: Chromium, tmp_path: Path) -> None:
    browser.evaluate("window.scrollTo(0, 0)")  # the top: overview and first charts
    png = browser.screenshot(scale=0.5)  # half size: decoding in pure Python stays fast
    (tmp_path / "report.png").write_bytes(png)
    width, height, pixels = decode_png(png)
    assert (width, height) == (640, 450)
    not_white = sum(1 for p in pixels if p[:3] != (255, 255, 255))
    assert len(set(pixels)) > 20 and not_white > 0.02 * len(pixels)
    bluish = sum(1 for p in pixels if p[2] > p[0] + 80)  # the actual marks and bars
    assert bluish > 100


def decode_png(data: bytes) -> tuple[int, int, list[tuple[int, ...]]]:
    """Width, height and pixels of an 8-bit RGB(A), non-interlaced PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _c, _f, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color in (2, 6) and interlace == 0
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * channels
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1) : (y + 1) * (stride + 1)]
        row = _unfilter(line[0], bytearray(line[1:]), previous, channels)
        rows.append(row)
        previous = row
    pixels = [tuple(r[x : x + channels]) for r in rows for x in range(0, stride, channels)]
    return width, height, pixels


def _unfilter(kind: int, row: bytearray, up: bytearray, bpp: int) -> bytearray:
    for i in range(len(row)):
        left = row[i - bpp] if i >= bpp else 0
        upper_left = up[i - bpp] if i >= bpp else 0
        if kind == 1:
            row[i] = (row[i] + left) & 0xFF
        elif kind == 2:
            row[i] = (row[i] + up[i]) & 0xFF
        elif kind == 3:
            row[i] = (row[i] + (left + up[i]) // 2) & 0xFF
        elif kind == 4:
            p = left + up[i] - upper_left
            pa, pb, pc = abs(p - left), abs(p - up[i]), abs(p - upper_left)
            pred = left if pa <= pb and pa <= pc else (up[i] if pb <= pc else upper_left)
            row[i] = (row[i] + pred) & 0xFF
    return row
