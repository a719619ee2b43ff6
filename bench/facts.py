"""Money and percentage accuracy against Microsoft Recognizers-Text's English spec files.

Runs ``extract(input, format="plain")`` over every ``Input`` of
``../shared/bench/recognizers/NumberWithUnit/English/CurrencyModel.json`` and
``Number/English/PercentModel.json`` and scores value-level precision, recall
and F1: a currency item matches on ISO 4217 code and amount, a percent item on
value (each gold item matches at most one prediction). Printed for

- "python-port cases": the cases Recognizers-Text's own Python port runs (no
  ``python`` in ``NotSupported``/``NotSupportedByDesign``), without cases that
  have a unit-only gold item (value null) or a unit with no ISO code ("Sen");
- "all cases": every case; gold items with a null value (unit-only mentions
  such as "dollar") are dropped, and units with no ISO code (Bitcoin, Sen)
  stay as gold we cannot match.

Gold units without an ISO code are mapped as the extractor reads them: a bare
``$`` / "Dollar" is USD, "Pound" GBP, "Franc" CHF, "Cent" 0.01 USD, "Pence" /
"Penny" 0.01 GBP (the spec gives "50 cents" as 50 Cent; we give 0.50 USD).

It also times the two finders (``find_money`` + ``find_percentages``) on all
the inputs joined into one text, against spaCy's blank English tokenizer on the
same text (the cheapest thing the pipeline does to every document), as medians
over ``--runs`` runs.

Usage: ``.venv/bin/python bench/facts.py [--errors] [--runs N]`` (``--errors``
prints every false positive / negative with its source case). Exits 0 and
prints a note when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import RECOGNIZERS, table  # noqa: E402
from extractor import extract  # noqa: E402
from extractor.facts.money import find_money  # noqa: E402
from extractor.facts.percentages import find_percentages  # noqa: E402

CURRENCY_FILE = RECOGNIZERS / "NumberWithUnit" / "English" / "CurrencyModel.json"
PERCENT_FILE = RECOGNIZERS / "Number" / "English" / "PercentModel.json"

# Gold unit (no isoCurrency given) -> (ISO code, factor to the major unit).
_UNIT_ISO: dict[str, tuple[str, Decimal]] = {
    "Dollar": ("USD", Decimal(1)),
    "Cent": ("USD", Decimal("0.01")),
    "Pound": ("GBP", Decimal(1)),
    "British pound": ("GBP", Decimal(1)),
    "Pence": ("GBP", Decimal("0.01")),
    "Penny": ("GBP", Decimal("0.01")),
    "Franc": ("CHF", Decimal(1)),
    "Peseta": ("ESP", Decimal(1)),
    "Finnish markka": ("FIM", Decimal(1)),
    "Netherlands guilder": ("NLG", Decimal(1)),
    "Rupee": ("INR", Decimal(1)),
}
# Reference points from the issue: Recognizers-Text's own Python port.
PORT_F1 = {"currency": {"python-port cases": 0.980, "all cases": 0.830}}

Item = tuple[str, Decimal | None]


@dataclass
class Case:
    file: str
    index: int
    text: str
    gold: list[Item]
    python_port: bool


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def _null(value: Any) -> bool:
    return value is None or value == "null"


def _currency_item(result: dict[str, Any]) -> Item | None:
    """(ISO, amount) of a gold currency result; None if its value is null."""
    res = result["Resolution"]
    if _null(res.get("value")):
        return None
    amount = Decimal(str(res["value"]))
    if res.get("isoCurrency"):
        return res["isoCurrency"], amount
    iso, factor = _UNIT_ISO.get(res.get("unit", ""), ("?" + str(res.get("unit")), Decimal(1)))
    return iso, amount * factor


def _percent_item(result: dict[str, Any]) -> Item | None:
    value = result["Resolution"].get("value")
    if _null(value):
        return None
    return "%", Decimal(str(value).rstrip("%"))


def load(path: Path, kind: str) -> list[Case]:
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    cases = []
    for i, raw in enumerate(data):
        flags = raw.get("NotSupported", "") + raw.get("NotSupportedByDesign", "")
        reader = _currency_item if kind == "currency" else _percent_item
        items = [reader(r) for r in raw.get("Results", [])]
        gold = [it for it in items if it is not None]
        scorable = all(it is not None and not it[0].startswith("?") for it in items)
        cases.append(Case(path.name, i, raw["Input"], gold, "python" not in flags and scorable))
    return cases


def predict(case: Case, kind: str) -> list[tuple[Item, str]]:
    record = extract(case.text, format="plain")
    if kind == "currency":
        return [
            ((m.currency, None if m.amount is None else Decimal(str(m.amount))), m.text)
            for m in record.money
        ]
    return [(("%", Decimal(str(p.value))), p.text) for p in record.percentages]


def _same(a: Item, b: Item) -> bool:
    if a[0] != b[0] or a[1] is None or b[1] is None:
        return False
    return abs(a[1] - b[1]) <= Decimal("1e-9") * max(Decimal(1), abs(b[1]))


def score(cases: list[Case], kind: str, predictions: dict[int, list[tuple[Item, str]]]) -> Score:
    s = Score()
    for case in cases:
        pending = list(case.gold)
        for item, text in predictions[case.index]:
            hit = next((g for g in pending if _same(item, g)), None)
            if hit is None:
                s.fp += 1
                s.errors.append(
                    f"FP {case.file}#{case.index}: {text!r} -> {_show(item)}  in {case.text!r}"
                )
            else:
                s.tp += 1
                pending.remove(hit)
        for g in pending:
            s.fn += 1
            s.errors.append(f"FN {case.file}#{case.index}: missed {_show(g)}  in {case.text!r}")
    return s


def _show(item: Item) -> str:
    return f"{item[0]} {item[1] if item[1] is None else format(item[1].normalize(), 'f')}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="print every error with its case")
    parser.add_argument("--runs", type=int, default=7, help="timing runs (median reported)")
    args = parser.parse_args(argv)
    if not CURRENCY_FILE.exists() or not PERCENT_FILE.exists():
        print(f"skipped: Recognizers-Text spec data not found under {RECOGNIZERS}")
        return 0
    rows = []
    all_errors: list[str] = []
    inputs: list[str] = []
    for kind, path in (("currency", CURRENCY_FILE), ("percent", PERCENT_FILE)):
        cases = load(path, kind)
        inputs += [c.text for c in cases]
        predictions = {c.index: predict(c, kind) for c in cases}
        for subset, chosen in (
            ("python-port cases", [c for c in cases if c.python_port]),
            ("all cases", cases),
        ):
            s = score(chosen, kind, predictions)
            p, r, f = s.prf()
            port = PORT_F1.get(kind, {}).get(subset)
            rows.append(
                [
                    kind,
                    subset,
                    len(chosen),
                    sum(len(c.gold) for c in chosen),
                    s.tp,
                    s.fp,
                    s.fn,
                    f"{p:.3f}",
                    f"{r:.3f}",
                    f"{f:.3f}",
                    "-" if port is None else f"{port:.3f}",
                ]
            )
            if subset == "all cases":
                all_errors += s.errors
    header = ["kind", "cases", "n", "gold", "tp", "fp", "fn", "P", "R", "F1", "port F1"]
    print(table(header, rows))
    kinds = Counter(e.split()[0] for e in all_errors)
    print(f"\n{len(all_errors)} errors over all cases ({dict(kinds)})")
    if args.errors:
        for line in all_errors:
            print(line)
    print()
    print(timing("\n\n".join(inputs), args.runs))
    return 0


def _median_ms(fn: Any, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def timing(text: str, runs: int) -> str:
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    tokenizer(text)  # warm the tokenizer's cache, as in a long batch
    base = _median_ms(lambda: tokenizer(text), runs)
    money = _median_ms(lambda: find_money(text), runs)
    percent = _median_ms(lambda: find_percentages(text), runs)
    rows = [
        ["spaCy blank tokenizer (baseline)", f"{base:.1f}", "1.00"],
        ["find_money", f"{money:.1f}", f"{money / base:.2f}"],
        ["find_percentages", f"{percent:.1f}", f"{percent / base:.2f}"],
    ]
    head = f"timing on all inputs joined ({len(text):,} characters), median of {runs} runs"
    return head + "\n" + table(["step", "ms", "x baseline"], rows)


if __name__ == "__main__":
    raise SystemExit(main())
