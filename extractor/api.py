"""The public entry points: one article in, one :class:`~extractor.record.Record` out.

Data flows one way: ``clean`` -> ``nlp`` (spaCy pipeline with the ``facts``
components) -> ``record``. Facts are found in the cleaned body only, so page
chrome can never become a fact.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import gzip
import hashlib
import io
import logging
import os
import re
import stat
import zlib
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from extractor._version import __version__
from extractor.clean import Cleaned, clean
from extractor.errors import (
    DEFAULT_MAX_BYTES,
    EdzError,
    EmptyInputError,
    InputError,
    TooLargeError,
    path_text,
    size_text,
)

if TYPE_CHECKING:
    from extractor.record import Record

# extractor.record (pydantic models) is imported where a record is made, not
# here: reading and cleaning need neither, and `edz extract` on many files
# starts cleaning in a process of its own before the models are built.

log = logging.getLogger(__name__)

_FACT_MODELS = {
    "money": "Money",
    "percentages": "Percentage",
    "years": "Year",
    "counts": "Count",
    "entities": "Entity",
}


# How much of a pipe is read at a time: what a pipe holds, times a few.
_READ_CHUNK = 256 * 1024


def _checked_max_bytes(max_bytes: Any) -> int | None:
    """``max_bytes`` as the readers use it (None: no limit); InputError saying what it
    must be when it is not a whole number of bytes."""
    if max_bytes is None:
        return None
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 0:
        raise InputError(
            f"max_bytes must be a whole number of bytes >= 0 or None, not {max_bytes!r}"
        )
    return max_bytes or None


def _checked_path(path: Any, what: str = "path") -> None:
    if isinstance(path, bool) or not isinstance(path, str | bytes | os.PathLike):
        raise InputError(
            f"{what} must be a file name (str, bytes or os.PathLike), not {type(path).__name__}"
        )


def _too_large(max_bytes: int, name: str | None, how: str = "") -> TooLargeError:
    return TooLargeError(f"larger than {size_text(max_bytes)}{how} (--max-bytes)", path=name)


def read_stream(stream: Any, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """Read a binary stream (``sys.stdin.buffer``) to its end, refusing more than
    ``max_bytes``: reading stops one byte past the limit, so an endless pipe
    (``yes | edz extract -``) never holds more than the limit in memory."""
    limit = _checked_max_bytes(max_bytes)
    chunks: list[bytes] = []
    size = 0
    while True:
        want = _READ_CHUNK if limit is None else min(_READ_CHUNK, limit + 1 - size)
        try:
            chunk = stream.read(want)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path="-") from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if limit is not None and size > limit:
            raise _too_large(limit, "-")


def read_source(
    path: str | bytes | os.PathLike[str] | os.PathLike[bytes],
    *,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> bytes:
    """Read an input file's bytes, refusing what is not a readable file.

    ``max_bytes`` (``None`` or ``0``: no limit) is checked on the open file's
    size before anything is read, and again while reading (for pipes and
    files that grow), so an oversized input is never read whole. Regular files
    and pipes (``edz extract <(curl ...)``) are read; directories, devices and
    sockets are refused. Every refusal is an :class:`InputError` naming the file.
    """
    _checked_path(path)
    max_bytes = _checked_max_bytes(max_bytes)
    name = os.fsdecode(path)
    try:
        # O_NONBLOCK: opening a named pipe nobody writes to must not hang (it reads as empty).
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from None
    except ValueError:  # a NUL character in the name
        raise InputError("not a valid file name (it contains a NUL character)", path=name) from None
    st = os.fstat(fd)
    refusal: InputError | None = None
    if stat.S_ISDIR(st.st_mode):
        refusal = InputError("is a directory, not a file (use `edz batch` for folders)", path=name)
    elif not (stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        refusal = InputError("not a regular file (a device or a socket)", path=name)
    elif max_bytes and st.st_size > max_bytes:
        refusal = _too_large(max_bytes, name)
    if refusal is not None:
        os.close(fd)
        raise refusal
    with os.fdopen(fd, "rb") as fh:
        if stat.S_ISFIFO(st.st_mode):
            os.set_blocking(fd, True)
        try:
            data = fh.read(max_bytes + 1) if max_bytes else fh.read()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from None
    if max_bytes and len(data) > max_bytes:  # a pipe, or a file that grew since fstat
        raise _too_large(max_bytes, name)
    return data


@functools.cache
def _field_names(value_type: type) -> tuple[str, ...]:
    """The field names of a fact value's dataclass (dataclasses.fields() builds its
    tuple anew at each call)."""
    return tuple(f.name for f in dataclasses.fields(value_type))


def _fact_fields(value: Any, as_number: Callable[[Decimal], Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in _field_names(value.__class__):
        v = getattr(value, name)
        out[name] = as_number(v) if isinstance(v, Decimal) else v
    return out


def sentence_ranges(bounds: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence of ``bounds``, without surrounding whitespace."""
    out = []
    for start, end in bounds:
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        out.append((start + lead, max(start + lead, start + len(piece.rstrip()))))
    return out


