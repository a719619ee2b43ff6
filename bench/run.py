"""Every stage of the pipeline, measured the same way, in one table.

Each stage runs as a whole process over the 181 pages of
../shared/bench/article-extraction, ``--runs`` times; the table gives min/median/max
pages/s, words/s (words of the clean body text), the peak RSS of the largest process,
the peak memory of all its processes (sum of PSS, sampled every 0.1 s: worker processes
included, shared pages counted once), and the ratio of medians against each anchor that
is installed, measured in the same run:

    stage     ours                                   anchor(s)
    clean     extractor.clean over the raw pages     trafilatura text extraction
    facts     pipeline + facts over the clean texts  en_core_web_sm over the same texts
    pipeline  edz extract --jsonl --format html      trafilatura; trafilatura + en_core_web_sm
              (default: one worker per CPU) and the same with --jobs 1 (one process)
    batch     edz batch --jobs N                     edz batch --jobs 1

The commands of a stage run interleaved (run 1 of each, run 2 of each, ...), so a
change in the load of a shared machine falls on ours and the anchors alike.

With ``--quality`` it also runs the accuracy benchmarks (bench/clean.py for F1 against the
ground truth, bench/facts.py against Recognizers-Text, bench/entities.py against
fixtures/entities) and prints their reports.

    python bench/run.py [--runs 5] [--quality]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    ROOT,
    STAT_HEADER,
    TRAFILATURA,
    TRAFILATURA_SPACY,
    stat_cells,
    table,
    timed,
    unpacked_articles,
)

CLEAN = r"""
import sys
from extractor.clean import clean
for path in sys.argv[1:]:
    with open(path, "rb") as fh:
        clean(fh.read(), format="html")
"""

FACTS = r"""
import json, sys
from extractor.api import _facts
from extractor.nlp import get_pipeline
nlp = get_pipeline()
for text in json.load(open(sys.argv[1], encoding="utf-8")):
    _facts(nlp(text))
"""

SPACY_SM = r"""
import json, sys, spacy
nlp = spacy.load("en_core_web_sm")
for text in json.load(open(sys.argv[1], encoding="utf-8")):
    [(e.text, e.label_) for e in nlp(text).ents]
"""


def python(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


def edz(*args: str) -> list[str]:
    return [sys.executable, "-m", "extractor", *args]


Stage = tuple[str, dict[str, list[str]], dict[str, list[str]]]


def build_stages(
    files: list[str], texts_file: Path, tmp: Path, out_dir: Path, jobs: int
) -> tuple[list[str], list[Stage]]:
    """Per stage: our command(s), then the anchors each of ours is compared with."""
    have_trafilatura = importlib.util.find_spec("trafilatura") is not None
    have_sm = importlib.util.find_spec("en_core_web_sm") is not None
    skipped = []
    if not have_trafilatura:
        skipped.append("trafilatura not installed (pip install '.[bench]')")
    if not have_sm:
        skipped.append("en_core_web_sm not installed: no spaCy-model anchors")
    trafilatura = {"trafilatura": python(TRAFILATURA, *files)} if have_trafilatura else {}
    stages: list[Stage] = [
        ("clean", {"extractor.clean": python(CLEAN, *files)}, trafilatura),
        (
            "facts",
            {"pipeline + facts": python(FACTS, str(texts_file))},
            {"en_core_web_sm": python(SPACY_SM, str(texts_file))} if have_sm else {},
        ),
        (
            "pipeline",
            {
                # The default: worker processes from 8 files on, one per CPU.
                "edz extract --jsonl": edz("extract", "--jsonl", "--format", "html", *files),
                "edz extract --jsonl --jobs 1": edz(
                    "extract", "--jsonl", "--jobs", "1", "--format", "html", *files
                ),
            },
            {
                **trafilatura,
                **(
                    {"trafilatura + en_core_web_sm": python(TRAFILATURA_SPACY, *files)}
                    if have_trafilatura and have_sm
                    else {}
                ),
            },
        ),
        (
            "batch",
            {
                f"edz batch --jobs {jobs}": edz(
                    "batch", str(tmp), str(out_dir), "--jobs", str(jobs), "--quiet"
                )
            },
            {"edz batch --jobs 1": edz("batch", str(tmp), str(out_dir), "--jobs", "1", "--quiet")},
        ),
    ]
    return skipped, stages


def measure(
    stages: list[Stage], runs: int, pages: int, n_words: int, out_dir: Path
) -> list[list[str]]:
    """Table rows: each of our commands with its ratio to every anchor of its stage."""

    def fresh_out() -> None:
        # a rerun would skip the records already written, so each run starts empty
        shutil.rmtree(out_dir, ignore_errors=True)

    rows = []
    for stage, ours, anchors in stages:
        setup = fresh_out if stage == "batch" else None
        measured = timed({**ours, **anchors}, runs, pages, n_words, setup)
        labelled = []
        for name in ours:
            ratios = ", ".join(
                f"{measured[name]['pages_s'][1] / measured[a]['pages_s'][1]:.2f}x {a}"
                for a in anchors
            )
            labelled.append((name, measured[name], ratios or "-"))
        labelled += [(f"  anchor: {a}", measured[a], "") for a in anchors]
        for i, (label, m, ratio) in enumerate(labelled):
            rows.append([stage if i == 0 else "", label, *stat_cells(m), ratio])
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per command (default 5)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="batch workers")
    parser.add_argument("--quality", action="store_true", help="also run the accuracy benchmarks")
    args = parser.parse_args()

    data = unpacked_articles()
    if data is None:
        print("skipped: ../shared/bench/article-extraction is absent; nothing to measure")
        return 0
    tmp, paths = data
    files = [str(p) for p in paths]
    pages = len(paths)

    from extractor.clean import clean

    texts = [clean(p.read_bytes(), format="html").text for p in paths]
    n_words = sum(len(t.split()) for t in texts)
    texts_file = tmp / "texts.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")

    out_dir = Path(tempfile.mkdtemp(prefix="edz-bench-out-"))
    skipped, stages = build_stages(files, texts_file, tmp, out_dir, args.jobs)
    rows = measure(stages, args.runs, pages, n_words, out_dir)

    print(
        f"{pages} pages, {n_words:,} words of clean text, {args.runs} runs each, whole processes\n"
    )
    print(
        table(
            ["stage", "command", *STAT_HEADER, "ours / anchor (medians)"],
            rows,
        )
    )
    for note in skipped:
        print(f"skipped: {note}")

    if args.quality:
        for script in ("clean.py", "facts.py", "entities.py"):
            print(f"\n== bench/{script}")
            sys.stdout.flush()
            subprocess.run([sys.executable, str(ROOT / "bench" / script)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
