"""Every error the library raises on purpose, in one place.

Each error has a short ``code`` that scripts can match on and a message that
names the file and says what to do. ``str(err)`` is ``"FILE: message"`` when
the file is known, so the CLI prints ``edz: FILE: message``.
"""

from __future__ import annotations

import os
from typing import ClassVar

#: The default size limit of an input (``--max-bytes``, ``max_bytes=``): 20 MB.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: The default time limit of one document, in seconds (``--timeout``).
DEFAULT_TIMEOUT = 60.0
#: The default size limit of a record file read back (``edz diff --max-bytes``):
#: a record holds its input's text once, and its facts.
RECORD_MAX_BYTES = 64 * 1024 * 1024


def internal_error_message(exc: BaseException) -> str:
    """What the user is told about an exception that is a bug of ours (never a traceback)."""
    return f"internal error ({type(exc).__name__}: {exc}); please report it"


def size_text(n: int) -> str:
    """A byte count as a limit is written in messages: ``20 MB`` or ``1000 bytes``."""
    return f"{n // (1024 * 1024)} MB" if n % (1024 * 1024) == 0 else f"{n} bytes"


def path_text(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """A file name as a string that JSON can hold: bytes that are not UTF-8
    (``caf\\xe9.html`` on disk) become backslash escapes instead of lone surrogates."""
    name = os.fsdecode(path)
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def printable(text: str) -> str:
    """``text`` with control characters (a newline, ESC) shown as escapes: a message
    stays one line and cannot drive the terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def display_path(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """A file name for an error message: as :func:`path_text`, and control characters
    such as a newline shown as escapes, so one error stays on one line."""
    return printable(path_text(path))


class EdzError(Exception):
    """Base class: an input or a record the extractor cannot use."""

    code: ClassVar[str] = "error"

    def __init__(self, message: str, *, path: str | os.PathLike[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = None if path is None else display_path(path)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def with_path(self, path: str | os.PathLike[str] | None) -> EdzError:
        """Return the same error, naming ``path`` if it named no file yet."""
        if self.path is None and path is not None:
            self.path = display_path(path)
        return self


class InputError(EdzError):
    """The input cannot be read as an article (missing, unreadable, a directory...)."""

    code = "input"


class EmptyInputError(InputError):
    """The input has no bytes, or only white space."""

    code = "empty"


class BinaryInputError(InputError):
    """The input is not text (an image, a PDF, random bytes)."""

    code = "binary"


class TooLargeError(InputError):
    """The input is over the size limit (``--max-bytes``)."""

    code = "too-large"


class FormatError(EdzError):
    """An unknown ``format`` was asked for."""

    code = "format"


class ModelError(EdzError):
    """A spaCy pipeline asked for with ``--model`` / ``model=`` cannot be loaded."""

    code = "model"


class RecordError(EdzError):
    """A record file (for ``edz diff``) is not valid JSON or not a record of this schema."""

    code = "record"


class SchemaVersionError(RecordError):
    """A record of a schema version this extractor does not read."""

    code = "schema-version"


class TimeLimitError(EdzError):
    """An input took longer than ``--timeout`` and was abandoned."""

    code = "timeout"


class DaskError(EdzError):
    """The Dask cluster cannot run this batch (``edz batch --engine dask``)."""

    code = "dask"


class MissingDependencyError(EdzError):
    """An optional dependency is not installed (pyarrow, for Parquet output)."""

    code = "dependency"


class OutputError(EdzError):
    """An output cannot be written (read-only folder, full disk...)."""

    code = "output"


class ReaderGone(Exception):
    """Not an error of the input: the reader of our output went away (a broken pipe,
    ``edz extract ... | head``). The command line ends quietly with exit code 0."""
