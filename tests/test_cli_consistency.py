"""The command line behaves the same in every command (issue 16): output format,
-v/-q and help text on every option, a broken pipe, Ctrl-C at any moment, shell
completion of FILE arguments, and `edz clean` without spaCy."""

from __future__ import annotations

import json
import os
import pty
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from extractor.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_5ec9a3103d8d2515.txt"
EDZ = [sys.executable, "-m", "extractor"]
_CONTEXT = click.Context(cli)
COMMANDS = cli.list_commands(_CONTEXT)


def _command(name: str) -> click.Command:
    command = cli.get_command(_CONTEXT, name)
    assert command is not None, name
    return command


def test_every_command_is_listed_and_found() -> None:
    # table and report are loaded on first use (see extractor.cli._Group)
    assert {"batch", "clean", "diff", "extract", "report", "schema", "table"} <= set(COMMANDS)
    assert all(_command(name).name == name for name in COMMANDS)
    assert cli.get_command(_CONTEXT, "no-such-command") is None


def test_every_command_has_verbose_and_quiet() -> None:
    for name in COMMANDS:
        flags = {opt for p in _command(name).params for opt in p.opts}
        assert {"-v", "--verbose", "-q", "--quiet"} <= flags, name


def test_every_option_has_help_text() -> None:
    for name in COMMANDS:
        for param in _command(name).params:
            if isinstance(param, click.Option):
                assert param.help, f"edz {name} {param.opts[0]} has no help text"


@pytest.mark.parametrize("command", ["extract", "clean"])
def test_output_format_does_not_depend_on_the_number_of_files(command: str) -> None:
    runner = CliRunner()
    one = runner.invoke(cli, [command, str(SEED)])
    two = runner.invoke(cli, [command, str(SEED), str(SEED)])
    assert one.exit_code == two.exit_code == 0
    assert two.stdout == one.stdout * 2  # JSON Lines both times (stdout is no terminal)
    assert len(one.stdout.splitlines()) == 1
    pretty = runner.invoke(cli, [command, "--pretty", str(SEED), str(SEED)])
    assert pretty.stdout.startswith("{\n  ")
    record = json.loads(one.stdout)
    assert pretty.stdout == (json.dumps(record, indent=2, ensure_ascii=False) + "\n") * 2
    both = runner.invoke(cli, [command, "--pretty", "--jsonl", str(SEED)])
    assert both.exit_code == 2
    assert "--pretty and --jsonl exclude each other" in both.output


def _on_a_terminal(*args: str) -> bytes:
    """What `edz ARGS` prints when stdout is a terminal."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([*EDZ, *args], stdout=slave, stderr=subprocess.PIPE)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=120)
    os.close(master)
    return b"".join(chunks).replace(b"\r\n", b"\n")


def test_one_file_on_a_terminal_is_pretty_several_are_not() -> None:
    one = _on_a_terminal("clean", str(SEED))
    assert one.startswith(b"{\n  ")
    two = _on_a_terminal("clean", str(SEED), str(SEED))
    assert len(two.splitlines()) == 2
    assert two.startswith(b'{"schema_version"')


def test_edz_clean_never_imports_spacy() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from extractor.cli import cli\n"
        f"result = CliRunner().invoke(cli, ['clean', {str(SEED)!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == b"[]\n"


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "--jsonl", *[str(SEED)] * 40],
        ["clean", *[str(SEED)] * 400],
        ["schema"],
        ["--help"],
    ],
    ids=["extract", "clean", "schema", "help"],
)
def test_a_broken_pipe_ends_quietly_with_0(args: list[str]) -> None:
    _reader_goes_away(args)


def test_a_broken_pipe_ends_a_batch_quietly_with_0(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(40):
        (src / f"{i}.txt").write_bytes(SEED.read_bytes())
    _reader_goes_away(["batch", str(src), "--jsonl", "-j", "1"])


def _reader_goes_away(args: list[str]) -> None:
    proc = subprocess.Popen([*EDZ, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10)
    proc.stdout.close()  # the reader goes away (`| head -c 10`)
    stderr = proc.stderr.read()
    assert proc.wait(timeout=120) == 0
    assert stderr == b""


def _batch_args(tmp_path: Path) -> list[str]:
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    for i in range(30):
        (src / f"{i}.txt").write_bytes(SEED.read_bytes())
    return ["batch", str(src), str(tmp_path / "out"), "-j", "1", "--force"]


def _edz_frames(stderr: bytes) -> list[bytes]:
    """The traceback frames inside a function of edz. Frames at module level are the
    import of the package itself (``extractor/__init__.py``, ``__main__.py`` importing
    ``launch``), which Python runs before :func:`extractor.launch.main` can take over
    Ctrl-C: Python's own start-up, like site and runpy."""
    frames = re.findall(rb'File "([^"]+)", line -?\d+, in (\S+)', stderr)
    return [path for path, name in frames if b"/extractor/" in path and name != b"<module>"]


def _ctrl_c_as_in_a_terminal() -> None:
    """A shell starts a foreground command with Ctrl-C at its default action. The test run
    itself may ignore SIGINT (a suite started in the background by a script, or by nohup),
    and a child inherits that: Python then never installs its handler, and every Ctrl-C
    before edz sets its own is lost, so the command runs to the end and exits 0."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("command", ["extract", "clean", "batch", "diff", "schema"])
def test_ctrl_c_exits_130_at_any_moment_without_a_traceback(tmp_path: Path, command: str) -> None:
    seeds = [str(SEED)] * 60
    args = {
        "extract": ["extract", "-j", "1", *seeds],
        "clean": ["clean", *seeds],
        "batch": _batch_args(tmp_path),
        "diff": ["diff", str(SEED), str(SEED)],
        "schema": ["schema"],
    }[command]
    interrupted = 0
    for delay in (0.0, 0.02, 0.1, 0.3, 0.8, 1.5):
        proc = subprocess.Popen(
            [*EDZ, *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=_ctrl_c_as_in_a_terminal,
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=120)
        if b"KeyboardInterrupt" in stderr and not _edz_frames(stderr):
            # Python's own start-up (site, .pth files, finding the module), before
            # any line of edz runs: out of reach of any program.
            assert proc.returncode in (-signal.SIGINT, 1, 130), proc.returncode
            interrupted += 1
            continue
        assert b"Traceback" not in stderr, (delay, stderr.decode())
        if proc.returncode == -signal.SIGINT:  # before Python itself was up: a shell says 130
            interrupted += 1
        elif proc.returncode == 130:
            interrupted += 1
            assert stderr.decode().endswith("interrupted\n") or "interrupted:" in stderr.decode()
        else:  # done before the signal came
            assert proc.returncode in (0, 1, 2), (delay, proc.returncode, stderr)
    # The signal did reach it while it was running (schema and diff of one
    # record are done in well under a second).
    assert interrupted >= (1 if command in ("schema", "diff") else 3), interrupted


def test_file_arguments_complete_in_the_shell(tmp_path: Path) -> None:
    """click's bash completion answers "file" (or "dir") so that bash completes names."""

    def complete(words: str) -> str:
        env = {
            **os.environ,
            "_EDZ_COMPLETE": "bash_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split(" ")) - 1),
        }
        done = subprocess.run([*EDZ], env=env, capture_output=True, timeout=60, cwd=tmp_path)
        return done.stdout.decode()

    assert complete("edz extract ") == "file,\n"
    assert complete("edz clean ") == "file,\n"
    assert complete("edz diff ") == "file,\n"
    assert complete("edz batch ") == "dir,\n"
    assert complete("edz extract -o ") == "file,\n"
    assert "plain,extract" in complete("edz ex")
