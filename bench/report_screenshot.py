"""The README's screenshot of `edz report` (docs/report.png), made from real articles.

    python bench/report_screenshot.py                 # -> docs/report.png
    python bench/report_screenshot.py --out /tmp/r.png --keep /tmp/report-work

Steps: `edz batch` over the real-article texts (only the articles of the shared claims
gold, never the held-out test ids) into a temporary folder; records that have no
`sentences` / `claims` yet (an extractor before the claims stage) get sentence offsets
from the pipeline and the gold claims (bench/_records.py), so the screenshot shows
what the claims stage is meant to give; then `edz report` and a Chromium screenshot
of the top of the page. Nothing made from the texts is written into the repository
except the PNG.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _chromium import Chromium
from _common import ROOT, SHARED
from _records import add_sentences, attach_claims, gold_by_id

EDZ = Path(sys.executable).with_name("edz")


def _first(*candidates: Path) -> Path:
    """The first path that exists (from a worktree, /work/wt/NAME, the main repository
    and shared/ are two levels up), else the first one."""
    return next((p for p in candidates if p.exists()), candidates[0])


def _default_texts() -> Path:
    return _first(ROOT / ".cache" / "real", ROOT.parent.parent / "main" / ".cache" / "real")


def _ids(path: Path) -> set[str]:
    if not path.is_file():
        return set()
    return {line.strip() for line in path.read_text().splitlines() if line.strip()}


def build_records(texts: Path, gold_path: Path, exclude: set[str], work: Path) -> Path:
    """Batch the selected texts and bring the records to schema 1.1; returns their folder."""
    gold = gold_by_id(gold_path)
    chosen = [p for p in sorted(texts.glob("*.txt")) if p.stem in gold and p.stem not in exclude]
    if not chosen:
        sys.exit(f"no texts of {gold_path} in {texts}")
    inputs = work / "texts"
    inputs.mkdir(parents=True)
    for path in chosen:
        shutil.copyfile(path, inputs / path.name)  # batch follows no link out of its folder
    raw = work / "records-raw"
    subprocess.run([str(EDZ), "batch", str(inputs), str(raw), "--quiet"], check=True)
    records = work / "records"
    records.mkdir()
    for path in sorted(raw.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        add_sentences(record)
        attach_claims(record, gold[path.name.removesuffix(".txt.json")])
        (records / path.name).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, default=_default_texts())
    gold = _first(SHARED, ROOT.parent.parent / "shared") / "edz-real" / "claims.jsonl"
    test_ids = _first(ROOT.parent / "annot", ROOT.parent.parent / "annot") / "test-ids.txt"
    parser.add_argument("--gold-claims", type=Path, default=gold)
    parser.add_argument("--exclude", type=Path, default=test_ids)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png")
    parser.add_argument("--height", type=int, default=1500, help="Viewport height (pixels).")
    parser.add_argument("--keep", type=Path, help="Keep the records and report in this folder.")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="edz-report-shot-"))
    try:
        records = build_records(args.texts, args.gold_claims, _ids(args.exclude), work)
        page = work / "report.html"
        subprocess.run(
            [str(EDZ), "report", str(records), "-o", str(page), "--title", "EDZ news: 40 articles"],
            check=True,
        )
        with Chromium(width=1280, height=args.height) as browser:
            browser.open(page)
            errors = browser.console_errors()
            if errors:
                sys.exit(f"the report has console errors: {errors}")
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_bytes(browser.screenshot())
        print(f"{args.out}: {args.out.stat().st_size:,} bytes, from {page.stat().st_size:,} B page")
        if args.keep:
            shutil.copytree(work, args.keep, symlinks=True, dirs_exist_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
