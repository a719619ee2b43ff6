"""Long fuzzing of the single-document path (issue 9): hypothesis with a long budget, then
atheris (coverage-guided, libFuzzer) when it is installed.

    .venv/bin/python bench/fuzz.py                      # 2,000 examples a property + 120 s atheris
    .venv/bin/python bench/fuzz.py --examples 20000 --atheris-seconds 0

1. Hypothesis: runs the properties of tests/test_properties.py (no exception but EdzError
   escapes ``extract``; every fact has ``text[start:end] == fact.text``, sorted; the record
   validates against the schema; byte-identical output on a second run; decoding round-trips)
   with ``EDZ_HYPOTHESIS_EXAMPLES`` examples each instead of the test run's 50.
2. Atheris (``pip install atheris``; not a project dependency): feeds coverage-guided bytes to
   ``extract`` in every format, starting from a corpus of the seeds and fixtures copied to a
   temporary folder, and checks the same invariants. A crash or an input over 10 s leaves a
   ``crash-*`` or ``timeout-*`` file in the current folder and the command exits non-zero.

Prints, for each part, the number of inputs tried, the wall time and the rate.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("auto", "html", "text", "plain")


def run_hypothesis(examples: int) -> int:
    env = {**os.environ, "EDZ_HYPOTHESIS_EXAMPLES": str(examples)}
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        str(ROOT / "tests" / "test_properties.py"),
        "-q",
        "-p",
        "no:cacheprovider",
        "--hypothesis-show-statistics",
    ]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    tried = sum(int(n) for n in re.findall(r"(\d+) passing", proc.stdout))
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr[-500:]
    print(f"hypothesis: {tried} examples in {wall:.1f} s ({tried / wall:.0f}/s): {summary}")
    if proc.returncode != 0:
        print(proc.stdout[-6000:])
    return proc.returncode


# --- atheris ------------------------------------------------------------------------------------


# Small hostile pages beside the seeds and fixtures, so mutation starts near the edge cases.
EXTRA_SEEDS = (
    '<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body><p>a &x; b</p>',
    "<html><head><meta charset=gbk><title>T</title></head><body><article><p>The zone "
    "invested 100 billion yuan in 2021, up 64.2 percent.</p></article></body></html>",
    "<div><div><div><font><b><p>More than 1,500 companies by 2025<!-- open",
    '<frameset><frame src="a"><noframes><p>Binhai New Area, 206 institutions</p>',
    "Home > Media Center > EDZ News\nBinhai speeds up growth |\nUpdated: Sept 07, 2021\n\n"
    "Tens of billions of yuan ($15.44 billion) went to TEDA in 2020.\n",
)


def _fuzz_one(data: bytes) -> None:
    """One atheris input: the first byte picks the format, the rest is the page."""
    from extractor import extract
    from extractor.errors import EdzError
    from extractor.record import FACT_KINDS

    if not data:
        return
    fmt = FORMATS[data[0] % len(FORMATS)]
    try:
        record = extract(data[1:], format=fmt)
    except EdzError:
        return
    out = record.to_json()
    for kind in FACT_KINDS:
        previous = -1
        for fact in getattr(record, kind):
            assert 0 <= fact.start < fact.end <= len(record.text), (kind, fact)
            assert record.text[fact.start : fact.end] == fact.text, (kind, fact)
            assert fact.start >= previous, (kind, fact)
            previous = fact.start
    assert extract(data[1:], format=fmt).to_json() == out, "output differs between runs"


def atheris_child(seconds: int, corpus: str) -> None:
    """Runs inside the child process: set up atheris and fuzz until the time is up."""
    import atheris  # type: ignore[import-not-found,unused-ignore]

    with atheris.instrument_imports(include=["extractor"]):
        import extractor.api  # noqa: F401
        import extractor.clean.page  # noqa: F401
        import extractor.facts  # noqa: F401
    from extractor.nlp import get_pipeline

    get_pipeline()  # built before fuzzing starts, not counted against an input
    argv = [sys.argv[0], f"-max_total_time={seconds}", "-max_len=20000", "-timeout=10", corpus]
    atheris.Setup(argv, _fuzz_one)
    atheris.Fuzz()


def run_atheris(seconds: int) -> int:
    try:
        import atheris  # type: ignore[import-not-found,unused-ignore]  # noqa: F401
    except ImportError:
        print("atheris: not installed (`.venv/bin/pip install atheris`); skipped")
        return 0
    with tempfile.TemporaryDirectory(prefix="edz-fuzz-") as corpus:
        sources = sorted((ROOT / "seeds").glob("*")) + sorted(
            p
            for p in (ROOT / "fixtures").rglob("*")
            if p.is_file() and p.suffix in {".html", ".htm", ".txt"} and "expected" not in p.parts
        )
        seeds = [path.read_bytes()[:20000] for path in sources] + [s.encode() for s in EXTRA_SEEDS]
        for i, data in enumerate(seeds):
            (Path(corpus) / f"seed-{i}").write_bytes(bytes([i % len(FORMATS)]) + data)
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, __file__, "--atheris-child", str(seconds), corpus],
            cwd=os.getcwd(),
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - started
    runs = re.findall(r"#(\d+)\s+DONE", proc.stderr) or re.findall(r"#(\d+)\s", proc.stderr)
    tried = int(runs[-1]) if runs else 0
    status = "no failure" if proc.returncode == 0 else f"FAILED (exit {proc.returncode})"
    print(
        f"atheris: {tried} inputs in {wall:.1f} s ({tried / wall:.0f}/s), "
        f"corpus seeded with {len(seeds)} inputs: {status}"
    )
    if proc.returncode != 0:
        print(proc.stderr[-6000:])
    return proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=2000, help="hypothesis examples each")
    parser.add_argument("--atheris-seconds", type=int, default=120, help="0 skips atheris")
    parser.add_argument("--atheris-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.atheris_child:
        atheris_child(int(args.atheris_child[0]), args.atheris_child[1])
        return 0
    status = run_hypothesis(args.examples) if args.examples else 0
    if args.atheris_seconds:
        status |= run_atheris(args.atheris_seconds)
    return status


if __name__ == "__main__":
    sys.exit(main())
