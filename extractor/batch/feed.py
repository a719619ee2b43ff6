"""Handing tasks to an engine and putting its outcomes back in input order,
with a bounded amount in between (memory stays flat over a long run)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from extractor.batch.work import Outcome, Task


class Feed:
    """Tasks in input order, never more than ``window`` places ahead of the
    oldest task still running, so that at most ``window`` outcomes wait in
    :class:`InOrder` for a slow one."""

    def __init__(self, tasks: Iterable[Task], window: int) -> None:
        self._tasks = iter(tasks)
        self._next: Task | None = None
        self.window = max(1, window)
        self.exhausted = False

    def take(self, oldest_running: int | None) -> Task | None:
        """The next task, or None when there is none or it must wait."""
        if self._next is None:
            if self.exhausted:
                return None
            self._next = next(self._tasks, None)
            if self._next is None:
                self.exhausted = True
                return None
        if oldest_running is not None and self._next.index >= oldest_running + self.window:
            return None
        task, self._next = self._next, None
        return task


class InOrder:
    """Re-orders outcomes (which arrive in any order) by their task index."""

    def __init__(self) -> None:
        self._next = 0
        self._waiting: dict[int, Outcome] = {}

    def add(self, outcome: Outcome) -> Iterator[Outcome]:
        """Take one outcome; yield every outcome now next in order."""
        self._waiting[outcome.index] = outcome
        while self._next in self._waiting:
            yield self._waiting.pop(self._next)
            self._next += 1

    def __len__(self) -> int:
        return len(self._waiting)
