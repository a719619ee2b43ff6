"""bench/real.py: which gold files it scores and the scorer commands it runs (no scoring)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _real() -> ModuleType:
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("bench_real", BENCH / "real.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold(path: Path, ids: list[str]) -> Path:
    path.write_text("".join(json.dumps({"id": i}) + "\n" for i in ids), encoding="utf-8")
    return path


def test_only_gold_files_with_cached_texts_are_scored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = _real()
    monkeypatch.setattr(real, "REAL", tmp_path / "shared")
    monkeypatch.setattr(real, "OURS", tmp_path / "ours")
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a1.txt").write_text("x", encoding="utf-8")
    cached = _gold(tmp_path / "gold-x.jsonl", ["a1", "a2"])
    _gold(tmp_path / "claims-x.jsonl", ["a1"])
    absent = _gold(tmp_path / "gold-y.jsonl", ["b1"])
    golds, notes = real.gold_files([cached, absent], texts)
    assert golds == [cached]
    assert "1 of 2 texts cached" in notes[0] and "left out" in notes[1]
    claims = real.claims_files(golds, [])
    assert claims == [tmp_path / "claims-x.jsonl"]
    command = real.score_command(Path("score.py"), "edz", texts, golds, claims, None)
    assert command[1:] == ["score.py", "--edz", "edz", "--texts", str(texts)] + [
        "--gold",
        str(cached),
        "--claims",
        str(claims[0]),
    ]
