"""Title, date and facts on real articles: ../shared/edz-real/score.py over every gold file
whose texts are cached. Fetches nothing.

Gold files: ../shared/edz-real/gold.jsonl, then bench/real/gold.jsonl when present, then any
``--gold``; claims files likewise (claims.jsonl beside each). Texts are read from
``--texts`` (default ``.cache/real`` of the repository root, where docs/development.md says to
fetch them as ``<id>.txt``); a gold file none of whose articles has a cached text is left
out, and said so. With a test-ids file (``--test-ids``, default bench/real/test-ids.txt
when present) the development part and the held-out test part are scored and printed
separately; ``--details`` lists the errors of the development part only.

    python bench/real.py [--texts DIR] [--gold G.jsonl ...] [--test-ids FILE] [--details]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, SHARED  # noqa: E402

REAL = SHARED / "edz-real"
OURS = ROOT / "bench" / "real"


def gold_ids(path: Path) -> list[str]:
    ids = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            ids.append(json.loads(line)["id"])
    return ids


def gold_files(extra: list[Path], texts: Path) -> tuple[list[Path], list[str]]:
    """The gold files with at least one cached text, and notes on those left out."""
    candidates = [REAL / "gold.jsonl", OURS / "gold.jsonl", *extra]
    kept, notes = [], []
    for path in candidates:
        if not path.is_file():
            continue
        ids = gold_ids(path)
        cached = sum((texts / f"{i}.txt").is_file() for i in ids)
        if cached:
            kept.append(path)
            notes.append(f"{path}: {cached} of {len(ids)} texts cached")
        else:
            notes.append(f"{path}: left out, none of its {len(ids)} texts is in {texts}")
    return kept, notes


def claims_files(golds: list[Path], extra: list[Path]) -> list[Path]:
    beside = [g.with_name(g.name.replace("gold", "claims")) for g in golds]
    return [p for p in [*beside, *extra] if p.is_file()]


def score_command(
    score: Path, edz: str, texts: Path, golds: list[Path], claims: list[Path], exclude: Path | None
) -> list[str]:
    command = [sys.executable, str(score), "--edz", edz, "--texts", str(texts)]
    for g in golds:
        command += ["--gold", str(g)]
    for c in claims:
        command += ["--claims", str(c)]
    if exclude is not None:
        command += ["--exclude", str(exclude)]
    return command


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--texts", type=Path, default=ROOT / ".cache" / "real", help="<id>.txt folder")
    ap.add_argument("--gold", type=Path, action="append", default=[], help="another gold file")
    ap.add_argument("--claims", type=Path, action="append", default=[], help="another claims file")
    ap.add_argument("--test-ids", type=Path, help="ids of the held-out test part")
    ap.add_argument("--edz", default=None, help="the edz executable (default: this repo's)")
    ap.add_argument("--score", type=Path, default=REAL / "score.py", help="the scorer")
    ap.add_argument("--details", action="store_true", help="list the dev part's errors")
    args = ap.parse_args(argv)

    if not args.score.is_file():
        print(f"skipped: {args.score} not found (set EDZ_SHARED to the shared folder)")
        return 0
    edz = args.edz or str(ROOT / ".venv" / "bin" / "edz")
    if not Path(edz).is_file():
        edz = shutil.which("edz") or edz
    golds, notes = gold_files(args.gold, args.texts)
    print("\n".join(notes))
    if not golds:
        print(f"skipped: no cached texts in {args.texts}")
        return 0
    claims = claims_files(golds, args.claims)
    test_ids = args.test_ids or (OURS / "test-ids.txt")
    if not test_ids.is_file():
        command = score_command(args.score, edz, args.texts, golds, claims, None)
        return subprocess.run(command + (["--details"] if args.details else [])).returncode

    test = {line.strip() for line in test_ids.read_text(encoding="utf-8").splitlines()}
    test.discard("")
    everything = {i for g in golds for i in gold_ids(g)}
    with tempfile.TemporaryDirectory() as tmp:
        dev_only = Path(tmp) / "dev-ids.txt"  # excluded to score the test part
        dev_only.write_text("\n".join(sorted(everything - test)) + "\n", encoding="utf-8")
        print("\n== development part")
        dev = score_command(args.score, edz, args.texts, golds, claims, test_ids)
        code = subprocess.run(dev + (["--details"] if args.details else [])).returncode
        print(f"\n== test part ({len(test & everything)} articles)")
        held_out = score_command(args.score, edz, args.texts, golds, claims, dev_only)
        return subprocess.run(held_out).returncode or code


if __name__ == "__main__":
    sys.exit(main())
