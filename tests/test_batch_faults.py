"""`edz batch` under faults: SIGKILL at random moments, Ctrl-C / SIGTERM, a full
disk or an unwritable output folder, documents that hang or crash their worker.

Hanging and crashing documents are simulated by patching the extraction step
in this process: the batch's workers are forked from it and inherit the patch.
"""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from batch_helpers import run, tree

import extractor.batch.work as work
from extractor.outputs import TMP_PREFIX

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_5ec9a3103d8d2515.txt"

needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(),
    reason="the simulated faults reach the workers by fork",
)


def make_folder(root: Path, n: int) -> Path:
    src = root / "in"
    seed = SEED.read_text(encoding="utf-8")
    for i in range(n):
        folder = src / f"part{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"article{i:03}.txt").write_text(seed.replace("206", str(1000 + i)), "utf-8")
    return src


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.startswith(TMP_PREFIX)]


def assert_only_whole_records(out: Path) -> None:
    for path in out.rglob("*.json"):
        json.loads(path.read_bytes())  # a half-written file would not parse


def batch_process(src: Path, out: Path) -> subprocess.Popen[bytes]:
    """`edz batch` as its own process (and session, like a job in a shell)."""
    return subprocess.Popen(
        [sys.executable, "-m", "extractor", "batch", str(src), str(out), "-j", "2", "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def wait_for_outputs(out: Path, count: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        if out.is_dir() and sum(1 for _ in out.rglob("*.json")) >= count:
            return
        time.sleep(0.003)


def session_processes(sid: int) -> list[int]:
    """Processes still alive in session ``sid`` (the batch and its workers)."""
    alive = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != b"Z":
            alive.append(int(entry))
    return alive


def wait_until_gone(sid: int) -> list[int]:
    deadline = time.monotonic() + 10
    while (alive := session_processes(sid)) and time.monotonic() < deadline:
        time.sleep(0.02)
    return alive


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc to see the workers")
def test_sigkill_at_random_moments_then_rerun_gives_the_uninterrupted_outputs(
    tmp_path: Path,
) -> None:
    n = 30
    src = make_folder(tmp_path, n)
    reference = tmp_path / "reference"
    assert run(src, reference, "-j", "2").exit_code == 0
    out = tmp_path / "out"
    rng = random.Random(20261125)
    for _ in range(3):
        done = sum(1 for _ in out.rglob("*.json")) if out.exists() else 0
        proc = batch_process(src, out)
        wait_for_outputs(out, done + rng.randint(1, max(1, (n - done) // 3)), proc)
        time.sleep(rng.uniform(0, 0.02))
        proc.kill()  # SIGKILL to the batch process only: its workers must not outlive it
        proc.wait()
        assert wait_until_gone(proc.pid) == [], "workers outlived the killed batch"
        assert_only_whole_records(out)
    final = batch_process(src, out)
    _, stderr = final.communicate(timeout=60)
    assert final.returncode == 0, stderr.decode()
    assert tree(out) == tree(reference)
    assert temp_files(out) == []


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc to see the workers")
@pytest.mark.parametrize(
    ("signum", "code", "word"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
    ids=["ctrl-c", "sigterm"],
)
def test_interrupt_stops_cleanly(tmp_path: Path, signum: int, code: int, word: str) -> None:
    src, out = make_folder(tmp_path, 60), tmp_path / "out"
    proc = batch_process(src, out)
    wait_for_outputs(out, 2, proc)
    if signum == signal.SIGINT:
        os.killpg(proc.pid, signum)  # Ctrl-C reaches the whole foreground group
    else:
        proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=20)
    assert proc.returncode == code, stderr.decode()
    assert f"edz: {word}: " in stderr.decode()
    assert "Traceback" not in stderr.decode()
    assert wait_until_gone(proc.pid) == []
    assert temp_files(out) == []
    assert_only_whole_records(out)
    assert 0 < sum(1 for _ in out.rglob("*.json")) < 60
    assert not (out / "_errors.jsonl").exists()  # only a finished run writes it
    rerun = run(src, out)
    assert rerun.exit_code == 0
    assert sum(1 for _ in out.rglob("*.json")) == 60


@needs_fork
def test_a_hanging_document_times_out_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out = make_folder(tmp_path, 4), tmp_path / "out"
    # First in walking order, so the next input waits queued behind it in the same
    # worker and must be handed to another one when this worker is killed.
    (src / "0-slow.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    real_render = work.render

    def hanging_render(data: bytes, path: str, *args: Any, **kwargs: Any) -> Any:
        if path == "0-slow.txt":
            while True:  # a pathological document: never finishes
                time.sleep(1)
        return real_render(data, path, *args, **kwargs)

    monkeypatch.setattr(work, "render", hanging_render)
    started = time.monotonic()
    result = run(src, out, "--timeout", "1", "-j", "2")
    assert time.monotonic() - started < 15
    assert result.exit_code == 1
    assert json.loads((out / "_errors.jsonl").read_text()) == {
        "path": "0-slow.txt",
        "error": "timed out after 1 s (--timeout); the document was abandoned",
        "code": "timeout",
    }
    assert sum(1 for _ in out.rglob("*.json")) == 4
    assert multiprocessing.active_children() == []  # the stuck worker was killed


@needs_fork
def test_a_crashing_worker_costs_only_its_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out = make_folder(tmp_path, 5), tmp_path / "out"
    text = SEED.read_text(encoding="utf-8")
    (src / "killed.txt").write_text(text, encoding="utf-8")
    (src / "exits.txt").write_text(text, encoding="utf-8")
    real_render = work.render

    def crashing_render(data: bytes, path: str, *args: Any, **kwargs: Any) -> Any:
        if path == "killed.txt":
            os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer does
        if path == "exits.txt":
            os._exit(3)
        return real_render(data, path, *args, **kwargs)

    monkeypatch.setattr(work, "render", crashing_render)
    result = run(src, out, "-j", "2", "-o", tmp_path / "all.jsonl")
    assert result.exit_code == 1
    lines = (out / "_errors.jsonl").read_text().splitlines()
    assert [json.loads(line) for line in lines] == [
        {
            "path": "exits.txt",
            "error": "the worker process exited (code 3) while extracting it",
            "code": "crash",
        },
        {
            "path": "killed.txt",
            "error": "the worker process was killed by SIGKILL while extracting it",
            "code": "crash",
        },
    ]
    assert sum(1 for _ in out.rglob("*.json")) == 5
    assert len((tmp_path / "all.jsonl").read_text().splitlines()) == 5


@needs_fork
def test_full_disk_stops_with_a_clear_error_and_no_corrupt_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out = make_folder(tmp_path, 6), tmp_path / "out"
    assert run(src, out).exit_code == 0
    before = tree(out)

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    # Every atomic write syncs its temporary file before the rename; a full
    # disk fails there (or earlier) in the same way.
    monkeypatch.setattr(os, "fsync", disk_full)
    result = run(src, out, "--force", "-o", tmp_path / "all.jsonl")
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert "edz: batch stopped: " in result.stderr
    assert "Traceback" not in result.output
    assert tree(out) == before  # earlier outputs intact, nothing half-written
    assert temp_files(out) == []
    assert not (tmp_path / "all.jsonl").exists()
    assert [p for p in tmp_path.iterdir() if p.name.startswith(TMP_PREFIX)] == []
    # The failure list of this run could not be written either: it is not named.
    assert "listed in" not in result.stderr
    assert "the list of failed inputs could not be written" in result.stderr


def test_output_folder_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    src = make_folder(tmp_path, 1)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run(src, blocker / "out")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"edz: {blocker / 'out'}: cannot write in the output folder: ")
    assert "Traceback" not in result.output


def test_read_only_output_folder_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out = make_folder(tmp_path, 2), tmp_path / "out"
    out.mkdir()
    if os.geteuid() != 0:
        out.chmod(0o555)
        reason = "Permission denied"
    else:  # root writes anywhere: make file creation in OUT_DIR fail as on a read-only mount
        real_mkstemp = tempfile.mkstemp
        reason = "Read-only file system"

        def read_only(*args: Any, **kwargs: Any) -> Any:
            if str(kwargs.get("dir", "")).startswith(str(out)):
                raise OSError(errno.EROFS, reason)
            return real_mkstemp(*args, **kwargs)

        monkeypatch.setattr(tempfile, "mkstemp", read_only)
    try:
        result = run(src, out)
    finally:
        out.chmod(0o755)
    assert result.exit_code == 1
    assert result.stderr == f"edz: {out}: cannot write in the output folder: {reason}\n"
    assert list(out.iterdir()) == []


def test_a_second_batch_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    fcntl = pytest.importorskip("fcntl")
    src, out = make_folder(tmp_path, 2), tmp_path / "out"
    assert run(src, out).exit_code == 0
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as a batch still running into OUT_DIR holds it
        (out / f"{TMP_PREFIX}its-write-in-progress").write_bytes(b"{")
        refused = run(src, out, "--force")
    finally:
        os.close(fd)
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"edz: {out}: another `edz batch` is writing to this folder; wait for it to finish\n"
    )
    assert (out / f"{TMP_PREFIX}its-write-in-progress").exists()  # not swept from under it
    assert run(src, out).exit_code == 0  # the lock went with its holder


@needs_fork
def test_workers_are_recycled_after_a_number_of_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extractor.batch.local import LocalEngine

    src, out = make_folder(tmp_path, 7), tmp_path / "out"
    pids = tmp_path / "pids"
    real_render = work.render

    def noting_render(data: bytes, path: str, *args: Any, **kwargs: Any) -> Any:
        with open(pids, "a") as fh:
            fh.write(f"{os.getpid()}\n")
        return real_render(data, path, *args, **kwargs)

    monkeypatch.setattr(work, "render", noting_render)
    monkeypatch.setattr(LocalEngine, "recycle_after", 2)
    assert run(src, out, "-j", "2").exit_code == 0
    per_worker = Counter(pids.read_text().split())
    assert sum(per_worker.values()) == 7
    assert max(per_worker.values()) <= 2
    assert sum(1 for _ in out.rglob("*.json")) == 7


def test_a_pipeline_that_cannot_be_built_is_an_error_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extractor.nlp

    def broken() -> None:
        raise ValueError("a fact module failed to import")

    monkeypatch.setattr(extractor.nlp, "get_pipeline", broken)
    src, out = make_folder(tmp_path, 2), tmp_path / "out"
    result = run(src, out)
    assert result.exit_code == 1
    assert result.stderr == (
        "edz: internal error (ValueError: a fact module failed to import); please report it\n"
    )
    assert list(out.iterdir()) == []  # nothing half-done: no errors file, no temporary file
