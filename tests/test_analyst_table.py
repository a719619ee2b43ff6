"""Reading records back and `edz table`: the columns, the rows, CSV / Parquet / JSON Lines."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from extractor import read_records, table
from extractor.analyst.formats import to_csv, to_jsonl, to_parquet
from extractor.analyst.table import COLUMN_TYPES, COLUMNS
from extractor.cli import cli
from extractor.errors import RecordError, SchemaVersionError
from extractor.record import CLAIM_SLOTS

RECORDS = FIXTURES / "analyst" / "records"
OLD = FIXTURES / "analyst" / "old-1.0.json"
KEY = ["source_path", "sha256", "title", "published", "site", "url"]
FACT = ["index", "text", "start", "end", "sentence"]

# The documented columns: changing one is a change of the contract (README).
EXPECTED_COLUMNS = {
    "articles": [*KEY, "section", "author", "format", "bytes", "schema_version",
                 "extractor_version", "text_chars", "sentence_count", "money_count",
                 "percentage_count", "year_count", "count_count", "entity_count",
                 "claim_count", "warning_count", "warnings"],
    "money": [*KEY, *FACT, "amount", "currency", "low", "high", "qualifier", "equivalent_of",
              "usd_amount", "usd_text", "sentence_text"],
    "percentages": [*KEY, *FACT, "value", "unit", "qualifier", "sentence_text"],
    "years": [*KEY, *FACT, "value", "sentence_text"],
    "counts": [*KEY, *FACT, "value", "qualifier", "noun", "sentence_text"],
    "entities": [*KEY, *FACT, "label", "category", "canonical", "sentence_text"],
    "claims": [*KEY, "index", "fact_kind", "fact_index", "indicator", "quantity", "direction",
               "status", "year", "period", "subject", "metric", "value", "low", "high", "unit",
               "usd_amount", "fact_text", "fact_start", "fact_end", "sentence",
               "sentence_text"],
}  # fmt: skip


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return read_records([RECORDS])


def test_columns_are_the_documented_ones() -> None:
    assert {kind: list(columns) for kind, columns in COLUMNS.items()} == EXPECTED_COLUMNS


def test_claim_columns_follow_the_claim_model() -> None:
    # the table keeps its own literal list (importing the record models would slow `edz table`)
    columns = COLUMNS["claims"]
    start = columns.index(CLAIM_SLOTS[0])
    assert columns[start : start + len(CLAIM_SLOTS)] == CLAIM_SLOTS


def test_a_folder_reads_in_path_order(records: list[dict[str, Any]]) -> None:
    assert [r["source"]["path"] for r in records] == [
        "nansha-biomed.txt",
        "sip-2020.txt",
        "sip-2021.txt",
        "undated-roundup.txt",
    ]


@pytest.mark.parametrize("kind", list(COLUMNS))
def test_every_row_has_exactly_the_columns_in_order(
    records: list[dict[str, Any]], kind: str
) -> None:
    rows = table(records, kind)
    assert rows
    for row in rows:
        assert list(row) == list(COLUMNS[kind])


def test_one_row_per_fact_and_claim(records: list[dict[str, Any]]) -> None:
    for kind in ("money", "percentages", "years", "counts", "entities", "claims"):
        assert len(table(records, kind)) == sum(len(r.get(kind, [])) for r in records), kind
    assert len(table(records, "articles")) == len(records)


def test_money_row_folds_the_usd_conversion_in(records: list[dict[str, Any]]) -> None:
    rows = [r for r in table(records, "money") if r["source_path"] == "sip-2020.txt"]
    gdp, conversion, trade = rows[0], rows[1], rows[2]
    assert (gdp["text"], gdp["usd_amount"], gdp["usd_text"]) == (
        "290.7 billion yuan", 44900000000, "$44.9 billion",
    )  # fmt: skip
    # The conversion row stays (row index = fact index) but carries no usd_amount,
    # so summing the column counts the figure once.
    assert (conversion["equivalent_of"], conversion["usd_amount"]) == (0, None)
    assert (trade["currency"], trade["usd_amount"], trade["usd_text"]) == ("USD", 98500000000, None)
    assert gdp["sentence_text"].startswith("Suzhou Industrial Park, in East China")
    assert gdp["sentence_text"].endswith("up 6 percent year-on-year.")


def test_claim_row_carries_the_value_unit_and_sentence(records: list[dict[str, Any]]) -> None:
    rows = {(r["source_path"], r["fact_text"]): r for r in table(records, "claims")}
    gdp = rows["sip-2020.txt", "290.7 billion yuan"]
    assert (gdp["indicator"], gdp["quantity"], gdp["status"], gdp["year"]) == (
        "gdp", "level", "actual", 2020,
    )  # fmt: skip
    assert (gdp["value"], gdp["unit"], gdp["usd_amount"], gdp["fact_kind"]) == (
        290700000000, "CNY", 44900000000, "money",
    )  # fmt: skip
    fell = rows["sip-2021.txt", "2.5 percent"]
    assert (fell["value"], fell["unit"], fell["direction"], fell["subject"]) == (
        2.5, "percent", "down", "SIP",
    )  # fmt: skip
    assert fell["sentence_text"].startswith("SIP's general public budget revenue")
    record = records[2]
    assert record["text"][fell["fact_start"] : fell["fact_end"]] == "2.5 percent"


def test_schema_1_0_record_reads_with_empty_sentences_and_no_claims() -> None:
    [old] = read_records(OLD)
    assert table([old], "claims") == []
    money = table([old], "money")
    assert money[0]["text"] == "290.7 billion yuan"
    assert {row["sentence_text"] for row in money} == {""}
    assert table([old], "articles")[0]["schema_version"] == "1.0"


def test_jsonl_input_and_a_mix_of_paths(tmp_path: Path, records: list[dict[str, Any]]) -> None:
    lines = tmp_path / "all.jsonl"
    lines.write_text("".join(json.dumps(r) + "\n" for r in records[:2]) + "\n")
    mixed = read_records([lines, RECORDS / "sip-2021.txt.json", str(OLD)])
    assert [r["source"]["path"] for r in mixed] == [
        "nansha-biomed.txt", "sip-2020.txt", "sip-2021.txt", "sip-2020.txt",
    ]  # fmt: skip


def _record_text(**changes: Any) -> str:
    record = json.loads(OLD.read_text())
    record.update(changes)
    return json.dumps(record)


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        ('{"hello": 1}', RecordError, "not an edz record: it has no schema_version"),
        ("[1, 2]", RecordError, "the JSON is not an object"),
        ("{not json", RecordError, "not valid JSON"),
        ("", RecordError, "empty file"),
        (_record_text(schema_version="2.0"), SchemaVersionError, "newer than this edz reads"),
        (_record_text(schema_version="1.2"), SchemaVersionError, "schema version 1.2, newer"),
        (_record_text(money=[{"start": 0}]), RecordError, "money[0].end is not an integer"),
        (_record_text(sentences=[[0]]), RecordError, "sentences[0] is not [start, end]"),
        (
            _record_text(claims=[{"fact": {"kind": "money", "index": 99}}]),
            RecordError,
            "claims[0].fact.index points at no money fact",
        ),
    ],
)
def test_bad_records_are_errors_naming_the_file(
    tmp_path: Path, content: str, error: type[Exception], message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(error) as info:
        read_records([path])
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)


def test_empty_folder_missing_path_and_bad_jsonl_line(tmp_path: Path) -> None:
    (tmp_path / "_errors.jsonl").write_text("")  # a batch's error list is not a record
    with pytest.raises(RecordError, match=r"no record files \(\*\.json\) in this folder"):
        read_records([tmp_path])
    with pytest.raises(RecordError, match="no such file or folder"):
        read_records([tmp_path / "missing"])
    lines = tmp_path / "x.jsonl"
    lines.write_text(OLD.read_text().replace("\n", "") + "\n{oops\n")
    with pytest.raises(RecordError, match=r"x\.jsonl: line 2: not valid JSON"):
        read_records([lines])


def test_oversized_record_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(" " * 2000 + OLD.read_text())
    with pytest.raises(RecordError, match="over 1000 bytes"):
        read_records([path], max_bytes=1000)


def _typed(value: str, kind: str) -> Any:
    """A CSV cell read back with its column's declared type."""
    if value == "":
        return None
    return {"int": int, "number": float, "str": str}[kind](value)


