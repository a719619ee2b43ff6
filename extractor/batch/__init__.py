"""``edz batch``: a folder of articles -> a folder of records.

Each input ``IN_DIR/a/x.txt`` gives ``OUT_DIR/a/x.txt.json``, the same bytes as
``edz extract a/x.txt`` prints when run from IN_DIR: ``source.path`` is the path
relative to IN_DIR, so outputs do not depend on where IN_DIR is, on ``--jobs``
or on the engine. Outputs are written atomically; a rerun skips inputs whose
output is up to date; failures go to ``OUT_DIR/_errors.jsonl``.

:func:`run_batch` is the entry point; the engines (local worker processes, or
Dask) only decide where :mod:`extractor.batch.work` runs.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from extractor.batch.feed import InOrder
from extractor.batch.sinks import StaleTemps, sweep_run
from extractor.batch.walk import DEFAULT_INCLUDE, count_inputs, iter_inputs
from extractor.batch.work import Outcome, Settings, Task, output_path
from extractor.errors import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, EdzError, OutputError, display_path
from extractor.outputs import LineFile, make_temp, new_run_token

log = logging.getLogger(__name__)

ERRORS_FILE = "_errors.jsonl"


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class BatchConfig:
    """One ``edz batch`` run. ``out_dir`` or ``jsonl`` (or both) must be given."""

    in_dir: str
    out_dir: str | None = None
    jsonl: str | None = None  # "-": stdout
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    fmt: str = "auto"
    max_bytes: int = DEFAULT_MAX_BYTES  # 0: no limit
    force: bool = False
    jobs: int = 1
    timeout: float | None = DEFAULT_TIMEOUT  # None or 0: no limit
    engine: str = "local"  # or "dask"
    scheduler: str | None = None  # dask: address of an existing cluster
    prune: bool = False  # remove records whose input is gone
    # Names this run's temporary files (see extractor.outputs); new for every run.
    token: str = field(default_factory=new_run_token)

    @property
    def settings(self) -> Settings:
        return Settings(
            fmt=self.fmt,
            max_bytes=self.max_bytes,
            force=self.force,
            want_line=bool(self.jsonl),
            token=self.token,
        )


@dataclass
class Summary:
    """What a run did. ``stopped`` says why it stopped early (an output could
    not be written), None when it went through."""

    processed: int = 0
    skipped: int = 0
    failed: int = 0
    elapsed: float = 0.0
    stopped: str | None = None
    errors_file: str | None = None  # set once the list of failures is written
    stale: list[str] = field(default_factory=list)  # records whose input is gone
    pruned: list[str] = field(default_factory=list)  # those of them --prune removed

    @property
    def rate(self) -> float:
        """Articles extracted per second of the whole run."""
        return self.processed / self.elapsed if self.elapsed > 0 else 0.0

    def line(self) -> str:
        stale = len(self.stale) - len(self.pruned)
        return (
            f"{self.processed} processed, {self.skipped} skipped, {self.failed} failed"
            + (f", {len(self.pruned)} pruned" if self.pruned else "")
            + (f", {stale} stale" if stale else "")
            + f" in {self.elapsed:.1f} s ({self.rate:.1f} articles/s)"
        )


class Engine(Protocol):
    dirty_dirs: set[str]

    def run(self, tasks: Iterator[Task], *, window: int) -> Generator[Outcome, None, None]: ...


def check_config(config: BatchConfig) -> None:
    """Raise ValueError for a configuration that cannot run (a usage error)."""
    if not os.path.isdir(config.in_dir):
        raise ValueError(f"{config.in_dir}: not a folder")
    if config.out_dir is None and config.jsonl is None:
        raise ValueError("give OUT_DIR, --jsonl (-o FILE), or both")
    if config.out_dir is not None and os.path.realpath(config.out_dir) == os.path.realpath(
        config.in_dir
    ):
        raise ValueError("OUT_DIR must not be IN_DIR itself (use a folder beside or inside it)")
    if config.engine not in ("local", "dask"):
        raise ValueError(f"unknown engine {config.engine!r}")
    if config.scheduler and config.engine != "dask":
        raise ValueError("--scheduler needs --engine dask")


def _prepare_out_dir(out_dir: str, token: str) -> None:
    """Create OUT_DIR and make sure files can be created in it, before any work."""
    try:
        os.makedirs(out_dir, exist_ok=True)
        fd, probe = make_temp(os.path.join(out_dir, ERRORS_FILE), token)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(
            f"cannot write in the output folder: {exc.strerror or exc}", path=out_dir
        ) from exc
    errors_file = os.path.join(out_dir, ERRORS_FILE)
    if os.path.isdir(errors_file):
        raise OutputError(
            f"is a folder, but the batch writes its list of failures there; move it away "
            f"(outputs of inputs under IN_DIR/{ERRORS_FILE}/ are no longer written there)",
            path=errors_file,
        )


_INSIDE_ERRORS_FILE = (
    f"its output would go inside OUT_DIR/{ERRORS_FILE}, the batch's list of failures; "
    "rename the folder"
)


def _tasks(config: BatchConfig, stale: StaleTemps | None = None) -> Iterator[Task]:
    prune = [config.out_dir] if config.out_dir else []
    found = iter_inputs(config.in_dir, include=config.include, exclude=config.exclude, prune=prune)
    for index, item in enumerate(found):
        source = os.path.join(config.in_dir, *item.rel.rstrip("/").split("/"))
        error, code = item.error, item.code
        if config.out_dir and error is None and item.rel.split("/", 1)[0] == ERRORS_FILE:
            error, code = _INSIDE_ERRORS_FILE, "output"
        output = output_path(config.out_dir, item.rel) if config.out_dir and not error else None
        if output is not None and stale is not None:
            stale.before_writing(output)
        yield Task(index, item.rel, source, output, error, code)


def count(config: BatchConfig) -> int:
    """How many inputs the run will see (for a progress bar)."""
    prune = [config.out_dir] if config.out_dir else []
    return count_inputs(config.in_dir, include=config.include, exclude=config.exclude, prune=prune)


def make_engine(config: BatchConfig) -> Engine:
    if config.engine == "dask":
        from extractor.batch.dask_engine import DaskEngine

        return DaskEngine(
            config.settings,
            jobs=config.jobs,
            timeout=config.timeout,
            scheduler=config.scheduler,
        )
    from extractor.batch.local import LocalEngine

    return LocalEngine(config.settings, jobs=config.jobs, timeout=config.timeout)


@contextlib.contextmanager
def _exclusive(path: str, what: str = "folder") -> Iterator[None]:
    """Hold a lock on ``path`` (OUT_DIR, or the --jsonl file) for the run: a second
    batch writing the same target (a cron job starting while the last one still
    runs) would remove the first one's temporary files or overwrite its output.
    A --jsonl file that does not exist yet is created empty to be locked, and
    removed again if the run ends without writing it. The lock goes with the
    process, even killed."""
    try:
        import fcntl
    except ImportError:  # not POSIX
        yield
        return
    created = what == "file" and not os.path.lexists(path)
    try:
        if what == "file":
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        flags = os.O_RDONLY if what == "folder" else os.O_RDONLY | os.O_CREAT
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=path) from exc
    stat_at_start = os.fstat(fd)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            created = False
            raise OutputError(
                f"another `edz batch` is writing to this {what}; wait for it to finish",
                path=path,
            ) from None
        yield
    finally:
        if created:
            with contextlib.suppress(OSError):
                now = os.stat(path)
                if (now.st_ino, now.st_dev) == (stat_at_start.st_ino, stat_at_start.st_dev):
                    os.unlink(path)  # still the empty file made for the lock
        os.close(fd)


def run_batch(
    config: BatchConfig,
    *,
    on_done: Callable[[Outcome], None] | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Run a batch. ``on_done`` is called as each input finishes (any order: a
    progress bar), ``on_outcome`` for each input in input order.

    Raises ValueError for an unusable configuration, OutputError when OUT_DIR
    cannot be written at all. KeyboardInterrupt stops the workers, removes
    every partial file and propagates.
    """
    check_config(config)
    started = time.monotonic()
    summary = Summary()
    errors_file = os.path.join(config.out_dir, ERRORS_FILE) if config.out_dir else None
    with contextlib.ExitStack() as cleanup:  # undone in reverse order, whatever happens
        stale = StaleTemps(config.token)
        if config.out_dir:
            _prepare_out_dir(config.out_dir, config.token)
            cleanup.enter_context(_exclusive(config.out_dir))
        if config.jsonl and config.jsonl != "-":
            cleanup.enter_context(_exclusive(config.jsonl, "file"))
            stale.before_writing(config.jsonl)
        if errors_file:
            stale.before_writing(errors_file)
        # Sinks not committed by the end are discarded: no partial file remains.
        jsonl = errors = None
        if config.jsonl:
            jsonl = cleanup.enter_context(LineFile(config.jsonl, config.token))
        if errors_file:
            errors = cleanup.enter_context(LineFile(errors_file, config.token))
        engine = make_engine(config)
        # Folders where a killed worker may have left a temporary file of this run.
        cleanup.callback(lambda: [sweep_run(folder, config.token) for folder in engine.dirty_dirs])
        try:
            tasks = _tasks(config, stale)
            _drive(engine, tasks, config, summary, jsonl, errors, on_done, on_outcome)
        except EdzError as exc:  # the --jsonl file or _errors.jsonl cannot be written
            summary.stopped = summary.stopped or str(exc)
        if errors is not None and errors.committed:
            summary.errors_file = errors_file
        if config.out_dir and not summary.stopped:
            _stale_records(config, summary)
        if stale.removed:
            log.info("removed %d temporary file(s) left by an interrupted run", stale.removed)
    summary.elapsed = time.monotonic() - started
    return summary


