"""Reading records back: record files, ``edz batch`` folders and JSON Lines files.

Records are read as plain JSON (dicts), checked only as far as the tables and the
report rely on them, so that a record of schema 1.0 (no ``sentences``, no
``claims``) and one of 1.1 read the same way. A record of a newer schema than
this code knows is refused: its fields may mean something else.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from extractor.errors import RecordError, SchemaVersionError, display_path

# The schema versions this code reads. A record of any other 1.x or later is
# refused with a SchemaVersionError.
KNOWN_SCHEMAS = ("1.0", "1.1")
# A record is at most a few times its input (20 MB by default); a larger file
# is not something `edz` wrote and is refused before it is read.
MAX_RECORD_BYTES = 256 * 1024 * 1024
# Batch outputs: records are OUT_DIR/<relative path>.json; the batch's error
# list (`_errors.jsonl`) and its temporary files are not records.
RECORD_SUFFIX = ".json"
JSONL_SUFFIXES = (".jsonl", ".ndjson")
TEMP_PREFIX = ".edz-tmp-"
STDIN = "-"

FACT_LISTS = ("money", "percentages", "years", "counts", "entities")
_INT_FIELDS = ("start", "end", "sentence")


def read_records(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = MAX_RECORD_BYTES,
) -> list[dict[str, Any]]:
    """Read every record under ``paths``, in order: record files (``.json``), JSON Lines
    files (``.jsonl``; ``-`` is JSON Lines on stdin) and ``edz batch`` output folders
    (their ``*.json`` files, in byte order of their relative path).

    Each record is the JSON object as written, checked: a file that is not a record,
    a record of a newer schema version, an empty folder or a missing path raises
    :class:`~extractor.errors.RecordError` (or ``SchemaVersionError``) naming the file.
    Records of schema 1.0 lack ``sentences`` and ``claims``; readers of these dicts
    should use ``record.get("claims", [])``.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    records: list[dict[str, Any]] = []
    for path in paths:
        records.extend(_records_at(os.fspath(path), max_bytes))
    return records


def _records_at(path: str, max_bytes: int) -> Iterator[dict[str, Any]]:
    if path == STDIN:
        yield from _jsonl_records(sys.stdin.buffer, "<stdin>", max_bytes)
        return
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise RecordError("no such file or folder", path=path) from None
    except OSError as exc:
        raise RecordError(f"cannot read: {exc.strerror or exc}", path=path) from None
    if stat.S_ISDIR(mode):
        files = folder_record_files(path)
        if not files:
            raise RecordError(
                "no record files (*.json) in this folder: is it an `edz batch` output folder?",
                path=path,
            )
        for file in files:
            yield _record_file(file, max_bytes)
    elif path.lower().endswith(JSONL_SUFFIXES):
        try:
            with open(path, "rb") as fh:
                yield from _jsonl_records(fh, path, max_bytes)
        except OSError as exc:
            raise RecordError(f"cannot read: {exc.strerror or exc}", path=path) from None
    else:
        yield _record_file(path, max_bytes)