@pytest.mark.parametrize("kind", ["claims", "money", "articles"])
def test_csv_round_trip(records: list[dict[str, Any]], kind: str) -> None:
    rows = table(records, kind)
    data = to_csv(rows, kind)
    assert b"\r\n" in data and not data.startswith(b"\xef\xbb\xbf")  # RFC 4180, no BOM
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    header, *cells = list(reader)
    assert header == list(COLUMNS[kind])
    back = [
        {c: _typed(v, COLUMN_TYPES[kind][c]) for c, v in zip(header, line, strict=True)}
        for line in cells
    ]
    expected = [{c: (None if v == "" else v) for c, v in row.items()} for row in rows]
    assert back == expected


@pytest.mark.parametrize("kind", ["claims", "money", "percentages", "articles"])
def test_parquet_round_trip_keeps_rows_and_types(records: list[dict[str, Any]], kind: str) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    rows = table(records, kind)
    back = pq.read_table(io.BytesIO(to_parquet(rows, kind)))
    assert back.column_names == list(COLUMNS[kind])
    arrow = {"str": pa.string(), "int": pa.int64(), "number": pa.float64()}
    for column, declared in COLUMN_TYPES[kind].items():
        assert back.schema.field(column).type == arrow[declared], column
    assert back.to_pylist() == rows  # 290700000000 == 290700000000.0: same values


