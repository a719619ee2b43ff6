"""Every example in README.md and docs/*.md runs here, so an example that drifts fails CI.

What counts as an example is a fenced block whose info string is one of:

- ``console``: a shell session. Lines starting with ``$ `` are commands (a line ending in ``\\``
  continues on the next); the lines after a command, up to the next command, are its expected
  output (stdout and stderr together), compared as doctest compares (``...`` matches anything,
  white space runs are equal). A command with no lines after it only has to succeed.
- ``sh`` / ``bash``: a script that must exit 0 (its output is not compared).
- ``python``: run as a doctest when it holds ``>>>`` prompts, else executed as a script.

A block that cannot run here (it installs packages, needs a cluster or a model) is preceded by a
line ``<!-- example: skip (why) -->``; the reason is required. Other info strings (``json``,
``text``, none) are shown, not run.

The blocks of one page run in order in one scratch folder holding copies of the repository's
``seeds``, ``fixtures`` and ``schemas``, so a page can build on its earlier commands.
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
RUN_KINDS = {"console", "sh", "bash", "python"}
COPIED = ("seeds", "fixtures", "schemas")
SKIP = re.compile(r"<!--\s*example:\s*skip\s*(?:\((?P<why>[^)]*)\))?\s*-->")
FENCE = re.compile(r"^(?P<indent> *)```(?P<info>[\w+-]*)\s*$")


@dataclass(frozen=True)
class Block:
    page: Path
    line: int  # 1-based line of the opening fence
    kind: str
    body: str
    skip: str | None  # the reason, when the block is marked as not runnable

    @property
    def name(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks_of(page: Path) -> list[Block]:
    lines = page.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        indent, kind = len(opening["indent"]), opening["info"]
        end = i + 1
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        body = "\n".join(line[indent:] for line in lines[i + 1 : end]) + "\n"
        before = lines[i - 1] if i else ""
        marked = SKIP.search(before)
        skip = None
        if marked:
            skip = (marked["why"] or "").strip()
            if not skip:
                raise AssertionError(f"{page.name}:{i}: a skipped example must say why")
        if kind in RUN_KINDS:
            found.append(Block(page, i + 1, kind, body, skip))
        i = end + 1
    return found


ALL_BLOCKS = [block for page in PAGES if page.exists() for block in blocks_of(page)]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """One scratch folder per page, shared by that page's blocks (they run in order)."""
    return {}


def folder_for(page: Path, scratch: dict[Path, Path], tmp_root: Path) -> Path:
    if page not in scratch:
        folder = tmp_root / page.stem
        folder.mkdir()
        for name in COPIED:
            # Copies, not links: an example that writes into them must not touch the repository.
            shutil.copytree(ROOT / name, folder / name)
        scratch[page] = folder
    return scratch[page]


def environment() -> dict[str, str]:
    env = dict(os.environ)
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    env.pop("NO_COLOR", None)
    env["COLUMNS"] = "100"
    return env


def console_steps(body: str) -> list[tuple[str, str]]:
    """(command, expected output) pairs of a console block."""
    steps: list[tuple[str, list[str]]] = []
    continuing = False
    for line in body.splitlines():
        if continuing:
            steps[-1] = (steps[-1][0] + "\n" + line, steps[-1][1])
            continuing = line.endswith("\\")
        elif line.startswith("$ "):
            steps.append((line[2:], []))
            continuing = line.endswith("\\")
        elif steps:
            steps[-1][1].append(line)
        elif line.strip():
            raise AssertionError(f"output before the first command: {line!r}")
    return [(command, "\n".join(out).strip("\n")) for command, out in steps]


def run_shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=cwd,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


CHECKER = doctest.OutputChecker()
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def check_console(block: Block, cwd: Path) -> None:
    for command, expected in console_steps(block.body):
        done = run_shell(command, cwd)
        got = (done.stdout + done.stderr).strip("\n")
        if not expected:
            assert done.returncode == 0, f"{block.name}: `{command}` failed:\n{got}"
            continue
        if not CHECKER.check_output(expected + "\n", got + "\n", FLAGS):
            pytest.fail(
                f"{block.name}: `{command}` printed something else.\n"
                f"--- expected ---\n{expected}\n--- got (exit {done.returncode}) ---\n{got}"
            )


def check_python(block: Block, cwd: Path) -> None:
    source = textwrap.dedent(block.body)
    here = os.getcwd()
    os.chdir(cwd)
    try:
        if ">>>" in source:
            parser = doctest.DocTestParser()
            test = parser.get_doctest(source, {"__name__": "__example__"}, block.name, None, 0)
            runner = doctest.DocTestRunner(optionflags=FLAGS)
            runner.run(test, out=lambda text: None)
            if runner.failures:
                report: list[str] = []
                runner = doctest.DocTestRunner(optionflags=FLAGS)
                test = parser.get_doctest(source, {"__name__": "__example__"}, block.name, None, 0)
                runner.run(test, out=report.append)
                pytest.fail("".join(report))
        else:
            exec(compile(source, block.name, "exec"), {"__name__": "__example__"})
    finally:
        os.chdir(here)


@pytest.mark.parametrize("block", ALL_BLOCKS, ids=lambda block: block.name)
def test_example_runs(block: Block, scratch: dict[Path, Path], tmp_path_factory) -> None:
    if block.skip is not None:
        pytest.skip(f"not runnable here: {block.skip}")
    root = tmp_path_factory.getbasetemp() / "examples"
    root.mkdir(exist_ok=True)
    cwd = folder_for(block.page, scratch, root)
    if block.kind == "console":
        check_console(block, cwd)
    elif block.kind == "python":
        check_python(block, cwd)
    else:
        done = run_shell(block.body, cwd)
        assert done.returncode == 0, f"{block.name} failed:\n{done.stdout}{done.stderr}"


def test_every_page_has_its_examples_collected() -> None:
    """The collector itself: a page with fenced shell or Python blocks yields blocks."""
    readme = [block for block in ALL_BLOCKS if block.page.name == "README.md"]
    assert readme, "README.md has no runnable example"
    assert all(block.kind in RUN_KINDS for block in ALL_BLOCKS)


def test_console_parser_splits_commands_and_output() -> None:
    steps = console_steps("$ echo a \\\n  b\na b\n$ true\n")
    assert steps == [("echo a \\\n  b", "a b"), ("true", "")]


def test_skip_marker_needs_a_reason(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("<!-- example: skip -->\n```sh\nfalse\n```\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="must say why"):
        blocks_of(page)


def test_tools_needed_by_examples_exist() -> None:
    assert shutil.which("bash"), "the console examples run under bash"
