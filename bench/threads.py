"""Do threads pay for extraction? The benchmark pages extracted by one thread and by two.

    python bench/threads.py [--runs 3] [--pages 90]

Each run extracts the same pages in a pool of 1 and of 2 threads, interleaved; prints the
medians. Two threads near one thread's time means the pipeline holds the GIL: parallel work
needs processes (what `edz extract -j` and `edz batch` use).
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from _common import SHARED

from extractor.api import extract


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pages", type=int, default=90)
    args = ap.parse_args()
    files = sorted((SHARED / "bench" / "article-extraction" / "html").glob("*.html.gz"))
    if not files:
        print(f"skipped: no benchmark pages under {SHARED}")
        return 0
    pages = [gzip.decompress(path.read_bytes()) for path in files[: args.pages]]
    extract(pages[0], format="html")  # the pipeline is built before timing

    def run(threads: int) -> float:
        started = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(lambda page: extract(page, format="html"), pages))
        return time.perf_counter() - started

    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(args.runs):
        for threads in times:
            times[threads].append(run(threads))
    one, two = (statistics.median(times[n]) for n in (1, 2))
    print(
        f"{len(pages)} pages, median of {args.runs} runs: 1 thread {one:.2f} s, "
        f"2 threads {two:.2f} s ({one / two:.2f}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
