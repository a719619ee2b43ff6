"""The local engine: worker processes of our own, one input at a time each.

A ``ProcessPoolExecutor`` cannot stop a task that runs too long, and a worker
that dies takes the pool with it. Here each worker has its own pipe, so the
engine always knows which input a worker holds: a worker past its deadline is
killed and replaced, and a worker that dies costs only the input it held.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import logging
import math
import multiprocessing
import os
import signal
import time
from collections.abc import Generator, Iterable
from multiprocessing.connection import Connection, wait
from typing import Any

from extractor.batch.feed import Feed
from extractor.batch.work import Outcome, Settings, Task, display_path, process

log = logging.getLogger(__name__)

# With the "spawn" start method a new worker imports spaCy and builds the
# pipeline before its first input; that must not count against --timeout.
SPAWN_STARTUP_GRACE = 60.0


def _die_with_parent(parent_pid: int) -> None:
    """Ask Linux to SIGKILL this process when the batch process dies, so that a
    killed batch leaves no worker behind writing into the output folder."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


def _worker_main(conn: Connection, settings: Settings, parent_pid: int) -> None:
    # Ctrl-C reaches the whole process group; the batch process decides what
    # happens to the workers, so they ignore it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent_pid)
    from extractor.nlp import get_pipeline

    get_pipeline()  # once per worker (already built in the parent with "fork")
    while True:
        if not conn.poll(1.0):
            if os.getppid() != parent_pid:  # orphaned where prctl is unavailable
                return
            continue
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        conn.send(process(task, settings))


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"the worker process was killed by {name} while extracting it"
    return f"the worker process exited (code {exitcode}) while extracting it"


class _Worker:
    def __init__(self, ctx: Any, settings: Settings, grace: float) -> None:
        parent_conn, child_conn = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(
            target=_worker_main,
            args=(child_conn, settings, os.getpid()),
            daemon=True,
            name="edz-batch-worker",
        )
        self.proc.start()
        child_conn.close()
        self.conn: Connection = parent_conn
        self.task: Task | None = None
        self.deadline = math.inf
        self.grace = grace  # extra time for the first input (start-up)

    def send(self, task: Task, timeout: float | None) -> None:
        self.conn.send(task)
        self.task = task
        self.deadline = math.inf if not timeout else time.monotonic() + timeout + self.grace
        self.grace = 0.0

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.kill()
        self.proc.join()
        with contextlib.suppress(Exception):
            self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.send(None)
        self.proc.join(1.0)
        self.kill()


class LocalEngine:
    """Runs :func:`~extractor.batch.work.process` in ``jobs`` worker processes."""

    def __init__(self, settings: Settings, *, jobs: int, timeout: float | None) -> None:
        self.settings = settings
        self.jobs = max(1, jobs)
        self.timeout = timeout or None
        methods = multiprocessing.get_all_start_methods()
        # "fork" starts a worker in milliseconds with the pipeline already
        # built (a replaced worker costs nothing); elsewhere, "spawn".
        self._ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self._grace = 0.0 if "fork" in methods else SPAWN_STARTUP_GRACE
        # Output folders in which a killed worker may have left a temporary
        # file; swept once no worker is running any more.
        self.dirty_dirs: set[str] = set()

    def _new_worker(self) -> _Worker:
        return _Worker(self._ctx, self.settings, self._grace)

    def _lost(self, worker: _Worker) -> None:
        task = worker.task
        if task is not None and task.output is not None:
            self.dirty_dirs.add(os.path.dirname(task.output))
        worker.task = None

    def run(self, tasks: Iterable[Task], *, window: int) -> Generator[Outcome, None, None]:
        """Yield one outcome per task, in any order, with no task started more than
        ``window`` places ahead of the oldest one still running."""
        if self._ctx.get_start_method() == "fork":
            from extractor.nlp import get_pipeline

            get_pipeline()
        feed = Feed(tasks, window)
        workers = [self._new_worker() for _ in range(self.jobs)]
        try:
            while True:
                for i, worker in enumerate(workers):
                    if worker.task is not None:
                        continue
                    task = feed.take(self._oldest(workers))
                    if task is None:
                        break
                    try:
                        worker.send(task, self.timeout)
                    except OSError:  # died while idle: replace it and hand the task over
                        worker.kill()
                        workers[i] = worker = self._new_worker()
                        worker.send(task, self.timeout)
                busy = [w for w in workers if w.task is not None]
                if not busy:
                    break
                now = time.monotonic()
                next_deadline = min(w.deadline for w in busy)
                wait(
                    [w.conn for w in busy] + [w.proc.sentinel for w in busy],
                    timeout=None if next_deadline == math.inf else max(0.0, next_deadline - now),
                )
                now = time.monotonic()
                for i, worker in enumerate(workers):
                    task = worker.task
                    if task is None:
                        continue
                    outcome = self._collect(worker, task, now)
                    if outcome is None:
                        continue
                    if worker.task is not None:  # killed or dead: replace it
                        self._lost(worker)
                        worker.kill()
                        workers[i] = self._new_worker()
                    yield outcome
        finally:
            for worker in workers:
                if worker.task is not None:
                    self._lost(worker)
                    worker.kill()
                else:
                    worker.stop()

    def _collect(self, worker: _Worker, task: Task, now: float) -> Outcome | None:
        """The worker's outcome if it has one; leaves ``worker.task`` set when
        the worker must be replaced (it timed out or died)."""
        path = display_path(task.rel)
        try:
            if worker.conn.poll():
                outcome: Outcome = worker.conn.recv()
                worker.task = None
                return outcome
        except (EOFError, OSError):
            worker.proc.join(1.0)
            return Outcome(task.index, path, "failed", _death(worker.proc.exitcode), "crash")
        if not worker.proc.is_alive():
            return Outcome(task.index, path, "failed", _death(worker.proc.exitcode), "crash")
        if now >= worker.deadline:
            return Outcome(
                task.index,
                path,
                "failed",
                f"timed out after {self.timeout:g} s (--timeout); the document was abandoned",
                "timeout",
            )
        return None

    @staticmethod
    def _oldest(workers: list[_Worker]) -> int | None:
        running = [w.task.index for w in workers if w.task is not None]
        return min(running) if running else None
