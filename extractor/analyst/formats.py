"""Writing tables: CSV (standard library), JSON Lines, and Parquet through pyarrow.

All three hold the same rows with the same columns in the same order. CSV is UTF-8
(no byte-order mark), RFC 4180: comma-separated, fields quoted when needed, CRLF
line ends, a header line; a null is an empty field. Parquet columns are typed from
:data:`extractor.analyst.table.COLUMN_TYPES`: ``str`` is a string column, ``int``
int64, ``number`` float64 (exact up to 2**53, about 9e15), so an all-null column
still has its type.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from extractor.analyst.table import COLUMN_TYPES, COLUMNS
from extractor.errors import MissingDependencyError

FORMATS = ("csv", "parquet", "jsonl")
PARQUET_INSTALL = 'pip install "edz-extractor[parquet]"'


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def to_csv(
    rows: Sequence[dict[str, Any]], kind: str, columns: Sequence[str] | None = None
) -> bytes:
    """The rows as CSV bytes, the header first (RFC 4180, UTF-8); ``columns``: a choice
    of the kind's columns, in the order wanted (default: all of them)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    columns = columns or COLUMNS[kind]
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row[c]) for c in columns])
    return out.getvalue().encode("utf-8")


def to_jsonl(
    rows: Sequence[dict[str, Any]], kind: str, columns: Sequence[str] | None = None
) -> bytes:
    """One compact JSON object per row, keys in column order."""
    columns = columns or COLUMNS[kind]
    lines = (json.dumps({c: row[c] for c in columns}, ensure_ascii=False) for row in rows)
    return "".join(line + "\n" for line in lines).encode("utf-8")


def import_pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise MissingDependencyError(
            f"Parquet output needs pyarrow, which is not installed: {PARQUET_INSTALL}"
        ) from None
    return pyarrow


def arrow_schema(kind: str, columns: Sequence[str] | None = None) -> Any:
    pa = import_pyarrow()
    types = {"str": pa.string(), "int": pa.int64(), "number": pa.float64()}
    return pa.schema([(c, types[COLUMN_TYPES[kind][c]]) for c in columns or COLUMNS[kind]])


def to_parquet(
    rows: Sequence[dict[str, Any]], kind: str, columns: Sequence[str] | None = None
) -> bytes:
    """The rows as a Parquet file (zstd-compressed), typed by :data:`COLUMN_TYPES`."""
    pa = import_pyarrow()
    schema = arrow_schema(kind, columns)
    numbers = [c for c, t in COLUMN_TYPES[kind].items() if t == "number"]
    data = {
        c: [None if row[c] is None else float(row[c]) for row in rows]
        if c in numbers
        else [row[c] for row in rows]
        for c in columns or COLUMNS[kind]
    }
    arrow_table = pa.Table.from_pydict(data, schema=schema)
    sink = io.BytesIO()
    pa.parquet.write_table(arrow_table, sink, compression="zstd")
    return sink.getvalue()


WRITERS = {"csv": to_csv, "jsonl": to_jsonl, "parquet": to_parquet}
