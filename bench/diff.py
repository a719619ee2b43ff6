"""How long `edz diff` takes: the library on one record pair and on long articles, and the
command on one pair and on two folders of records.

    .venv/bin/python bench/diff.py [--runs 7]

Baselines measured in the same run: loading one record (for the library figures) and
`edz --version` (process start-up, for the command figures). Medians over --runs.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.diff import diff_records, load_record  # noqa: E402
from extractor.record import FACT_KINDS, Record  # noqa: E402

V1 = ROOT / "fixtures" / "diff" / "seed_v1.json"
V2 = ROOT / "fixtures" / "diff" / "seed_v2.json"
EDZ = str(Path(sys.executable).with_name("edz"))


def median_seconds(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def repeated(record: Record, n: int) -> Record:
    """The record's article written ``n`` times in a row (facts repeated, offsets shifted)."""
    data = record.model_dump()
    base = record.model_dump()
    step = len(record.text) + 2
    sentences = 1 + max(
        (f.sentence for kind in FACT_KINDS for f in getattr(record, kind)), default=0
    )
    data["text"] = "\n\n".join([record.text] * n)
    for kind in FACT_KINDS:
        facts = []
        for i in range(n):
            for fact in base[kind]:
                copy = dict(fact, start=fact["start"] + i * step, end=fact["end"] + i * step)
                copy["sentence"] = fact["sentence"] + i * sentences
                if copy.get("equivalent_of") is not None:
                    copy["equivalent_of"] += i * len(base["money"])
                facts.append(copy)
        data[kind] = facts
    return Record.model_validate(data)


def run_quiet(args: list[str]) -> None:
    subprocess.run(args, stdout=subprocess.DEVNULL, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    a, b = load_record(V1), load_record(V2)
    load = median_seconds(lambda: load_record(V2), runs)
    pair = median_seconds(lambda: diff_records(a, b), runs)
    print(f"load one record (baseline)        {load * 1e3:8.2f} ms")
    print(f"diff the seed pair                {pair * 1e3:8.2f} ms  {pair / load:6.1f}x load")
    for n in (10, 50):
        big_a, big_b = repeated(a, n), repeated(b, n)
        facts = sum(len(getattr(big_a, kind)) for kind in FACT_KINDS)
        took = median_seconds(functools.partial(diff_records, big_a, big_b), runs)
        print(
            f"diff seed x{n:<3} ({len(big_a.text):,} chars, {facts} facts) "
            f"{took * 1e3:8.2f} ms  {took / load:6.1f}x load"
        )

    start_up = median_seconds(lambda: run_quiet([EDZ, "--version"]), runs)
    one = median_seconds(lambda: run_quiet([EDZ, "diff", str(V1), str(V2)]), runs)
    with tempfile.TemporaryDirectory() as tmp:
        folder_a, folder_b = Path(tmp, "a"), Path(tmp, "b")
        folder_a.mkdir()
        folder_b.mkdir()
        for i in range(1000):
            shutil.copy(V1, folder_a / f"{i:04d}.txt.json")
            shutil.copy(V2 if i % 10 == 0 else V1, folder_b / f"{i:04d}.txt.json")
        folders = median_seconds(
            lambda: run_quiet([EDZ, "diff", str(folder_a), str(folder_b)]), runs
        )
    print(f"edz --version (baseline)          {start_up * 1e3:8.0f} ms")
    print(f"edz diff seed pair                {one * 1e3:8.0f} ms  {one / start_up:6.2f}x")
    print(
        f"edz diff 1000-pair folders        {folders * 1e3:8.0f} ms  {folders / start_up:6.2f}x"
        "  (100 pairs differ)"
    )


if __name__ == "__main__":
    main()
