"""`edz batch`: outputs, resume, failures, input discovery, odd names, usage errors.

Expected outputs are computed with `extract` on the same bytes (what `edz extract`
prints), so these tests do not depend on which facts the extractors find.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from batch_helpers import run, tree
from click.testing import CliRunner

from extractor import extract
from extractor.cli import cli
from extractor.outputs import TMP_PREFIX, make_temp, new_run_token

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_5ec9a3103d8d2515.txt"
HTML = (
    "<html><head><title>Tianjin zone grows</title></head><body><article>"
    "<p>The Tianjin Economic and Tech Development Area drew 3 billion yuan in 2023, "
    "up 12 percent.</p></article></body></html>"
)


def seed_variant(i: int) -> str:
    """The seed article with one number changed, so each file has its own bytes."""
    return SEED.read_text(encoding="utf-8").replace("206", str(206 + i))


def make_folder(root: Path, n: int = 3) -> Path:
    """IN_DIR with text, HTML and gzip articles in nested folders."""
    src = root / "in"
    (src / "a" / "b").mkdir(parents=True)
    for i in range(n):
        (src / "a" / f"seed{i}.txt").write_text(seed_variant(i), encoding="utf-8")
    (src / "page.html").write_text(HTML, encoding="utf-8")
    (src / "a" / "b" / "zipped.txt.gz").write_bytes(gzip.compress(seed_variant(99).encode()))
    return src


def expected(data: bytes, rel: str) -> bytes:
    """What `edz extract REL` prints when run from IN_DIR."""
    return (extract(data, path=rel).to_json(indent=2) + "\n").encode("utf-8")


def errors(out: Path) -> list[dict[str, str]]:
    text = (out / "_errors.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_outputs_are_what_extract_prints(tmp_path: Path) -> None:
    src, out = make_folder(tmp_path), tmp_path / "out"
    result = run(src, out, "-j", "2")
    assert result.exit_code == 0, result.output
    got = tree(out)
    assert sorted(got) == [
        "_errors.jsonl",
        "a/b/zipped.txt.gz.json",
        "a/seed0.txt.json",
        "a/seed1.txt.json",
        "a/seed2.txt.json",
        "page.html.json",
    ]
    assert got["_errors.jsonl"] == b""
    for rel in ("a/seed0.txt", "a/seed2.txt", "page.html"):
        assert got[rel + ".json"] == expected((src / rel).read_bytes(), rel), rel
    # A .gz input is the record of its decompressed bytes.
    zipped = gzip.decompress((src / "a/b/zipped.txt.gz").read_bytes())
    assert got["a/b/zipped.txt.gz.json"] == expected(zipped, "a/b/zipped.txt.gz")


def test_output_is_byte_identical_to_edz_extract_run_from_in_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out = make_folder(tmp_path, n=1), tmp_path / "out"
    assert run(src, out).exit_code == 0
    monkeypatch.chdir(src)
    printed = CliRunner().invoke(cli, ["extract", "--pretty", "a/seed0.txt"])
    assert printed.exit_code == 0
    assert (out / "a/seed0.txt.json").read_bytes() == printed.stdout_bytes


def test_jobs_do_not_change_any_output(tmp_path: Path) -> None:
    src = make_folder(tmp_path, n=6)
    (src / "empty.txt").write_bytes(b"")
    one, two = tmp_path / "one", tmp_path / "two"
    r1 = run(src, one, "-j", "1", "-o", one / "all.jsonl")
    r2 = run(src, two, "-j", "2", "-o", two / "all.jsonl")
    assert r1.exit_code == r2.exit_code == 1
    assert tree(one) == tree(two)
    assert len(tree(one)) == 10  # 8 records, all.jsonl, _errors.jsonl


def test_jsonl_alone_holds_every_record_in_input_order(tmp_path: Path) -> None:
    src = make_folder(tmp_path)
    target = tmp_path / "records" / "all.jsonl"
    result = run(src, "-o", target)
    assert result.exit_code == 0, result.output
    lines = target.read_text(encoding="utf-8").splitlines()
    rels = ["a/b/zipped.txt.gz", "a/seed0.txt", "a/seed1.txt", "a/seed2.txt", "page.html"]
    assert [json.loads(line)["source"]["path"] for line in lines] == rels
    assert lines[1] == extract((src / rels[1]).read_bytes(), path=rels[1]).to_json(indent=None)
    assert not (tmp_path / "in" / "_errors.jsonl").exists()


def test_jsonl_to_stdout(tmp_path: Path) -> None:
    src = make_folder(tmp_path, n=1)
    result = run(src, "--jsonl", "-q")
    assert result.exit_code == 0
    assert [json.loads(x)["source"]["path"] for x in result.stdout.splitlines()] == [
        "a/b/zipped.txt.gz",
        "a/seed0.txt",
        "page.html",
    ]


def test_failures_are_listed_and_the_batch_goes_on(tmp_path: Path) -> None:
    src, out = make_folder(tmp_path, n=1), tmp_path / "out"
    (src / "empty.txt").write_bytes(b"")
    (src / "blank.txt").write_bytes(b"  \n\t \n")
    (src / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (src / "notgzip.txt.gz").write_bytes(b"this is not gzip")
    (src / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 50_000))  # 50 KB once unpacked
    big = "x" * 20_000
    (src / "big.txt").write_text(big, encoding="utf-8")
    result = run(src, out, "--max-bytes", "10000")
    assert result.exit_code == 1
    failed = {e["path"]: e for e in errors(out)}
    assert sorted(failed) == [
        "big.txt",
        "blank.txt",
        "bomb.txt.gz",
        "empty.txt",
        "image.html",
        "notgzip.txt.gz",
    ]
    assert failed["empty.txt"]["code"] == "empty"
    assert failed["blank.txt"]["code"] == "empty"
    assert failed["image.html"]["code"] == "binary"
    assert "gzip" in failed["notgzip.txt.gz"]["error"]
    assert failed["big.txt"]["error"] == "larger than 10000 bytes (--max-bytes)"
    unpacked_too_large = "larger than 10000 bytes once decompressed (--max-bytes)"
    assert failed["bomb.txt.gz"]["error"] == unpacked_too_large
    # Every failure is also on stderr as "edz: PATH: reason", then the summary.
    assert "edz: empty.txt: " in result.stderr
    assert "3 processed, 0 skipped, 6 failed" in result.stderr
    # The good inputs were done; failed ones have no output.
    assert (out / "page.html.json").is_file()
    assert not (out / "empty.txt.json").exists()


def test_errors_file_is_rewritten_each_run(tmp_path: Path) -> None:
    src, out = make_folder(tmp_path, n=1), tmp_path / "out"
    (src / "empty.txt").write_bytes(b"")
    assert run(src, out).exit_code == 1
    assert [e["path"] for e in errors(out)] == ["empty.txt"]
    (src / "empty.txt").unlink()
    result = run(src, out)
    assert result.exit_code == 0
    assert errors(out) == []


def test_rerun_skips_current_outputs_without_rewriting_them(tmp_path: Path) -> None:
    src, out = make_folder(tmp_path), tmp_path / "out"
    assert run(src, out).exit_code == 0
    before = {rel: os.stat(out / rel) for rel in tree(out)}
    (src / "a" / "seed1.txt").write_text(seed_variant(50), encoding="utf-8")  # changed input
    result = run(src, out)
    assert result.exit_code == 0
    assert "1 processed, 4 skipped, 0 failed" in result.stderr
    for rel, st in before.items():
        now = os.stat(out / rel)
        rewritten = (now.st_ino, now.st_mtime_ns) != (st.st_ino, st.st_mtime_ns)
        assert rewritten == (rel in ("a/seed1.txt.json", "_errors.jsonl")), rel
    assert (out / "a/seed1.txt.json").read_bytes() == expected(
        (src / "a/seed1.txt").read_bytes(), "a/seed1.txt"
    )
    forced = run(src, out, "--force")
    assert "5 processed, 0 skipped" in forced.stderr


def test_resume_redoes_an_output_that_is_not_a_current_record(tmp_path: Path) -> None:
    src, out = make_folder(tmp_path, n=1), tmp_path / "out"
    assert run(src, out).exit_code == 0
    good = (out / "page.html.json").read_bytes()
    (out / "page.html.json").write_bytes(good[: len(good) // 2])  # e.g. edited by hand
    stale = json.loads((out / "a/seed0.txt.json").read_bytes())
    stale["extractor_version"] = "0.0.0-old"
    (out / "a/seed0.txt.json").write_text(json.dumps(stale), encoding="utf-8")
    result = run(src, out)
    assert "2 processed, 1 skipped" in result.stderr
    assert (out / "page.html.json").read_bytes() == good
    assert json.loads((out / "a/seed0.txt.json").read_bytes())["extractor_version"] != "0.0.0-old"


def test_rerun_with_jsonl_includes_skipped_records(tmp_path: Path) -> None:
    src, out = make_folder(tmp_path), tmp_path / "out"
    assert run(src, out, "-o", tmp_path / "first.jsonl").exit_code == 0
    result = run(src, out, "-o", tmp_path / "second.jsonl")
    assert "0 processed, 5 skipped" in result.stderr
    assert (tmp_path / "second.jsonl").read_bytes() == (tmp_path / "first.jsonl").read_bytes()


def test_include_and_exclude(tmp_path: Path) -> None:
    src, out = make_folder(tmp_path), tmp_path / "out"
    (src / "notes.md").write_text(seed_variant(7), encoding="utf-8")
    (src / "drafts").mkdir()
    (src / "drafts" / "d.txt").write_text(seed_variant(8), encoding="utf-8")
    (src / "UPPER.TXT").write_text(seed_variant(9), encoding="utf-8")
    result = run(src, out, "--exclude", "drafts", "--exclude", "a/seed1.txt", "--exclude", "*.gz")
    assert result.exit_code == 0
    assert sorted(tree(out)) == [
        "UPPER.TXT.json",
        "_errors.jsonl",
        "a/seed0.txt.json",
        "a/seed2.txt.json",
        "page.html.json",
    ]
    only_md = tmp_path / "md"
    assert run(src, only_md, "--include", "*.md").exit_code == 0
    assert sorted(tree(only_md)) == ["_errors.jsonl", "notes.md.json"]


def test_symlinks_stay_inside_in_dir_and_loops_survive(tmp_path: Path) -> None:
    src, out = make_folder(tmp_path, n=1), tmp_path / "out"
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "private.txt").write_text(seed_variant(5), encoding="utf-8")
    (src / "escape").symlink_to(outside)  # a folder outside IN_DIR
    (src / "leak.txt").symlink_to(outside / "private.txt")  # a file outside IN_DIR
    (src / "a" / "loop").symlink_to(src / "a")  # a -> a/loop -> a ...
    (src / "a" / "b" / "up").symlink_to(src)  # back to the top
    (src / "alias.txt").symlink_to(src / "a" / "seed0.txt")  # inside: followed
    (src / "self.txt").symlink_to("self.txt")  # a link to itself
    result = run(src, out)
    assert result.exit_code == 1
    assert sorted(tree(out)) == [
        "_errors.jsonl",
        "a/b/zipped.txt.gz.json",
        "a/seed0.txt.json",
        "alias.txt.json",
        "page.html.json",
    ]
    assert [e["path"] for e in errors(out)] == ["self.txt"]
    assert "symbolic link" in errors(out)[0]["error"]


def test_out_dir_inside_in_dir_is_never_read(tmp_path: Path) -> None:
    src = make_folder(tmp_path, n=1)
    out = src / "records"
    assert run(src, out, "--include", "*").exit_code == 0
    second = run(src, out, "--include", "*")
    assert second.exit_code == 0
    assert "0 processed, 3 skipped, 0 failed" in second.stderr
    assert not (out / "records").exists()


@pytest.mark.parametrize(
    "name",
    [b"with space.txt", b"new\nline.txt", b"caf\xe9-latin1.txt", "北京.txt".encode()],
    ids=["space", "newline", "non-utf8", "cjk"],
)
def test_odd_file_names(tmp_path: Path, name: bytes) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    with open(os.path.join(os.fsencode(src), name), "wb") as fh:
        fh.write(HTML.encode())
    with open(os.path.join(os.fsencode(src), b"empty " + name), "wb"):
        pass
    result = run(src, out)
    assert result.exit_code == 1, result.output
    written = os.path.join(os.fsencode(out), name + b".json")
    with open(written, "rb") as fh:
        record = json.loads(fh.read())
    # source.path and error paths are valid UTF-8 text; odd bytes show as \xNN.
    shown = name.decode("utf-8", errors="backslashreplace")
    assert record["source"]["path"] == shown
    assert [e["path"] for e in errors(out)] == ["empty " + shown]


def test_a_folder_named_like_an_article_is_walked_not_read(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "looks.html").mkdir(parents=True)
    (src / "looks.html" / "inner.html").write_text(HTML, encoding="utf-8")
    result = run(src, out)
    assert result.exit_code == 0, result.output
    assert sorted(tree(out)) == ["_errors.jsonl", "looks.html/inner.html.json"]


def test_unreadable_file_and_folder_are_failures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out = make_folder(tmp_path, n=1), tmp_path / "out"
    locked_file = src / "locked.txt"
    locked_file.write_text(seed_variant(3), encoding="utf-8")
    locked_dir = src / "private"
    locked_dir.mkdir()
    (locked_dir / "x.txt").write_text(seed_variant(4), encoding="utf-8")
    if os.geteuid() != 0:
        locked_file.chmod(0)
        locked_dir.chmod(0)
    else:
        # root reads anything: make the OS calls refuse these two paths instead
        # (the workers are forked, so they inherit the patch).
        real_open, real_scandir = os.open, os.scandir

        def refusing_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if os.fsdecode(path) == str(locked_file):
                raise PermissionError(13, "Permission denied")
            return real_open(path, flags, *args, **kwargs)

        def refusing_scandir(path: Any = ".", *args: Any, **kwargs: Any) -> Any:
            if os.fsdecode(path) == str(locked_dir):
                raise PermissionError(13, "Permission denied")
            return real_scandir(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing_open)
        monkeypatch.setattr(os, "scandir", refusing_scandir)
    try:
        result = run(src, out)
    finally:
        locked_file.chmod(0o644)
        locked_dir.chmod(0o755)
    assert result.exit_code == 1
    assert errors(out) == [
        {"path": "locked.txt", "error": "cannot read: Permission denied", "code": "input"},
        {"path": "private/", "error": "cannot list the folder: Permission denied", "code": "input"},
    ]
    assert (out / "page.html.json").is_file()


def test_a_named_pipe_is_a_failure_not_a_hang(tmp_path: Path) -> None:
    src, out = make_folder(tmp_path, n=1), tmp_path / "out"
    os.mkfifo(src / "pipe.txt")
    result = run(src, out, "--timeout", "5")
    assert result.exit_code == 1
    assert errors(out) == [
        {
            "path": "pipe.txt",
            "error": "not a regular file (a pipe, socket or device)",
            "code": "input",
        }
    ]


def test_stale_temporary_files_are_swept(tmp_path: Path) -> None:
    """A killed run's temporary files for outputs this run writes go; files that
    only look like ours (or are ours for a target not written) stay."""
    src, out = make_folder(tmp_path, n=1), tmp_path / "out"
    (out / "a").mkdir(parents=True)
    stale = []
    for target in (out / "a" / "seed0.txt.json", out / "_errors.jsonl"):
        fd, name = make_temp(target, new_run_token())
        os.close(fd)
        stale.append(Path(name))
    fd, name = make_temp(out / "a" / "not-an-output.json", new_run_token())
    os.close(fd)
    kept = [Path(name), out / f"{TMP_PREFIX}abc", out / "a" / f"{TMP_PREFIX}def"]
    for path in kept[1:]:
        path.write_bytes(b"not ours")
    assert run(src, out).exit_code == 0
    assert not any(path.exists() for path in stale)
    assert all(path.exists() for path in kept)


def test_quiet_prints_nothing_on_success(tmp_path: Path) -> None:
    src = make_folder(tmp_path, n=1)
    result = run(src, tmp_path / "out", "-q")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_verbose_names_each_input(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # (under pytest the log goes to caplog, not to the CLI's stderr handler)
    src = make_folder(tmp_path, n=1)
    (src / "empty.txt").write_bytes(b"")
    with caplog.at_level("INFO", logger="extractor"):
        assert run(src, tmp_path / "out", "-v", "-j", "1").exit_code == 1
        assert run(src, tmp_path / "out", "-v", "-j", "1").exit_code == 1
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("extractor.batch")]
    assert messages.count("a/seed0.txt: processed") == 1
    assert messages.count("a/seed0.txt: skipped") == 1
    assert "page.html: skipped" in messages


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{missing}", "{out}"], "does not exist"),
        (["{src}"], "give OUT_DIR, --jsonl (-o FILE), or both"),
        (["{src}", "{src}"], "OUT_DIR must not be IN_DIR"),
        (["{src}", "{out}", "--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
        (["{src}", "{out}", "--jobs", "0"], "--jobs"),
        (["{src}", "{out}", "--engine", "spark"], "--engine"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    src = make_folder(tmp_path, n=1)
    names = {"src": src, "out": tmp_path / "out", "missing": tmp_path / "nope"}
    result = run(*[a.format(**names) for a in args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_seed_folder_gives_the_seed_record(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(SEED, src / SEED.name)
    assert run(src, out).exit_code == 0
    record = json.loads((out / (SEED.name + ".json")).read_bytes())
    assert record["source"]["path"] == SEED.name
    assert record["article"]["title"] == "Binhai speeds up growth in biomedical industry"


def test_an_empty_folder_says_nothing_matched(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "notes.md").write_text("not an article by default", encoding="utf-8")
    result = run(src, tmp_path / "out")
    assert result.exit_code == 0
    assert "0 processed, 0 skipped, 0 failed" in result.stderr
    assert f"edz: no file under {src} matches --include *.html *.htm *.txt" in result.stderr


def test_asking_for_another_format_redoes_the_outputs(tmp_path: Path) -> None:
    src, out = make_folder(tmp_path, n=1), tmp_path / "out"
    assert run(src, out, "--format", "plain").exit_code == 0
    assert "0 processed, 3 skipped" in run(src, out, "--format", "plain").stderr
    assert "3 processed, 0 skipped" in run(src, out, "--format", "text").stderr
    record = json.loads((out / "page.html.json").read_bytes())
    assert record["source"]["format"] == "text"