def folder_record_files(folder: str) -> list[str]:
    """The record files under ``folder``, in byte order of their relative path.

    Links to folders are not followed (no loops); temporary files of a running
    batch and its ``_errors.jsonl`` are left out.
    """
    found: list[tuple[bytes, str]] = []

    def on_error(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else folder
        raise RecordError(f"cannot list: {exc.strerror or exc}", path=os.fsdecode(where))

    for dirpath, _dirnames, filenames in os.walk(folder, onerror=on_error):
        for name in filenames:
            if name.endswith(RECORD_SUFFIX) and not name.startswith(TEMP_PREFIX):
                path = os.path.join(dirpath, name)
                found.append((os.fsencode(os.path.relpath(path, folder)), path))
    return [path for _key, path in sorted(found)]


def _record_file(path: str, max_bytes: int) -> dict[str, Any]:
    # The reader `edz diff` uses: a regular file only (a FIFO would hang a plain open),
    # refused from its size before it is read. Imported here: it builds the models.
    from extractor.record_file import read_record_bytes

    too_large = f"over {max_bytes} bytes: not a record edz wrote"
    data = read_record_bytes(path, max_bytes=max_bytes, too_large=too_large)
    if not data.strip():
        raise RecordError("empty file, not a record", path=path)
    return parse_record(data, path)


def _jsonl_records(fh: Any, name: str, max_bytes: int) -> Iterator[dict[str, Any]]:
    found = False
    for number, line in enumerate(iter(lambda: fh.readline(max_bytes + 1), b""), start=1):
        where = f"{name}: line {number}"
        if len(line) > max_bytes:
            raise RecordError(f"over {max_bytes} bytes: not a record edz wrote", path=where)
        if line.strip():
            found = True
            yield parse_record(line, where)
    if not found:
        raise RecordError("no records in this JSON Lines file", path=name)


def parse_record(data: bytes | str, name: str) -> dict[str, Any]:
    """One record from its JSON text, checked (see :func:`check_record`)."""
    try:
        value = json.loads(data, parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise RecordError("not UTF-8 text, so not a record", path=name) from None
    except json.JSONDecodeError as exc:
        raise RecordError(f"not valid JSON: {exc.msg} at line {exc.lineno}", path=name) from None
    except (ValueError, RecursionError) as exc:
        raise RecordError(f"not valid JSON: {exc}", path=name) from None
    return check_record(value, name)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _version_key(version: str) -> tuple[int, ...] | None:
    parts = version.split(".")
    if not all(p.isdigit() for p in parts):
        return None
    return tuple(int(p) for p in parts)


def check_record(value: Any, name: str) -> dict[str, Any]:
    """``value`` if it is an edz record this code reads; else a RecordError naming ``name``."""
    if not isinstance(value, dict):
        raise RecordError("not an edz record: the JSON is not an object", path=name)
    version = value.get("schema_version")
    if not isinstance(version, str) or _version_key(version) is None:
        raise RecordError("not an edz record: it has no schema_version", path=name)
    if version not in KNOWN_SCHEMAS:
        newest = max(_version_key(known) or () for known in KNOWN_SCHEMAS)
        if (_version_key(version) or ()) > newest:
            raise SchemaVersionError(
                f"a record of schema version {version}, newer than this edz reads "
                f"({', '.join(KNOWN_SCHEMAS)}): upgrade edz-extractor",
                path=name,
            )
        raise SchemaVersionError(f"unknown schema version {version}", path=name)
    _check_fields(value, name)
    return value


def _check_fields(record: dict[str, Any], name: str) -> None:
    def need(ok: bool, what: str) -> None:
        if not ok:
            raise RecordError(f"not a valid record: {what}", path=name)

    need(isinstance(record.get("text"), str), "text is not a string")
    text_len = len(record["text"])
    for part in ("source", "article"):
        need(isinstance(record.get(part), dict), f"{part} is not an object")
    for kind in FACT_LISTS:
        facts = record.get(kind, [])
        need(isinstance(facts, list), f"{kind} is not a list")
        for i, fact in enumerate(facts):
            need(isinstance(fact, dict), f"{kind}[{i}] is not an object")
            for field in _INT_FIELDS:
                need(_is_int(fact.get(field)), f"{kind}[{i}].{field} is not an integer")
            need(0 <= fact["start"] <= fact["end"] <= text_len, f"{kind}[{i}] is outside text")
    sentences = record.get("sentences", [])
    need(isinstance(sentences, list), "sentences is not a list")
    for i, pair in enumerate(sentences):
        ok = isinstance(pair, list) and len(pair) == 2 and all(_is_int(x) for x in pair)
        need(ok and 0 <= pair[0] <= pair[1] <= text_len, f"sentences[{i}] is not [start, end]")
    claims = record.get("claims", [])
    need(isinstance(claims, list), "claims is not a list")
    for i, claim in enumerate(claims):
        need(isinstance(claim, dict) and isinstance(claim.get("fact"), dict), f"claims[{i}]")
        fact = claim["fact"]
        kind, index = fact.get("kind"), fact.get("index")
        need(kind in ("money", "percentages"), f"claims[{i}].fact.kind is {kind!r}")
        ok = _is_int(index) and 0 <= index < len(record.get(kind, []))
        need(ok, f"claims[{i}].fact.index points at no {kind} fact")
    warnings = record.get("warnings", [])
    need(isinstance(warnings, list), "warnings is not a list")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def record_name(record: dict[str, Any]) -> str:
    """A short name for a record in messages: its source path, or its hash."""
    source = record.get("source") or {}
    return display_path(source.get("path") or source.get("sha256") or "<record>")
