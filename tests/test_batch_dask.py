"""`edz batch --engine dask` on a real LocalCluster of worker processes: the same
outputs as the local engine. Skipped when Dask (the `dask` extra) is absent."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from batch_helpers import run, tree

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_5ec9a3103d8d2515.txt"


def make_folder(root: Path) -> Path:
    src = root / "in"
    (src / "sub").mkdir(parents=True)
    seed = SEED.read_text(encoding="utf-8")
    for i in range(3):
        (src / "sub" / f"a{i}.txt").write_text(seed.replace("206", str(300 + i)), "utf-8")
    (src / "b.txt.gz").write_bytes(gzip.compress(seed.encode("utf-8")))
    (src / "empty.html").write_bytes(b"")
    return src


def test_dask_engine_gives_the_local_engine_outputs(tmp_path: Path) -> None:
    src = make_folder(tmp_path)
    local, on_dask = tmp_path / "local", tmp_path / "dask"
    expected = run(src, local, "-j", "1", "-o", local / "all.jsonl")
    assert expected.exit_code == 1  # empty.html
    # One output already current: the Dask run skips it (checked where the files are).
    (on_dask / "sub").mkdir(parents=True)
    (on_dask / "sub" / "a0.txt.json").write_bytes((local / "sub" / "a0.txt.json").read_bytes())
    # No --scheduler: the engine starts a LocalCluster of 2 worker processes.
    result = run(src, on_dask, "--engine", "dask", "-j", "2", "-o", on_dask / "all.jsonl")
    assert result.exit_code == 1, result.output
    assert "3 processed, 1 skipped, 1 failed" in result.stderr
    assert tree(on_dask) == tree(local)
    assert len(tree(local)) == 6  # 4 records, all.jsonl, _errors.jsonl
