"""Start-up and reading shortcuts give what the plain forms give.

- ``gunzip`` decompresses one gzip member in one call into zlib; every other file
  (several members, trailing bytes, damaged, too large) goes the GzipFile way, so
  results and messages are GzipFile's.
- The cyclic garbage collector is paused while the pipeline loads, and ends as it was;
  the CLI freezes what start-up made before the collector resumes.
"""

from __future__ import annotations

import gc
import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.api import gunzip
from extractor.errors import EdzError
from extractor.startup import gc_paused, load_pipeline


def _plain_gunzip(data: bytes, max_bytes: int | None) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
        return fh.read(max_bytes + 1) if max_bytes else fh.read()


def _damaged_crc() -> bytes:
    data = bytearray(gzip.compress(b"zone " * 200))
    data[-6] ^= 1  # a bit of the CRC-32 in the trailer
    return bytes(data)


_FILES = {
    "one member": gzip.compress(b"The zone grew 5 percent. " * 40),
    "empty member": gzip.compress(b""),
    "two members": gzip.compress(b"first, ") + gzip.compress(b"second"),
    "trailing zeros": gzip.compress(b"padded") + b"\0" * 8,
    "trailing garbage": gzip.compress(b"text") + b"garbage",
    "truncated": gzip.compress(b"cut short " * 50)[:-5],
    "damaged crc": _damaged_crc(),
    "not gzip": b"plain text, not gzip",
}


@pytest.mark.parametrize("name", sorted(_FILES))
@pytest.mark.parametrize("max_bytes", [None, 100, 1_000_000])
def test_gunzip_gives_what_gzipfile_gives(name: str, max_bytes: int | None) -> None:
    data = _FILES[name]
    try:
        expected: bytes | str = _plain_gunzip(data, max_bytes)
    except (OSError, EOFError) as exc:
        expected = f"not a valid gzip file ({exc})"
    else:
        if max_bytes and len(expected) > max_bytes:
            expected = f"larger than {max_bytes} bytes once decompressed"
    try:
        got: bytes | str = gunzip(data, max_bytes=max_bytes)
    except EdzError as exc:
        got = str(exc)
    if isinstance(expected, str):
        assert isinstance(got, str) and got.startswith(expected)
    else:
        assert got == expected


def test_gc_paused_restores_the_collector_as_it_was() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves it to the outer one
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()
    with pytest.raises(ValueError), gc_paused():
        raise ValueError("the block failed")
    assert gc.isenabled()


def test_load_pipeline_leaves_the_collector_enabled() -> None:
    nlp = load_pipeline()
    assert gc.isenabled()
    assert load_pipeline() is nlp
    assert "edz_money" in nlp.pipe_names


# Runs `edz extract ARGS` (SEED stands for the seed's path) and prints, per file whose
# record is made, whether the collector was on and start-up's objects frozen by then,
# and whether the pipeline was loaded before the file was read; then whether the
# collector is on at the end.
_COLLECTOR_SCRIPT = (
    "import gc, json, sys\n"
    "import extractor.extract_many as many\n"
    "seen = []\n"
    "real_read, real_record = many._read_input, many._one_record\n"
    "def reading(name, inputs):\n"
    "    seen.append('loaded' if 'extractor.nlp' in sys.modules else 'not loaded')\n"
    "    return real_read(name, inputs)\n"
    "def noting(data, path, inputs):\n"
    "    seen.append((gc.isenabled(), gc.get_freeze_count() > 0))\n"
    "    return real_record(data, path, inputs)\n"
    "many._read_input, many._one_record = reading, noting\n"
    "from extractor.cli import cli\n"
    "args = [sys.argv[1] if a == 'SEED' else a for a in json.loads(sys.argv[2])]\n"
    "try:\n"
    "    cli.main(['extract', '--jsonl', '--jobs', '1', *args])\n"
    "except SystemExit:\n"
    "    pass\n"
    "print(seen, gc.isenabled(), file=sys.stderr)\n"
)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # everything is loaded after the first file is read, and frozen before any
        # record is made; every record is made with the collector on
        (
            ["SEED", "SEED"],
            "['not loaded', (True, True), 'loaded', (True, True)] True",
        ),
        # files that cannot be read (here: missing) load nothing
        (
            ["missing-1", "missing-2", "SEED"],
            "['not loaded', 'not loaded', 'not loaded', (True, True)] True",
        ),
    ],
)
def test_start_up_is_loaded_and_frozen_before_the_first_record(
    args: list[str], expected: str
) -> None:
    seed = str(Path(__file__).resolve().parent.parent / "seeds" / "000_5ec9a3103d8d2515.txt")
    done = subprocess.run(
        [sys.executable, "-c", _COLLECTOR_SCRIPT, seed, json.dumps(args)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stderr.strip().splitlines()[-1] == expected


def test_warm_up_changes_no_record() -> None:
    """Workers forked after warm_up() make the records a fresh process makes (and
    `edz clean`'s after warm_up(False), its cleaned records)."""
    script = (
        "import sys\n"
        "from extractor.api import clean_record, clean_source, extract_file, read_article\n"
        "if sys.argv[2] != 'cold':\n"
        "    from extractor.startup import warm_up\n"
        "    warm_up(sys.argv[2] == 'warm')\n"
        "data = read_article(sys.argv[1])\n"
        "print(clean_record(clean_source(data, path=sys.argv[1])).clean_json())\n"
        "print(extract_file(sys.argv[1]).to_json())\n"
    )
    seed = str(Path(__file__).resolve().parent.parent / "seeds" / "000_5ec9a3103d8d2515.txt")
    outputs = [
        subprocess.run(
            [sys.executable, "-c", script, seed, mode], capture_output=True, text=True, check=True
        ).stdout
        for mode in ("cold", "warm", "warm-clean")
    ]
    assert outputs[0] == outputs[1] == outputs[2] and '"amount"' in outputs[0]


def test_loading_does_not_count_against_the_first_documents_timeout(tmp_path: Path) -> None:
    """--timeout bounds one document, not start-up: a load slower than the limit (here made
    slow on purpose; on a slow machine, spaCy's import) leaves the first record whole. Were
    the load timed with the document, the error would strike inside an import, and every
    later file fail on the half-imported modules."""
    article = tmp_path / "a.txt"
    article.write_text("The Harbor zone grew 5 percent in 2020.\n", encoding="utf-8")
    script = (
        "import sys, time\n"
        "import extractor.startup as startup\n"
        "real = startup.settle\n"
        "def slow(**kwargs):\n"
        "    time.sleep(3)\n"
        "    real(**kwargs)\n"
        "startup.settle = slow\n"
        "from extractor.cli import cli\n"
        "args = ['--jsonl', '--format', 'plain', '--timeout', '2', sys.argv[1], sys.argv[1]]\n"
        "cli.main(['extract', *args])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(article)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["percentages"][0]["value"] for r in records] == [5, 5]
