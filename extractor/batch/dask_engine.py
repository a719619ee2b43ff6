"""The Dask engine: the same work on a Dask cluster (``--engine dask``).

The process running ``edz batch`` walks IN_DIR, reads each input, checks
whether its output is up to date, and writes the outputs. Workers are shipped
only the input's bytes, its relative path and the format, and send back the
record's JSON text, so they need edz-extractor installed (the same version:
checked at start) but no access to IN_DIR or OUT_DIR.
"""

from __future__ import annotations

import contextlib
import logging
import math
import threading
import time
from collections.abc import Generator, Iterable
from typing import Any

from extractor._version import __version__
from extractor.batch.feed import Feed
from extractor.batch.work import Outcome, Settings, Task, prepare, render, store
from extractor.errors import DaskError, EdzError, internal_error_message, path_text

log = logging.getLogger(__name__)

# A worker with several threads shares one spaCy pipeline; its memory zones
# are not meant for concurrent documents, so documents take turns.
_PIPELINE_LOCK = threading.Lock()


def warm_worker() -> str:
    """On a worker: build the pipeline once, and report the extractor's version."""
    from extractor.startup import load_pipeline

    with _PIPELINE_LOCK:
        load_pipeline()
    return __version__


def extract_remote(data: bytes, path: str, fmt: str, want_line: bool) -> tuple[bool, str, Any]:
    """On a worker: ``(True, pretty JSON, compact JSON or None)`` or
    ``(False, message, error code)``."""
    with _PIPELINE_LOCK:
        try:
            pretty, line = render(data, path, fmt, want_line)
        except EdzError as exc:
            return False, exc.message, exc.code
        except Exception as exc:
            return False, internal_error_message(exc), "internal"
    return True, pretty, line


class DaskEngine:
    """Runs the extraction on Dask workers: an existing cluster (``scheduler``)
    or a LocalCluster of ``jobs`` single-threaded worker processes."""

    def __init__(
        self,
        settings: Settings,
        *,
        jobs: int,
        timeout: float | None,
        scheduler: str | None = None,
    ) -> None:
        self.settings = settings
        self.jobs = max(1, jobs)
        self.timeout = timeout or None
        self.scheduler = scheduler
        self.dirty_dirs: set[str] = set()  # outputs are written here, never by a killed process

    def _connect(self) -> tuple[Any, Any]:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise DaskError("--engine dask needs Dask: pip install 'edz-extractor[dask]'") from None
        try:
            if self.scheduler:
                return Client(self.scheduler, timeout="30s"), None
            cluster = LocalCluster(
                n_workers=self.jobs,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            return Client(cluster), cluster
        except OSError as exc:  # includes timeouts reaching the scheduler
            where = self.scheduler or "a local cluster"
            raise DaskError(f"cannot start or reach {where}: {exc}") from None

    def _check_workers(self, client: Any) -> None:
        versions = client.run(warm_worker)
        if not versions:
            raise DaskError("the Dask cluster has no workers")
        wrong = {addr: v for addr, v in versions.items() if v != __version__}
        if wrong:
            addr, version = next(iter(wrong.items()))
            raise DaskError(
                f"worker {addr} runs edz-extractor {version}, this is {__version__}; "
                "install the same version on every worker"
            )

    def run(self, tasks: Iterable[Task], *, window: int) -> Generator[Outcome, None, None]:
        """Yield one outcome per task, in any order."""
        from distributed import wait

        client, cluster = self._connect()
        running: dict[Any, tuple[Task, float]] = {}
        try:
            self._check_workers(client)
            # As many tasks out as worker threads: a task starts when it is
            # submitted, so its --timeout deadline can count from then.
            slots = max(1, sum(client.nthreads().values()))
            feed = Feed(tasks, window)
            while True:
                while len(running) < slots:
                    oldest = min((t.index for t, _ in running.values()), default=None)
                    task = feed.take(oldest)
                    if task is None:
                        break
                    prepared = prepare(task, self.settings)
                    if isinstance(prepared, Outcome):
                        yield prepared
                        continue
                    future = client.submit(
                        extract_remote,
                        prepared,
                        path_text(task.rel),
                        self.settings.fmt,
                        self.settings.want_line,
                        pure=False,
                    )
                    deadline = time.monotonic() + self.timeout if self.timeout else math.inf
                    running[future] = (task, deadline)
                if not running:
                    break
                next_deadline = min(d for _, d in running.values())
                wait_for = None if next_deadline == math.inf else next_deadline - time.monotonic()
                with contextlib.suppress(TimeoutError):
                    wait(
                        list(running),
                        timeout=max(0.01, wait_for) if wait_for is not None else None,
                        return_when="FIRST_COMPLETED",
                    )
                now = time.monotonic()
                for future in [f for f in running if f.done()]:
                    task, _ = running.pop(future)
                    yield self._finish(task, future)
                for future in [f for f, (_, d) in running.items() if now >= d]:
                    task, _ = running.pop(future)
                    self._abandon(client, future)
                    yield Outcome(
                        task.index,
                        path_text(task.rel),
                        "failed",
                        f"timed out after {self.timeout:g} s (--timeout); the document was "
                        "abandoned",
                        "timeout",
                    )
        finally:
            for future in running:
                with contextlib.suppress(Exception):
                    future.cancel()
            with contextlib.suppress(Exception):
                client.close()
            if cluster is not None:
                with contextlib.suppress(Exception):
                    cluster.close()

    def _finish(self, task: Task, future: Any) -> Outcome:
        try:
            ok, text, extra = future.result()
        except Exception as exc:  # the worker died (KilledWorker) or the task was lost
            return Outcome(
                task.index,
                path_text(task.rel),
                "failed",
                f"the Dask worker failed while extracting it ({type(exc).__name__}: {exc})",
                "crash",
            )
        if not ok:
            return Outcome(task.index, path_text(task.rel), "failed", text, extra)
        return store(task, text, extra, self.settings.token)

    @staticmethod
    def _abandon(client: Any, future: Any) -> None:
        """Cancel a task past its deadline and restart the worker stuck in it
        (a running Python function cannot be stopped any other way)."""
        stuck = [addr for addr, keys in client.processing().items() if future.key in keys]
        with contextlib.suppress(Exception):
            future.cancel()
        if stuck:
            try:
                client.restart_workers(stuck, raise_for_error=False)
            except Exception as exc:
                log.warning("could not restart Dask worker %s: %s", stuck[0], exc)
