"""Stale records: outputs in OUT_DIR whose input is gone from IN_DIR.

A file counts as a stale record only when the batch could have written it:
it is ``OUT_DIR/<rel>.json``, nothing exists at ``IN_DIR/<rel>`` any more
(an input now left out by ``--include``/``--exclude`` still exists, so its
record is not stale), and it reads as a record whose ``source.path`` is
``<rel>``. Anything else under OUT_DIR is never touched; IN_DIR is never
walked even when it lies inside OUT_DIR.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator

from extractor.errors import RECORD_MAX_BYTES, path_text

log = logging.getLogger(__name__)

_SUFFIX = ".json"


def _walk_records(out_dir: str, skip: str) -> Iterator[tuple[str, str]]:
    """``(path, rel)`` of every ``*.json`` file under ``out_dir`` (not ``skip``),
    in byte order, without following symbolic links."""
    skip_real = os.path.realpath(skip)
    for dirpath, dirnames, filenames in os.walk(out_dir):
        dirnames[:] = sorted(
            (d for d in dirnames if os.path.realpath(os.path.join(dirpath, d)) != skip_real),
            key=os.fsencode,
        )
        for name in sorted(filenames, key=os.fsencode):
            if name.endswith(_SUFFIX) and not name.startswith(".edz-tmp-"):
                path = os.path.join(dirpath, name)
                yield path, os.path.relpath(path, out_dir).replace(os.sep, "/")


def _made_from(path: str, rel: str) -> bool:
    """Whether ``path`` is a regular file holding a record of input ``rel``."""
    try:
        if os.path.islink(path) or os.path.getsize(path) > RECORD_MAX_BYTES:
            return False
        with open(path, "rb") as fh:
            record = json.loads(fh.read())
        return (
            isinstance(record, dict)
            and "schema_version" in record
            and isinstance(record.get("source"), dict)
            and record["source"].get("path") == path_text(rel)
        )
    except (OSError, ValueError, RecursionError):
        return False


def _input_is_gone(in_dir: str, input_rel: str) -> bool:
    return not os.path.lexists(os.path.join(in_dir, *input_rel.split("/")))


def find_stale(in_dir: str, out_dir: str) -> list[str]:
    """The stale records under ``out_dir`` (paths): a folder's files, then its
    subfolders', names in byte order."""
    stale = []
    for path, rel in _walk_records(out_dir, in_dir):
        input_rel = rel[: -len(_SUFFIX)]
        if _input_is_gone(in_dir, input_rel) and _made_from(path, input_rel):
            stale.append(path)
    return stale


def prune(in_dir: str, out_dir: str, stale: list[str]) -> list[str]:
    """Remove the stale records (each one unlinked whole, after checking again that
    its input is still gone); the paths removed."""
    removed = []
    for path in stale:
        rel = os.path.relpath(path, out_dir).replace(os.sep, "/")
        if not _input_is_gone(in_dir, rel[: -len(_SUFFIX)]):
            continue  # the input came back meanwhile
        try:
            os.unlink(path)
        except OSError as exc:
            log.warning("%s: cannot remove: %s", path, exc.strerror or exc)
            continue
        removed.append(path)
    return removed
