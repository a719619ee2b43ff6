"""Two versions of ``edz`` over the same pages, run alternately: which one is faster.

Runs ``EDZ extract --jsonl --jobs J --format html PAGES`` for each version in turn (A, B,
A, B, ...; the order flips every round so neither always runs second), ``--runs`` times
each for every ``--jobs`` value, and prints the medians of wall time and of CPU time
(user + sys of the command and all its worker processes, from ``getrusage`` of the
children) and the ratio B / A of the medians. On a machine shared with other work, CPU
time is the steadier figure; wall time with two workers also counts the time a worker
waits for a CPU.

The outputs of the first round are compared byte for byte and a difference is reported
(a speed change must not change a record).

``--bytecode``: with the modules' compiled bytecode cached (in a temporary folder, made by
one run of each version first), as in an installed package. Without it, the environment
decides: where ``PYTHONDONTWRITEBYTECODE`` is set and the source tree holds no
``__pycache__``, every run compiles every module it imports from source (~0.07 s here).

    python bench/compare.py BASE_EDZ OUR_EDZ [--runs 5] [--jobs 1,2] [--pages DIR] [--bytecode]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import ARTICLES  # noqa: E402


def pages_of(folder: Path) -> list[str]:
    names = [p for p in sorted(folder.iterdir()) if p.name.endswith((".html", ".html.gz"))]
    return [str(p) for p in names]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(
    edz: str, jobs: int, pages: list[str], env: dict[str, str] | None = None
) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds and the sha256 of the output of one run."""
    command = [edz, "extract", "--jsonl", "--jobs", str(jobs), "--format", "html", *pages]
    cpu0, wall0 = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, env=env)
    wall, cpu = time.perf_counter() - wall0, _children_cpu() - cpu0
    if done.returncode not in (0, 1):
        raise SystemExit(f"{edz} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return wall, cpu, hashlib.sha256(done.stdout).hexdigest()


def compare(
    edzs: list[str], jobs: int, pages: list[str], runs: int, env: dict[str, str] | None = None
) -> None:
    walls: list[list[float]] = [[], []]
    cpus: list[list[float]] = [[], []]
    digests: list[str] = ["", ""]
    for k in range(runs):
        order = [0, 1] if k % 2 == 0 else [1, 0]
        for i in order:
            wall, cpu, digest = run_once(edzs[i], jobs, pages, env)
            walls[i].append(wall)
            cpus[i].append(cpu)
            digests[i] = digests[i] or digest
    for i, name in enumerate("AB"):
        print(
            f"--jobs {jobs} {name}: wall median {statistics.median(walls[i]):.3f} s "
            f"(min {min(walls[i]):.3f}, max {max(walls[i]):.3f}); CPU median "
            f"{statistics.median(cpus[i]):.3f} s (min {min(cpus[i]):.3f}, max {max(cpus[i]):.3f})"
        )
    wall_ratio = statistics.median(walls[1]) / statistics.median(walls[0])
    cpu_ratio = statistics.median(cpus[1]) / statistics.median(cpus[0])
    same = "outputs the same" if digests[0] == digests[1] else "outputs differ"
    print(f"--jobs {jobs} B/A: wall {wall_ratio:.3f}, CPU {cpu_ratio:.3f}; {same}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("base", help="the edz executable to compare against (A)")
    ap.add_argument("ours", help="the edz executable measured (B)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--jobs", default="1,2", help="comma-separated --jobs values")
    ap.add_argument("--pages", type=Path, default=ARTICLES / "html")
    ap.add_argument("--bytecode", action="store_true", help="with compiled bytecode cached")
    args = ap.parse_args()
    if not args.pages.is_dir():
        print(f"no pages at {args.pages}: nothing to compare")
        return 0
    pages = pages_of(args.pages)
    edzs = [os.path.abspath(args.base), os.path.abspath(args.ours)]
    print(f"A = {edzs[0]}\nB = {edzs[1]}\n{len(pages)} pages, {args.runs} runs each, alternated")
    with tempfile.TemporaryDirectory(prefix="edz-bytecode-") as cache:
        env = None
        if args.bytecode:
            env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            env["PYTHONPYCACHEPREFIX"] = cache
            for edz in edzs:  # writes the bytecode of every module a run imports
                run_once(edz, 1, pages[:1], env)
            print("with compiled bytecode cached")
        for jobs in (int(j) for j in args.jobs.split(",")):
            compare(edzs, jobs, pages, args.runs, env)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
