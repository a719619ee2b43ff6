"""Entity benchmark: precision, recall and F1 of ``edz_entities`` over fixtures/entities.

Gold mentions are marked inline in each article (see fixtures/entities/README.md). A predicted
mention counts when its span is exactly a gold span ("label-agnostic") and, for the labelled
score, when its label matches too. Scores are micro-averaged over mentions, for the dev
articles (used while writing the rules), the held-out ones and all together. Canonical forms
are scored separately, over the mentions whose gold gives one.

Two more tables score the distinct entity texts of whole articles, as
``../shared/edz-real/score.py`` does (its own normalisation is imported: no leading
"the", no trailing "'s"):

- real EDZ articles: the gold of ``--real-gold`` files (default: the shared set and
  ``bench/real/gold.jsonl``), texts in ``--real-texts`` (default ``.cache/real``), ids of
  ``--exclude`` left out (default ``bench/real/test-ids.txt``, the held-out test part), the
  cut-off last sentence not scored;
- general news: ``bench/entities_news.jsonl``, 20 pages of the article-extraction benchmark
  annotated by hand (facts only: page id and entities), run as plain text from the
  benchmark's ``ground-truth.json`` bodies. Precision matters most there (target 0.95).

    .venv/bin/python bench/entities.py [--errors] [--split dev|heldout|all]
    .venv/bin/python bench/entities.py --time   # also median time per article (5 runs)
    .venv/bin/python bench/entities.py --only real,news [--errors]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import statistics
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import yaml

from extractor.record import EntityCategory, EntityLabel

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SHARED  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "fixtures" / "entities"
MARK = re.compile(r"\[\[([^\]|]+)\|([A-Z]+)/([a-z]+)(?:\|([^\]]+))?\]\]")
# The record's own label and category names, so gold and model cannot drift apart.
LABELS = set(get_args(EntityLabel))
CATEGORIES = set(get_args(EntityCategory))


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    label: str
    category: str | None
    canonical: str | None


@dataclass(frozen=True)
class Article:
    id: str
    split: str
    style: str
    text: str
    gold: tuple[Mention, ...]


def parse_marked(marked: str) -> tuple[str, tuple[Mention, ...]]:
    """Article text and gold mentions from ``[[surface|LABEL/category|canonical]]`` markup."""
    out: list[str] = []
    gold: list[Mention] = []
    pos = 0
    length = 0
    for m in MARK.finditer(marked):
        out.append(marked[pos : m.start()])
        length += m.start() - pos
        surface, label, category, canonical = m.groups()
        if label not in LABELS or category not in CATEGORIES:
            raise ValueError(f"bad label/category in {m.group(0)!r}")
        gold.append(Mention(length, length + len(surface), surface, label, category, canonical))
        out.append(surface)
        length += len(surface)
        pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    if "[[" in text or "]]" in text:
        raise ValueError("unbalanced entity markup")
    return text, tuple(gold)


def load_articles(directory: Path = GOLD_DIR) -> list[Article]:
    articles = []
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        text, gold = parse_marked(data["text"])
        articles.append(Article(data["id"], data["split"], data.get("style", ""), text, gold))
    return articles


def predict(text: str) -> tuple[Mention, ...]:
    from extractor import extract

    record = extract(text, format="plain")
    return tuple(
        Mention(e.start, e.end, e.text, e.label, e.category, e.canonical) for e in record.entities
    )


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[tuple[object, ...]], pred: set[tuple[object, ...]]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(
    articles: Iterable[Article], *, show_errors: bool = False
) -> dict[str, Score | list[int]]:
    spans, labelled, categories = Score(), Score(), Score()
    canon_ok = canon_total = 0
    for art in articles:
        pred = predict(art.text)
        spans.add({(g.start, g.end) for g in art.gold}, {(p.start, p.end) for p in pred})
        labelled.add(
            {(g.start, g.end, g.label) for g in art.gold},
            {(p.start, p.end, p.label) for p in pred},
        )
        categories.add(
            {(g.start, g.end, g.label, g.category) for g in art.gold},
            {(p.start, p.end, p.label, p.category) for p in pred},
        )
        by_span = {(p.start, p.end): p for p in pred}
        for g in art.gold:
            if g.canonical is not None:
                canon_total += 1
                p = by_span.get((g.start, g.end))
                canon_ok += p is not None and p.canonical == g.canonical
        if show_errors:
            gold_keys = {(g.start, g.end, g.label, g.category): g for g in art.gold}
            pred_keys = {(p.start, p.end, p.label, p.category): p for p in pred}
            for key in sorted(gold_keys.keys() - pred_keys.keys()):
                print(f"  {art.id}: missed {gold_keys[key].text!r} {key[2]}/{key[3]}")
            for key in sorted(pred_keys.keys() - gold_keys.keys()):
                print(f"  {art.id}: extra  {pred_keys[key].text!r} {key[2]}/{key[3]}")
    return {
        "label-agnostic": spans,
        "with labels": labelled,
        "with categories": categories,
        "canonical": [canon_ok, canon_total],
    }


def time_per_article(texts: list[str], runs: int = 5) -> str:
    """Median time per article of the blank pipeline with and without ``edz_entities``."""
    from extractor.nlp import get_pipeline

    nlp = get_pipeline()
    setups = {
        "tokenizer+sentencizer (baseline)": ["sentencizer"],
        "baseline + edz_entities": ["sentencizer", "edz_entities"],
        "full pipeline": [name for name in nlp.pipe_names],
    }
    medians: dict[str, float] = {}
    for label, enabled in setups.items():
        with nlp.select_pipes(enable=enabled):
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                for text in texts:
                    nlp(text)
                times.append(time.perf_counter() - t0)
        medians[label] = statistics.median(times) / len(texts) * 1000
    base = medians["tokenizer+sentencizer (baseline)"]
    lines = [f"time per article, median of {runs} runs over {len(texts)} articles:"]
    for label, ms in medians.items():
        lines.append(f"  {label:34} {ms:7.3f} ms  ({ms / base:4.1f}x baseline)")
    return "\n".join(lines)


REAL_DIR = SHARED / "edz-real"
NEWS_GOLD = ROOT / "bench" / "entities_news.jsonl"
NEWS_BODIES = SHARED / "bench" / "article-extraction" / "ground-truth.json"


def _score_module(real_dir: Path) -> Any:
    """The real-article scorer itself, so both tables normalise exactly as it does."""
    spec = importlib.util.spec_from_file_location("edz_real_score", real_dir / "score.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(real_dir / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read_jsonl(paths: Iterable[Path]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            out += [json.loads(line) for line in fh if line.strip()]
    return out


def _set_scores(
    pairs: Iterable[tuple[str, str, list[dict[str, Any]], list[dict[str, Any]]]],
    norm: Any,
    *,
    show_errors: bool,
) -> tuple[Score, Score]:
    """(label-agnostic, labelled) scores of ``(id, text, gold, predicted)`` entity lists."""
    plain, labelled = Score(), Score()
    for art_id, _text, gold, pred in pairs:
        g = {(norm(e["text"]), e["label"]) for e in gold}
        p = {(norm(e["text"]), e["label"]) for e in pred}
        plain.add({t for t, _ in g}, {t for t, _ in p})
        labelled.add(g, p)
        if show_errors:
            g_text, p_text = {t for t, _ in g}, {t for t, _ in p}
            for t in sorted(g_text - p_text):
                print(f"  {art_id[:24]}: missed {t!r}")
            for t in sorted(p_text - g_text):
                print(f"  {art_id[:24]}: extra  {t!r} {[lb for x, lb in p if x == t]}")
            for t, lb in sorted(g - p):
                if t in p_text:
                    print(f"  {art_id[:24]}: label  {t!r} gold {lb}")
    return plain, labelled


def real_pairs(
    gold_files: list[Path], texts: Path, exclude: set[str], score_mod: Any
) -> Iterator[tuple[str, str, list[dict[str, Any]], list[dict[str, Any]]]]:
    from extractor import extract_file

    for g in _read_jsonl(gold_files):
        path = texts / f"{g['id']}.txt"
        if g["id"] in exclude or not path.exists():
            continue
        record = extract_file(path)
        cut = score_mod.cut_point(record.text)
        pred = [e.model_dump() for e in record.entities if e.start < cut]
        yield g["id"], record.text, g["entities"], pred


def news_pairs() -> Iterator[tuple[str, str, list[dict[str, Any]], list[dict[str, Any]]]]:
    from extractor import extract

    bodies = json.loads(NEWS_BODIES.read_text(encoding="utf-8"))
    for g in _read_jsonl([NEWS_GOLD]):
        record = extract(bodies[g["id"]]["articleBody"], format="plain")
        yield g["id"], record.text, g["entities"], [e.model_dump() for e in record.entities]


def _print_set_table(name: str, n: int, plain: Score, labelled: Score) -> None:
    print(
        f"{name:8} {n:8} {plain.tp + plain.fn:5}  {'label-agnostic':16} "
        f"{plain.precision:6.3f} {plain.recall:6.3f} {plain.f1:6.3f}"
    )
    print(
        f"{name:8} {n:8} {labelled.tp + labelled.fn:5}  {'with labels':16} "
        f"{labelled.precision:6.3f} {labelled.recall:6.3f} {labelled.f1:6.3f}"
    )


def set_tables(args: argparse.Namespace) -> None:
    """The real-EDZ and general-news tables (distinct entity texts per article)."""
    score_mod = _score_module(args.real_dir)
    print(f"{'set':8} {'articles':>8} {'gold':>5}  {'score':16} {'P':>6} {'R':>6} {'F1':>6}")
    if "real" in args.only:
        own_gold = ROOT / "bench" / "real" / "gold.jsonl"
        gold_files = args.real_gold or [args.real_dir / "gold.jsonl", own_gold]
        exclude: set[str] = set()
        for path in args.exclude:
            exclude |= set(Path(path).read_text(encoding="utf-8").split())
        pairs = list(real_pairs(gold_files, args.real_texts, exclude, score_mod))
        plain, labelled = _set_scores(pairs, score_mod.norm_ent, show_errors=args.errors)
        _print_set_table("real", len(pairs), plain, labelled)
    if "news" in args.only:
        pairs = list(news_pairs())
        plain, labelled = _set_scores(pairs, score_mod.norm_ent, show_errors=args.errors)
        _print_set_table("news", len(pairs), plain, labelled)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--errors", action="store_true", help="list every missed and extra mention")
    ap.add_argument("--split", choices=["dev", "heldout", "blind", "blind2", "all"], default=None)
    ap.add_argument("--time", action="store_true", help="time the extraction (median of 5)")
    ap.add_argument(
        "--only",
        default="fixtures,real,news",
        help="comma-separated tables: fixtures, real (EDZ articles), news (general news)",
    )
    ap.add_argument("--real-dir", type=Path, default=REAL_DIR, help="holds score.py, gold.jsonl")
    ap.add_argument("--real-gold", type=Path, action="append", default=[], help="gold files")
    ap.add_argument("--real-texts", type=Path, default=ROOT / ".cache/real")
    ap.add_argument(
        "--exclude",
        action="append",
        default=[ROOT / "bench/real/test-ids.txt"],
        help="files of article ids to leave out (the held-out test part)",
    )
    args = ap.parse_args(argv)
    args.only = set(args.only.split(","))
    if args.only & {"real", "news"}:
        set_tables(args)
    if "fixtures" not in args.only:
        return 0
    articles = load_articles()
    if not articles:
        print("no articles in", GOLD_DIR, file=sys.stderr)
        return 1
    splits = [args.split] if args.split else ["dev", "heldout", "blind", "blind2", "all"]
    print(f"{'split':8} {'articles':>8} {'gold':>5}  {'score':16} {'P':>6} {'R':>6} {'F1':>6}")
    for split in splits:
        chosen = [a for a in articles if split == "all" or a.split == split]
        results = score(chosen, show_errors=args.errors and split != "all")
        n_gold = sum(len(a.gold) for a in chosen)
        for name, s in results.items():
            if isinstance(s, Score):
                print(
                    f"{split:8} {len(chosen):8} {n_gold:5}  {name:16} "
                    f"{s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
                )
            else:
                ok, total = s
                print(f"{split:8} {len(chosen):8} {n_gold:5}  {name:16} {ok}/{total} correct")
    if args.time:
        print(time_per_article([a.text for a in articles]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
