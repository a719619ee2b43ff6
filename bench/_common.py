"""Shared benchmark plumbing: where the public data is, timing whole processes, tables."""

from __future__ import annotations

import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EDZ_SHARED", ROOT.parent / "shared"))
ARTICLES = SHARED / "bench" / "article-extraction"
RECOGNIZERS = SHARED / "bench" / "recognizers"

# The anchors users would assemble themselves, as scripts run with ``python -c``
# over page paths: trafilatura's text extraction, and the same followed by
# spaCy's en_core_web_sm for entities.
TRAFILATURA = r"""
import sys, trafilatura
for path in sys.argv[1:]:
    with open(path, encoding="utf-8", errors="replace") as fh:
        trafilatura.extract(fh.read())
"""

TRAFILATURA_SPACY = r"""
import sys, spacy, trafilatura
nlp = spacy.load("en_core_web_sm")
for path in sys.argv[1:]:
    with open(path, encoding="utf-8", errors="replace") as fh:
        text = trafilatura.extract(fh.read()) or ""
    [(e.text, e.label_) for e in nlp(text).ents]
"""


# Runs a command and reports its wall time, the peak RSS of the largest process
# it waited for (getrusage), and the peak memory of the whole process tree: the
# sum of every process's PSS (shared pages counted once, split among the
# processes sharing them), sampled every 0.1 s, so that a command with worker
# processes is not measured by its largest process alone.
_MEASURE = r"""
import json, resource, subprocess, sys, tempfile, time

def tree_pss_kb(pid):
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                total += sum(int(l.split()[1]) for l in fh if l.startswith("Pss:"))
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            pass
    return total

t0 = time.perf_counter()
err = tempfile.TemporaryFile()  # a pipe could fill up while we sample
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=err)
peak_pss = 0
while True:
    try:
        proc.wait(timeout=0.1)
        break
    except subprocess.TimeoutExpired:
        peak_pss = max(peak_pss, tree_pss_kb(proc.pid))
wall = time.perf_counter() - t0
err.seek(0)
stderr = err.read()
rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rc": proc.returncode, "wall": wall, "rss_mb": rss_kb / 1024,
                  "tree_mb": peak_pss / 1024,
                  "stderr": stderr.decode("utf-8", "replace")[-2000:]}))
"""


@dataclass
class Measure:
    wall: float
    rss_mb: float  # peak RSS of the largest process
    tree_mb: float = 0.0  # peak sum of PSS over the process tree (0: not sampled)


def measure(cmd: Sequence[str], *, env: dict[str, str] | None = None) -> Measure:
    """Run ``cmd`` as a whole process; its wall time and peak RSS (MB)."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *cmd],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    data = json.loads(out.stdout)
    if data["rc"] != 0:
        raise RuntimeError(f"{cmd[0]} exited {data['rc']}: {data['stderr']}")
    return Measure(wall=data["wall"], rss_mb=data["rss_mb"], tree_mb=data["tree_mb"])


def timed(
    cmds: dict[str, list[str]],
    runs: int,
    pages: int,
    n_words: int,
    setup: Callable[[], None] | None = None,
) -> dict[str, dict]:
    """Each command ``runs`` times, interleaved (run 1 of each, then run 2 of each...),
    so that a change in the machine's load falls on all of them alike."""
    walls: dict[str, list[float]] = {k: [] for k in cmds}
    rss: dict[str, list[float]] = {k: [] for k in cmds}
    tree: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(runs):
        for key, cmd in cmds.items():
            if setup:
                setup()
            m = measure(cmd)
            walls[key].append(m.wall)
            rss[key].append(m.rss_mb)
            tree[key].append(m.tree_mb)
    return {
        key: {
            "pages_s": spread([pages / w for w in walls[key]]),
            "words_s": n_words / spread(walls[key])[1],
            "rss_mb": max(rss[key]),
            "tree_mb": max(tree[key]),
        }
        for key in cmds
    }


# The columns of a timed() result, as bench/run.py and bench/pipeline.py print them.
STAT_HEADER = ["pages/s min", "median", "max", "words/s", "peak RSS MB", "all processes MB"]


def stat_cells(m: dict) -> list[str]:
    """One timed() result as the cells under STAT_HEADER."""
    lo, med, hi = m["pages_s"]
    return [
        f"{lo:.1f}",
        f"{med:.1f}",
        f"{hi:.1f}",
        f"{m['words_s']:,.0f}",
        f"{m['rss_mb']:.0f}",
        f"{m['tree_mb']:.0f}",
    ]


def unpacked_articles(limit: int | None = None) -> tuple[Path, list[Path]] | None:
    """The benchmark pages, decompressed into a temporary folder (None if the data is absent)."""
    html_dir = ARTICLES / "html"
    if not html_dir.is_dir():
        return None
    tmp = Path(tempfile.mkdtemp(prefix="edz-bench-"))
    paths = []
    for gz in sorted(html_dir.glob("*.html.gz"))[:limit]:
        target = tmp / gz.name[: -len(".gz")]
        target.write_bytes(gzip.decompress(gz.read_bytes()))
        paths.append(target)
    return tmp, paths


def words(paths: Sequence[Path]) -> int:
    """Rough size of the input in words (whitespace-separated tokens of the raw pages)."""
    return sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in paths)


def spread(values: Sequence[float]) -> tuple[float, float, float]:
    return min(values), statistics.median(values), max(values)


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [list(map(str, header))] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = [
        "  ".join(
            c.rjust(w) if j else c.ljust(w) for j, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def timer() -> float:
    return time.perf_counter()
