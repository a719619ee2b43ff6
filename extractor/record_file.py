"""Reading record files back (``edz diff``, and whatever reads a batch's output).

A record file is refused with a :class:`RecordError` naming it, never read
whole when it is not a regular file or is over the size limit, and checked
against the record's own invariants (offsets inside the text, the text at
each fact's offsets, finite numbers, ``equivalent_of`` inside ``money``) so
that what passes can be compared and printed safely.
"""

from __future__ import annotations

import json
import math
import os
import stat
from typing import Any

from pydantic import ValidationError

from extractor.errors import RECORD_MAX_BYTES, RecordError, SchemaVersionError, size_text
from extractor.outputs import TMP_PREFIX
from extractor.record import FACT_KINDS, SCHEMA_VERSION, Record

# Batch outputs: records are OUT_DIR/<relative path>.json; `_errors.jsonl` (not
# .json) and the batch's temporary files are not records.
_RECORD_SUFFIX = ".json"


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _validation_message(exc: ValidationError) -> str:
    errors = exc.errors(include_url=False)
    first = errors[0]
    where = ""
    for part in first["loc"]:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    return f"not a valid record: {where or 'record'}: {first['msg']}{more}"


def read_record_bytes(
    path: str | os.PathLike[str],
    *,
    max_bytes: int | None = RECORD_MAX_BYTES,
    too_large: str | None = None,
) -> bytes:
    """A record file's bytes: only a regular file (a FIFO, /dev/zero or a socket is
    refused before anything is read), and never more than ``max_bytes`` (None or 0:
    no limit) - a file over it is refused from its size, before it is read, with the
    reason ``too_large`` (default: the limit, named as ``edz diff``'s option)."""
    name = os.fsdecode(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise RecordError("no such file", path=name) from None
    except OSError as exc:
        raise RecordError(f"cannot read: {exc.strerror or exc}", path=name) from None
    except ValueError:  # a NUL character in the name
        raise RecordError("not a valid file name (a NUL character)", path=name) from None
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fd)
        if stat.S_ISDIR(mode.st_mode):
            raise RecordError("is a folder, not a record file", path=name)
        if not stat.S_ISREG(mode.st_mode):
            raise RecordError("not a regular file (a pipe, device or socket); not read", path=name)
        reason = too_large or f"larger than {size_text(max_bytes or 0)} (--max-bytes)"
        if max_bytes and mode.st_size > max_bytes:
            raise RecordError(reason, path=name)
        try:
            data = fh.read(max_bytes + 1) if max_bytes else fh.read()
        except OSError as exc:
            raise RecordError(f"cannot read: {exc.strerror or exc}", path=name) from None
    if max_bytes and len(data) > max_bytes:  # it grew since
        raise RecordError(reason, path=name)
    return data


