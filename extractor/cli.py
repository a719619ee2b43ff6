"""The ``edz`` command line.

Exit codes, for every command: 0 success; 1 some input failed or (for
``diff``) the records differ; 2 usage errors; 130 interrupted (Ctrl-C).
Errors print as ``edz: FILE: reason`` on stderr, never as a traceback; a
reader that goes away (``| head``) ends the command quietly with 0.

Output, for ``extract`` and ``clean``: JSON Lines (one compact record per
line), whatever the number of files; indented JSON only with ``--pretty``, or
for one file printed on a terminal.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

import click

from extractor._version import __version__
from extractor.errors import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    RECORD_MAX_BYTES,
    ReaderGone,
    internal_error_message,
    printable,
    size_text,
)
from extractor.extract_many import (
    MIN_FILES_FOR_WORKERS,
    Inputs,
    extract_jobs,
    extracted_in_workers,
    rendered,
)
from extractor.terminal import defer_spacy_cli, run_main, setup_logging, verbosity_options

log = logging.getLogger("extractor")

FORMAT_CHOICE = click.Choice(["auto", "html", "text", "plain"])
FORMAT_HELP = (
    "How to read the input: html page, text dump with page chrome, "
    "plain clean text, or auto (sniff html vs text)."
)
MAX_BYTES_HELP = (
    f"Refuse inputs larger than this many bytes (default {size_text(DEFAULT_MAX_BYTES)}; "
    "0 = no limit). Also bounds what is read from a pipe or stdin."
)
TIMEOUT_HELP = "Seconds one document may take before it is abandoned as a failure (0: no limit)."
# Kept for tests and embedders that configured logging through the CLI module.
_setup_logging = setup_logging


def _error(message: str) -> None:
    click.echo(f"edz: {printable(message)}", err=True)


# `edz table` and `edz report` (extractor/analyst/cli.py), loaded when one of them runs or
# the commands are listed: `edz extract` does not import the analyst modules (~10 ms).
_ANALYST_COMMANDS = {"table": "table_command", "report": "report_command"}


class _Group(click.Group):
    """The ``edz`` group: a reader that goes away mid-output is not an error
    (click would exit 1 for it), so it leaves as :class:`ReaderGone`. The analyst
    commands are added on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_ANALYST_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in _ANALYST_COMMANDS and cmd_name not in self.commands:
            from extractor.analyst import cli as analyst

            self.add_command(getattr(analyst, _ANALYST_COMMANDS[cmd_name]), cmd_name)
        return super().get_command(ctx, cmd_name)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except BrokenPipeError as exc:  # `edz --help | head -1`
            raise ReaderGone() from exc

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError as exc:
            raise ReaderGone() from exc


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "-V", "--version", prog_name="edz")
def cli() -> None:
    """Turn news articles about China's economic development zones into JSON records.

    \b
    edz extract FILE     one article -> one JSON record (title, date, body, facts)
    edz clean FILE       the cleaner alone: title, date and body, no facts
    edz batch IN OUT     a folder of articles -> a folder of records
    edz diff A B         what changed between two records or two folders
    edz table RECORDS    records as CSV, Parquet or JSON Lines: a row per fact or claim
    edz report RECORDS   one self-contained HTML page with charts of the claims
    edz schema           the JSON Schema of a record

    Exit codes: 0 success, 1 an input failed (or records differ), 2 usage error,
    130 interrupted.
    """


def wants_pretty(pretty: bool, jsonl: bool, files: tuple[str, ...], output: str | None) -> bool:
    """Indented JSON with --pretty, or for one file printed on a terminal; JSON Lines
    otherwise, so that what a script reads never depends on how many files it gave."""
    if pretty and jsonl:
        raise click.UsageError("--pretty and --jsonl exclude each other")
    if pretty or jsonl:
        return pretty
    return len(files) == 1 and output is None and sys.stdout.isatty()


def _run(inputs: Inputs, output: str | None, jobs: int = 1) -> None:
    from extractor.errors import EdzError
    from extractor.outputs import LineFile

    failed = 0
    results = extracted_in_workers(inputs, jobs) if jobs > 1 else rendered(inputs)
    try:
        sink = LineFile(output or "-")
    except EdzError as exc:
        _error(str(exc))
        sys.exit(1)
    with sink:
        for text, error in results:
            if error is not None or text is None:
                failed += 1
                _error(error or "internal error")
                continue
            sink.write_line(text)
        if sink.lines:  # a file of no record at all is not written
            try:
                sink.commit()
            except EdzError as exc:
                _error(str(exc))
                sys.exit(1)
    sys.exit(1 if failed else 0)


