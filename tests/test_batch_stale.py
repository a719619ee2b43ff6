"""Stale records (issue 17): records in OUT_DIR whose input is gone are counted
in the summary; --prune removes them, listed on stderr, and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

from batch_helpers import run, tree

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_5ec9a3103d8d2515.txt"


def _folder(tmp_path: Path) -> tuple[Path, Path]:
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "a").mkdir(parents=True)
    for rel in ("a/one.txt", "a/two.txt", "three.txt"):
        (src / rel).write_bytes(SEED.read_bytes())
    assert run(src, out).exit_code == 0
    return src, out


def test_records_of_removed_inputs_are_reported_not_removed(tmp_path: Path) -> None:
    src, out = _folder(tmp_path)
    (src / "a" / "two.txt").unlink()
    before = tree(out)
    result = run(src, out, "-v")
    assert result.exit_code == 0
    assert "0 processed, 2 skipped, 0 failed, 1 stale in " in result.stderr
    assert f"edz: INFO: {out / 'a' / 'two.txt.json'}: stale: its input is gone" in result.stderr
    assert f"1 record(s) in {out} have no input any more" in result.stderr
    assert tree(out) == before


def test_prune_removes_exactly_the_stale_records(tmp_path: Path) -> None:
    src, out = _folder(tmp_path)
    (src / "a" / "two.txt").unlink()
    (src / "three.txt").unlink()
    # Files the batch did not write, or whose input still exists, all stay:
    (out / "notes.json").write_text('{"mine": true}')  # not a record
    other = json.loads((out / "a" / "one.txt.json").read_text())
    (out / "a" / "copy.txt.json").write_text(json.dumps(other))  # a record of another input
    (src / "kept.html").write_bytes(b"<p>x</p>")
    (out / "kept.html.json").write_text(json.dumps(other))  # its input exists (not included)
    result = run(src, out, "--prune", "--include", "*.txt")
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[:2] == [
        f"edz: pruned {out / 'three.txt.json'}: its input is gone",
        f"edz: pruned {out / 'a' / 'two.txt.json'}: its input is gone",
    ]
    assert ", 2 pruned in " in lines[2]
    assert sorted(tree(out)) == [
        "_errors.jsonl",
        "a/copy.txt.json",
        "a/one.txt.json",
        "kept.html.json",
        "notes.json",
    ]
    assert "stale" not in run(src, out, "--include", "*.txt").stderr


def test_prune_never_walks_an_in_dir_inside_out_dir(tmp_path: Path) -> None:
    """`edz batch C/in C --prune`: the inputs' own .json files are not records of C."""
    c = tmp_path / "c"
    (c / "in").mkdir(parents=True)
    (c / "in" / "a.txt").write_bytes(SEED.read_bytes())
    assert run(c / "in", c).exit_code == 0
    record = (c / "a.txt.json").read_text()
    (c / "in" / "old.txt.json").write_text(record.replace('"a.txt"', '"old.txt"'))
    before = tree(c)
    result = run(c / "in", c, "--prune")
    assert result.exit_code == 0
    assert "pruned" not in result.stderr
    assert tree(c) == before


def test_prune_needs_out_dir(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    result = run(src, "--jsonl", "--prune")
    assert result.exit_code == 2
    assert "--prune needs OUT_DIR" in result.output
