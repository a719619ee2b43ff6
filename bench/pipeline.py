"""The whole pipeline, as a user runs it, against the anchors users would otherwise assemble.

Measures whole processes over the 181 pages of ../shared/bench/article-extraction:

- ``edz extract --jsonl --format html PAGES...`` (clean + every fact type + JSON), as
  by default (one worker process per CPU) and with ``--jobs 1`` (one process);
- trafilatura's text extraction alone (anchor, if installed);
- trafilatura + spaCy's en_core_web_sm (anchor, if that model is installed);
- start-up: ``edz extract`` on the seed, one small file;
- ``--soak N``: RSS over N distinct articles in one process (memory stays flat): real
  bodies with new words in each, so the vocabulary grows;
- ``--scaling``: one HTML page of 10 KB, 100 KB, 1 MB and 10 MB (the seed's paragraphs
  repeated with new figures): seconds per MB must stay about constant (linear cost).

Prints min/median/max over ``--runs`` and the ratio of medians to each anchor.

    python bench/pipeline.py [--runs 5] [--soak 10000] [--scaling]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    ROOT,
    STAT_HEADER,
    TRAFILATURA,
    TRAFILATURA_SPACY,
    measure,
    spread,
    stat_cells,
    table,
    timed,
    unpacked_articles,
    words,
)

SEED = ROOT / "seeds" / "000_5ec9a3103d8d2515.txt"


def edz_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "extractor", *args]


def soak_texts() -> list[str]:
    """Real article bodies (the benchmark's ground truth), or the seed if that is absent."""
    from _common import ARTICLES

    truth = ARTICLES / "ground-truth.json"
    if truth.is_file():
        bodies = [v.get("articleBody") or "" for v in json.loads(truth.read_text("utf-8")).values()]
        return [b for b in bodies if len(b.split()) > 50]
    return [SEED.read_text(encoding="utf-8")]


def soak(n: int, every: int) -> list[tuple[int, float]]:
    """Extract ``n`` distinct articles in this process; RSS (MB) every ``every`` articles.

    The articles are real bodies, each with 30 of its words made new (``word`` ->
    ``word<i>x``), so that the vocabulary and the tokenizer's cache keep growing as
    they would over years of news: ~300,000 new strings over 10,000 articles.
    """
    import random

    from extractor import extract

    def rss_mb() -> float:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    texts = soak_texts()
    rng = random.Random(0)
    series = []
    for i in range(1, n + 1):
        words = texts[i % len(texts)].split(" ")
        for _ in range(30):
            j = rng.randrange(len(words))
            words[j] = f"{words[j]}{i}x"
        extract(" ".join(words), format="plain")
        if i % every == 0 or i == n:
            series.append((i, rss_mb()))
    return series


def scaling(runs: int) -> list[tuple[int, float, int]]:
    """Seconds to extract one HTML page of each size (median), and the facts found."""
    import statistics
    import time

    from extractor import extract

    body = SEED.read_text(encoding="utf-8").split("Updated: Sept 07, 2021")[1]
    paragraphs = [p.strip() for p in body.split("Maybe you're")[0].split("\n\n") if p.strip()]
    rows = []
    for size in (10_000, 100_000, 1_000_000, 10_000_000):
        parts, n = [], 0
        while n < size:
            i = len(parts)
            # Every paragraph differs, or the cleaner would drop repeats as chrome.
            para = paragraphs[i % len(paragraphs)] + f" Phase {i} drew {i} million yuan."
            parts.append(f"<p>{para}</p>")
            n += len(parts[-1]) + 1
        page = "<html><head><title>Scaling</title></head><body><article><h1>Scaling</h1>"
        page += "\n".join(parts) + "</article></body></html>"
        data = page.encode("utf-8")
        times, facts = [], 0
        for _ in range(runs if size < 10_000_000 else 1):
            t0 = time.perf_counter()
            record = extract(data, format="html")
            times.append(time.perf_counter() - t0)
            facts = sum(len(getattr(record, k)) for k in ("money", "percentages", "years"))
        rows.append((len(data), statistics.median(times), facts))
    return rows


def throughput(runs: int, limit: int | None, results: dict) -> list[dict]:
    """Pages and words per second of edz and its anchors on the 181 pages (none if absent)."""
    data = unpacked_articles(limit)
    if data is None:
        results["skipped"].append("article-extraction data absent: no throughput figures")
        return []
    _tmp, paths = data
    files = [str(p) for p in paths]
    n_words = words(paths)
    cmds = {
        "edz extract --jsonl --format html": edz_command(
            "extract", "--jsonl", "--format", "html", *files
        ),
        "edz extract --jsonl --jobs 1 (one process)": edz_command(
            "extract", "--jsonl", "--jobs", "1", "--format", "html", *files
        ),
    }
    if importlib.util.find_spec("trafilatura"):
        cmds["trafilatura (text only)"] = [sys.executable, "-c", TRAFILATURA, *files]
    else:
        results["skipped"].append("trafilatura not installed (pip install '.[bench]')")
    if importlib.util.find_spec("trafilatura") and importlib.util.find_spec("en_core_web_sm"):
        cmds["trafilatura + en_core_web_sm"] = [sys.executable, "-c", TRAFILATURA_SPACY, *files]
    else:
        results["skipped"].append("en_core_web_sm not installed: no trafilatura+spaCy anchor")
    # Interleaved runs: a change in the machine's load falls on all commands alike.
    measured = timed(cmds, runs, len(paths), n_words)
    results["pages"] = len(paths)
    results["words"] = n_words
    return [{"name": name, **m} for name, m in measured.items()]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N pages")
    parser.add_argument("--soak", type=int, default=0, help="also run N articles in one process")
    parser.add_argument("--scaling", action="store_true", help="also time pages of 10 KB-10 MB")
    parser.add_argument("--json", action="store_true", help="print the results as JSON too")
    args = parser.parse_args()

    results: dict = {"skipped": []}
    startup = [measure(edz_command("extract", str(SEED))).wall for _ in range(args.runs)]
    results["startup_s"] = spread(startup)

    rows = throughput(args.runs, args.limit, results)
    results["rows"] = rows

    header = ["command", *STAT_HEADER, "ours / this"]
    ours_med = rows[0]["pages_s"][1] if rows else None
    body = [
        [r["name"], *stat_cells(r), f"{ours_med / r['pages_s'][1]:.2f}x" if ours_med else "-"]
        for r in rows
    ]
    if rows:
        print(f"{results['pages']} pages, {results['words']:,} words, {args.runs} runs each\n")
        print(table(header, body))
    lo, med, hi = results["startup_s"]
    print(
        f"\nstart-up, `edz extract` on one small file: min {lo:.2f} s, median {med:.2f} s, "
        f"max {hi:.2f} s"
    )
    if args.soak:
        series = soak(args.soak, max(1, args.soak // 10))
        results["soak"] = series
        print(f"\nRSS over {args.soak} distinct articles in one process (articles: MB):")
        print("  " + ", ".join(f"{i}: {mb:.0f}" for i, mb in series))
    if args.scaling:
        from extractor import extract

        extract("warm up the pipeline", format="plain")
        rows_s = scaling(args.runs)
        results["scaling"] = rows_s
        print("\ncost by input size (one HTML page, in-process, median):")
        print(
            table(
                ["page bytes", "seconds", "seconds per MB", "money+percent+year facts"],
                [[f"{b:,}", f"{t:.3f}", f"{t / (b / 2**20):.2f}", f"{f:,}"] for b, t, f in rows_s],
            )
        )
    for note in results["skipped"]:
        print(f"skipped: {note}")
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
