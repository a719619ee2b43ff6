"""The analyst commands, ``edz table`` and ``edz report`` (registered in extractor/cli.py).

Both read records (files, ``edz batch`` folders, JSON Lines, ``-`` for JSON Lines on
stdin) and write one output, atomically with ``-o``. Exit codes as for every ``edz``
command: 0 success, 1 an input or the output failed, 2 usage error.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from extractor.analyst.formats import FORMATS
from extractor.analyst.table import KINDS
from extractor.terminal import setup_logging, verbosity_options

log = logging.getLogger("extractor")


def _fail(message: str) -> None:
    click.echo(f"edz: {message}", err=True)
    sys.exit(1)


def _read(paths: tuple[str, ...]) -> list[dict[str, Any]]:
    from extractor.analyst.records import read_records
    from extractor.errors import EdzError

    try:
        return read_records(paths)
    except EdzError as exc:
        _fail(str(exc))
        raise AssertionError("unreachable") from None


def _write(output: str | None, data: bytes, binary: bool) -> None:
    from extractor.errors import EdzError
    from extractor.outputs import atomic_write_bytes

    if output is None or output == "-":
        if binary and sys.stdout.isatty():
            raise click.UsageError("Parquet is binary: give -o FILE or redirect stdout")
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        atomic_write_bytes(output, data)
    except EdzError as exc:
        _fail(str(exc))


_RECORDS_ARG = click.argument(
    "records",
    nargs=-1,
    required=True,
    metavar="RECORDS...",
    type=click.Path(allow_dash=True, path_type=str),
)
_OUTPUT_OPT = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write to this file (atomically) instead of stdout.",
)


@click.command("table")
@_RECORDS_ARG
@click.option(
    "--kind",
    required=True,
    type=click.Choice(KINDS),
    help="What one row is: an article, a fact of one kind, or a claim.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="csv",
    show_default=True,
    help="csv (RFC 4180, UTF-8), parquet (needs the parquet extra) or jsonl.",
)
@click.option(
    "--columns",
    metavar="A,B,...",
    help="Only these columns, in this order (comma-separated; default: all of the kind's).",
)
@_OUTPUT_OPT
@verbosity_options
def table_command(
    records: tuple[str, ...],
    kind: str,
    fmt: str,
    columns: str | None,
    output: str | None,
    verbose: int,
    quiet: bool,
) -> None:
    """Records as a table: one row per article, fact or claim.

    RECORDS are record files, `edz batch` output folders or JSON Lines files
    (`-`: JSON Lines on stdin). Every row starts with the article's source_path,
    sha256, title, published, site and url; fact rows end with the text of the
    fact's sentence.

    \b
    edz table records/ --kind money -o money.csv
    edz table records/ --kind claims --format parquet -o claims.parquet
    edz table records/ --kind claims --columns subject,indicator,year,value,unit
    """
    from extractor.analyst.formats import WRITERS, import_pyarrow
    from extractor.analyst.table import table
    from extractor.errors import EdzError

    setup_logging(verbose, quiet)
    chosen = _chosen_columns(kind, columns)
    if fmt == "parquet":
        try:
            import_pyarrow()  # before reading: say what is missing at once
        except EdzError as exc:
            _fail(str(exc))
    rows = table(_read(records), kind)
    _write(output, WRITERS[fmt](rows, kind, chosen), binary=fmt == "parquet")


def _chosen_columns(kind: str, columns: str | None) -> list[str] | None:
    from extractor.analyst.table import COLUMNS

    if columns is None:
        return None
    chosen = [name.strip() for name in columns.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in COLUMNS[kind]]
    if unknown or not chosen:
        raise click.BadParameter(
            f"{', '.join(unknown) or 'none given'}: not a column of {kind} "
            f"(one of: {', '.join(COLUMNS[kind])})",
            param_hint="--columns",
        )
    return chosen


@click.command("report")
@_RECORDS_ARG
@_OUTPUT_OPT
@click.option("--title", default="edz report", show_default=True, help="The page's title.")
@verbosity_options
def report_command(
    records: tuple[str, ...], output: str | None, title: str, verbose: int, quiet: bool
) -> None:
    """One self-contained HTML page over the records: an overview, one panel of
    charts per subject (its claims over the years) and a filterable table of every
    fact with its sentence. The page needs no network to open.

    \b
    edz report records/ -o report.html
    """
    from extractor.analyst.report import render_report

    setup_logging(verbose, quiet)
    page = render_report(_read(records), title=title)
    _write(output, page.encode("utf-8"), binary=False)
