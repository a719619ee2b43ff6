"""`edz batch --engine dask` on a real LocalCluster of worker processes: the same
outputs as the local engine. Skipped when Dask (the `dask` extra) is absent."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from extractor.cli import cli

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


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["batch", *map(str, args)])


def tree(folder: Path) -> dict[str, bytes]:
    return {
        os.path.relpath(p, folder): Path(p).read_bytes()
        for p in map(str, folder.rglob("*"))
        if os.path.isfile(p)
    }


def test_dask_engine_gives_the_local_engine_outputs(tmp_path: Path) -> None:
    src = make_folder(tmp_path)
    local, on_dask = tmp_path / "local", tmp_path / "dask"
    expected = run(src, local, "-j", "1", "--jsonl", local / "all.jsonl")
    assert expected.exit_code == 1  # empty.html
    # Joining a running cluster (--scheduler) exercises the same code as the
    # LocalCluster the engine starts by itself, with one cluster start-up less.
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        result = run(
            src,
            on_dask,
            "--engine",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
            "--jsonl",
            on_dask / "all.jsonl",
        )
    assert result.exit_code == 1, result.output
    assert "4 processed, 0 skipped, 1 failed" in result.stderr
    assert tree(on_dask) == tree(local)
    assert len(tree(local)) == 6
    # A rerun on Dask skips everything (the files never leave this process).
    again = run(src, on_dask, "--engine", "dask", "-j", "1")
    assert "0 processed, 4 skipped, 1 failed" in again.stderr
