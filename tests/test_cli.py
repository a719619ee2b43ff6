"""`edz extract`, `edz clean`, `edz schema`, `edz --version`: output, errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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


def test_extract_one_file_prints_indented_record(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", str(SEED)])
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
