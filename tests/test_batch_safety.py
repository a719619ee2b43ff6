"""`edz batch` never removes or loses what it did not create (issue 18): the
temporary-file sweep, two batches on one --jsonl file, an `_errors.jsonl`
folder among the inputs, and file names that would drive the terminal."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from batch_helpers import run, tree

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_5ec9a3103d8d2515.txt"


def test_out_dir_a_parent_of_in_dir_deletes_nothing_of_the_user(tmp_path: Path) -> None:
    """`edz batch C/in C`: inputs and the user's files named like temporary files stay."""
    c = tmp_path / "c"
    (c / "in").mkdir(parents=True)
    (c / "in" / ".edz-tmp-x.txt").write_bytes(SEED.read_bytes())
    (c / "in" / "a.txt").write_bytes(SEED.read_bytes())
    (c / ".edz-tmp-notes.txt").write_bytes(b"mine")
    (c / "in" / ".edz-tmp-0123456789ab.abcdefgh.tmp").write_bytes(b"mine too")
    before = tree(c)
    first = run(c / "in", c)
    assert first.exit_code == 0, first.output
    after = tree(c)
    assert {k: v for k, v in after.items() if k in before} == before
    assert sorted(set(after) - set(before)) == [
        ".edz-tmp-x.txt.json",
        "_errors.jsonl",
        "a.txt.json",
    ]
    # A rerun finds the output of `.edz-tmp-x.txt` current: it was not swept.
    second = run(c / "in", c)
    assert second.exit_code == 0
    assert "0 processed, 2 skipped" in second.stderr
    assert tree(c) == after


def test_two_batches_on_one_jsonl_file(tmp_path: Path) -> None:
    """The second batch is refused while the first holds the --jsonl file."""
    import fcntl

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes(SEED.read_bytes())
    target = tmp_path / "all.jsonl"
    target.write_text("earlier\n")
    with open(target, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # a first batch, still running
        result = run(src, "-o", target)
    assert result.exit_code == 1
    assert result.stderr == (
        f"edz: {target}: another `edz batch` is writing to this file; wait for it to finish\n"
    )
    assert target.read_text() == "earlier\n"
    assert run(src, "-o", target).exit_code == 0  # once it is done
    assert len(target.read_text().splitlines()) == 1


def test_an_errors_jsonl_folder_among_the_inputs(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "_errors.jsonl").mkdir(parents=True)
    (src / "_errors.jsonl" / "x.txt").write_bytes(SEED.read_bytes())
    (src / "empty.txt").write_bytes(b"")
    (src / "ok.txt").write_bytes(SEED.read_bytes())
    result = run(src, out)
    assert result.exit_code == 1
    assert "1 processed, 0 skipped, 2 failed" in result.stderr
    failures = [json.loads(line) for line in (out / "_errors.jsonl").read_text().splitlines()]
    assert [(f["path"], f["code"]) for f in failures] == [
        ("_errors.jsonl/x.txt", "output"),
        ("empty.txt", "empty"),
    ]
    assert f"failed inputs are listed in {out / '_errors.jsonl'}" in result.stderr


def test_an_errors_jsonl_folder_left_in_out_dir_is_refused_before_any_work(
    tmp_path: Path,
) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "ok.txt").write_bytes(SEED.read_bytes())
    (out / "_errors.jsonl").mkdir(parents=True)
    result = run(src, out)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"edz: {out / '_errors.jsonl'}: is a folder")
    assert not (out / "ok.txt.json").exists()


@pytest.mark.parametrize("name", ["bad\nedz: batch: 9 processed.txt", "bad\x1b[31mred.txt"])
def test_file_names_are_escaped_on_stderr(tmp_path: Path, name: str) -> None:
    """A newline in a name cannot forge a summary line; ESC cannot drive the terminal."""
    src = tmp_path / "in"
    src.mkdir()
    (src / name).write_bytes(b"")
    result = run(src, tmp_path / "out", "-v")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr
    lines = result.stderr.splitlines()
    escaped = name.encode("unicode_escape").decode()
    assert any(line.startswith(f"edz: {escaped}: ") for line in lines), lines
    assert [line for line in lines if line.startswith("edz: batch:")] == [
        "edz: batch: 0 processed, 0 skipped, 1 failed" + lines[-2].split("1 failed", 1)[1]
    ]


def test_no_temporary_file_is_left_in_any_folder(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "a").mkdir(parents=True)
    (src / "a" / "x.txt").write_bytes(SEED.read_bytes())
    assert run(src, out, "-o", tmp_path / "all.jsonl").exit_code == 0
    names = [p.name for p in tmp_path.rglob("*")]
    assert not [n for n in names if n.startswith(".edz-tmp-")]
    assert os.path.exists(out / "a" / "x.txt.json")
