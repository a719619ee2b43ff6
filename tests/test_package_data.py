"""The word lists and tables the modules read at import ship with the package.

Every module reads its data beside its code (``extractor/<part>/data/``); a file that
``[tool.setuptools.package-data]`` does not name is missing from the wheel, and a package
installed from it fails on import. The first test checks the globs against the tree; the
second builds a wheel, installs it into a folder of its own and imports the modules that
read data there (skipped when the build tools are not installed: the wheel is built
offline).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "extractor"


def _package_data_globs() -> list[str]:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs: list[str] = settings["tool"]["setuptools"]["package-data"]["extractor"]
    return globs


def _data_files() -> list[PurePosixPath]:
    """The package's files that are not Python code, relative to ``extractor/``."""
    return sorted(
        PurePosixPath(path.relative_to(PACKAGE).as_posix())
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    )


def _shipped(path: PurePosixPath, glob: str) -> bool:
    """Whether setuptools' ``glob`` names ``path`` (its ``*`` stays inside one folder)."""
    pattern = PurePosixPath(glob)
    return path.parent == pattern.parent and fnmatch(path.name, pattern.name)


def test_every_data_file_is_named_by_the_package_data_globs() -> None:
    globs = _package_data_globs()
    files = _data_files()
    # the new word lists of this layout are among them (the test looks at the real tree)
    assert PurePosixPath("clean/data/continuing-words.txt") in files
    assert PurePosixPath("claims/data/title-zone-non-names.txt") in files
    missing = [str(path) for path in files if not any(_shipped(path, g) for g in globs)]
    assert not missing, f"not in [tool.setuptools.package-data]: {missing}"


def test_shipped_folder_pattern_stays_in_its_folder() -> None:
    assert _shipped(PurePosixPath("facts/data/cities.txt"), "facts/data/*")
    assert not _shipped(PurePosixPath("facts/data/lexicon/months.txt"), "facts/data/*")
    assert not _shipped(PurePosixPath("clean/data/abbreviations.txt"), "claims/data/*")


# Imports that read every data folder: each module loads its lists when imported, and the
# gazetteer and cue tables on first use.
_IMPORT_CHECK = """
import sys
sys.path.insert(0, sys.argv[1])
import extractor
assert extractor.__file__.startswith(sys.argv[1]), extractor.__file__
import extractor.clean.sentences, extractor.clean.wrap
import extractor.facts.entities.aliases, extractor.facts.entities.zones
import extractor.claims.article, extractor.claims.cues
from extractor.facts.entities.lexicon import load_gazetteer
assert load_gazetteer().names
assert extractor.claims.cues.table()
from extractor.clean import clean
print(clean("Line one of a page.", format="plain").text)
"""


def _can_build_offline() -> bool:
    """setuptools new enough for pyproject's build-system, and wheel, in this interpreter."""
    if importlib.util.find_spec("wheel") is None:
        return False
    import setuptools

    return int(setuptools.__version__.split(".")[0]) >= 68


@pytest.mark.skipif(not _can_build_offline(), reason="needs setuptools>=68 and wheel installed")
def test_a_wheel_installed_package_finds_its_data(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(PACKAGE, source / "extractor", ignore=shutil.ignore_patterns("__pycache__"))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    build = [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "dist")]
    subprocess.run([*build, str(source)], check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    absent = [str(p) for p in _data_files() if f"extractor/{p}" not in names]
    assert not absent, f"not in the wheel: {absent}"
    site = tmp_path / "site"
    install = [*pip, "install", "--no-deps", "--no-index", "--target", str(site), str(wheel)]
    subprocess.run(install, check=True, capture_output=True)
    # run away from the source tree, so that only the installed copy can be imported
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_CHECK, str(site)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Line one of a page."
