"""Running ``edz extract`` and ``edz clean`` over their FILE arguments: each
input read (a file, or stdin, within ``--max-bytes``), extracted within
``--timeout``, and rendered, in this process or in worker processes; results
come back in input order as ``(output, error)``."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from extractor.errors import internal_error_message

log = logging.getLogger("extractor")


@dataclass(frozen=True)
class Inputs:
    """What `edz extract` and `edz clean` do with their FILE arguments."""

    files: tuple[str, ...]
    fmt: str
    max_bytes: int
    timeout: float
    pretty: bool
    model: str | None = None
    facts: bool = True  # False: `edz clean`, no pipeline at all


def _timed_out(timeout: float) -> Exception:
    from extractor.errors import TimeLimitError

    return TimeLimitError(f"timed out after {timeout:g} s (--timeout); the document was abandoned")


def _read_input(name: str, inputs: Inputs) -> tuple[bytes, str | None]:
    """The bytes of one input (``-``: stdin) and its path for the record; EdzError if unreadable."""
    from extractor.api import read_article, read_stream

    limit = inputs.max_bytes or None
    if name == "-":
        return read_stream(sys.stdin.buffer, max_bytes=limit), None
    return read_article(name, max_bytes=limit), name


def _one_record(data: bytes, path: str | None, inputs: Inputs) -> str:
    """The JSON of one input's bytes, as printed; EdzError for a bad input."""
    from extractor.api import clean_record, clean_source, record_of
    from extractor.terminal import time_limit

    indent = 2 if inputs.pretty else None
    with time_limit(inputs.timeout, lambda: _timed_out(inputs.timeout)):
        source = clean_source(data, format=inputs.fmt, path=path)
        if not inputs.facts:
            return clean_record(source).clean_json(indent=indent)
        return record_of(source, model=inputs.model).to_json(indent=indent)


def rendered(inputs: Inputs) -> Iterator[tuple[str | None, str | None]]:
    """Yield ``(output, error)`` for each input, in order; errors do not stop the rest."""
    from extractor.errors import EdzError, display_path
    from extractor.startup import settle

    settled = False
    for name in inputs.files:
        try:
            data, path = _read_input(name, inputs)
            if not settled:
                settled = True
                # The cleaner, spaCy, the record models and the pipeline live as long
                # as the process: loaded with the collector paused and frozen before it
                # resumes (see extractor.startup); after the first input that could be
                # read (a run of missing files ends fast), before its --timeout starts.
                settle(facts=inputs.facts, model=inputs.model)
            output = _one_record(data, path, inputs)
        except EdzError as exc:
            yield None, str(exc.with_path(name))
        except Exception as exc:  # a bug: report it for this file and go on
            log.debug("unexpected error on %s", display_path(name), exc_info=True)
            yield None, f"{display_path(name)}: {internal_error_message(exc)}"
        else:
            yield output, None


# Below this many inputs `edz extract` stays in one process: workers would
# start for too little work to pay for themselves.
MIN_FILES_FOR_WORKERS = 8


def extracted_in_workers(inputs: Inputs, jobs: int) -> Iterator[tuple[str | None, str | None]]:
    """Like :func:`rendered` (records in input order), with ``jobs`` worker
    processes of the batch engine: a worker that crashes or runs past
    ``--timeout`` costs only the input it held."""
    import multiprocessing

    from extractor.batch.feed import InOrder
    from extractor.batch.local import LocalEngine
    from extractor.batch.work import Settings, Task
    from extractor.errors import display_path

    files = inputs.files
    settings = Settings(fmt=inputs.fmt, max_bytes=inputs.max_bytes, want_line=True)
    ahead = {}
    if "fork" in multiprocessing.get_all_start_methods():
        from extractor.batch.preclean import PreCleaner

        # Started before spaCy and the record models are imported: that is its head start.
        try:
            pre: PreCleaner | None = PreCleaner(files, settings)
        except OSError as exc:  # no process to spare: the workers clean everything
            log.debug("no head start: %s", exc)
            pre = None
        from extractor.startup import settle

        # The record models and the pipeline, warmed up: once here rather than in every
        # worker, which are forked with them built and frozen; while the head start goes on.
        settle(warm=True)
        if pre is not None:
            ahead = pre.collect()
            log.debug("%d of %d files cleaned while the pipeline was built", len(ahead), len(files))
    engine = LocalEngine(settings, jobs=jobs, timeout=inputs.timeout or None)
    tasks = (
        Task(index=i, rel=name, source=name, output=None, cleaned=ahead.pop(i, None))
        for i, name in enumerate(files)
    )
    in_order = InOrder()
    for outcome in engine.run(tasks, window=8 * jobs):
        for done in in_order.add(outcome):
            if done.status == "failed":
                yield None, f"{display_path(files[done.index])}: {done.error}"
            elif inputs.pretty and done.line is not None:
                from extractor.record import Record

                yield Record.model_validate_json(done.line).to_json(indent=2), None
            else:
                yield done.line, None


def extract_jobs(requested: int | None, files: tuple[str, ...], model: str | None) -> int:
    """How many worker processes ``edz extract`` uses (1: none, all in this process)."""
    if "-" in files or model:  # stdin is read here; a --model pipeline is loaded here
        return 1
    if requested is not None:
        return min(requested, len(files))
    if len(files) < MIN_FILES_FOR_WORKERS:
        return 1
    from extractor.batch import default_jobs

    return min(default_jobs(), len(files))
