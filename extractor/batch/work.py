"""One input of a batch from start to finish: read it, check whether its output
is already up to date, extract, and write the output atomically.

The engines share these functions: the local engine runs :func:`process` in its
worker processes; the Dask engine runs :func:`prepare` and :func:`store` where
the files are and ships only :func:`render` (bytes in, JSON text out) to workers.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from typing import Literal

from extractor._version import __version__
from extractor.api import CleanedSource
from extractor.errors import (
    DEFAULT_MAX_BYTES,
    EdzError,
    OutputError,
    internal_error_message,
    path_text,
)

log = logging.getLogger(__name__)

Status = Literal["processed", "skipped", "failed"]

# An output error with one of these causes will hit every other output too,
# so the batch stops instead of failing each remaining input the same way.
FATAL_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}
)


@dataclass(frozen=True)
class Settings:
    """What every input of one batch is processed with."""

    fmt: str = "auto"
    max_bytes: int = DEFAULT_MAX_BYTES  # 0: no limit
    force: bool = False
    want_line: bool = False  # return the compact record for --jsonl
    token: str | None = None  # names the run's temporary files (extractor.outputs)
    timeout: float | None = None  # per document, where no engine enforces one


@dataclass(frozen=True)
class Task:
    """One input: where to read it, where its output goes (None: no file output),
    or why it already failed (found by the walk)."""

    index: int
    rel: str
    source: str
    output: str | None
    error: str | None = None
    code: str = "input"
    cleaned: CleanedSource | None = None  # read and cleaned ahead (see preclean.py)


@dataclass(frozen=True)
class Outcome:
    """What became of one input. ``line`` is its compact record (for --jsonl)."""

    index: int
    path: str
    status: Status
    error: str | None = None
    code: str | None = None
    line: str | None = None
    fatal: bool = False

    def error_json(self) -> str:
        """The input's line in _errors.jsonl."""
        return json.dumps(
            {"path": self.path, "error": self.error, "code": self.code}, ensure_ascii=False
        )


def output_path(out_dir: str, rel: str) -> str:
    """``OUT_DIR/<relative path>.json``: ``a/x.txt`` gives ``a/x.txt.json``."""
    return os.path.join(out_dir, *rel.split("/")) + ".json"


def load_input(task: Task, settings: Settings) -> bytes:
    """The article's bytes: the file read with the size limit, ``.gz`` decompressed."""
    from extractor.api import gunzip, read_source

    data = read_source(task.source, max_bytes=settings.max_bytes or None)
    if task.rel.lower().endswith(".gz"):
        data = gunzip(data, max_bytes=settings.max_bytes or None, name=task.rel)
    return data


def _compact(pretty: bytes) -> str:
    from extractor.record import Record

    return Record.model_validate_json(pretty).to_json(indent=None)


def up_to_date(task: Task, data: bytes, settings: Settings) -> tuple[bool, str | None]:
    """Whether the existing output was made from these bytes by this version
    (and, for --jsonl, its compact record). A missing, unreadable or foreign
    output is simply not up to date."""
    if settings.force or task.output is None:
        return False, None
    try:
        with open(task.output, "rb") as fh:
            existing = fh.read()
        record = json.loads(existing)
        source = record["source"]
        same = (
            record["extractor_version"] == __version__
            and source["sha256"] == hashlib.sha256(data).hexdigest()
            and source["path"] == path_text(task.rel)
            and (settings.fmt == "auto" or source["format"] == settings.fmt)
        )
        if not same:
            return False, None
        return True, (_compact(existing) if settings.want_line else None)
    except (OSError, ValueError, KeyError, TypeError):
        return False, None


def render(
    data: bytes | CleanedSource,
    path: str,
    fmt: str,
    want_line: bool,
    want_pretty: bool = True,
) -> tuple[str, str | None]:
    """The record of an input's bytes (or of its cleaned page) as ``edz extract``
    prints it (indented JSON + newline; "" unless ``want_pretty``), and compact
    (None unless ``want_line``)."""
    from extractor.api import extract, record_of

    if isinstance(data, CleanedSource):
        record = record_of(data)
    else:
        record = extract(data, format=fmt, path=path)
    pretty = record.to_json(indent=2) + "\n" if want_pretty else ""
    return pretty, (record.to_json(indent=None) if want_line else None)


def failure(task: Task, exc: BaseException) -> Outcome:
    """The outcome of an input that raised ``exc``."""
    path = path_text(task.rel)
    if isinstance(exc, EdzError):
        cause = exc.__context__
        fatal = (
            isinstance(exc, OutputError)
            and isinstance(cause, OSError)
            and cause.errno in FATAL_ERRNOS
        )
        return Outcome(task.index, path, "failed", exc.message, exc.code, fatal=fatal)
    log.debug("unexpected error on %s", path, exc_info=exc)
    return Outcome(task.index, path, "failed", internal_error_message(exc), "internal")


def prepare(task: Task, settings: Settings) -> Outcome | bytes:
    """Read the input: its bytes to extract, or its outcome if there is nothing to do."""
    if task.error is not None:
        return Outcome(task.index, path_text(task.rel), "failed", task.error, task.code)
    try:
        data = load_input(task, settings)
        done, line = up_to_date(task, data, settings)
    except Exception as exc:
        return failure(task, exc)
    if done:
        return Outcome(task.index, path_text(task.rel), "skipped", line=line)
    return data


def store(task: Task, pretty: str, line: str | None, token: str | None = None) -> Outcome:
    """Write the input's output file (atomically) and report it processed."""
    from extractor.outputs import atomic_write_bytes

    if task.output is not None:
        try:
            atomic_write_bytes(task.output, pretty.encode("utf-8"), token=token)
        except Exception as exc:
            return failure(task, exc)
    return Outcome(task.index, path_text(task.rel), "processed", line=line)


def process(task: Task, settings: Settings) -> Outcome:
    """Everything for one input; never raises (a failure is an Outcome)."""
    prepared = task.cleaned if task.cleaned is not None else prepare(task, settings)
    if isinstance(prepared, Outcome):
        return prepared
    try:
        pretty, line = render(
            prepared,
            path_text(task.rel),
            settings.fmt,
            settings.want_line,
            want_pretty=task.output is not None,
        )
    except Exception as exc:
        return failure(task, exc)
    return store(task, pretty, line, settings.token)
