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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EDZ_SHARED", ROOT.parent / "shared"))
ARTICLES = SHARED / "bench" / "article-extraction"
RECOGNIZERS = SHARED / "bench" / "recognizers"

# Runs a command and reports its wall time and the peak RSS of the whole child
# process tree it waited for, so the measurement is of one whole process.
_MEASURE = r"""
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t0
rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rc": proc.returncode, "wall": wall, "rss_mb": rss_kb / 1024,
                  "stderr": proc.stderr.decode("utf-8", "replace")[-2000:]}))
"""


@dataclass
class Measure:
    wall: float
    rss_mb: float


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
    return Measure(wall=data["wall"], rss_mb=data["rss_mb"])


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
