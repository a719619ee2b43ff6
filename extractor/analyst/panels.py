"""The report's subject panels: claims grouped by subject, then by what they measure.

A chart holds the claims of one subject with the same indicator, quantity and unit
(``revenue · level · CNY``); levels, changes and shares are never mixed on one
axis. Claims without a year cannot be placed on a year axis: they are listed under
the chart instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any, get_args

from extractor.analyst.charts import Point, bar_chart, dot_chart
from extractor.record import Indicator, Quantity

# The contract's closed lists, in its order (charts of a subject follow it).
INDICATORS: tuple[str, ...] = get_args(Indicator)
QUANTITIES: tuple[str, ...] = get_args(Quantity)
LABELS = {"gdp": "GDP", "rd_spending": "R&D spending", "added_value": "added value"}
NO_SUBJECT = "No subject named"
# Panels past this many start closed (still in the page, a click away), so that
# a report of a thousand articles opens on a screenful, not on hundreds of charts.
OPEN_PANELS = 12
UNDATED_SHOWN = 8


@dataclass
class Chart:
    quantity: str
    indicator: str
    unit: str
    points: list[Point] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)


@dataclass
class Panel:
    subject: str
    articles: set[str] = field(default_factory=set)
    charts: dict[tuple[int, int, str], Chart] = field(default_factory=dict)
    claims: int = 0


def panel_subject(claim: dict[str, Any], canonical: dict[str, str]) -> str:
    """The subject whose panel shows ``claim``: the full name for an alias."""
    subject = claim.get("subject")
    if not isinstance(subject, str) or not subject.strip():
        return NO_SUBJECT
    return canonical.get(subject, subject)


def canonical_names(record: dict[str, Any]) -> dict[str, str]:
    """An acronym or alias -> the full name the record's entities give it."""
    return {
        e["text"]: e["canonical"]
        for e in record.get("entities", [])
        if isinstance(e.get("text"), str) and isinstance(e.get("canonical"), str)
    }


def _value_and_unit(claim: dict[str, Any], fact: dict[str, Any]) -> tuple[Any, Any, Any, str]:
    if claim["fact"]["kind"] == "money":
        return fact.get("amount"), fact.get("low"), fact.get("high"), str(fact.get("currency"))
    unit = "points" if fact.get("unit") == "points" else "%"
    return fact.get("value"), None, None, unit


def _number(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


def _point(claim: dict[str, Any], fact: dict[str, Any], title: str) -> tuple[Point | None, str]:
    """The claim as a chart point (None when it has no number to plot) and its unit."""
    amount, low, high, unit = _value_and_unit(claim, fact)
    value, low_f, high_f = _number(amount), _number(low), _number(high)
    if value is None:
        value = (
            (low_f + high_f) / 2 if low_f is not None and high_f is not None else low_f or high_f
        )
    if value is None:
        return None, unit
    if claim.get("quantity") == "change" and claim.get("direction") == "down":
        value = -abs(value)
    status = "target" if claim.get("status") == "target" else "actual"
    year = claim.get("year")
    metric = claim.get("metric") or {}
    what = f" ({metric['text']})" if isinstance(metric.get("text"), str) else ""
    when = year if year is not None else "no year"
    label = f"{when} · {status} · {fact.get('text')}{what} — {title}"
    has_range = amount is None and low_f is not None and high_f is not None
    point = Point(
        year if isinstance(year, int) else 0,
        value,
        status,
        label,
        low_f if has_range else None,
        high_f if has_range else None,
    )
    return point, unit


def build_panels(records: list[dict[str, Any]]) -> list[Panel]:
    """One panel per subject, the subjects of the most articles (then claims) first."""
    panels: dict[str, Panel] = {}
    for record in records:
        canonical = canonical_names(record)
        article = record.get("article") or {}
        source = record.get("source") or {}
        title = article.get("title") or source.get("path") or "untitled"
        for claim in record.get("claims", []):
            fact = record[claim["fact"]["kind"]][claim["fact"]["index"]]
            point, unit = _point(claim, fact, str(title))
            if point is None:
                continue
            subject = panel_subject(claim, canonical)
            panel = panels.setdefault(subject, Panel(subject))
            panel.articles.add(str(source.get("sha256")))
            panel.claims += 1
            quantity = claim.get("quantity") if claim.get("quantity") in QUANTITIES else "level"
            indicator = claim.get("indicator") if claim.get("indicator") in INDICATORS else "other"
            key = (QUANTITIES.index(quantity), INDICATORS.index(indicator), unit)
            chart = panel.charts.setdefault(key, Chart(quantity, indicator, unit))
            if isinstance(claim.get("year"), int):
                chart.points.append(point)
            else:
                chart.undated.append(point.label)
    # Subjects that more articles speak of first: their charts have the most years.
    return sorted(
        panels.values(),
        key=lambda p: (p.subject == NO_SUBJECT, -len(p.articles), -p.claims, p.subject),
    )


def _chart_html(chart: Chart) -> str:
    name = LABELS.get(chart.indicator, chart.indicator.replace("_", " "))
    unit = "percentage points" if chart.unit == "points" else chart.unit
    heading = f"{name} · {chart.quantity} ({unit})"
    parts = [f'<figure class="fig"><figcaption>{escape(heading)}</figcaption>']
    if chart.points:
        draw = bar_chart if chart.quantity == "change" else dot_chart
        points = sorted(chart.points, key=lambda p: (p.year, p.status, p.value))
        parts.append(draw(points, heading))
    if chart.undated:
        items = "".join(f"<li>{escape(text)}</li>" for text in chart.undated[:UNDATED_SHOWN])
        more = len(chart.undated) - UNDATED_SHOWN
        if more > 0:
            items += f"<li>and {more} more</li>"
        parts.append(f'<ul class="undated" title="claims with no year">{items}</ul>')
    parts.append("</figure>")
    return "".join(parts)


def panels_html(panels: list[Panel]) -> str:
    """The subjects section: a legend, then one ``<details>`` panel per subject."""
    if not panels:
        return (
            '<p class="empty">No claims in these records (records of schema 1.0 have none: '
            "extract the articles again with a newer edz).</p>"
        )
    out = []
    for i, panel in enumerate(panels):
        charts = "".join(_chart_html(panel.charts[key]) for key in sorted(panel.charts))
        plural = "s" if len(panel.articles) != 1 else ""
        summary = (
            f"<summary><h3>{escape(panel.subject)}</h3> <span>{panel.claims} claims in "
            f"{len(panel.articles)} article{plural}</span> "
            f'<button type="button" class="show-facts" data-subject="{escape(panel.subject)}">'
            "its facts</button></summary>"
        )
        opened = " open" if i < OPEN_PANELS else ""
        out.append(
            f'<details class="panel"{opened}>{summary}<div class="figs">{charts}</div></details>'
        )
    return "".join(out)
