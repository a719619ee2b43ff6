"""Published dates on ../shared/bench/dates (200 news pages with gold dates, htmldate's set).

A page counts when the extracted published date equals the gold date exactly; a page with no
date found counts as wrong (the set's README). Ours is ``extractor.clean.clean(page,
format="html").published``; the anchor, when htmldate is installed, is
``htmldate.find_date(html, original_date=True, extensive_search=True)``, measured in the same
run. Speed is pages per second in CPU time of this process over the first pass (later passes
would read htmldate's result caches); ours is the whole cleaner (body too), as the pipeline
runs it. Import cost is the wall time of ``python -c "import X"`` in a fresh process (median
of 3). A last row shows what htmldate would add as a fallback where ours finds no date.

    python bench/dates.py [--wrong]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import SHARED, table  # noqa: E402

DATES = SHARED / "bench" / "dates"


def load() -> list[tuple[str, str, str]] | None:
    """(file name, html, gold date) of each page, in file-name order."""
    truth_file = DATES / "ground-truth.json"
    if not truth_file.is_file():
        return None
    gold = json.loads(truth_file.read_text("utf-8"))
    pages = []
    for entry in sorted(gold.values(), key=lambda e: e["file"]):
        raw = gzip.decompress((DATES / "html" / (entry["file"] + ".gz")).read_bytes())
        pages.append((entry["file"], raw.decode("utf-8", "replace"), entry["date"]))
    return pages


def ours(html: str) -> str | None:
    from extractor.clean import clean
    from extractor.errors import EdzError

    try:
        return clean(html, format="html").published
    except EdzError:
        return None


def htmldate_finder() -> Callable[[str], str | None] | None:
    try:
        from htmldate import find_date
    except ImportError:
        return None

    def run(html: str) -> str | None:
        try:
            return find_date(html, original_date=True, extensive_search=True)
        except Exception:  # the anchor's own failures count as no date
            return None

    return run


def import_seconds(module: str) -> float:
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def evaluate(
    fn: Callable[[str], str | None], pages: list[tuple[str, str, str]]
) -> tuple[dict[str, str | None], float]:
    t0 = time.process_time()
    found = {name: fn(html) for name, html, _ in pages}
    return found, len(pages) / (time.process_time() - t0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--wrong", action="store_true", help="list the pages we get wrong")
    ap.add_argument("--no-anchor", action="store_true", help="skip htmldate")
    args = ap.parse_args(argv)
    pages = load()
    if pages is None:
        print(f"skipped: benchmark data not found under {DATES}")
        return 0
    gold = {name: date for name, _, date in pages}
    ours("<p>warm-up</p>")
    runs = [("edz-extractor", ours, "extractor.clean.page")]
    anchor = None if args.no_anchor else htmldate_finder()
    if anchor is not None:
        anchor("<html><body><p>warm-up</p></body></html>")
        runs.append(("htmldate", anchor, "htmldate"))
    rows, results = [], {}
    for name, fn, module in runs:
        found, speed = evaluate(fn, pages)
        results[name] = found
        right = sum(found[k] == gold[k] for k in gold)
        missing = sum(found[k] is None for k in gold)
        rows.append(
            [
                name,
                f"{right / len(gold):.3f}",
                f"{right}/{len(gold)}",
                str(missing),
                f"{speed:.0f}",
                f"{import_seconds(module):.2f}",
            ]
        )
    if "htmldate" in results:
        # what htmldate would add as a fallback where ours finds no date
        ours_found, anchor_found = results["edz-extractor"], results["htmldate"]
        merged = {k: ours_found[k] or anchor_found[k] for k in gold}
        right = sum(merged[k] == gold[k] for k in gold)
        missing = sum(merged[k] is None for k in gold)
        both = f"{import_seconds('htmldate'):.2f}"
        rows.append(
            ["edz, htmldate if none", f"{right / len(gold):.3f}", f"{right}/{len(gold)}"]
            + [str(missing), "-", both]
        )
        for module in ("dateparser", "dateutil.parser"):
            rows.append([f"(import {module})", "-", "-", "-", "-", f"{import_seconds(module):.2f}"])
    print(f"{len(gold)} pages; exact published date; pages/s in CPU time, first pass")
    print(table(["extractor", "accuracy", "right", "none", "pages/s", "import s"], rows))
    if anchor is None:
        print("htmldate: skipped (" + ("--no-anchor" if args.no_anchor else "not installed") + ")")
    if args.wrong:
        for name in sorted(gold):
            got = results["edz-extractor"][name]
            if got != gold[name]:
                anchor_got = results.get("htmldate", {}).get(name, "-")
                print(f"  {name}: ours {got} gold {gold[name]} htmldate {anchor_got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
