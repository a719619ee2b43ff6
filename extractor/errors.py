"""Every error the library raises on purpose, in one place.

Each error has a short ``code`` that scripts can match on and a message that
names the file and says what to do. ``str(err)`` is ``"FILE: message"`` when
the file is known, so the CLI prints ``edz: FILE: message``.
"""

from __future__ import annotations

import os
from typing import ClassVar


def path_text(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """A file name as a string that JSON can hold: bytes that are not UTF-8
    (``caf\\xe9.html`` on disk) become backslash escapes instead of lone surrogates."""
    name = os.fsdecode(path)
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def display_path(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """A file name for an error message: as :func:`path_text`, and control characters
    such as a newline shown as escapes, so one error stays on one line."""
    name = path_text(path)
    if name.isprintable():
        return name
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in name)


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


class OutputError(EdzError):
    """An output cannot be written (read-only folder, full disk...)."""

    code = "output"
