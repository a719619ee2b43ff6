"""The linear-time check itself: it must catch a quadratic path and pass a linear one."""

from __future__ import annotations

from scaling import LIMIT, growth, sized


def linear(text: str) -> int:
    return sum(1 for ch in text if ch == "a")


def quadratic(text: str) -> int:
    # Rescans the prefix at every position, as a careless backtracking finder would.
    return sum(text.count("a", 0, i) for i in range(0, len(text), 8))


def make(k: int) -> str:
    return "ab" * (500 * k)


def test_a_linear_function_passes() -> None:
    k = sized(make, linear)
    assert growth(lambda: linear(make(k)), lambda: linear(make(4 * k))) < LIMIT


def test_a_quadratic_function_fails() -> None:
    k = sized(make, quadratic)
    small, large = make(k), make(4 * k)
    # One attempt: a quadratic path fails every attempt, and each one costs seconds.
    ratio = growth(lambda: quadratic(small), lambda: quadratic(large), repeats=2, attempts=1)
    assert ratio > LIMIT


def test_a_fast_reject_is_grown_until_it_costs_time() -> None:
    k = sized(make, len, max_chars=100_000)
    # len() is instant: the size stops at the character cap, not at k=1.
    assert len(make(k)) <= 100_000 < len(make(2 * k))
