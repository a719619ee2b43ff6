"""Files a batch writes as it goes (the --jsonl file, _errors.jsonl), and
removing the temporary files that a killed run left behind.

Only temporary files of ours are ever removed (see :mod:`extractor.outputs`):
those of this run once no worker writes any more, and those of an earlier run
for a target this run writes, while this run holds the lock on that target.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import IO

from extractor.errors import OutputError
from extractor.outputs import make_temp, target_key, temp_token


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


def _our_temps(folder: str) -> Iterator[tuple[str, str, str]]:
    """``(name, target key, run token)`` of the temporary files of ours in ``folder``."""
    try:
        with os.scandir(folder) as entries:
            found = [(e.name, temp_token(e.name)) for e in entries if e.is_file()]
    except OSError:
        return
    for name, parts in found:
        if parts is not None:
            yield name, parts[0], parts[1]


def _unlink(path: str) -> bool:
    try:
        os.unlink(path)
    except OSError:
        return False
    return True


def sweep_run(folder: str, token: str) -> int:
    """Remove the temporary files of run ``token`` in ``folder`` (a worker killed
    while writing); how many. Only once no process of that run writes there."""
    return sum(
        _unlink(os.path.join(folder, name))
        for name, _key, run in _our_temps(folder)
        if run == token
    )


class StaleTemps:
    """Removes the temporary files an earlier, killed run left for the targets this
    run writes. Each folder is listed once, when the first target in it comes up;
    a file is removed only when a target this run writes has its name's key.

    The caller must hold the lock of the output folder (or of the target): then
    no other run can be writing these files."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.removed = 0
        self._folders: dict[str, dict[str, list[str]]] = {}

    def before_writing(self, target: str) -> None:
        folder = os.path.dirname(target) or "."
        stale = self._folders.get(folder)
        if stale is None:
            stale = {}
            for name, key, run in _our_temps(folder):
                if run != self.token:
                    stale.setdefault(key, []).append(name)
            self._folders[folder] = stale
        for name in stale.pop(target_key(target), ()):
            self.removed += _unlink(os.path.join(folder, name))
