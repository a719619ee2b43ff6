"""Finding the inputs of a batch: the files under IN_DIR that match the globs.

The walk is deterministic (entries in byte order of their names), never leaves
IN_DIR through a symbolic link, survives symbolic link loops, and reports what
it cannot read (a folder it may not list, a broken link) as an input failure
instead of stopping.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

log = logging.getLogger(__name__)

DEFAULT_INCLUDE: tuple[str, ...] = (
    "*.html",
    "*.htm",
    "*.txt",
    "*.html.gz",
    "*.htm.gz",
    "*.txt.gz",
)


@dataclass(frozen=True)
class Found:
    """One input the walk found: its path relative to IN_DIR (``/``-separated),
    or a problem with that path that makes it a failed input."""

    rel: str
    error: str | None = None
    code: str = "input"


def _matches(rel: str, name: str, patterns: Iterable[str]) -> bool:
    # Case-insensitive: "X.HTML" is an HTML page too. A pattern with a "/" is
    # matched against the path relative to IN_DIR, others against the name.
    for pattern in patterns:
        subject = rel if "/" in pattern else name
        if fnmatch.fnmatchcase(subject.lower(), pattern.lower()):
            return True
    return False


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _sort_key(entry: os.DirEntry[str]) -> bytes:
    return os.fsencode(entry.name)


def iter_inputs(
    in_dir: str,
    *,
    include: Iterable[str] = DEFAULT_INCLUDE,
    exclude: Iterable[str] = (),
    prune: Iterable[str] = (),
) -> Iterator[Found]:
    """Yield the inputs under ``in_dir`` in a fixed order.

    ``prune`` lists folders never to enter (the output folder, when it lies
    inside IN_DIR). Symbolic links are followed only when their target is
    inside IN_DIR; a folder reached twice (a loop) is entered once.
    """
    include = tuple(include)
    exclude = tuple(exclude)
    root_real = os.path.realpath(in_dir)
    root_stat = os.stat(in_dir)
    visited = {(root_stat.st_dev, root_stat.st_ino)}
    for folder in prune:
        try:
            st = os.stat(folder)
        except OSError:
            continue
        visited.add((st.st_dev, st.st_ino))

    # An explicit stack of (relative folder, sorted entries) instead of
    # recursion, so that a deep tree cannot exhaust the Python stack.
    stack: list[tuple[str, Iterator[os.DirEntry[str]]]] = []

    def open_folder(rel_dir: str, path: str) -> Found | None:
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=_sort_key)
        except OSError as exc:
            return Found(rel_dir + "/", f"cannot list the folder: {exc.strerror or exc}")
        stack.append((rel_dir, iter(entries)))
        return None

    problem = open_folder("", in_dir)
    if problem is not None:
        yield problem
    while stack:
        rel_dir, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
        if _matches(rel, entry.name, exclude):
            continue
        wanted = _matches(rel, entry.name, include)
        is_link = False
        try:
            is_link = entry.is_symlink()
            if is_link:
                target = os.path.realpath(entry.path)
                if not _inside(target, root_real):
                    log.info("%s: not following a symbolic link that leaves the input folder", rel)
                    continue
            st = os.stat(entry.path)  # follows links (inside IN_DIR only, checked above)
        except OSError as exc:
            if wanted:
                reason = "a broken symbolic link" if is_link else "cannot read"
                yield Found(rel, f"{reason}: {exc.strerror or exc}")
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in visited:
                log.info("%s: folder already visited (a symbolic link loop?); skipped", rel)
                continue
            visited.add(key)
            problem = open_folder(rel, entry.path)
            if problem is not None:
                yield problem
        elif wanted:
            if stat.S_ISREG(st.st_mode):
                yield Found(rel)
            else:  # a FIFO or a device would block or never end
                yield Found(rel, "not a regular file (a pipe, socket or device)")


def count_inputs(
    in_dir: str,
    *,
    include: Iterable[str] = DEFAULT_INCLUDE,
    exclude: Iterable[str] = (),
    prune: Iterable[str] = (),
) -> int:
    """How many inputs :func:`iter_inputs` yields (for a progress bar's total)."""
    return sum(1 for _ in iter_inputs(in_dir, include=include, exclude=exclude, prune=prune))
