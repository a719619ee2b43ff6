"""The ``edz`` command line.

Exit codes, for every command: 0 success; 1 some input failed or (for
``diff``) the records differ; 2 usage errors. Errors print as
``edz: FILE: reason`` on stderr, never as a traceback.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import types
from collections.abc import Callable, Iterator
from typing import IO, Any

import click

from extractor._version import __version__

log = logging.getLogger("extractor")

FORMAT_CHOICE = click.Choice(["auto", "html", "text", "plain"])
MAX_BYTES_HELP = "Refuse inputs larger than this many bytes (default 20 MB; 0 = no limit)."


def _error(message: str) -> None:
    click.echo(f"edz: {message}", err=True)


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = (
        logging.ERROR
        if quiet
        else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    )
    # Configure the package's logger, not the root one: logging.basicConfig does
    # nothing once an embedding program has set up logging, so -v would be lost.
    log.setLevel(level)
    if not any(isinstance(h, _StderrHandler) for h in log.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("edz: %(levelname)s: %(message)s"))
        log.addHandler(handler)


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is when a message is logged."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> object:
        return sys.stderr

    @stream.setter
    def stream(self, value: object) -> None:
        pass


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="edz")
def cli() -> None:
    """Turn news articles about China's economic development zones into JSON records.

    \b
    edz extract FILE     one article -> one JSON record (title, date, body, facts)
    edz clean FILE       the cleaner alone: title, date and body, no facts
    edz batch IN OUT     a folder of articles -> a folder of records
    edz diff A B         what changed between two records or two folders
    edz schema           the JSON Schema of a record

    Exit codes: 0 success, 1 an input failed (or records differ), 2 usage error.
    """


def _rendered(
    files: tuple[str, ...],
    fmt: str,
    max_bytes: int,
    render: Callable[[Any], str],
    model: str | None = None,
) -> Iterator[tuple[str | None, str | None]]:
    """Yield ``(output, error)`` for each input, in order; errors do not stop the rest."""
    import gc

    from extractor.api import extract, extract_file
    from extractor.errors import EdzError, display_path

    frozen = False
    for name in files:
        try:
            if name == "-":
                record = extract(sys.stdin.buffer.read(), format=fmt, path=None, model=model)
            else:
                record = extract_file(name, format=fmt, max_bytes=max_bytes or None, model=model)
            output = render(record)
        except EdzError as exc:
            yield None, str(exc.with_path(name))
        except Exception as exc:  # a bug: report it for this file and go on
            log.debug("unexpected error on %s", name, exc_info=True)
            message = f"internal error ({type(exc).__name__}: {exc}); please report it"
            yield None, f"{display_path(name)}: {message}"
        else:
            if not frozen:
                # What the first file built (the pipeline) lives as long as the
                # process: keep the cyclic GC from walking it for every file.
                gc.freeze()
                frozen = True
            yield output, None


# Below this many inputs `edz extract` stays in one process: workers would
# start for too little work to pay for themselves.
MIN_FILES_FOR_WORKERS = 8


def _extracted_in_workers(
    files: tuple[str, ...], fmt: str, max_bytes: int, jobs: int
) -> Iterator[tuple[str | None, str | None]]:
    """Like :func:`_rendered` (compact records, in input order), with ``jobs``
    worker processes of the batch engine: a worker that crashes costs only the
    input it held."""
    import multiprocessing

    from extractor.batch.feed import InOrder
    from extractor.batch.local import LocalEngine
    from extractor.batch.work import Settings, Task
    from extractor.errors import display_path

    settings = Settings(fmt=fmt, max_bytes=max_bytes, want_line=True)
    ahead = {}
    if "fork" in multiprocessing.get_all_start_methods():
        from extractor.batch.preclean import PreCleaner

        # Started before spaCy and the record models are imported: that is its head start.
        try:
            pre: PreCleaner | None = PreCleaner(files, settings)
        except OSError as exc:  # no process to spare: the workers clean everything
            log.debug("no head start: %s", exc)
            pre = None
        import extractor.record  # noqa: F401 - once here rather than in every worker
        from extractor.nlp import get_pipeline

        get_pipeline()  # the workers are forked with it, once it is built (and frozen)
        if pre is not None:
            ahead = pre.collect()
            log.debug("%d of %d files cleaned while the pipeline was built", len(ahead), len(files))
    engine = LocalEngine(settings, jobs=jobs, timeout=None)
    tasks = (
        Task(index=i, rel=name, source=name, output=None, cleaned=ahead.pop(i, None))
        for i, name in enumerate(files)
    )
    in_order = InOrder()
    for outcome in engine.run(tasks, window=8 * jobs):
        for done in in_order.add(outcome):
            if done.status == "failed":
                yield None, f"{display_path(files[done.index])}: {done.error}"
            else:
                yield done.line, None


def extract_jobs(requested: int | None, files: tuple[str, ...], model: str | None) -> int:
    """How many worker processes ``edz extract`` uses (1: none, all in this process)."""
    if "-" in files or model:  # stdin is read here; a --model pipeline is loaded here
        return 1
    if requested is not None:
        return min(requested, len(files))
    if len(files) < MIN_FILES_FOR_WORKERS:
        return 1
    from extractor.batch import default_jobs

    return min(default_jobs(), len(files))


def _run(
    files: tuple[str, ...],
    fmt: str,
    jsonl: bool,
    output: str | None,
    max_bytes: int,
    render: Callable[[Any, int | None], str],
    model: str | None = None,
    jobs: int = 1,
) -> None:
    indent = 2 if len(files) == 1 and not jsonl else None
    failed = 0
    chunks: list[str] = []
    out: IO[str] = sys.stdout
    results = (
        _extracted_in_workers(files, fmt, max_bytes, jobs)
        if jobs > 1
        else _rendered(files, fmt, max_bytes, lambda r: render(r, indent), model)
    )
    for text, error in results:
        if error is not None or text is None:
            failed += 1
            _error(error or "internal error")
            continue
        if output:
            chunks.append(text + "\n")
        else:
            out.write(text + "\n")
            out.flush()
    if output and chunks:
        from extractor.errors import EdzError
        from extractor.outputs import atomic_write_bytes

        try:
            atomic_write_bytes(output, "".join(chunks).encode("utf-8"))
        except EdzError as exc:
            _error(str(exc))
            sys.exit(1)
    sys.exit(1 if failed else 0)


def _input_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--max-bytes",
        type=click.IntRange(min=0),
        default=20 * 1024 * 1024,
        show_default=True,
        help=MAX_BYTES_HELP,
    )(func)
    func = click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, writable=True),
        help="Write to this file (atomically) instead of stdout.",
    )(func)
    func = click.option(
        "--jsonl", is_flag=True, help="One compact record per line (the default for several files)."
    )(func)
    func = click.option(
        "--format",
        "fmt",
        type=FORMAT_CHOICE,
        default="auto",
        show_default=True,
        help="How to read the input: html page, text dump with page chrome, "
        "plain clean text, or auto (sniff html vs text).",
    )(func)
    func = click.argument("files", nargs=-1, required=True, metavar="FILE...")(func)
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
    output: str | None,
    max_bytes: int,
    model: str | None,
    jobs: int | None,
) -> None:
    """Extract the record of each FILE ('-' reads stdin).

    One file prints indented JSON; --jsonl or several files print one compact
    record per line, in input order. A file that fails is reported on stderr
    as 'edz: FILE: reason', the others are still done, and the exit code is 1.
    Many files are shared among worker processes (see --jobs).
    """
    _setup_logging(0, False)
    if model:
        from extractor.errors import EdzError
        from extractor.nlp import get_model_pipeline

        try:
            get_model_pipeline(model)
        except EdzError as exc:
            raise click.BadParameter(str(exc), param_hint="--model") from None
    _run(
        files,
        fmt,
        jsonl,
        output,
        max_bytes,
        lambda r, indent: r.to_json(indent=indent),
        model,
        jobs=extract_jobs(jobs, files, model),
    )


@cli.command("clean")
@_input_options
def clean_command(
    files: tuple[str, ...], fmt: str, jsonl: bool, output: str | None, max_bytes: int
) -> None:
    """Run the cleaner alone: print each FILE's record without facts
    (source, article metadata, clean text)."""
    _setup_logging(0, False)
    _run(files, fmt, jsonl, output, max_bytes, lambda r, indent: r.clean_json(indent=indent))


@cli.command()
def schema() -> None:
    """Print the JSON Schema of a record (the same as schemas/record.schema.json)."""
    from extractor.record import json_schema_text

    click.echo(json_schema_text(), nl=False)


# --- batch (extractor/batch.py) ---


@cli.command()
@click.argument("in_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("out_dir", required=False, type=click.Path(file_okay=False))
@click.option(
    "--jsonl",
    "jsonl",
    metavar="FILE",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Also (or, without OUT_DIR, only) write every record, one per line, in input order "
    "('-': stdout).",
)
@click.option(
    "--include",
    multiple=True,
    metavar="GLOB",
    help="Inputs to take (repeatable; default *.html *.htm *.txt and the same with .gz). "
    "Case-insensitive; a GLOB with '/' matches the path relative to IN_DIR.",
)
@click.option("--exclude", multiple=True, metavar="GLOB", help="Files and folders to skip.")
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="auto", show_default=True)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=0),
    default=20 * 1024 * 1024,
    show_default=True,
    help=MAX_BYTES_HELP + " Applies to .gz inputs before and after decompressing.",
)
@click.option("--force", is_flag=True, help="Redo every input, even those whose output is current.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Worker processes (default: the CPU count); with --engine dask, LocalCluster workers.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=60.0,
    show_default=True,
    help="Seconds one document may take before it is abandoned as a failure (0: no limit).",
)
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
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
    jsonl: str | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    fmt: str,
    max_bytes: int,
    force: bool,
    jobs: int | None,
    timeout: float,
    engine: str,
    scheduler: str | None,
    quiet: bool,
    verbose: int,
) -> None:
    """Extract every article under IN_DIR into OUT_DIR/<relative path>.json.

    Each output is the same bytes as `edz extract` prints for the file when run
    from IN_DIR (source.path is the path relative to IN_DIR). Outputs are written
    atomically; a rerun skips inputs whose output is current (--force: redo all).
    Failed inputs are listed in OUT_DIR/_errors.jsonl. Exit codes: 0 all done,
    1 an input failed or outputs cannot be written, 2 usage error, 130 interrupted.
    """
    from extractor.batch import DEFAULT_INCLUDE, BatchConfig, check_config, default_jobs
    from extractor.batch.console import run_from_cli

    _setup_logging(verbose, quiet)
    config = BatchConfig(
        in_dir=in_dir,
        out_dir=out_dir,
        jsonl=jsonl,
        include=include or DEFAULT_INCLUDE,
        exclude=exclude,
        fmt=fmt,
        max_bytes=max_bytes,
        force=force,
        jobs=jobs or default_jobs(),
        timeout=timeout or None,
        engine=engine,
        scheduler=scheduler,
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
def diff_command(
    a: str, b: str, ignore: tuple[str, ...], offsets: bool, show_text: bool, as_json: bool
) -> None:
    """Show what changed from record A to record B, or between two folders of records.

    Facts are matched by kind and value, then surface text, then nearest
    place, so facts that only moved are not changes. One line a change:
    '+' added, '-' removed, '~' changed. Folders are paired by relative path.

    Exit codes: 0 same, 1 different, 2 errors (a bad file in a folder is
    reported and the other files are still compared).
    """
    import json

    from extractor.diff import (
        FolderDiff,
        check_ignore,
        diff_paths,
        format_folder_diff,
        format_record_diff,
    )
    from extractor.errors import EdzError

    _setup_logging(0, False)
    try:
        check_ignore(ignore)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--ignore") from None
    try:
        result = diff_paths(a, b, ignore=ignore, offsets=offsets)
    except EdzError as exc:
        _error(str(exc))
        sys.exit(2)
    except Exception as exc:  # a bug: say so, without a traceback
        log.debug("unexpected error comparing %s and %s", a, b, exc_info=True)
        _error(f"{a}: internal error ({type(exc).__name__}: {exc}); please report it")
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


# --- table, report (extractor/analyst/cli.py) ---

from extractor.analyst.cli import report_command, table_command  # noqa: E402

cli.add_command(table_command)
cli.add_command(report_command)


class _SpacyInfoStandIn(types.ModuleType):
    """Stands in for ``spacy.cli.info`` while spaCy's package is imported.

    ``import spacy`` runs ``from .cli.info import info``, which imports spaCy's
    whole command line (typer, weasel, httpx, requests): about a third of its
    import time, 0.2 s of every `edz` start-up, for a command `edz` never runs.
    This stand-in hands spaCy a function that imports the real one when called,
    then leaves ``sys.modules``, so any later ``import spacy.cli`` is the real one.
    """

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system probing (__path__, ...): not a package
            raise AttributeError(name)
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        if name == "info":
            return _spacy_info
        return getattr(importlib.import_module(self.__name__), name)


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    from spacy.cli.info import info

    return info(*args, **kwargs)


def defer_spacy_cli() -> None:
    """Let spaCy be imported without its command line (see :class:`_SpacyInfoStandIn`).
    For a process of our own only: `edz` calls it first thing."""
    if "spacy" not in sys.modules and "spacy.cli.info" not in sys.modules:
        sys.modules["spacy.cli.info"] = _SpacyInfoStandIn("spacy.cli.info")


def main(argv: list[str] | None = None) -> None:
    """Console entry point: ``edz``."""
    defer_spacy_cli()
    try:
        cli.main(args=argv, prog_name="edz", standalone_mode=True)
    except KeyboardInterrupt:
        _error("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (`edz extract ... | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)


if __name__ == "__main__":
    main()
