"""The local engine: worker processes of our own, each extracting one input at a time.

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
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

from extractor.batch.feed import Feed
from extractor.batch.work import Outcome, Settings, Task, process
from extractor.errors import path_text

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
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the batch process's handler
    _die_with_parent(parent_pid)
    from extractor.startup import load_pipeline

    load_pipeline()  # once per worker (already built in the parent with "fork")
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
    """One worker process and the tasks sent to it, oldest first: the first is
    the one it is working on, the next waits in its pipe so that it never
    idles waiting for the batch process (which may be slow to get a CPU)."""

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
        self.queue: deque[Task] = deque()
        self.deadline = math.inf  # for the task it is working on
        self.grace = grace  # extra time for the first task (start-up)
        self.sent = 0

    @property
    def current(self) -> Task | None:
        return self.queue[0] if self.queue else None

    def _start_clock(self, timeout: float | None) -> None:
        self.deadline = math.inf if not timeout else time.monotonic() + timeout + self.grace
        self.grace = 0.0

    def send(self, task: Task, timeout: float | None) -> None:
        self.conn.send(task)
        self.queue.append(task)
        self.sent += 1
        if len(self.queue) == 1:
            self._start_clock(timeout)

    def finished(self, timeout: float | None) -> None:
        """The current task is done; the worker moves on to the next one."""
        self.queue.popleft()
        if self.queue:
            self._start_clock(timeout)
        else:
            self.deadline = math.inf

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

    depth = 2  # tasks sent to a worker at a time
    # A worker is replaced after this many documents, so that whatever a
    # document leaves behind in a worker (caches, fragmentation) cannot add
    # up over a long run. With "fork" a new worker costs milliseconds.
    recycle_after = 2000

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

    def _abandon(self, worker: _Worker) -> list[Task]:
        """Kill ``worker``; the tasks that were waiting in it."""
        lost = worker.current
        if lost is not None and lost.output is not None:
            self.dirty_dirs.add(os.path.dirname(lost.output))
        worker.kill()
        return list(worker.queue)[1:]

    def _replace(self, worker: _Worker, retry: deque[Task]) -> _Worker:
        """Kill ``worker`` (its current task is lost; the ones waiting go back
        to ``retry``) and start another."""
        retry.extend(self._abandon(worker))
        return self._new_worker()

    def run(self, tasks: Iterable[Task], *, window: int) -> Generator[Outcome, None, None]:
        """Yield one outcome per task, in any order, with no task started more than
        ``window`` places ahead of the oldest one not finished."""
        if self._ctx.get_start_method() == "fork":
            from extractor.startup import settle

            # The pipeline and what a first document makes, once here, not in every
            # worker; frozen, as it lives as long as the process: the cyclic GC does
            # not walk it again and again (~5% of the run time with spaCy loaded) nor
            # touch the pages a worker shares.
            settle(warm=True)
        feed = Feed(tasks, window)
        retry: deque[Task] = deque()  # tasks that waited in a worker that was replaced
        workers = [self._new_worker() for _ in range(self.jobs)]
        try:
            while True:
                self._dispatch(workers, feed, retry)
                busy = [w for w in workers if w.queue]
                if not busy:
                    break
                next_deadline = min(w.deadline for w in busy)
                wait(
                    [w.conn for w in busy] + [w.proc.sentinel for w in busy],
                    timeout=None
                    if next_deadline == math.inf
                    else max(0.0, next_deadline - time.monotonic()),
                )
                now = time.monotonic()
                for i, worker in enumerate(workers):
                    for outcome, lost in self._collect(worker, now):
                        if lost:
                            workers[i] = self._replace(worker, retry)
                        yield outcome
                    worker = workers[i]
                    if worker.sent >= self.recycle_after and not worker.queue:
                        worker.stop()
                        workers[i] = self._new_worker()
        finally:
            for worker in workers:
                if worker.queue:
                    self._abandon(worker)
                else:
                    worker.stop()

    def _dispatch(self, workers: list[_Worker], feed: Feed, retry: deque[Task]) -> None:
        """Top up every worker's queue: one task each first, then a second."""
        for level in range(1, self.depth + 1):
            for i, worker in enumerate(workers):
                if len(worker.queue) >= level or worker.sent >= self.recycle_after:
                    continue
                if retry:
                    task: Task | None = retry.popleft()
                else:
                    task = feed.take(self._oldest(workers, retry))
                if task is None:
                    return
                try:
                    worker.send(task, self.timeout)
                except OSError:  # died while idle: replace it, hand the task over
                    workers[i] = worker = self._replace(worker, retry)
                    worker.send(task, self.timeout)

    def _collect(self, worker: _Worker, now: float) -> Iterator[tuple[Outcome, bool]]:
        """The worker's finished outcomes, then, if it timed out or died, the
        failure of its current task with ``lost`` True (it must be replaced)."""
        while worker.queue:
            task = worker.queue[0]
            path = path_text(task.rel)
            try:
                if not worker.conn.poll():
                    break
                outcome: Outcome = worker.conn.recv()
            except (EOFError, OSError):
                worker.proc.join(1.0)
                yield (
                    Outcome(task.index, path, "failed", _death(worker.proc.exitcode), "crash"),
                    True,
                )
                return
            worker.finished(self.timeout)
            yield outcome, False
        current = worker.current
        if current is None:
            return
        path = path_text(current.rel)
        if not worker.proc.is_alive():
            yield (
                Outcome(current.index, path, "failed", _death(worker.proc.exitcode), "crash"),
                True,
            )
        elif now >= worker.deadline:
            message = f"timed out after {self.timeout:g} s (--timeout); the document was abandoned"
            yield Outcome(current.index, path, "failed", message, "timeout"), True

    @staticmethod
    def _oldest(workers: list[_Worker], retry: deque[Task]) -> int | None:
        waiting = [t.index for w in workers for t in w.queue] + [t.index for t in retry]
        return min(waiting) if waiting else None
