"""`edz extract`, `edz clean`, `edz schema`, `edz --version`: output, errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extractor import Record, __version__
from extractor.cli import cli
from extractor.record import json_schema_text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_5ec9a3103d8d2515.txt"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"edz, version {__version__}"


def test_extract_one_file_prints_indented_record_with_pretty(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", "--pretty", str(SEED)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("{\n  ")
    record = Record.model_validate_json(result.stdout)
    assert record.source.path == str(SEED)
    assert record.source.bytes == SEED.stat().st_size
    assert record.source.format == "text"
    assert result.stderr == ""


def test_extract_is_byte_identical_across_runs(runner: CliRunner) -> None:
    first = runner.invoke(cli, ["extract", str(SEED)]).stdout
    second = runner.invoke(cli, ["extract", str(SEED)]).stdout
    assert first == second


def test_several_files_give_one_line_each_in_order(runner: CliRunner, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("The zone invested 5 billion yuan in 2021.\n", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(other), str(SEED)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    paths = [json.loads(line)["source"]["path"] for line in lines]
    assert paths == [str(other), str(SEED)]


def test_jsonl_flag_makes_one_file_compact(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", "--jsonl", str(SEED)])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1


def test_a_failing_file_is_reported_and_the_rest_still_done(
    runner: CliRunner, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.html"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(cli, ["extract", str(missing), str(SEED), str(empty)])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert json.loads(result.stdout)["source"]["path"] == str(SEED)
    errors = result.stderr.splitlines()
    assert errors[0] == f"edz: {missing}: no such file"
    assert errors[1].startswith(f"edz: {empty}: ") and "empty" in errors[1]
    assert "Traceback" not in result.output


def test_directory_given_as_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"edz: {tmp_path}: is a directory")


def test_stdin(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", "-"], input=SEED.read_bytes())
    assert result.exit_code == 0
    record = Record.model_validate_json(result.stdout)
    assert record.source.path is None
    assert record.source.bytes == SEED.stat().st_size


def test_output_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "seed.json"
    result = runner.invoke(cli, ["extract", str(SEED), "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == ""
    direct = runner.invoke(cli, ["extract", str(SEED)]).stdout
    assert out.read_text(encoding="utf-8") == direct
    assert len(direct.splitlines()) == 1  # JSON Lines: a file is not a terminal


@pytest.mark.parametrize(
    "args",
    [
        ["extract"],
        ["extract", "--format", "pdf", "x.txt"],
        ["extract", "--max-bytes", "-1", "x.txt"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_clean_prints_record_without_facts(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["clean", str(SEED)])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == [
        "schema_version",
        "extractor_version",
        "source",
        "article",
        "text",
        "warnings",
    ]
    full = json.loads(runner.invoke(cli, ["extract", str(SEED)]).stdout)
    assert data["text"] == full["text"]
    assert data["article"] == full["article"]


def test_schema_command_matches_committed_schema(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["schema"])
    assert result.exit_code == 0
    committed = (ROOT / "schemas" / "record.schema.json").read_text(encoding="utf-8")
    assert result.stdout == committed == json_schema_text(), (
        "schemas/record.schema.json drifted from the model: "
        "run `edz schema > schemas/record.schema.json`"
    )


def test_console_script_reports_errors_without_traceback(tmp_path: Path) -> None:
    """The installed entry point, as a user runs it."""
    missing = tmp_path / "nope.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "extractor", "extract", str(missing)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert proc.stderr == f"edz: {missing}: no such file\n"
    assert proc.stdout == ""


def test_error_for_a_name_with_a_newline_stays_on_one_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    missing = tmp_path / "two\nlines.html"
    result = runner.invoke(cli, ["extract", str(missing)])
    assert result.exit_code == 1
    assert result.stderr == f"edz: {tmp_path}/two\\nlines.html: no such file\n"


def test_gzip_input_is_decompressed(runner: CliRunner, tmp_path: Path) -> None:
    import gzip

    packed = tmp_path / "seed.txt.gz"
    packed.write_bytes(gzip.compress(SEED.read_bytes()))
    result = runner.invoke(cli, ["extract", str(packed)])
    assert result.exit_code == 0, result.output
    record = Record.model_validate_json(result.stdout)
    plain = Record.model_validate_json(runner.invoke(cli, ["extract", str(SEED)]).stdout)
    assert record.source.bytes == plain.source.bytes  # the decompressed bytes
    assert record.source.sha256 == plain.source.sha256
    assert record.text == plain.text and record.money == plain.money


def test_a_gz_name_that_is_not_gzip(runner: CliRunner, tmp_path: Path) -> None:
    fake = tmp_path / "page.html.gz"
    fake.write_bytes(b"<html><body><p>Not compressed.</p></body></html>")
    result = runner.invoke(cli, ["extract", str(fake)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"edz: {fake}: not a valid gzip file")


def test_verbosity_applies_even_when_logging_is_already_configured() -> None:
    import logging

    from extractor.cli import _setup_logging

    logging.getLogger().addHandler(logging.NullHandler())  # an embedding program's setup
    _setup_logging(1, False)
    assert logging.getLogger("extractor.batch").isEnabledFor(logging.INFO)
    _setup_logging(0, True)
    assert not logging.getLogger("extractor.batch").isEnabledFor(logging.WARNING)
    logging.getLogger("extractor").setLevel(logging.NOTSET)  # leave later tests as they were


# --- `edz extract` with worker processes (--jobs) ---

PAGES = ROOT / "fixtures" / "pages"


def _mixed_inputs(tmp_path: Path) -> list[str]:
    """Pages and text dumps with failures among them: a missing file, an empty
    one and a .gz name that is not gzip, in the middle of the list."""
    import gzip

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    fake = tmp_path / "fake.html.gz"
    fake.write_bytes(b"<p>not compressed</p>")
    packed = tmp_path / "seed.txt.gz"
    packed.write_bytes(gzip.compress(SEED.read_bytes()))
    pages = sorted(str(p) for p in PAGES.glob("*.*") if p.suffix in (".html", ".txt"))
    return [
        *pages[:5],
        str(tmp_path / "missing.html"),
        *pages[5:10],
        str(empty),
        str(packed),
        str(fake),
        *pages[10:],
    ]


def test_workers_give_the_same_bytes_errors_and_exit_code(
    runner: CliRunner, tmp_path: Path
) -> None:
    files = _mixed_inputs(tmp_path)
    one = runner.invoke(cli, ["extract", "--jobs", "1", *files])
    two = runner.invoke(cli, ["extract", "--jobs", "2", *files])
    assert one.exit_code == two.exit_code == 1
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr
    failed = [str(tmp_path / n) for n in ("missing.html", "empty.txt", "fake.html.gz")]
    paths = [json.loads(line)["source"]["path"] for line in two.stdout.splitlines()]
    assert paths == [f for f in files if f not in failed]
    assert [line.split(": ")[1] for line in two.stderr.splitlines()] == failed


def test_workers_write_the_output_file_atomically_in_input_order(
    runner: CliRunner, tmp_path: Path
) -> None:
    files = sorted(str(p) for p in PAGES.glob("*.html"))
    out = tmp_path / "all.jsonl"
    result = runner.invoke(cli, ["extract", "-j", "2", "-o", str(out), *files])
    assert result.exit_code == 0, result.output
    sequential = runner.invoke(cli, ["extract", "-j", "1", *files]).stdout
    assert out.read_text(encoding="utf-8") == sequential
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_a_crashing_worker_costs_only_its_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import signal

    from extractor.batch import work

    real_render = work.render

    def crashing_render(data: bytes, path: str, *args: Any, **kwargs: Any) -> Any:
        if path.endswith("sharebar_wrapper.html"):
            os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer does
        return real_render(data, path, *args, **kwargs)

    monkeypatch.setattr(work, "render", crashing_render)
    files = sorted(str(p) for p in PAGES.glob("*.html"))
    result = runner.invoke(cli, ["extract", "-j", "2", *files])
    assert result.exit_code == 1
    crashed = str(PAGES / "sharebar_wrapper.html")
    assert result.stderr == (
        f"edz: {crashed}: the worker process was killed by SIGKILL while extracting it\n"
    )
    paths = [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()]
    assert paths == [f for f in files if f != crashed]


@pytest.mark.parametrize(
    ("requested", "files", "model", "cpus", "expected"),
    [
        (None, ["a"] * 7, None, 4, 1),  # too few files to pay for workers
        (None, ["a"] * 8, None, 4, 4),
        (None, ["a"] * 100, None, 1, 1),
        (3, ["a", "b"], None, 4, 2),  # never more workers than files
        (3, ["a"] * 10, None, 1, 3),  # asked for explicitly
        (4, ["a"] * 10 + ["-"], None, 4, 1),  # stdin is read by this process
        (4, ["a"] * 10, "en_core_web_sm", 4, 1),  # the --model pipeline is loaded here
    ],
)
def test_extract_jobs(
    monkeypatch: pytest.MonkeyPatch,
    requested: int | None,
    files: list[str],
    model: str | None,
    cpus: int,
    expected: int,
) -> None:
    import extractor.batch
    from extractor.cli import extract_jobs

    monkeypatch.setattr(extractor.batch, "default_jobs", lambda: cpus)
    assert extract_jobs(requested, tuple(files), model) == expected


# --- start-up: spaCy is imported without its command line ---


def test_edz_imports_spacy_without_its_command_line() -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "extractor", "extract", str(SEED)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert Record.model_validate_json(proc.stdout).money  # the pipeline ran
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines()}
    assert "spacy.language" in imported
    assert not imported & {"spacy.cli", "spacy.cli.info", "weasel", "typer", "httpx"}


def test_spacy_info_and_cli_still_work_after_the_deferred_import() -> None:
    code = """
import sys
from extractor.cli import defer_spacy_cli
defer_spacy_cli()
from extractor import extract
assert extract("The zone drew 5 billion yuan.", format="plain").money[0].amount == 5_000_000_000
assert "spacy.cli" not in sys.modules and "spacy.cli.info" not in sys.modules
import spacy
import spacy.cli.info
assert sys.modules["spacy.cli.info"].info_model  # the real module, not the stand-in
assert spacy.info()["spacy_version"] == spacy.__version__
print("ok")
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout == "ok\n", proc.stderr[-2000:]
