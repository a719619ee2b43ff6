"""``edz report``: one self-contained HTML page over a set of records.

The page has three parts: an overview (articles, dates, sites, warnings, facts),
one panel of charts per subject (see :mod:`extractor.analyst.panels`) and a table
of every fact with its sentence, filtered in the browser.

Safety: every string from a record is escaped (``html.escape`` in the markup; the
fact table's data sits in a ``<script type="application/json">`` with ``<``, ``>``,
``&`` and line separators escaped, and the page's script only ever sets
``textContent``). A Content-Security-Policy allows nothing but the page's own
style and script (by hash) and no network at all, so even a mistake here could not
run injected code or fetch anything. Links go out only to ``http(s)`` URLs.

Size: the fact table is data, not markup: each sentence is stored once, and the
script renders at most a few hundred rows at a time, so a report of 1,000 articles
stays a few MB and opens in well under a second (bench/report.py).
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from html import escape
from importlib import resources
from typing import Any

from extractor._version import __version__
from extractor.analyst.panels import build_panels, canonical_names, panel_subject, panels_html
from extractor.analyst.table import usd_conversions

FACT_KINDS = ("money", "percentages", "years", "counts", "entities")
SITES_SHOWN = 10
WARNINGS_SHOWN = 20


def _asset(name: str) -> str:
    return resources.files("extractor.analyst").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def json_for_script(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``</script>``,
    no ``<!--``, no line separators a parser could trip on."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, safe in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, safe)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def safe_url(url: Any) -> str | None:
    """The URL when it is an ``http(s)`` one (never ``javascript:`` or ``data:``)."""
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return url
    return None


def _number_text(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return str(value)


def fact_value(kind: str, fact: dict[str, Any], usd: dict[str, Any] | None = None) -> str:
    """The fact's normalized value as a short text for the table."""
    if kind == "money":
        if fact.get("amount") is not None:
            text = f"{_number_text(fact['amount'])} {fact.get('currency')}"
        else:
            low, high = _number_text(fact.get("low")), _number_text(fact.get("high"))
            text = f"{low or '?'}–{high or '?'} {fact.get('currency')}"
        if usd is not None and usd.get("amount") is not None:
            text += f" (USD {_number_text(usd['amount'])})"
        if fact.get("equivalent_of") is not None:
            text += " (conversion)"
        return text
    if kind == "percentages":
        return f"{_number_text(fact.get('value'))} {fact.get('unit', 'percent')}"
    if kind == "counts":
        return " ".join(x for x in (_number_text(fact.get("value")), fact.get("noun") or "") if x)
    if kind == "entities":
        parts = [fact.get("label"), fact.get("category"), fact.get("canonical")]
        return " · ".join(str(p) for p in parts if p)
    return str(fact.get("value"))


def _claim_text(claim: dict[str, Any]) -> str:
    parts = [
        str(claim.get("indicator") or "").replace("_", " "),
        claim.get("quantity"),
        claim.get("direction"),
        claim.get("status"),
        claim.get("year"),
    ]
    return " · ".join(str(p) for p in parts if p not in (None, ""))


def table_data(records: list[dict[str, Any]]) -> dict[str, Any]:
    """The fact table's data: articles, sentences (each once) and facts pointing at both.

    A fact is ``[article, kind, text, value, claim, subject, sentence, offset, length]``
    (``subject``: the panel its claim is drawn in, null without a claim);
    ``sentence`` is -1 when the record has no sentences (schema 1.0), ``offset`` where
    the fact starts in its sentence.
    """
    articles: list[list[Any]] = []
    sentences: list[str] = []
    facts: list[list[Any]] = []
    for a, record in enumerate(records):
        article, source = record.get("article") or {}, record.get("source") or {}
        articles.append(
            [article.get("title") or source.get("path") or "untitled", article.get("published"),
             article.get("site"), safe_url(article.get("url")), source.get("path")]
        )  # fmt: skip
        claims = {(c["fact"]["kind"], c["fact"]["index"]): c for c in record.get("claims", [])}
        canonical = canonical_names(record)
        spans, seen = record.get("sentences") or [], {}
        usd = usd_conversions(record)
        in_order = sorted(
            ((fact["start"], FACT_KINDS.index(kind), i, kind, fact)
             for kind in FACT_KINDS for i, fact in enumerate(record.get(kind, []))),
            key=lambda item: item[:3],
        )  # fmt: skip
        for _start, _k, i, kind, fact in in_order:
            claim = claims.get((kind, i))
            subject = panel_subject(claim, canonical) if claim else None
            s, offset = fact["sentence"], -1
            if 0 <= s < len(spans):
                if s not in seen:
                    seen[s] = len(sentences)
                    sentences.append(record["text"][spans[s][0] : spans[s][1]])
                offset = fact["start"] - spans[s][0]
            value = fact_value(kind, fact, usd.get(i) if kind == "money" else None)
            facts.append(
                [a, kind, fact.get("text"), value, _claim_text(claim or {}), subject,
                 seen.get(s, -1), offset, fact["end"] - fact["start"]]
            )  # fmt: skip
    return {"articles": articles, "sentences": sentences, "facts": facts}


