"""A head start for many files: cleaning while the pipeline is built.

Before its first document can go through the pipeline, ``edz extract`` spends
~0.4 s importing spaCy and building the pipeline, on one CPU. A second CPU
would idle meanwhile, so a process forked before spaCy is imported reads and
cleans the first files (the cleaner needs no spaCy) until the pipeline is ready;
the workers then start from its results (on the 181 benchmark pages, ~120 of
them are clean by then).

It is a head start only: a file it did not reach, or failed on, goes through a
worker like any other, so every error (and crash) is reported the same way.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
from collections.abc import Sequence
from multiprocessing.connection import Connection

from extractor.api import CleanedSource, clean_source
from extractor.batch.work import Settings, Task, load_input
from extractor.errors import path_text

# Bounds the memory of what is cleaned ahead (a cleaned page is ~5 KB of text
# on average; a few are far larger).
MAX_AHEAD = 500


def clean_until_stopped(conn: Connection, files: Sequence[str], settings: Settings) -> None:
    """Clean ``files`` in order until a message arrives on ``conn`` (or all are
    done and it arrives); then send back what was cleaned, by index."""
    done: dict[int, CleanedSource] = {}
    for index, name in enumerate(files[:MAX_AHEAD]):
        if conn.poll():  # the pipeline is ready: stop here
            break
        try:
            data = load_input(Task(index, name, name, None), settings)
            done[index] = clean_source(data, format=settings.fmt, path=path_text(name))
        except Exception:  # a worker redoes it and reports the error
            continue
    conn.recv()
    conn.send(done)


def _child_main(
    conn: Connection, files: Sequence[str], settings: Settings, parent_pid: int
) -> None:
    from extractor.batch.local import _die_with_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C does
    _die_with_parent(parent_pid)
    clean_until_stopped(conn, files, settings)


class PreCleaner:
    """Cleans ``files`` in order, in a process of its own, until :meth:`collect`."""

    def __init__(self, files: Sequence[str], settings: Settings) -> None:
        import os

        ctx = multiprocessing.get_context("fork")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(
            target=_child_main,
            args=(child, list(files), settings, os.getpid()),
            daemon=True,
            name="edz-preclean",
        )
        self._proc.start()
        child.close()

    def collect(self, wait: float = 1.0) -> dict[int, CleanedSource]:
        """Stop cleaning; the files cleaned so far, by index. Empty if the
        process died or is still inside one document after ``wait`` seconds."""
        done: dict[int, CleanedSource] = {}
        with contextlib.suppress(EOFError, OSError):
            self._conn.send(None)
            if self._conn.poll(wait):
                done = self._conn.recv()
        with contextlib.suppress(Exception):
            self._proc.kill()
        self._proc.join()
        self._conn.close()
        return done
