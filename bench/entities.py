"""Entity benchmark: precision, recall and F1 of ``edz_entities`` over fixtures/entities.

Gold mentions are marked inline in each article (see fixtures/entities/README.md). A predicted
mention counts when its span is exactly a gold span ("label-agnostic") and, for the labelled
score, when its label matches too. Scores are micro-averaged over mentions, for the dev
articles (used while writing the rules), the held-out ones and all together. Canonical forms
are scored separately, over the mentions whose gold gives one.

    .venv/bin/python bench/entities.py [--errors] [--split dev|heldout|all]
    .venv/bin/python bench/entities.py --time   # also median time per article (5 runs)
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import yaml

from extractor.record import EntityCategory, EntityLabel

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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--errors", action="store_true", help="list every missed and extra mention")
    ap.add_argument("--split", choices=["dev", "heldout", "blind", "blind2", "all"], default=None)
    ap.add_argument("--time", action="store_true", help="time the extraction (median of 5)")
    args = ap.parse_args(argv)
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