def _stale_records(config: BatchConfig, summary: Summary) -> None:
    """Find (and with --prune, remove) the records whose input is gone; only once the
    run went through, while OUT_DIR is still locked."""
    from extractor.batch.stale import find_stale, prune

    assert config.out_dir is not None
    summary.stale = find_stale(config.in_dir, config.out_dir)
    if config.prune and summary.stale:
        summary.pruned = prune(config.in_dir, config.out_dir, summary.stale)
    for path in summary.stale:
        log.info("%s: stale: its input is gone", display_path(path))


def _drive(
    engine: Engine,
    tasks: Iterator[Task],
    config: BatchConfig,
    summary: Summary,
    jsonl: LineFile | None,
    errors: LineFile | None,
    on_done: Callable[[Outcome], None] | None,
    on_outcome: Callable[[Outcome], None] | None,
) -> None:
    in_order = InOrder()
    outcomes = engine.run(tasks, window=max(64, 16 * config.jobs))
    try:
        for outcome in outcomes:
            if on_done is not None:
                on_done(outcome)
            for item in in_order.add(outcome):
                _record(item, summary, jsonl, errors)
                if on_outcome is not None:
                    on_outcome(item)
                if item.fatal:
                    summary.stopped = f"{display_path(item.path)}: {item.error}"
            if summary.stopped:
                break
    finally:
        outcomes.close()  # stops the workers
    if jsonl is not None and not summary.stopped:
        jsonl.commit()  # (when stopped, an incomplete --jsonl would pass for a whole one)
    if errors is not None:
        errors.commit()


def _record(
    outcome: Outcome, summary: Summary, jsonl: LineFile | None, errors: LineFile | None
) -> None:
    if outcome.status == "processed":
        summary.processed += 1
    elif outcome.status == "skipped":
        summary.skipped += 1
    else:
        summary.failed += 1
    if outcome.line is not None and jsonl is not None:
        jsonl.write_line(outcome.line)
    if outcome.status == "failed":
        if errors is not None:
            errors.write_line(outcome.error_json())
        log.debug("%s: failed: %s", display_path(outcome.path), outcome.error)
    else:
        log.info("%s: %s", display_path(outcome.path), outcome.status)


__all__ = [
    "DEFAULT_INCLUDE",
    "DEFAULT_TIMEOUT",
    "ERRORS_FILE",
    "BatchConfig",
    "Outcome",
    "Summary",
    "check_config",
    "count",
    "default_jobs",
    "run_batch",
]
