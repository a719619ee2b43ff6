"""The cleaner alone against trafilatura, on ../shared/bench/article-extraction (181 pages).

Scoring is the benchmark's own (see its README): both texts are split into runs of word
characters (``\\w+``), grouped into overlapping 4-word shingles, and compared as bags per page:
precision = shared / predicted, recall = shared / truth. Precision and recall are averaged over
pages (an empty output counts 0 for both) and F1 is the harmonic mean of the two averages.

Speed is pages per second of the extraction alone (the pages are read into memory first), in
CPU time of this process (so that other load on a shared machine does not skew it), the
median over ``--runs`` runs, for ours and for trafilatura in the same run; the ratio compares the
medians. trafilatura is optional (the ``bench`` extra): without it its rows are skipped, and
said so.

    python bench/clean.py [--runs 5] [--worst 10] [--only ID]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ARTICLES, table  # noqa: E402

_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text)
    return Counter(tuple(words[i : i + n]) for i in range(max(0, len(words) - n + 1)))


def page_scores(truth: str, predicted: str) -> tuple[float, float]:
    """(precision, recall) of one page."""
    want, got = shingles(truth), shingles(predicted)
    if not got:
        return 0.0, 0.0
    shared = sum((want & got).values())
    return shared / sum(got.values()), (shared / sum(want.values()) if want else 0.0)


def load() -> tuple[dict[str, str], dict[str, str]] | None:
    html_dir = ARTICLES / "html"
    truth_file = ARTICLES / "ground-truth.json"
    if not html_dir.is_dir() or not truth_file.is_file():
        return None
    truth = {k: v["articleBody"] for k, v in json.loads(truth_file.read_text("utf-8")).items()}
    pages = {
        gz.name.split(".")[0]: gzip.decompress(gz.read_bytes()).decode("utf-8", "replace")
        for gz in sorted(html_dir.glob("*.html.gz"))
    }
    return pages, {k: truth[k] for k in pages if k in truth}


FAILURES: dict[str, str] = {}  # page start -> error, for pages the cleaner refused


def ours(html: str) -> str:
    from extractor.clean import clean
    from extractor.errors import EdzError

    try:
        return clean(html, format="html").text
    except EdzError as exc:  # a refused page is scored as empty output, as the benchmark does
        FAILURES[html[:80]] = str(exc)
        return ""


def trafilatura_extract() -> Callable[[str], str] | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def run(html: str) -> str:
        return trafilatura.extract(html) or ""

    return run


def evaluate(
    name: str, fn: Callable[[str], str], pages: dict[str, str], truth: dict[str, str], runs: int
) -> dict:
    outputs: dict[str, str] = {}
    speeds = []
    for _ in range(runs):
        t0 = time.process_time()
        outputs = {k: fn(html) for k, html in pages.items()}
        speeds.append(len(pages) / (time.process_time() - t0))
    per_page = {k: page_scores(truth[k], outputs[k]) for k in truth}
    p = statistics.fmean(s[0] for s in per_page.values())
    r = statistics.fmean(s[1] for s in per_page.values())
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "name": name,
        "f1": f1,
        "p": p,
        "r": r,
        "speed": statistics.median(speeds),
        "per_page": per_page,
        "outputs": outputs,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="speed runs per extractor (median)")
    ap.add_argument("--worst", type=int, default=0, help="list the N pages of lowest F1 (ours)")
    ap.add_argument("--only", help="one page id: print our output and its scores")
    ap.add_argument("--no-trafilatura", action="store_true", help="skip the trafilatura anchor")
    args = ap.parse_args(argv)

    data = load()
    if data is None:
        print(f"skipped: benchmark data not found under {ARTICLES}")
        return 0
    pages, truth = data
    if args.only:
        text = ours(pages[args.only])
        print(text)
        print("--- P={:.3f} R={:.3f}".format(*page_scores(truth[args.only], text)))
        return 0
    ours("<p>warm-up</p>")  # imports outside the timed runs
    results = [evaluate("edz-extractor", ours, pages, truth, args.runs)]
    anchor = None if args.no_trafilatura else trafilatura_extract()
    if anchor is not None:
        anchor("<html><body><p>warm-up</p></body></html>")
        results.append(evaluate("trafilatura", anchor, pages, truth, args.runs))
    rows = [
        [r["name"], f"{r['f1']:.3f}", f"{r['p']:.3f}", f"{r['r']:.3f}", f"{r['speed']:.0f}"]
        for r in results
    ]
    print(f"{len(truth)} pages; pages/s in CPU time, median of {args.runs} runs")
    print(table(["extractor", "F1", "precision", "recall", "pages/s"], rows))
    if FAILURES:
        print(f"edz-extractor refused {len(FAILURES)} page(s): {sorted(set(FAILURES.values()))}")
    if anchor is None:
        reason = "--no-trafilatura" if args.no_trafilatura else "trafilatura is not installed"
        print(f"trafilatura: skipped ({reason})")
    else:
        print(f"speed ratio (ours / trafilatura): {results[0]['speed'] / results[1]['speed']:.1f}x")
    if args.worst:
        ranked = sorted(
            results[0]["per_page"].items(),
            key=lambda kv: 2 * kv[1][0] * kv[1][1] / (kv[1][0] + kv[1][1] or 1),
        )
        print(f"\nworst {args.worst} pages (ours):")
        for k, (p, r) in ranked[: args.worst]:
            print(f"  {k}  P={p:.2f} R={r:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
