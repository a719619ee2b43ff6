"""Hostile inputs of the command line (issue 18): bounded memory on every read,
near-linear `edz diff`, records that break their invariants, --timeout,
and batches that must never remove what they did not create.

Memory tests run the real `edz` under an address-space limit: a clean error
is expected, never a kill. Large inputs are generated here, never committed.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from scaling import LIMIT, growth

from extractor.cli import cli
from extractor.diff import diff_records
from extractor.record import Record, Source, Year

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_5ec9a3103d8d2515.txt"
EDZ = [sys.executable, "-m", "extractor"]
MEMORY_LIMIT = 1024**3  # 1 GB of address space: ~10x what `edz extract` needs


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _edz(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*EDZ, *args], capture_output=True, preexec_fn=_limited, timeout=120, **kwargs
    )  # type: ignore[call-overload, no-any-return]


@pytest.mark.parametrize("command", ["extract", "clean"])
def test_an_endless_stdin_stops_at_the_limit(command: str) -> None:
    """`yes ... | edz extract -`: cut at --max-bytes with a clear error."""
    proc = subprocess.Popen(
        [*EDZ, command, "-", "--max-bytes", "1000000"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_limited,
    )
    assert proc.stdin is not None
    written = 0

    def feed() -> None:
        nonlocal written
        line = b"The zone drew 1 yuan ( in 2020.\n" * 2048
        try:
            while written < 500_000_000:  # far past the limit: a bug, not a hang
                proc.stdin.write(line)  # type: ignore[union-attr]
                written += len(line)
        except (BrokenPipeError, ValueError):
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    assert proc.stdout is not None and proc.stderr is not None
    stdout, stderr = proc.stdout.read(), proc.stderr.read()  # (communicate() would close stdin)
    proc.wait(timeout=120)
    writer.join(10)
    assert proc.returncode == 1
    assert stderr.decode() == "edz: -: larger than 1000000 bytes (--max-bytes)\n"
    assert stdout == b""
    assert written < 50_000_000  # it stopped reading, the writer saw the pipe close


def test_stdin_honours_a_small_max_bytes() -> None:
    result = CliRunner().invoke(cli, ["extract", "-", "--max-bytes", "100"], input=b"x" * 1900)
    assert result.exit_code == 1
    assert result.stderr == "edz: -: larger than 100 bytes (--max-bytes)\n"


# --- edz diff: what it reads ---------------------------------------------------------


def _record_file(folder: Path, name: str = "r.json", **changes: object) -> Path:
    text = "In 2020 the zone grew."
    data = Record(
        extractor_version="0",
        source=Source(path=None, sha256="0" * 64, format="plain", bytes=len(text)),
        article={},
        text=text,
        years=(Year(text="2020", start=3, end=7, sentence=0, value=2020),),
    ).model_dump(mode="json")
    for dotted, value in changes.items():
        target = data
        *parts, last = dotted.split("__")
        for part in parts:
            target = target[int(part)] if part.isdigit() else target[part]
        target[last if not last.isdigit() else int(last)] = value
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_diff_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    good = _record_file(tmp_path)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for other, reason in ((fifo, "not a regular file"), (Path("/dev/zero"), "not a regular file")):
        result = _edz("diff", str(good), str(other))
        assert result.returncode == 2
        assert (
            result.stderr.decode()
            == f"edz: {other}: {reason} (a pipe, device or socket); not read\n"
        )


def test_diff_refuses_a_file_over_max_bytes_before_reading_it(tmp_path: Path) -> None:
    good = _record_file(tmp_path)
    sparse = tmp_path / "sparse.json"
    with open(sparse, "wb") as fh:
        fh.truncate(2 * 1024**3)  # 2 GB, no disk used: reading it would pass the memory limit
    result = _edz("diff", str(good), str(sparse))
    assert result.returncode == 2
    assert result.stderr.decode() == f"edz: {sparse}: larger than 64 MB (--max-bytes)\n"
    small = _edz("diff", "--max-bytes", "100", str(good), str(good))
    assert small.returncode == 2
    assert small.stderr.decode() == f"edz: {good}: larger than 100 bytes (--max-bytes)\n"


BAD = "not a valid record: "
MONEY = {"text": "2020", "start": 3, "end": 7, "sentence": 0, "amount": 1, "currency": "CNY"}
MONEY_POINTING_AWAY = {**MONEY, "low": None, "high": None, "qualifier": None, "equivalent_of": 5}
NAN_PERCENT = {"text": "2020", "start": 3, "end": 7, "sentence": 0, "value": "NaN"}
CLAIM_OF_NOTHING = {
    "fact": {"kind": "money", "index": 3}, "indicator": "gdp", "quantity": "level",
    "direction": None, "status": "actual", "year": None, "period": None, "subject": None,
    "metric": None, "sentence": 0,
}  # fmt: skip
# Each line: a change to a valid record, and the start of what `edz diff` says.
BROKEN_RECORDS = [
    ({"years__0__start": 10**30}, BAD + f"years[0]: offsets {10**30}:7 are not inside the text"),
    ({"years__0__start": 7, "years__0__end": 3}, BAD + "years[0]: offsets 7:3 are not inside"),
    ({"years__0__text": "2021"}, BAD + "years[0]: text is not the record's text at 3:7"),
    ({"money": [MONEY_POINTING_AWAY]}, BAD + "money[0].equivalent_of: 5 is not the index of"),
    ({"percentages": [NAN_PERCENT]}, BAD + "percentages[0].value: nan is not a finite number"),
    ({"years__0__value": "NaN"}, BAD + "years[0].value: Input should be a valid integer"),
    ({"claims": [CLAIM_OF_NOTHING]}, BAD + "claims[0].fact: money[3] is not a fact of its own"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "message"), BROKEN_RECORDS)
def test_diff_validates_records_as_the_record_does(
    tmp_path: Path, changes: dict[str, object], message: str
) -> None:
    good = _record_file(tmp_path)
    bad = _record_file(tmp_path, "bad.json", **changes)
    result = CliRunner().invoke(cli, ["diff", str(good), str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"edz: {bad}: {message}")
    assert "Traceback" not in result.output


# --- edz diff: time near linear -------------------------------------------------------


def _years_record(n: int) -> Record:
    text = " ".join(["2020"] * n)
    years = tuple(
        Year(text="2020", start=5 * i, end=5 * i + 4, sentence=0, value=2020) for i in range(n)
    )
    source = Source(path=None, sha256="0" * 64, format="plain", bytes=len(text))
    return Record(extractor_version="0", source=source, article={}, text=text, years=years)


def _seed_repeated(times: int) -> Record:
    from extractor import extract

    one = extract(SEED.read_bytes(), path="seed.txt")
    shift = len(one.text) + 2
    fields = {}
    for kind in ("money", "percentages", "years", "counts", "entities"):
        facts = []
        for k in range(times):
            for fact in getattr(one, kind):
                update = {"start": fact.start + k * shift, "end": fact.end + k * shift}
                if kind == "money" and fact.equivalent_of is not None:
                    update["equivalent_of"] = fact.equivalent_of + k * len(one.money)
                facts.append(fact.model_copy(update=update))
        fields[kind] = tuple(facts)
    text = "\n\n".join([one.text] * times)
    return one.model_copy(update={"text": text, **fields})


def _same(make: Callable[[int], Record]) -> Callable[[int], tuple[Record, Record]]:
    return lambda n: (make(n), make(n))


def _every_paragraph_edited(n: int) -> tuple[Record, Record]:
    """The seed repeated, against the same text with a word changed in every
    paragraph (and no facts): one replaced block as long as the record."""
    a = _seed_repeated(n)
    empty = {kind: () for kind in ("money", "percentages", "years", "counts", "entities", "claims")}
    b = a.model_copy(update={"text": a.text.replace("zone", "Zone"), **empty})
    return a, b


@pytest.mark.parametrize(
    ("pair", "small"),
    [
        (_same(_years_record), 5000),
        (_same(_seed_repeated), 100),
        (_every_paragraph_edited, 100),
    ],
    ids=["equal years", "seed repeated", "every paragraph edited"],
)
def test_diff_time_grows_near_linearly(
    pair: Callable[[int], tuple[Record, Record]], small: int
) -> None:
    """Four times the facts and text: well under the 16x of comparing all pairs
    (a ratio measured in one run, so a busy machine does not change the verdict)."""
    a_small, b_small = pair(small)
    a_large, b_large = pair(4 * small)
    ratio = growth(lambda: diff_records(a_small, b_small), lambda: diff_records(a_large, b_large))
    assert ratio < LIMIT, ratio


def test_diff_of_large_records_still_finds_the_one_change() -> None:
    a = _years_record(10_000)
    b = a.model_copy(update={"years": a.years[:5000] + a.years[5001:]})
    changes = diff_records(a, b)
    assert [(c.op, c.kind, c.a["start"]) for c in changes] == [("removed", "years", 25_000)]


# --- edz extract --timeout --------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_timeout_abandons_a_slow_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    import extractor.api

    real = extractor.api.record_of

    def slow_for_one(source: object, **kwargs: object) -> object:
        if "slow" in str(getattr(source, "path", "")):
            time.sleep(30)
        return real(source, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(extractor.api, "record_of", slow_for_one)
    slow = tmp_path / "slow.txt"
    slow.write_bytes(SEED.read_bytes())
    started = time.monotonic()
    result = CliRunner().invoke(
        cli, ["extract", "--timeout", "1", "-j", jobs, str(slow), str(SEED)]
    )
    assert time.monotonic() - started < 25
    assert result.exit_code == 1
    assert result.stderr == (
        f"edz: {slow}: timed out after 1 s (--timeout); the document was abandoned\n"
    )
    assert [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()] == [
        str(SEED)
    ]
