"""Linear-time checks that a busy machine cannot fail: a ratio of two sizes in one run.

Linear work grows ~4x when the input grows 4x, quadratic work ~16x. Time is this process's CPU
time, so the seconds spent waiting while other processes hold the CPUs are not counted. The two
sizes are timed alternately (so what load still does, such as emptied caches, falls on both),
each keeps its best of several runs, and a verdict over the limit is measured again before it
stands: load can only slow a run down, so a ratio under the limit once is proof enough, while a
quadratic path fails every attempt.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sized
from typing import TypeVar

LIMIT = 8.0  # for 4x the input: linear is ~4, quadratic ~16

Input = TypeVar("Input", bound=Sized)


def _best_pair(
    run: Callable[[], object], run_large: Callable[[], object], repeats: int
) -> tuple[float, float]:
    small = large = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        run()
        small = min(small, time.process_time() - started)
        started = time.process_time()
        run_large()
        large = min(large, time.process_time() - started)
    return small, large


def growth(
    run_small: Callable[[], object],
    run_large: Callable[[], object],
    *,
    repeats: int = 3,
    attempts: int = 3,
    floor: float = 1e-3,
) -> float:
    """The smallest time ratio large/small seen over ``attempts`` measurements (stops early
    once under :data:`LIMIT`). ``floor`` keeps a tiny small-size time from inflating it."""
    run_small()  # warm caches and lazy imports before timing
    ratio = float("inf")
    gc.collect()
    gc.disable()  # its pauses depend on everything else the test process holds
    try:
        for _ in range(attempts):
            small, large = _best_pair(run_small, run_large, repeats)
            ratio = min(ratio, large / max(small, floor))
            if ratio < LIMIT:
                break
    finally:
        gc.enable()
    return ratio


def sized(
    make: Callable[[int], Input],
    run: Callable[[Input], object],
    *,
    start: int = 1,
    min_seconds: float = 0.02,
    max_chars: int = 4_000_000,
) -> int:
    """The size factor from ``start`` up (doubling) at which ``run(make(k))`` takes
    ``min_seconds`` of CPU, or the largest whose input stays within ``max_chars``.

    A ratio of two times only means something when the small time is well above the timer's
    resolution and :func:`growth`'s floor: an input a finder rejects in microseconds would let
    a quadratic path pass. Past ``max_chars`` a run that is still that fast cannot hide a
    quadratic path of any real cost."""
    run(make(start))  # warm caches and lazy imports before timing
    k = start
    while True:
        started = time.process_time()
        run(make(k))
        if time.process_time() - started >= min_seconds or len(make(2 * k)) > max_chars:
            return k
        k *= 2
