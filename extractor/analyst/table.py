"""Records as tables: one row per fact (or per article, or per claim), flat columns.

Each kind has a fixed list of columns, in a fixed order (:data:`COLUMNS`), and each
column a type (:data:`COLUMN_TYPES`), so a CSV, a Parquet file and a pandas
DataFrame of the same kind always have the same shape, whatever the records hold.
Every row starts with the article's key columns (:data:`ARTICLE_KEY`).

Money rows keep conversions: a ``($15.44 billion)`` figure is a row of its own
(``equivalent_of`` is the index of the figure it restates), so row ``index``
values match the record's ``money`` list and the ``fact_index`` of claims. The
figure it restates carries it folded in: ``usd_amount`` / ``usd_text``. Filter
``equivalent_of`` null for one row per figure stated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

Row = dict[str, Any]
RowMaker = Callable[[dict[str, Any]], list[Row]]

ARTICLE_KEY = ("source_path", "sha256", "title", "published", "site", "url")
FACT_START = ("index", "text", "start", "end", "sentence")

COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (
        *ARTICLE_KEY,
        "section",
        "author",
        "format",
        "bytes",
        "schema_version",
        "extractor_version",
        "text_chars",
        "sentence_count",
        "money_count",
        "percentage_count",
        "year_count",
        "count_count",
        "entity_count",
        "claim_count",
        "warning_count",
        "warnings",
    ),
    "money": (
        *ARTICLE_KEY,
        *FACT_START,
        "amount",
        "currency",
        "low",
        "high",
        "qualifier",
        "equivalent_of",
        "usd_amount",
        "usd_text",
        "sentence_text",
    ),
    "percentages": (*ARTICLE_KEY, *FACT_START, "value", "unit", "qualifier", "sentence_text"),
    "years": (*ARTICLE_KEY, *FACT_START, "value", "sentence_text"),
    "counts": (*ARTICLE_KEY, *FACT_START, "value", "qualifier", "noun", "sentence_text"),
    "entities": (
        *ARTICLE_KEY,
        *FACT_START,
        "label",
        "category",
        "canonical",
        "sentence_text",
    ),
    "claims": (
        *ARTICLE_KEY,
        "index",
        "fact_kind",
        "fact_index",
        "indicator",
        "quantity",
        "direction",
        "status",
        "year",
        "period",
        "subject",
        "metric",
        "value",
        "low",
        "high",
        "unit",
        "usd_amount",
        "fact_text",
        "fact_start",
        "fact_end",
        "sentence",
        "sentence_text",
    ),
}
KINDS = tuple(COLUMNS)

# Column types: "str", "int", "number" (an int or a float in the record; float64
# in Parquet) and "bool". Every column may be null.
_INT_COLUMNS = {
    *(c for c in COLUMNS["articles"] if c.endswith(("_count", "_chars"))),
    "bytes",
    "index",
    "start",
    "end",
    "sentence",
    "equivalent_of",
    "fact_index",
    "year",
    "fact_start",
    "fact_end",
}
_NUMBER_COLUMNS = {"amount", "low", "high", "usd_amount", "value"}


def column_type(kind: str, column: str) -> str:
    """The type of a column: ``str``, ``int`` or ``number``."""
    if column in _INT_COLUMNS or (kind in ("years",) and column == "value"):
        return "int"
    if column in _NUMBER_COLUMNS:
        return "number"
    return "str"


COLUMN_TYPES: dict[str, dict[str, str]] = {
    kind: {column: column_type(kind, column) for column in columns}
    for kind, columns in COLUMNS.items()
}


def table(records: Iterable[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    """Rows of ``kind`` (one of :data:`KINDS`) over ``records`` (from ``read_records``).

    Each row is a dict with exactly the columns ``COLUMNS[kind]``, in that order,
    so ``pandas.DataFrame(table(records, "money"))`` has them as its columns.
    """
    if kind not in COLUMNS:
        raise ValueError(f"unknown table kind {kind!r}; choose one of {', '.join(KINDS)}")
    rows: list[dict[str, Any]] = []
    for record in records:
        rows.extend(_ROW_MAKERS[kind](record))
    return rows


def article_key(record: dict[str, Any]) -> dict[str, Any]:
    source = record.get("source") or {}
    article = record.get("article") or {}
    return {
        "source_path": source.get("path"),
        "sha256": source.get("sha256"),
        "title": article.get("title"),
        "published": article.get("published"),
        "site": article.get("site"),
        "url": article.get("url"),
    }


def sentence_text(record: dict[str, Any], index: Any) -> str:
    """The text of sentence ``index``; empty for a record without sentences (schema 1.0)."""
    sentences = record.get("sentences") or []
    if not isinstance(index, int) or not 0 <= index < len(sentences):
        return ""
    start, end = sentences[index]
    return str(record["text"][start:end])


def _article_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    source = record.get("source") or {}
    article = record.get("article") or {}
    warnings = [str(w) for w in record.get("warnings", [])]
    row = {
        **article_key(record),
        "section": article.get("section"),
        "author": article.get("author"),
        "format": source.get("format"),
        "bytes": source.get("bytes"),
        "schema_version": record.get("schema_version"),
        "extractor_version": record.get("extractor_version"),
        "text_chars": len(record["text"]),
        "sentence_count": len(record.get("sentences", [])),
        "money_count": len(record.get("money", [])),
        "percentage_count": len(record.get("percentages", [])),
        "year_count": len(record.get("years", [])),
        "count_count": len(record.get("counts", [])),
        "entity_count": len(record.get("entities", [])),
        "claim_count": len(record.get("claims", [])),
        "warning_count": len(warnings),
        "warnings": "\n".join(warnings),
    }
    return [row]


def usd_conversions(record: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """``{index of a figure: its USD conversion}`` (the first, when there are several)."""
    found: dict[int, dict[str, Any]] = {}
    for fact in record.get("money", []):
        target = fact.get("equivalent_of")
        if isinstance(target, int) and fact.get("currency") == "USD":
            found.setdefault(target, fact)
    return found


def _fact_rows(kind: str) -> RowMaker:
    columns = COLUMNS[kind]
    own = [c for c in columns if c not in ARTICLE_KEY and c not in ("index", "sentence_text")]

    def rows(record: dict[str, Any]) -> list[dict[str, Any]]:
        key = article_key(record)
        usd = usd_conversions(record) if kind == "money" else {}
        out = []
        for i, fact in enumerate(record.get(kind, [])):
            row = {**key, "index": i}
            row.update((c, fact.get(c)) for c in own)
            if kind == "money":
                _fold_usd(row, fact, usd.get(i))
            row["sentence_text"] = sentence_text(record, fact.get("sentence"))
            out.append(row)
        return out

    return rows


def _fold_usd(row: dict[str, Any], fact: dict[str, Any], conversion: dict[str, Any] | None) -> None:
    """``usd_amount``: what the article gives this figure in US dollars: its ``($...)``
    conversion, or the figure itself when it is in USD. Null on conversion rows, so
    that summing the column counts each figure once."""
    if fact.get("equivalent_of") is not None:
        row["usd_amount"], row["usd_text"] = None, None
    elif conversion is not None:
        row["usd_amount"], row["usd_text"] = conversion.get("amount"), conversion.get("text")
    elif fact.get("currency") == "USD":
        row["usd_amount"], row["usd_text"] = fact.get("amount"), None
    else:
        row["usd_amount"], row["usd_text"] = None, None


def _claim_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    key = article_key(record)
    usd = usd_conversions(record)
    out = []
    for i, claim in enumerate(record.get("claims", [])):
        fact_kind, fact_index = claim["fact"]["kind"], claim["fact"]["index"]
        fact = record[fact_kind][fact_index]
        metric = claim.get("metric") or {}
        money = fact_kind == "money"
        conversion = usd.get(fact_index) if money else None
        usd_amount = conversion.get("amount") if conversion else None
        if money and usd_amount is None and fact.get("currency") == "USD":
            usd_amount = fact.get("amount")
        sentence = claim.get("sentence", fact.get("sentence"))
        row = {
            **key,
            "index": i,
            "fact_kind": fact_kind,
            "fact_index": fact_index,
            **{f: claim.get(f) for f in ("indicator", "quantity", "direction", "status")},
            **{f: claim.get(f) for f in ("year", "period", "subject")},
            "metric": metric.get("text"),
            "value": fact.get("amount") if money else fact.get("value"),
            "low": fact.get("low") if money else None,
            "high": fact.get("high") if money else None,
            "unit": fact.get("currency") if money else fact.get("unit", "percent"),
            "usd_amount": usd_amount,
            "fact_text": fact.get("text"),
            "fact_start": fact.get("start"),
            "fact_end": fact.get("end"),
            "sentence": sentence,
            "sentence_text": sentence_text(record, sentence),
        }
        out.append(row)
    return out


_ROW_MAKERS: dict[str, RowMaker] = {
    "articles": _article_rows,
    "money": _fact_rows("money"),
    "percentages": _fact_rows("percentages"),
    "years": _fact_rows("years"),
    "counts": _fact_rows("counts"),
    "entities": _fact_rows("entities"),
    "claims": _claim_rows,
}
