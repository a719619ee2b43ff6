"""Files a batch writes as it goes (the --jsonl file, _errors.jsonl), and
sweeping up temporary files that a killed run left behind."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from typing import IO

from extractor.errors import OutputError
from extractor.outputs import TMP_PREFIX


class LineFile:
    """A file written line by line into a temporary file beside it and renamed
    into place by :meth:`commit`, so readers see the previous complete file
    until the new one is complete. ``-`` writes to stdout instead."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._tmp: str | None = None
        self._fh: IO[bytes]
        if path == "-":
            self._fh = sys.stdout.buffer
            return
        folder = os.path.dirname(path) or "."
        try:
            os.makedirs(folder, exist_ok=True)
            fd, self._tmp = tempfile.mkstemp(prefix=temp_prefix(path), dir=folder)
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
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror or exc}", path=self.path) from exc

    def commit(self) -> None:
        """Make the file complete and visible under its name."""
        if self._tmp is None:
            self._fh.flush()
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

    def discard(self) -> None:
        """Drop what was written; the previous file (if any) stays as it was."""
        if self._tmp is None:
            return
        with contextlib.suppress(OSError):
            self._fh.close()
        with contextlib.suppress(OSError):
            os.unlink(self._tmp)
        self._tmp = None


def temp_prefix(path: str) -> str:
    """Prefix of the temporary files of a :class:`LineFile` at ``path``."""
    return f"{TMP_PREFIX}{os.path.basename(path)}."


def sweep(folder: str, *, prefix: str = TMP_PREFIX, recursive: bool = False) -> int:
    """Remove temporary files named ``prefix*`` in ``folder`` (and below); how many.

    Only call this when no process of ours is writing there any more: the
    temporary files it removes are those of killed runs or killed workers.
    """
    removed = 0
    walk = os.walk(folder)  # does not follow symbolic links
    for dirpath, _folders, files in walk if recursive else [next(walk, (folder, [], []))]:
        for name in files:
            if name.startswith(prefix):
                try:
                    os.unlink(os.path.join(dirpath, name))
                except OSError:
                    continue
                removed += 1
    return removed