def _facts(
    doc: Any, sent_starts: list[int] | None = None, text: str | None = None
) -> dict[str, tuple[Any, ...]]:
    """The record's facts of ``doc``. ``text``: the text the doc was made from, when the
    caller holds it: a fact's text is sliced from it (``span.text`` joins the span's
    tokens anew, a Python object per token; the slice is the same string)."""
    from extractor import record as models
    from extractor.facts.base import fact_spans, group_name

    if sent_starts is None:
        sent_starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]

    facts: dict[str, tuple[Any, ...]] = {}
    for kind, model_name in _FACT_MODELS.items():
        model = getattr(models, model_name)
        ext = group_name(kind)
        items = []
        for span in fact_spans(doc, kind):
            value = span._.get(ext)
            if value is None:
                continue
            start, end = span.start_char, span.end_char
            items.append(
                model(
                    text=span.text if text is None else text[start:end],
                    start=start,
                    end=end,
                    sentence=max(0, bisect.bisect_right(sent_starts, start) - 1),
                    **_fact_fields(value, models.as_number),
                )
            )
        facts[kind] = tuple(items)
    return facts


@dataclasses.dataclass(frozen=True)
class CleanedSource:
    """An article after the cleaner, before the pipeline: what the record says of
    its bytes, and the warnings so far. Built without importing spaCy."""

    path: str | None
    sha256: str
    size: int
    cleaned: Cleaned
    warnings: tuple[str, ...]


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(source: str | bytes | bytearray) -> tuple[Any, list[str]]:
    """A str holding lone surrogates (no text encodes them; spaCy fails on them) with
    each replaced by U+FFFD, and the warning that says so."""
    if isinstance(source, str) and _LONE_SURROGATE.search(source):
        return _LONE_SURROGATE.sub("\ufffd", source), [
            "lone surrogate characters in the text were replaced by U+FFFD"
        ]
    return source, []


def _check_source(source: Any, name: str | None) -> None:
    """InputError unless ``source`` is a page :func:`extract` reads."""
    if isinstance(source, bytes | bytearray | str):
        return
    from bs4.element import PageElement

    if not isinstance(source, PageElement):
        kind = (
            "an open file: read it first, or use extract_file()"
            if hasattr(source, "read")
            else type(source).__name__
        )
        raise InputError(
            f"source must be the page as bytes or str, or a BeautifulSoup object, not {kind}",
            path=name,
        )


def clean_source(
    source: Any, *, format: str = "auto", path: str | os.PathLike[str] | None = None
) -> CleanedSource:
    """The first half of :func:`extract`: decode and clean ``source``."""
    if path is not None:
        _checked_path(path)
    name = None if path is None else path_text(path)
    _check_source(source, name)
    try:
        if not isinstance(source, bytes | bytearray | str):
            from extractor.clean.page import markup_of

            source, format = markup_of(source), "html"  # serialized once, hashed and cleaned
        data = (
            bytes(source)
            if isinstance(source, bytes | bytearray)
            else source.encode("utf-8", errors="surrogatepass")
        )
        source, replaced = _without_surrogates(source)
        cleaned = clean(source, format=format, path=name)
    except EdzError as exc:
        raise exc.with_path(name) from None
    warnings = [*replaced, *cleaned.warnings]
    if not cleaned.text.strip():
        if cleaned.title is None:
            raise EmptyInputError("no article text found in the page", path=name)
        warnings.append("no article body found; the record has a title but no text")
    return CleanedSource(
        path=name,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        cleaned=cleaned,
        warnings=tuple(warnings),
    )


def extract(
    source: Any,
    *,
    format: str = "auto",
    path: str | os.PathLike[str] | None = None,
    model: str | None = None,
) -> Record:
    """Extract the record of one article.

    ``source`` is the page as ``bytes`` (decoded from its BOM, declared charset
    or detection), as ``str``, or a BeautifulSoup object. ``format`` is
    ``auto``, ``html``, ``text`` (a text dump with page chrome) or ``plain``
    (clean text, nothing stripped). ``path`` is only recorded and used in
    error messages. ``model`` names an installed spaCy pipeline whose
    ORG/GPE/LOC/FAC entities are merged with ours (ours win on overlap).
    """
    return record_of(clean_source(source, format=format, path=path), model=model)


