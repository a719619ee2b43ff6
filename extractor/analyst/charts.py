"""Inline SVG charts of claims: one indicator of one subject over the years.

Why hand-made SVG and not a chart library: the page must open with no network, so
a library would be inlined into every report (Plotly's bundle is ~3.5 MB, Vega ~800
KB) for a handful of dot and bar charts; the SVG here is a few hundred bytes a
chart, needs no JavaScript to show, is plain DOM that a browser test can count,
and adds no dependency. Every string from a record goes through ``html.escape``.

Marks: a level or a share is a dot per claim (filled: actual; hollow, dashed:
target), with a line through the median of each year's actuals; a change is a
bar from zero (signed by its direction: "down 5 percent" is -5), filled for an
actual, dashed outline for a target. A range (``2-3 billion yuan``) is a vertical
segment from low to high with its dot at the middle.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 280, 150
LEFT, RIGHT, TOP, BOTTOM = 52, 10, 10, 22


@dataclass(frozen=True)
class Point:
    """One claim placed on a chart."""

    year: int
    value: float
    status: str  # "actual" | "target"
    label: str  # the tooltip: year, status, fact text, article
    low: float | None = None
    high: float | None = None


def short_number(value: float) -> str:
    """``40250000000`` -> ``40.25 bn``; ``64.2`` -> ``64.2``."""
    size = abs(value)
    for limit, suffix in ((1e12, " tn"), (1e9, " bn"), (1e6, " m"), (1e3, " k")):
        if size >= limit:
            return f"{value / limit:.4g}{suffix}"
    return f"{value:.4g}"


def _scale(lo: float, hi: float, top: float, bottom: float) -> tuple[float, float]:
    if hi == lo:
        hi = lo + 1
    factor = (bottom - top) / (hi - lo)
    return factor, bottom + lo * factor


def _x_positions(years: list[int]) -> dict[int, float]:
    span = WIDTH - LEFT - RIGHT
    if len(years) == 1:
        return {years[0]: LEFT + span / 2}
    first, last = years[0], years[-1]
    return {y: LEFT + 20 + (span - 34) * (y - first) / (last - first) for y in years}


def _axes(x_of: dict[int, float], ticks: list[tuple[float, str]]) -> list[str]:
    parts = [f'<line class="ax" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}"/>']
    for y, text in ticks:
        parts.append(
            f'<line class="grid" x1="{LEFT}" y1="{y:.0f}" x2="{WIDTH - RIGHT}" y2="{y:.0f}"/>'
        )
        parts.append(f'<text class="yt" x="{LEFT - 4}" y="{y + 3:.0f}">{escape(text)}</text>')
    years = sorted(x_of)
    step = max(1, -(-len(years) // 6))  # at most ~6 year labels
    for year in years[::step]:
        parts.append(f'<text class="xt" x="{x_of[year]:.0f}" y="{HEIGHT - 6}">{year}</text>')
    return parts


def nice_ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 times a power of ten) covering ``lo..hi``."""
    if hi <= lo:
        hi = lo + (abs(lo) or 1.0)
    rough = (hi - lo) / count
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= rough)
    first = math.floor(lo / step + 1e-9)
    last = math.ceil(hi / step - 1e-9)
    return [i * step for i in range(first, last + 1)]


def _y_ticks(ticks: list[float], y_of: tuple[float, float]) -> list[tuple[float, str]]:
    factor, zero = y_of
    return [(zero - v * factor, short_number(v)) for v in ticks]


def dot_chart(points: list[Point], unit: str) -> str:
    """Levels or shares: dots per claim, a line through each year's median actual."""
    values = [v for p in points for v in (p.value, p.low, p.high) if v is not None]
    ticks = nice_ticks(min(0.0, *values), max(0.0, *values))
    y_of = _scale(ticks[0], ticks[-1], TOP, HEIGHT - BOTTOM)
    factor, zero = y_of
    x_of = _x_positions(sorted({p.year for p in points}))
    parts = _axes(x_of, _y_ticks(ticks, y_of))
    medians = {}
    for year in sorted(x_of):
        actual = [p.value for p in points if p.year == year and p.status == "actual"]
        if actual:
            medians[year] = statistics.median(actual)
    if len(medians) > 1:
        coords = " ".join(f"{x_of[y]:.0f},{zero - v * factor:.0f}" for y, v in medians.items())
        parts.append(f'<polyline class="trend" points="{coords}"/>')
    for p in points:
        x, y = x_of[p.year], zero - p.value * factor
        if p.low is not None and p.high is not None:
            y1, y2 = zero - p.low * factor, zero - p.high * factor
            parts.append(
                f'<line class="range {p.status}" x1="{x:.0f}" y1="{y1:.0f}" '
                f'x2="{x:.0f}" y2="{y2:.0f}"/>'
            )
        parts.append(
            f'<circle class="mark {p.status}" cx="{x:.0f}" cy="{y:.0f}" r="4">'
            f"<title>{escape(p.label)}</title></circle>"
        )
    return _svg(parts, unit, len(points))


def bar_chart(points: list[Point], unit: str) -> str:
    """Changes: a bar from zero per claim, side by side within a year."""
    values = [p.value for p in points]
    ticks = nice_ticks(min(0.0, *values), max(0.0, *values))
    y_of = _scale(ticks[0], ticks[-1], TOP, HEIGHT - BOTTOM)
    factor, zero = y_of
    years = sorted({p.year for p in points})
    x_of = _x_positions(years)
    parts = _axes(x_of, _y_ticks(ticks, y_of))
    parts.append(
        f'<line class="ax" x1="{LEFT}" y1="{zero:.0f}" x2="{WIDTH - RIGHT}" y2="{zero:.0f}"/>'
    )
    slot = 0.8 * (WIDTH - LEFT - RIGHT - 34) / max(len(years) - 1, 1)
    for year in years:
        in_year = [p for p in points if p.year == year]
        width = max(1.0, min(18.0, slot / len(in_year) - 1))
        group = len(in_year) * (width + 1)
        # Centred on its year, but kept inside the plot at the first and last year.
        left = min(max(x_of[year] - group / 2, LEFT + 2), WIDTH - RIGHT - group)
        for i, p in enumerate(in_year):
            x = left + i * (width + 1)
            top, bottom = sorted((zero - p.value * factor, zero))
            parts.append(
                f'<rect class="mark {p.status}" x="{x:.1f}" y="{top:.1f}" '
                f'width="{width:.1f}" height="{max(bottom - top, 1):.1f}">'
                f"<title>{escape(p.label)}</title></rect>"
            )
    return _svg(parts, unit, len(points))


def _svg(parts: list[str], unit: str, marks: int) -> str:
    body = "".join(parts)
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{escape(unit)}" data-marks="{marks}">{body}</svg>'
    )
