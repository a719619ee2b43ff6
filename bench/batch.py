"""`edz batch` throughput: articles/s for --jobs 1 and --jobs N on a generated folder.

The folder holds ``--articles`` variants of the seed article (numbers varied so
every file has its own bytes and facts) in nested sub-folders; ``--pages`` adds
the 181 HTML pages of ../shared/bench/article-extraction (when present). Each
configuration runs ``--runs`` times as a whole `edz batch` process into a fresh
OUT_DIR; the table gives min/median/max of the articles/s the batch reports in
its summary line, the whole-process wall time, the peak RSS of the largest
process of the run (the batch or one worker), the CPU time of all its processes
per article (equal for both when parallelism costs nothing extra: a speed-up
below N then means the machine had no N idle cores), and the ratio of medians
against --jobs 1 measured in the same run. ``--memory`` also compares peak RSS for the
folder and a folder four times as large (memory must stay flat).

    python bench/batch.py [--articles 1500] [--runs 5] [--jobs 2] [--pages] [--memory]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, spread, table, unpacked_articles  # noqa: E402

# Runs one command; reports its wall time, the peak RSS of its largest process
# and the CPU time of the whole process tree (the batch and its workers).
MEASURE = r"""
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t0
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": proc.returncode, "wall": wall, "rss_mb": use.ru_maxrss / 1024,
                  "cpu": use.ru_utime + use.ru_stime,
                  "stderr": proc.stderr.decode("utf-8", "replace")[-2000:]}))
"""

SEED = ROOT / "seeds" / "000_5ec9a3103d8d2515.txt"
RATE = re.compile(
    r"(\d+) processed, (\d+) skipped, (\d+) failed in [\d.]+ s \(([\d.]+) articles/s\)"
)


def seed_variant(text: str, i: int) -> str:
    """The seed with its figures changed: same shape, different bytes and values."""
    return (
        text.replace("206", str(100 + i % 900))
        .replace("1,500", f"{1000 + i:,}")
        .replace("64.2", f"{10 + i % 80}.{i % 10}")
        .replace("2025", str(2022 + i % 8))
    )


def make_folder(root: Path, articles: int, pages: bool) -> int:
    """Fill ``root`` with inputs; how many."""
    text = SEED.read_text(encoding="utf-8")
    for i in range(articles):
        folder = root / f"zone{i % 7}" / f"month{i % 12:02}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"article{i:06}.txt").write_text(seed_variant(text, i), encoding="utf-8")
    count = articles
    if pages:
        found = unpacked_articles()
        if found is None:
            print("(--pages: ../shared/bench/article-extraction is absent; seed variants only)")
        else:
            tmp, paths = found
            (root / "pages").mkdir()
            for path in paths:
                shutil.copy(path, root / "pages" / path.name)
            count += len(paths)
            shutil.rmtree(tmp)
    return count


def run_batch(in_dir: Path, jobs: int, expected: int) -> tuple[float, float, float, float]:
    """One whole `edz batch` process: (articles/s it reports, wall s, peak RSS MB,
    CPU s of all its processes)."""
    out = Path(tempfile.mkdtemp(prefix="edz-bench-out-"))
    try:
        cmd = [sys.executable, "-m", "extractor", "batch", str(in_dir), str(out), "-j", str(jobs)]
        proc = subprocess.run(
            [sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True
        )
        data = json.loads(proc.stdout)
        match = RATE.search(data["stderr"])
        if data["rc"] != 0 or match is None or int(match.group(1)) != expected:
            # A run that did not extract every input measures something else.
            raise RuntimeError(f"edz batch exited {data['rc']}: {data['stderr']}")
        return float(match.group(4)), data["wall"], data["rss_mb"], data["cpu"]
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def cpu_ceiling(jobs: int) -> float:
    """The speed-up ``jobs`` processes of pure Python get on this machine right
    now: what other load leaves us, the ceiling for --jobs N."""
    import multiprocessing

    work = [3_000_000] * (2 * jobs)
    times = []
    for n in (1, jobs):
        with multiprocessing.get_context("fork").Pool(n) as pool:
            started = time.perf_counter()
            pool.map(_burn, work, chunksize=1)
            times.append(time.perf_counter() - started)
    return times[0] / times[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1500, help="seed variants to generate")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="N to compare with 1")
    parser.add_argument("--pages", action="store_true", help="add the shared benchmark pages")
    parser.add_argument("--memory", action="store_true", help="peak RSS for 1x and 4x the folder")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="edz-bench-batch-"))
    try:
        n = make_folder(tmp / "in", args.articles, args.pages)
        print(f"{n} inputs, {args.runs} runs each, {os.cpu_count()} CPUs\n")
        results: dict[int, list[tuple[float, float, float, float]]] = {1: [], args.jobs: []}
        ceilings = []
        for _ in range(args.runs):  # interleaved, so machine load hits all alike
            for jobs in results:
                results[jobs].append(run_batch(tmp / "in", jobs, n))
            ceilings.append(cpu_ceiling(args.jobs))
        base = statistics.median(r[0] for r in results[1])
        rows = []
        for jobs, runs in results.items():
            lo, med, hi = spread([r[0] for r in runs])
            wall = statistics.median(r[1] for r in runs)
            rss = max(r[2] for r in runs)
            cpu_ms = 1000 * statistics.median(r[3] for r in runs) / n
            rows.append(
                [
                    f"--jobs {jobs}",
                    f"{lo:.0f} / {med:.0f} / {hi:.0f}",
                    f"{wall:.2f}",
                    f"{rss:.0f}",
                    f"{cpu_ms:.1f}",
                    f"{med / base:.2f}x",
                ]
            )
        header = [
            "",
            "articles/s min/med/max",
            "wall s (med)",
            "peak RSS MB",
            "CPU ms/article",
            "vs --jobs 1",
        ]
        print(table(header, rows))
        lo, med, hi = spread(ceilings)
        print(
            f"\nCPU ceiling, measured between the runs: {args.jobs} processes of pure Python ran "
            f"{lo:.2f} / {med:.2f} / {hi:.2f}x as fast as 1 (min/med/max; other load on the "
            f"machine lowers it; ideal {args.jobs:.2f}x)"
        )

        if args.memory:
            big = tmp / "big"
            make_folder(big, 4 * args.articles, False)
            small_rss = statistics.median(run_batch(tmp / "in", args.jobs, n)[2] for _ in range(3))
            big_rss = statistics.median(
                run_batch(big, args.jobs, 4 * args.articles)[2] for _ in range(3)
            )
            print(
                f"\npeak RSS, --jobs {args.jobs}: {small_rss:.0f} MB for {n} inputs, "
                f"{big_rss:.0f} MB for {4 * args.articles} inputs "
                f"({big_rss / small_rss:.2f}x for 4x the inputs)"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
