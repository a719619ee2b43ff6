"""What the batch tests share: running `edz batch` and reading back a folder."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner, Result

from extractor.cli import cli


def run(*args: str | Path) -> Result:
    """`edz batch ARGS` in this process."""
    return CliRunner().invoke(cli, ["batch", *map(str, args)])


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes)."""
    return {
        os.path.relpath(p, folder): Path(p).read_bytes()
        for p in map(str, folder.rglob("*"))
        if os.path.isfile(p)
    }
