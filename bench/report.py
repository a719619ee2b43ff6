"""How big `edz report` gets and how fast it opens, for 1,000 articles (issue 17).

    python bench/report.py                       # 1,000 articles, 3 loads in Chromium
    python bench/report.py --articles 5000 --runs 1
    python bench/report.py --records OUT_DIR     # start from records of your own

The 1,000 records are copies of a base set: the real articles with their gold claims
(as bench/report_screenshot.py builds them) when the texts and the gold are here,
else the analyst fixtures. Each copy gets its own path and hash; copies are spread
over five variants of each subject and five years, so the page has about five times
as many subject panels as the base set and charts with five years each. Measured: the
time `edz report` takes (one process, reading a JSON Lines file), the page's size
(raw and gzipped), and in headless Chromium the time to the load event, to the fact
table's first rows ('edz-ready' mark), of one filter keystroke, and the page's DOM
size and JS heap.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import hashlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _chromium import Chromium
from _common import ROOT
from report_screenshot import EDZ, _default_texts, _first, _ids, build_records

from extractor import read_records

FIXTURE_RECORDS = ROOT / "fixtures" / "analyst" / "records"

TIMINGS_JS = """(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const ready = performance.getEntriesByName('edz-ready')[0];
  const q = document.getElementById('q');
  const t0 = performance.now();
  q.value = 'billion'; q.dispatchEvent(new Event('input'));
  const filtered = performance.now() - t0;
  q.value = ''; q.dispatchEvent(new Event('input'));
  return {dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
          ready: ready ? ready.startTime : null, filter: filtered,
          nodes: document.getElementsByTagName('*').length,
          marks: document.querySelectorAll('#subjects .mark').length,
          panels: document.querySelectorAll('#subjects details.panel').length,
          heap: performance.memory ? performance.memory.usedJSHeapSize : null};
})()"""


def base_records(work: Path, given: Path | None) -> list[dict[str, Any]]:
    if given is not None:
        return read_records([given])
    shared = _first(ROOT.parent / "shared", ROOT.parent.parent / "shared")
    gold = shared / "edz-real" / "claims.jsonl"
    texts = _default_texts()
    if gold.is_file() and texts.is_dir():
        exclude = _ids(_first(ROOT.parent / "annot", ROOT.parent.parent / "annot") / "test-ids.txt")
        return read_records([build_records(texts, gold, exclude, work / "base")])
    return read_records([FIXTURE_RECORDS])


def multiplied(base: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    out = []
    for i in range(count):
        record = copy.deepcopy(base[i % len(base)])
        variant, shift = divmod(i // len(base), 5)
        source = record["source"]
        source["path"] = f"copy{i // len(base):03d}/{source['path']}"
        source["sha256"] = hashlib.sha256(f"{source['sha256']}{i}".encode()).hexdigest()
        for claim in record.get("claims", []):
            if isinstance(claim.get("year"), int):
                claim["year"] += shift
            if claim.get("subject"):
                claim["subject"] = f"{claim['subject']} ({variant % 5 + 1})"
        out.append(record)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="Page loads in Chromium.")
    parser.add_argument("--records", type=Path, help="Base records (default: see above).")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="edz-bench-report-") as tmp:
        work = Path(tmp)
        base = base_records(work, args.records)
        records = multiplied(base, args.articles)
        lines = work / "records.jsonl"
        lines.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        page = work / "report.html"
        started = time.perf_counter()
        subprocess.run([str(EDZ), "report", str(lines), "-o", str(page)], check=True)
        render = time.perf_counter() - started
        data = page.read_bytes()
        kinds = ("money", "percentages", "years", "counts", "entities")
        facts = sum(len(r.get(k, [])) for r in records for k in kinds)
        claims = sum(len(r.get("claims", [])) for r in records)
        print(f"{args.articles} articles ({len(base)} base records), {facts:,} facts, "
              f"{claims:,} claims")  # fmt: skip
        print(f"edz report: {render:.2f} s; page {len(data) / 1e6:.2f} MB "
              f"({len(gzip.compress(data)) / 1e6:.2f} MB gzipped)")  # fmt: skip
        timings = []
        with Chromium(width=1280, height=900) as browser:
            for _ in range(args.runs):
                browser.open(page, timeout=120)
                browser.evaluate("new Promise(r => requestAnimationFrame(() => r(0)))")
                timings.append(browser.evaluate(TIMINGS_JS))
            errors = browser.console_errors()
        if errors:
            sys.exit(f"console errors: {errors}")
        last = timings[-1]
        print(f"Chromium, median of {args.runs} loads: "
              f"DOMContentLoaded {_median(timings, 'dcl')} ms, load {_median(timings, 'load')} ms, "
              f"table ready {_median(timings, 'ready')} ms, one filter keystroke "
              f"{_median(timings, 'filter')} ms")  # fmt: skip
        heap = f"{last['heap'] / 1e6:.0f} MB" if last["heap"] else "n/a"
        print(f"DOM: {last['nodes']:,} elements, {last['panels']:,} subject panels, "
              f"{last['marks']:,} chart marks; JS heap {heap}")  # fmt: skip


def _median(timings: list[dict[str, Any]], key: str) -> str:
    values = [t[key] for t in timings if t[key] is not None]
    return f"{statistics.median(values):.0f}" if values else "n/a"


if __name__ == "__main__":
    main()
