"""The head start of `edz extract` on many files: pages cleaned in a process of
its own while the pipeline is built (extractor/batch/preclean.py)."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extractor.api import CleanedSource, extract_file, record_of
from extractor.batch import preclean, work
from extractor.batch.preclean import PreCleaner, clean_until_stopped
from extractor.batch.work import Settings
from extractor.cli import cli

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
FILES = sorted(str(p) for p in PAGES.glob("*.*") if p.suffix in (".html", ".txt"))


class StopAfter:
    """The parent's end of the pipe, as the cleaning loop sees it: the stop
    message is there once ``files`` files were cleaned."""

    def __init__(self, files: int) -> None:
        self.polls, self.files, self.sent = 0, files, None

    def poll(self) -> bool:
        self.polls += 1
        return self.polls > self.files

    def recv(self) -> None:
        return None

    def send(self, obj: Any) -> None:
        self.sent = obj


def test_cleaned_ahead_gives_the_same_records_and_skips_failures(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    files = [FILES[0], str(tmp_path / "missing.html"), str(empty), *FILES[1:]]
    conn = StopAfter(len(files))
    clean_until_stopped(conn, files, Settings())  # type: ignore[arg-type]
    done: dict[int, CleanedSource] = conn.sent  # type: ignore[assignment]
    # The failures are left to a worker, which reports them as usual.
    assert sorted(done) == [0, *range(3, len(files))]
    for index, cleaned in done.items():
        assert record_of(cleaned).to_json() == extract_file(files[index]).to_json()


def test_cleaning_stops_when_the_pipeline_is_ready() -> None:
    conn = StopAfter(3)
    clean_until_stopped(conn, FILES, Settings())  # type: ignore[arg-type]
    assert sorted(conn.sent) == [0, 1, 2]  # type: ignore[arg-type]


def test_a_pre_cleaner_that_dies_gives_no_head_start(monkeypatch: pytest.MonkeyPatch) -> None:
    def killed(*args: Any, **kwargs: Any) -> Any:
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(preclean, "clean_source", killed)  # in the forked process too
    assert PreCleaner(FILES, Settings()).collect(wait=30) == {}


def test_edz_extract_uses_the_head_start_and_prints_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extractor.nlp

    runner = CliRunner()
    sequential = runner.invoke(cli, ["extract", "--jobs", "1", *FILES])
    real_get_pipeline, calls = extractor.nlp.get_pipeline, []

    def slow_first_build() -> Any:  # as slow as a first import of spaCy, so cleaning gets ahead
        if not calls:
            calls.append(1)
            import time

            time.sleep(2.0)
        return real_get_pipeline()

    seen = tmp_path / "inputs.txt"
    real_render = work.render

    def noting_render(data: Any, path: str, *args: Any, **kwargs: Any) -> Any:
        with open(seen, "a", encoding="utf-8") as fh:
            fh.write(json.dumps([path, isinstance(data, CleanedSource)]) + "\n")
        return real_render(data, path, *args, **kwargs)

    monkeypatch.setattr(extractor.nlp, "get_pipeline", slow_first_build)
    monkeypatch.setattr(work, "render", noting_render)
    parallel = runner.invoke(cli, ["extract", "--jobs", "2", *FILES])
    assert parallel.exit_code == sequential.exit_code == 0
    assert parallel.stdout == sequential.stdout
    inputs = [json.loads(line) for line in seen.read_text(encoding="utf-8").splitlines()]
    assert sorted(path for path, _ in inputs) == FILES
    assert sum(ahead for _, ahead in inputs) > len(FILES) // 2, "the head start was not used"


def test_no_process_for_a_head_start_still_extracts_everything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_fork(*args: Any, **kwargs: Any) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    runner = CliRunner()
    sequential = runner.invoke(cli, ["extract", "--jobs", "1", *FILES])
    monkeypatch.setattr(preclean.PreCleaner, "__init__", no_fork)
    parallel = runner.invoke(cli, ["extract", "--jobs", "2", *FILES])
    assert parallel.exit_code == 0
    assert parallel.stdout == sequential.stdout