def test_jsonl_rows_are_the_table(records: list[dict[str, Any]]) -> None:
    rows = table(records, "years")
    back = [json.loads(line) for line in to_jsonl(rows, "years").decode().splitlines()]
    assert back == rows and list(back[0]) == list(COLUMNS["years"])


def test_cli_table_writes_atomically_and_refuses_unknown_kind(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "sub" / "claims.csv"
    result = runner.invoke(cli, ["table", str(RECORDS), "--kind", "claims", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().count(b"\r\n") == 1 + 18
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".edz-tmp-")]
    result = runner.invoke(cli, ["table", str(RECORDS), "--kind", "nope"])
    assert result.exit_code == 2 and "'nope' is not one of" in result.output


def test_cli_table_errors_name_the_file(tmp_path: Path) -> None:
    shutil.copy(OLD, tmp_path / "ok.json")
    (tmp_path / "z.json").write_text(_record_text(schema_version="2.0"))
    result = CliRunner().invoke(cli, ["table", str(tmp_path), "--kind", "money"])
    assert result.exit_code == 1
    assert f"edz: {tmp_path / 'z.json'}: a record of schema version 2.0" in result.output


def test_cli_parquet_without_pyarrow_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pyarrow(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    result = CliRunner().invoke(
        cli, ["table", str(RECORDS), "--kind", "money", "--format", "parquet", "-o", "x.parquet"]
    )
    assert result.exit_code == 1
    assert 'needs pyarrow, which is not installed: pip install "edz-extractor[parquet]"' in (
        result.output
    )


def test_cli_reads_json_lines_on_stdin(records: list[dict[str, Any]]) -> None:
    lines = "".join(json.dumps(r) + "\n" for r in records)
    result = CliRunner().invoke(
        cli, ["table", "-", "--kind", "years", "--format", "jsonl"], input=lines
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows == table(records, "years")
    result = CliRunner().invoke(cli, ["table", "-", "--kind", "years"], input="\n")
    assert result.exit_code == 1 and "<stdin>: no records in this JSON Lines file" in result.output


def test_reads_the_schema_this_extractor_writes() -> None:
    # A schema bump must teach read_records the new version (and what it adds).
    from extractor.analyst.records import KNOWN_SCHEMAS
    from extractor.record import SCHEMA_VERSION

    assert SCHEMA_VERSION in KNOWN_SCHEMAS


def test_columns_picks_and_orders_columns_in_every_format() -> None:
    runner = CliRunner()
    wanted = ["subject", "indicator", "year", "value", "unit"]
    args = ["table", str(RECORDS), "--kind", "claims", "--columns", ",".join(wanted)]
    csv_out = runner.invoke(cli, args)
    assert csv_out.exit_code == 0, csv_out.output
    rows = list(csv.reader(io.StringIO(csv_out.stdout)))
    assert rows[0] == wanted and len(rows) == 1 + len(table(read_records([RECORDS]), "claims"))
    jsonl_out = runner.invoke(cli, [*args, "--format", "jsonl"])
    assert [list(json.loads(line)) for line in jsonl_out.stdout.splitlines()][0] == wanted
    pytest.importorskip("pyarrow")
    parquet = to_parquet(table(read_records([RECORDS]), "claims"), "claims", wanted)
    import pyarrow.parquet as pq

    assert pq.read_table(io.BytesIO(parquet)).column_names == wanted


def test_an_unknown_column_is_a_usage_error_naming_the_columns() -> None:
    result = CliRunner().invoke(
        cli, ["table", str(RECORDS), "--kind", "money", "--columns", "amount,nope"]
    )
    assert result.exit_code == 2
    assert "nope: not a column of money" in result.stderr and "currency" in result.stderr


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "r.json"
    os.mkfifo(fifo)
    with pytest.raises(RecordError, match="not a regular file"):
        read_records([fifo])