def _overview(records: list[dict[str, Any]]) -> str:
    dates = sorted(
        d for r in records if isinstance(d := (r.get("article") or {}).get("published"), str)
    )
    sites = Counter((r.get("article") or {}).get("site") or "(no site)" for r in records)
    counts = {k: sum(len(r.get(k, [])) for r in records) for k in (*FACT_KINDS, "claims")}
    warned = [(r, w) for r in records for w in r.get("warnings", [])]
    date_range = f"{dates[0]} to {dates[-1]}" if dates else "no dates"
    undated = len(records) - len(dates)
    stats = [
        ("articles", f"{len(records):,}"),
        ("published", date_range + (f" ({undated} undated)" if undated and dates else "")),
        ("sites", f"{len(sites):,}"),
        ("warnings", f"{len(warned):,} in {len({id(r) for r, _ in warned}):,} articles"),
        *((kind, f"{n:,}") for kind, n in counts.items()),
    ]
    cells = "".join(f'<div class="stat"><b>{escape(v)}</b><span>{k}</span></div>' for k, v in stats)
    site_items = "".join(
        f"<li>{escape(str(site))} <span>{n}</span></li>"
        for site, n in sites.most_common(SITES_SHOWN)
    )
    more = len(sites) - SITES_SHOWN
    if more > 0:
        site_items += f"<li>and {more} more</li>"
    warning_items = "".join(
        f"<li><b>{escape(str((r.get('source') or {}).get('path') or '?'))}</b>: "
        f"{escape(str(w))}</li>"
        for r, w in warned[:WARNINGS_SHOWN]
    )
    if len(warned) > WARNINGS_SHOWN:
        warning_items += f"<li>and {len(warned) - WARNINGS_SHOWN} more</li>"
    lists = f'<div class="cols"><div><h3>Sites</h3><ul class="sites">{site_items}</ul></div>'
    if warning_items:
        lists += f'<div><h3>Warnings</h3><ul class="warnings">{warning_items}</ul></div>'
    return f'<div class="stats">{cells}</div>{lists}</div>'


_LEGEND = "".join(
    f'<svg width="12" height="12"><circle class="mark {status}" cx="6" cy="6" r="4"/></svg> '
    f"{status} "
    for status in ("actual", "target")
)


def render_report(records: list[dict[str, Any]], *, title: str = "edz report") -> str:
    """The whole page, as a string (UTF-8 when written)."""
    style, script = _asset("report.css"), _asset("report.js")
    csp = (
        f"default-src 'none'; style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    body = (
        f"<header><h1>{escape(title)}</h1><p>{len(records):,} records · "
        f"made by edz-extractor {escape(__version__)}</p></header>"
        f'<section id="overview"><h2>Overview</h2>{_overview(records)}</section>'
        f'<section id="subjects"><h2>Subjects</h2><p class="legend">{_LEGEND}'
        "· levels and shares as dots (line: median actual per year), changes as bars</p>"
        f"{panels_html(build_panels(records))}</section>"
        '<section id="facts"><h2>Facts</h2><div class="filters">'
        '<input id="q" type="search" '
        'placeholder="Filter: words in the fact, sentence, title, subject">'
        '<select id="kind"><option value="">all kinds</option>'
        + "".join(f'<option value="{k}">{k}</option>' for k in FACT_KINDS)
        + '</select> <button id="subject" type="button" hidden></button>'
        '<span id="shown"></span></div>'
        '<table id="facttable"><thead><tr><th>kind</th><th>fact</th><th>value</th><th>claim</th>'
        "<th>subject</th><th>sentence</th><th>article</th></tr></thead><tbody></tbody></table>"
        '<button id="more" type="button" hidden>show more</button></section>'
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{style}</style></head><body>{body}"
        f'<script type="application/json" id="edz-data">{json_for_script(table_data(records))}'
        f"</script><script>{script}</script></body></html>\n"
    )