def load_record(
    path: str | os.PathLike[str], *, max_bytes: int | None = RECORD_MAX_BYTES
) -> Record:
    """Read a record file (what ``edz extract`` or ``edz batch`` wrote).

    Raises :class:`RecordError` naming the file when it cannot be read, is not
    a regular file, is over ``max_bytes``, is not JSON, or is not a valid record
    (:func:`record_problem`), and :class:`SchemaVersionError` when it is a record
    of another schema version.
    """
    name = os.fsdecode(path)
    data = read_record_bytes(path, max_bytes=max_bytes)
    if not data.strip():
        raise RecordError("empty file, not a record", path=name)
    try:
        value = json.loads(data, parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise RecordError("not UTF-8 text, so not a record", path=name) from None
    except json.JSONDecodeError as exc:
        raise RecordError(_json_error_message(exc), path=name) from None
    except ValueError as exc:  # NaN / Infinity
        raise RecordError(f"not valid JSON: {exc}", path=name) from None
    except RecursionError:
        raise RecordError("not a record: JSON nested too deeply", path=name) from None
    if not isinstance(value, dict):
        raise RecordError(
            f"not a record: the JSON is {_json_type(value)}, not an object", path=name
        )
    version = value.get("schema_version")
    if version is None:
        raise RecordError("not an edz record: it has no schema_version", path=name)
    if version != SCHEMA_VERSION:
        raise SchemaVersionError(
            f"a record of schema version {json.dumps(version)}; this edz reads "
            f"{SCHEMA_VERSION} (use the edz that wrote it, or extract the article again)",
            path=name,
        )
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise RecordError(
            "not a valid record: a string has an unpaired surrogate", path=name
        ) from None
    try:
        record = Record.model_validate(value)
    except ValidationError as exc:
        raise RecordError(_validation_message(exc), path=name) from None
    problem = record_problem(record)
    if problem is not None:
        raise RecordError(f"not a valid record: {problem}", path=name)
    return record


def _number_problem(where: str, value: Any) -> str | None:
    if isinstance(value, float) and not math.isfinite(value):
        return f"{where}: {value} is not a finite number"
    return None


def record_problem(record: Record) -> str | None:
    """What breaks the record's invariants, or None: every fact's offsets inside
    ``text`` with ``text[start:end]`` its text, facts of a kind in order without
    overlap, finite numbers, ``equivalent_of`` naming another money fact, claims about
    facts of the record."""
    text = record.text
    for kind in FACT_KINDS:
        previous_end = 0
        for i, fact in enumerate(getattr(record, kind)):
            where = f"{kind}[{i}]"
            if not fact.start < fact.end <= len(text):
                return f"{where}: offsets {fact.start}:{fact.end} are not inside the text"
            if text[fact.start : fact.end] != fact.text:
                return f"{where}: text is not the record's text at {fact.start}:{fact.end}"
            if fact.start < previous_end:
                return f"{where}: overlaps or comes before the fact before it"
            previous_end = fact.end
            for name, value in fact:
                problem = _number_problem(f"{where}.{name}", value)
                if problem is not None:
                    return problem
    for i, money in enumerate(record.money):
        target = money.equivalent_of
        if target is not None and (target >= len(record.money) or target == i):
            return f"money[{i}].equivalent_of: {target} is not the index of another money fact"
    return _claims_problem(record)


def _claims_problem(record: Record) -> str | None:
    """A claim must be about a fact of the record, one claim a fact; its metric inside the
    text and its sentence one of the record's (when it lists them)."""
    seen = set()
    for i, claim in enumerate(record.claims):
        ref = (claim.fact.kind, claim.fact.index)
        if claim.fact.index >= len(getattr(record, claim.fact.kind)) or ref in seen:
            return (
                f"claims[{i}].fact: {claim.fact.kind}[{claim.fact.index}] is not a fact of its own"
            )
        seen.add(ref)
        metric = claim.metric
        if metric is not None and record.text[metric.start : metric.end] != metric.text:
            return (
                f"claims[{i}].metric: text is not the record's text at {metric.start}:{metric.end}"
            )
        if record.sentences and claim.sentence >= len(record.sentences):
            return f"claims[{i}].sentence: {claim.sentence} is not a sentence of the record"
    return None


def _json_error_message(exc: json.JSONDecodeError) -> str:
    where = f"line {exc.lineno} column {exc.colno}"
    message = f"{exc.msg} {where}" if exc.msg.endswith(" at") else f"{exc.msg} at {where}"
    if exc.msg == "Extra data":
        message += " (one record per file; is this JSON Lines?)"
    elif exc.msg.startswith("Unterminated") or exc.pos >= len(exc.doc.rstrip()):
        message += " (the file ends too early: truncated?)"
    return f"not valid JSON: {message[0].lower()}{message[1:]}"


def _json_type(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return "a number"


def record_files(folder: str) -> tuple[dict[str, str], list[RecordError]]:
    """The record files under ``folder``: ``{relative path: path}``, and what could not be listed.

    Symbolic links to folders are not followed (no loops); a link to a file
    outside ``folder``, or something that is not a regular file, is an error.
    """
    found: dict[str, str] = {}
    errors: list[RecordError] = []
    root_real = os.path.realpath(folder)

    def on_error(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else folder
        errors.append(RecordError(f"cannot list: {exc.strerror or exc}", path=os.fsdecode(where)))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=on_error):
        dirnames.sort(key=os.fsencode)
        for name in sorted(filenames, key=os.fsencode):
            if not name.endswith(_RECORD_SUFFIX) or name.startswith(TMP_PREFIX):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, folder).replace(os.sep, "/")
            try:
                st = os.stat(path)
            except OSError:
                errors.append(RecordError("a broken symbolic link", path=path))
                continue
            real = os.path.realpath(path)
            if not (real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)):
                errors.append(RecordError(f"links outside {folder}; not read", path=path))
            elif not stat.S_ISREG(st.st_mode):
                errors.append(RecordError("not a regular file; not read", path=path))
            else:
                found[rel] = path
    return found, errors