def _input_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = verbosity_options(func)
    func = click.option(
        "--timeout",
        type=click.FloatRange(min=0),
        default=DEFAULT_TIMEOUT,
        show_default=True,
        help=TIMEOUT_HELP,
    )(func)
    func = click.option(
        "--max-bytes",
        type=click.IntRange(min=0),
        default=DEFAULT_MAX_BYTES,
        show_default=True,
        help=MAX_BYTES_HELP,
    )(func)
    func = click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, allow_dash=True, path_type=str),
        help="Write to this file (atomically, once all inputs are done) instead of stdout.",
    )(func)
    func = click.option(
        "--pretty", is_flag=True, help="Indented JSON (the default for one file on a terminal)."
    )(func)
    func = click.option(
        "--jsonl",
        is_flag=True,
        help="JSON Lines: one compact record per line (the default, except for one file "
        "on a terminal).",
    )(func)
    func = click.option(
        "--format", "fmt", type=FORMAT_CHOICE, default="auto", show_default=True, help=FORMAT_HELP
    )(func)
    func = click.argument(
        "files",
        nargs=-1,
        required=True,
        metavar="FILE...",
        type=click.Path(allow_dash=True, path_type=str),
    )(func)
    return func


@cli.command()
@_input_options
@click.option(
    "--model",
    metavar="NAME",
    help="Also run this installed spaCy pipeline (package name or folder) and add its "
    "ORG/GPE/LOC/FAC entities to ours; ours win where they overlap.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help=f"Worker processes (default: the CPU count from {MIN_FILES_FOR_WORKERS} files on, "
    "else 1; always 1 with '-' or --model). Output order and bytes do not depend on it.",
)
def extract(
    files: tuple[str, ...],
    fmt: str,
    jsonl: bool,
    pretty: bool,
    output: str | None,
    max_bytes: int,
    timeout: float,
    verbose: int,
    quiet: bool,
    model: str | None,
    jobs: int | None,
) -> None:
    """Extract the record of each FILE ('-' reads stdin).

    Prints one compact record per line (JSON Lines), in input order; indented
    JSON with --pretty, or for one file on a terminal. A file that fails is
    reported on stderr as 'edz: FILE: reason', the others are still done, and
    the exit code is 1. Many files are shared among worker processes (see --jobs).
    """
    setup_logging(verbose, quiet)
    inputs = Inputs(
        files, fmt, max_bytes, timeout, wants_pretty(pretty, jsonl, files, output), model
    )
    if model:
        from extractor.errors import EdzError
        from extractor.nlp import get_model_pipeline

        try:
            get_model_pipeline(model)
        except EdzError as exc:
            raise click.BadParameter(str(exc), param_hint="--model") from None
    _run(inputs, output, jobs=extract_jobs(jobs, files, model))


@cli.command("clean")
@_input_options
def clean_command(
    files: tuple[str, ...],
    fmt: str,
    jsonl: bool,
    pretty: bool,
    output: str | None,
    max_bytes: int,
    timeout: float,
    verbose: int,
    quiet: bool,
) -> None:
    """Run the cleaner alone: print each FILE's record without facts
    (source, article metadata, clean text). Never loads the NLP pipeline."""
    setup_logging(verbose, quiet)
    pretty = wants_pretty(pretty, jsonl, files, output)
    _run(Inputs(files, fmt, max_bytes, timeout, pretty, facts=False), output)


@cli.command()
@verbosity_options
def schema(verbose: int, quiet: bool) -> None:
    """Print the JSON Schema of a record (the same as schemas/record.schema.json)."""
    from extractor.record import json_schema_text

    click.echo(json_schema_text(), nl=False)


# --- batch (extractor/batch/) ---


@cli.command()
@click.argument("in_dir", type=click.Path(exists=True, file_okay=False, path_type=str))
@click.argument("out_dir", required=False, type=click.Path(file_okay=False, path_type=str))
@click.option(
    "--jsonl",
    is_flag=True,
    help="Also (or, without OUT_DIR, only) print every record as JSON Lines, one per line "
    "in input order: to stdout, or to -o FILE.",
)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=str),
    help="Write the JSON Lines to FILE (atomically, at the end) instead of stdout; "
    "implies --jsonl.",
)
@click.option(
    "--include",
    multiple=True,
    metavar="GLOB",
    help="Inputs to take (repeatable; default *.html *.htm *.txt and the same with .gz). "
    "Case-insensitive; a GLOB with '/' matches the path relative to IN_DIR.",
)
@click.option("--exclude", multiple=True, metavar="GLOB", help="Files and folders to skip.")
@click.option(
    "--format", "fmt", type=FORMAT_CHOICE, default="auto", show_default=True, help=FORMAT_HELP
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=0),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help=MAX_BYTES_HELP + " Applies to .gz inputs before and after decompressing.",
)
@click.option("--force", is_flag=True, help="Redo every input, even those whose output is current.")
@click.option(
    "--prune",
    is_flag=True,
    help="Remove the records in OUT_DIR whose input is gone (listed on stderr); without it "
    "they are only counted in the summary.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Worker processes (default: the CPU count); with --engine dask, LocalCluster workers.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help=TIMEOUT_HELP,
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where documents are extracted: worker processes of edz, or a Dask cluster.",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="With --engine dask: join this cluster (default: start a LocalCluster for the run).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, failure lines or summary.")
@click.option("-v", "--verbose", count=True, help="Log each input (-vv: debugging detail).")
def batch(
    in_dir: str,
    out_dir: str | None,
    jsonl: bool,
    output: str | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    fmt: str,
    max_bytes: int,
    force: bool,
    prune: bool,
    jobs: int | None,
    timeout: float,
    engine: str,
    scheduler: str | None,
    quiet: bool,
    verbose: int,
) -> None:
    """Extract every article under IN_DIR into OUT_DIR/<relative path>.json.

    Each output is the same bytes as `edz extract --pretty` prints for the file
    when run from IN_DIR (source.path is the path relative to IN_DIR). Outputs
    are written atomically; a rerun skips inputs whose output is current
    (--force: redo all). Failed inputs are listed in OUT_DIR/_errors.jsonl.
    Exit codes: 0 all done, 1 an input failed or outputs cannot be written,
    2 usage error, 130 interrupted.
    """
    from extractor.batch import DEFAULT_INCLUDE, BatchConfig, check_config, default_jobs
    from extractor.batch.console import run_from_cli

    setup_logging(verbose, quiet)
    if prune and not out_dir:
        raise click.UsageError("--prune needs OUT_DIR")
    config = BatchConfig(
        in_dir=in_dir,
        out_dir=out_dir,
        jsonl=output or ("-" if jsonl else None),
        include=include or DEFAULT_INCLUDE,
        exclude=exclude,
        fmt=fmt,
        max_bytes=max_bytes,
        force=force,
        jobs=jobs or default_jobs(),
        timeout=timeout or None,
        engine=engine,
        scheduler=scheduler,
        prune=prune,
    )
    try:
        check_config(config)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    sys.exit(run_from_cli(config, quiet=quiet))


# --- diff (extractor/diff.py) ---

DIFF_COLORS = {"added": "green", "removed": "red", "changed": "yellow", "moved": "cyan"}


@cli.command("diff")
@click.argument("a", type=click.Path(path_type=str))
@click.argument("b", type=click.Path(path_type=str))
@click.option(
    "--ignore",
    multiple=True,
    metavar="FIELD",
    help="Leave out a kind or a dotted field: article, text, money, counts, source, "
    "meta, source.path, extractor_version, entities.category... (repeatable).",
)
@click.option("--offsets", is_flag=True, help="Also report facts that only moved (as '>').")
@click.option("--text", "show_text", is_flag=True, help="Show each changed paragraph in full.")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as one JSON document.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=0),
    default=RECORD_MAX_BYTES,
    show_default=True,
    help=f"Refuse record files larger than this many bytes (default "
    f"{size_text(RECORD_MAX_BYTES)}; 0 = no limit).",
)
@verbosity_options
def diff_command(
    a: str,
    b: str,
    ignore: tuple[str, ...],
    offsets: bool,
    show_text: bool,
    as_json: bool,
    max_bytes: int,
    verbose: int,
    quiet: bool,
) -> None:
    """Show what changed from record A to record B, or between two folders of records.

    Facts are matched by kind and value, then surface text, then nearest
    place, so facts that only moved are not changes. One line a change:
    '+' added, '-' removed, '~' changed. Folders are paired by relative path.

    Exit codes: 0 same, 1 different, 2 errors (a bad file in a folder is
    reported and the other files are still compared).
    """
    import json

    from extractor.diff import FolderDiff, check_ignore, diff_paths
    from extractor.diff_report import format_folder_diff, format_record_diff
    from extractor.errors import EdzError

    setup_logging(verbose, quiet)
    try:
        check_ignore(ignore)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--ignore") from None
    try:
        result = diff_paths(a, b, ignore=ignore, offsets=offsets, max_bytes=max_bytes or None)
    except EdzError as exc:
        _error(str(exc))
        sys.exit(2)
    except Exception as exc:  # a bug: say so, without a traceback
        log.debug("unexpected error comparing %s and %s", a, b, exc_info=True)
        _error(f"{a}: {internal_error_message(exc)}")
        sys.exit(2)
    if isinstance(result, FolderDiff):
        for error in result.errors:
            _error(str(error))
        lines = format_folder_diff(result)
    else:
        lines = format_record_diff(result, text=show_text)
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        for line in lines:
            styled = "".join(
                click.style(part, fg=DIFF_COLORS.get(op)) if op in DIFF_COLORS else part
                for op, part in line.parts
            )
            click.echo(styled)  # colors are stripped when stdout is not a terminal
    sys.exit(result.exit_code)


def main(argv: list[str] | None = None) -> None:
    """Run ``edz`` (see :mod:`extractor.launch` for the console script)."""
    defer_spacy_cli()

    def body() -> None:
        code = cli.main(args=argv, prog_name="edz", standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)

    run_main(body)


if __name__ == "__main__":
    main()
