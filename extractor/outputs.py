"""Writing outputs so that a crash or a full disk never leaves a half-written file.

Every temporary file is named ``.edz-tmp-<target>.<run>.<random>.tmp``:
``<target>`` is 8 hex digits of a hash of the name of the file it will become,
``<run>`` the writing run's token (:func:`new_run_token`). So a temporary file
is only ever removed by the run that made it, or by a later run writing the
same target (:func:`is_stale_temp`): never an input, never a user's file that
merely starts with ``.edz-tmp-``, never the file of a run writing elsewhere.

:class:`LineFile` is a file written line by line (``edz extract -o``, a batch's
``--jsonl`` file and ``_errors.jsonl``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import sys
import tempfile
from typing import IO

from extractor.errors import OutputError

TMP_PREFIX = ".edz-tmp-"
_TEMP_NAME = re.compile(r"\.edz-tmp-([0-9a-f]{8})\.([0-9a-f]{12})\.[a-z0-9_]{8}\.tmp")


def new_run_token() -> str:
    """A token naming one run's temporary files (12 hex digits)."""
    return secrets.token_hex(6)


def target_key(path: str | os.PathLike[str]) -> str:
    """What a temporary file's name says of its target: a hash of the target's file name."""
    name = os.fsencode(os.path.basename(os.fspath(path)))
    return hashlib.sha256(name).hexdigest()[:8]


def temp_prefix(path: str | os.PathLike[str], token: str) -> str:
    """The start of the names of ``token``'s temporary files for ``path``."""
    return f"{TMP_PREFIX}{target_key(path)}.{token}."


def temp_token(name: str) -> tuple[str, str] | None:
    """``(target key, run token)`` if ``name`` is the name of one of our temporary files."""
    match = _TEMP_NAME.fullmatch(name)
    return (match.group(1), match.group(2)) if match else None


def make_temp(path: str | os.PathLike[str], token: str | None = None) -> tuple[int, str]:
    """Create the temporary file that will become ``path`` (in its folder); ``(fd, name)``."""
    folder = os.path.dirname(os.fspath(path)) or "."
    prefix = temp_prefix(path, token or new_run_token())
    return tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)


def atomic_write_bytes(
    path: str | os.PathLike[str], data: bytes, *, token: str | None = None
) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    Readers see the old file or the new one, never a part of it; on any error the
    temporary file is removed and OutputError names the path.
    """
    target = os.fspath(path)
    folder = os.path.dirname(target) or "."
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = make_temp(target, token)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=target) from exc
    try:
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are ordinary files
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=target) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class LineFile:
    """A file written line by line into a temporary file beside it and renamed
    into place by :meth:`commit`, so readers see the previous complete file
    until the new one is complete. ``-`` writes to stdout instead."""

    def __init__(self, path: str, token: str | None = None) -> None:
        self.path = path
        self._tmp: str | None = None
        self._fh: IO[bytes]
        self.lines = 0
        self.committed = False
        if path == "-":
            self._fh = sys.stdout.buffer
            return
        folder = os.path.dirname(path) or "."
        try:
            os.makedirs(folder, exist_ok=True)
            fd, self._tmp = make_temp(path, token)
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror or exc}", path=path) from exc
        self._fh = os.fdopen(fd, "wb")

    def __enter__(self) -> LineFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()  # nothing to do once committed

    def write_line(self, text: str) -> None:
        try:
            self._fh.write(text.encode("utf-8") + b"\n")
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror or exc}", path=self.path) from exc
        self.lines += 1
        if self._tmp is None:
            self._fh.flush()  # stdout: each record as soon as it is done

    def commit(self) -> None:
        """Make the file complete and visible under its name."""
        if self._tmp is None:
            self._fh.flush()
            self.committed = self.path == "-"
            return
        try:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            os.chmod(self._tmp, 0o644)  # mkstemp makes 0600; outputs are ordinary files
            os.replace(self._tmp, self.path)
        except OSError as exc:
            self.discard()
            raise OutputError(f"cannot write: {exc.strerror or exc}", path=self.path) from exc
        self._tmp = None
        self.committed = True

    def discard(self) -> None:
        """Drop what was written; the previous file (if any) stays as it was."""
        if self._tmp is None:
            return
        with contextlib.suppress(OSError):
            self._fh.close()
        with contextlib.suppress(OSError):
            os.unlink(self._tmp)
        self._tmp = None
