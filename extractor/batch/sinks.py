"""Removing the temporary files that a killed run left behind.

Only temporary files of ours are ever removed (see :mod:`extractor.outputs`):
those of this run once no worker writes any more, and those of an earlier run
for a target this run writes, while this run holds the lock on that target.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from extractor.outputs import target_key, temp_token


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