def record_of(source: CleanedSource, *, model: str | None = None) -> Record:
    """The second half of :func:`extract`: the pipeline over the clean text, and the record."""
    from extractor.startup import load_pipeline

    nlp = load_pipeline()  # first: spaCy is imported with the collector paused
    from extractor.claims import claims_of, sentence_bounds, set_article
    from extractor.facts.base import made_from
    from extractor.nlp import get_model_pipeline, release_if_grown

    cleaned = source.cleaned
    if len(cleaned.text) > nlp.max_length:
        raise InputError(
            f"the article body has {len(cleaned.text):,} characters, more than the "
            f"{nlp.max_length:,} one record can hold; split the file",
            path=source.path,
        )
    doc = nlp.make_doc(cleaned.text)
    text = made_from(doc, cleaned.text)
    set_article(doc, cleaned.published, cleaned.title)
    doc = nlp(doc)
    if model is not None:
        from extractor.facts.entities import merge_model_entities

        model_nlp = get_model_pipeline(model)
        # A statistical pipeline is slow anyway; its memory zone frees the
        # document's strings at once.
        with model_nlp.memory_zone():
            merge_model_entities(doc, model_nlp(cleaned.text))
    bounds = sentence_bounds(doc, cleaned.text)
    sentences = sentence_ranges(bounds, cleaned.text)
    # A sentence's own start (not its stripped one) decides which sentence a fact is in.
    sent_starts = [start for start, _ in bounds]
    facts = _facts(doc, sent_starts, cleaned.text)
    claims = claims_of(doc, facts, sent_starts)
    warnings = (*source.warnings, *text.warnings)  # the facts' own (caps, bounds)
    del doc, text
    release_if_grown(nlp)
    return _record(source, facts, warnings, claims=claims, sentences=tuple(sentences))


def clean_record(source: CleanedSource) -> Record:
    """The record of a cleaned page without facts (what ``edz clean`` prints):
    made without the pipeline, so spaCy is never imported."""
    return _record(source, {})


def _record(
    source: CleanedSource,
    facts: dict[str, tuple[Any, ...]],
    warnings: tuple[str, ...] | None = None,
    *,
    claims: tuple[Any, ...] = (),
    sentences: tuple[tuple[int, int], ...] = (),
) -> Record:
    from extractor.record import Article, Record, Source

    cleaned = source.cleaned
    return Record(
        extractor_version=__version__,
        source=Source(
            path=source.path,
            sha256=source.sha256,
            format=cleaned.format,
            bytes=source.size,
        ),
        article=Article(
            title=cleaned.title,
            published=cleaned.published,
            site=cleaned.site,
            section=cleaned.section,
            url=cleaned.url,
            author=cleaned.author,
        ),
        text=cleaned.text,
        money=facts.get("money", ()),
        percentages=facts.get("percentages", ()),
        years=facts.get("years", ()),
        counts=facts.get("counts", ()),
        entities=facts.get("entities", ()),
        claims=claims,
        sentences=sentences,
        warnings=source.warnings if warnings is None else warnings,
    )


def extract_file(
    path: str | os.PathLike[str],
    *,
    format: str = "auto",
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    model: str | None = None,
) -> Record:
    """Read ``path`` and extract its record (see :func:`extract`).

    A ``.gz`` file is decompressed first (the record describes the decompressed
    bytes, as ``edz batch`` does).
    """
    _checked_path(path)
    data = read_article(path, max_bytes=max_bytes)
    return extract(data, format=format, path=path, model=model)


def gunzip(data: bytes, *, max_bytes: int | None, name: str | None = None) -> bytes:
    """Decompress a gzip file's bytes, refusing output over ``max_bytes`` (a gzip bomb)."""
    max_bytes = _checked_max_bytes(max_bytes)
    whole = _gunzip_one_member(data, max_bytes)
    if whole is not None:
        return whole
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(max_bytes + 1) if max_bytes else fh.read()
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"not a valid gzip file ({exc})", path=name) from None
    if max_bytes and len(out) > max_bytes:
        raise _too_large(max_bytes, name, " once decompressed")
    return out


def _gunzip_one_member(data: bytes, max_bytes: int | None) -> bytes | None:
    """The common case of :func:`gunzip` in one call into zlib (GzipFile reads through
    buffers, a third slower): a file of one complete gzip member within ``max_bytes``.
    None for anything else (several members, trailing bytes, an error, too large): the
    GzipFile path then decides, with its own messages."""
    try:
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip header and trailer
        out = inflater.decompress(data, max_bytes + 1 if max_bytes else 0)
    except zlib.error:
        return None
    if not inflater.eof or inflater.unused_data or (max_bytes and len(out) > max_bytes):
        return None
    return out


def read_article(
    path: str | os.PathLike[str] | bytes, *, max_bytes: int | None = DEFAULT_MAX_BYTES
) -> bytes:
    """An article's bytes: :func:`read_source`, then decompressed if the name ends in ``.gz``."""
    _checked_path(path)
    data = read_source(path, max_bytes=max_bytes)
    if os.fsdecode(path).lower().endswith(".gz"):
        data = gunzip(data, max_bytes=max_bytes, name=path_text(path))
    return data
