"""Per-stage timings of the pipeline in one process, for performance work.

Times, as the median of ``--runs`` runs (time.perf_counter around each stage, not a
profiler: cProfile inflates Python-level token iteration several times):

- ``fresh``: in a new process each run, after ``import spacy``: importing the API,
  ``get_pipeline()`` (imports of the fact modules, spacy.blank, every component), and
  the first document (the seed, cleaned and run through the pipeline): what every
  ``edz extract`` start-up pays beyond spaCy's own import;
- ``build``: each component's construction (``nlp.add_pipe``) and the whole
  ``build_pipeline()`` in this process (spaCy's import excluded, it happens once before;
  the gazetteer is read once per process, so these are the costs of a rebuild);
- ``clean``: ``clean(bytes, format="html")`` over every page;
- ``tokenize``: ``nlp.make_doc`` over the cleaned bodies;
- all pipeline components in a row over the tokenized docs (what ``nlp(text)`` adds
  to tokenizing), then each component alone, in pipeline order (each runs on fresh
  copies of the docs the earlier components filled; a copy keeps what the doc carries,
  such as its text object with the lower-cased text, so the first component to need
  it, money, pays for building it, as in the pipeline).

Pages are the ``*.html`` (or ``*.html.gz``) files of ``--pages`` (default:
``../shared/bench/article-extraction/html``). Usage:
``.venv/bin/python bench/stages.py [--runs 5] [--only clean,build,facts]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import ARTICLES, ROOT  # noqa: E402


def _pages(folder: Path) -> list[bytes]:
    out = []
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".html"):
            out.append(path.read_bytes())
        elif path.name.endswith(".html.gz"):
            out.append(gzip.decompress(path.read_bytes()))
    return out


def _median(fn: Callable[[], object], runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times), max(times)


def _row(name: str, t: tuple[float, float, float]) -> None:
    print(f"{name:<22} {t[0]:8.3f} {t[1]:8.3f} {t[2]:8.3f}")


_FRESH = """
import json, sys, time
import spacy
t0 = time.perf_counter()
import extractor.api
from extractor.clean import clean
from extractor.nlp import get_pipeline
t1 = time.perf_counter()
nlp = get_pipeline()
t2 = time.perf_counter()
nlp(clean(open(sys.argv[1], "rb").read(), format="auto").text)
t3 = time.perf_counter()
print(json.dumps([t1 - t0, t2 - t1, t3 - t2]))
"""


def _fresh(runs: int) -> None:
    seed = ROOT / "seeds" / "000_5ec9a3103d8d2515.txt"
    rows: list[list[float]] = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _FRESH, str(seed)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        rows.append(json.loads(out.stdout))
    names = ["fresh: import api", "fresh: get_pipeline", "fresh: first document"]
    for k, name in enumerate(names):
        values = [row[k] for row in rows]
        _row(name, (min(values), statistics.median(values), max(values)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pages", type=Path, default=ARTICLES / "html")
    ap.add_argument("--only", default="fresh,build,clean,facts")
    args = ap.parse_args()
    stages = set(args.only.split(","))
    if not args.pages.is_dir():
        print(f"no pages at {args.pages}: nothing to time")
        return 0
    import spacy

    from extractor.clean import clean
    from extractor.facts.base import FACT_COMPONENTS
    from extractor.nlp import _register_components, build_pipeline

    _register_components()
    pages = _pages(args.pages)
    print(f"{len(pages)} pages, {args.runs} runs; seconds: min median max")
    print(f"{'stage':<22} {'min':>8} {'median':>8} {'max':>8}")
    if "fresh" in stages:
        _fresh(args.runs)
    if "build" in stages:
        for factory in ["edz_sentences", *FACT_COMPONENTS.values()]:
            nlp = spacy.blank("en")

            def add(nlp: spacy.Language = nlp, factory: str = factory) -> None:
                nlp.add_pipe(factory, name=f"{factory}_{time.perf_counter_ns()}")

            _row(f"build {factory}", _median(add, args.runs))
        _row("build_pipeline", _median(build_pipeline, args.runs))
    texts = [clean(page, format="html").text for page in pages]
    if "clean" in stages:
        _row("clean", _median(lambda: [clean(p, format="html") for p in pages], args.runs))
    if "facts" in stages:
        nlp = build_pipeline()
        print(f"  ({sum(len(t.split()) for t in texts)} words)")
        _row("tokenize", _median(lambda: [nlp.make_doc(t) for t in texts], args.runs))
        docs = [nlp.make_doc(t) for t in texts]
        copies = [[d.copy() for d in docs] for _ in range(args.runs)]
        it = iter(copies)

        def run_all(it: object = it) -> None:
            for d in next(it):  # type: ignore[call-overload]
                for _, proc in nlp.pipeline:
                    proc(d)

        _row("all components", _median(run_all, args.runs))
        for name, proc in nlp.pipeline:
            # Each run works on copies so a component never sees its own output.
            copies = [[d.copy() for d in docs] for _ in range(args.runs)]
            it = iter(copies)

            def run(proc: Callable[..., object] = proc, it: object = it) -> None:
                for d in next(it):  # type: ignore[call-overload]
                    proc(d)

            _row(name, _median(run, args.runs))
            docs = [proc(d) for d in docs]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
