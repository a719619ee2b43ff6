"""Bytes -> text: the BOM first, then a declared charset, then detection.

The order, and why:

1. Nothing at all, or only white space once decoded: :class:`EmptyInputError`.
2. A byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) decides, whatever the
   page declares: it is the strongest signal there is (browsers do the same).
3. Files that are not text are refused with :class:`BinaryInputError`: known
   signatures (PNG, JPEG, GIF, PDF, ZIP, gzip...) and, for anything else, the
   share of control bytes (NUL and the other C0 controls that text never holds:
   random bytes have about 11 %). Up to :data:`MAX_CONTROL_SHARE` of them, the
   file is text with stray bytes: they are removed and a warning says so.
4. Pure ASCII is ASCII, whatever is declared.
5. The declared charset (``<meta charset>``, ``http-equiv`` Content-Type, the
   XML declaration) is used when the bytes
   fit it. A declaration lies when the bytes are valid UTF-8 but the page
   declares a legacy charset (valid UTF-8 beyond ASCII is almost never an
   accident), or when they do not decode in the declared charset: then it is
   ignored, with a warning.
6. Undeclared: valid UTF-8; then "mostly UTF-8" (a UTF-8 page with a pasted
   block in another encoding) decodes as UTF-8 with replacement characters and
   a warning; then detection with bs4's ``EncodingDetector`` (which uses
   charset-normalizer when installed), preferring windows-1252 over the other
   Latin code pages detectors confuse it with on short English text.

Every lossy or guessed step adds a warning to the record; nothing raises except
the two errors above.
"""

from __future__ import annotations

import codecs
import re

from extractor.errors import BinaryInputError, EmptyInputError

# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# File signatures of the binary formats people most often drop into a folder of pages.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    *((b"BZh" + bytes([level]), "a bzip2-compressed file") for level in b"123456789"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# Control bytes that text never holds. Tab, LF, CR, form feed (text dumps keep
# page breaks) and ESC (ISO-2022 encodings use it) are not among them.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_CONTROL_CHARS = re.compile("[" + re.escape(_CONTROL_BYTES.decode("ascii")) + "]")
_ASCII_BYTES = bytes(range(0x80))
_NON_ASCII = re.compile(rb"[\x80-\xff]")

# Above this share of control bytes a file is binary; at or below, it is text
# with stray bytes, which are removed (with a warning). Text has none; random
# bytes about 11 %; a PDF stream or an image far more.
MAX_CONTROL_SHARE = 0.05

# Where a charset declaration is looked for. Browsers look in the first 1,024 bytes; real
# pages put long inline scripts first, so more is read.
_DECLARATION_WINDOW = 64 * 1024
# The XML declaration, or a <meta charset=...> / <meta http-equiv content="...; charset=...">.
# bs4's EncodingDetector.find_declared_encoding does the same with a pattern that backtracks
# quadratically on a run of unclosed "<meta" tags (0.5 s for 32 KB of them); here no part of
# a tag can run past the next "<", so the search is linear.
_XML_DECLARED = re.compile(rb"""^\s*<\?xml[^<>]*?encoding\s*=\s*["']?([-\w.:]+)""", re.I)
_META_DECLARED = re.compile(rb"""<meta\b[^<>]*?charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)

# Detectors read this much; deciding on a sample keeps a 20 MB page fast.
_SAMPLE = 1 << 20

# Latin code pages that detectors pick for short English/West-European text
# which is really windows-1252 (e.g. "£" read as "Ł" in windows-1250).
_LATIN_GUESSES = frozenset(
    codecs.lookup(name).name
    for name in (
        "windows-1250",
        "windows-1252",
        "windows-1254",
        "windows-1257",
        "iso-8859-1",
        "iso-8859-2",
        "iso-8859-3",
        "iso-8859-4",
        "iso-8859-9",
        "iso-8859-10",
        "iso-8859-13",
        "iso-8859-14",
        "iso-8859-15",
        "iso-8859-16",
        "mac-roman",
        "mac-latin2",
    )
)

# Declared names mapped to the superset browsers really use (WHATWG Encoding):
# pages declaring latin-1 are written in windows-1252, and GBK pages declaring
# gb2312 use characters only GBK/GB18030 has.
_DECLARED_ALIASES = {
    "ascii": "cp1252",
    "latin_1": "cp1252",
    "iso8859-1": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
}


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode ``data``; return the text and warnings about what was guessed or lost.

    Raises :class:`EmptyInputError` for empty / white-space-only input and
    :class:`BinaryInputError` for input that is not text.
    """
    text, warnings, _utf8 = decode_page(data)
    return text, warnings


def decode_page(data: bytes) -> tuple[str, list[str], bytes | None]:
    """:func:`decode_bytes`, plus the text's UTF-8 bytes when the page already held exactly
    them (ASCII or valid UTF-8, no BOM): the parser then reads those bytes instead of
    encoding the text again (a copy of the whole page)."""
    if not data:
        raise EmptyInputError("the file is empty (0 bytes); nothing to extract")
    warnings: list[str] = []
    utf8: bytes | None = None
    bom_encoding = _bom_encoding(data)
    if bom_encoding == "utf-8":
        body = data[len(codecs.BOM_UTF8) :]
        stripped = _refuse_binary(body)
        text = _decode_reporting(_remove_control_bytes(body, warnings, stripped), "utf-8", warnings)
    elif bom_encoding is not None:
        bom_length = len(codecs.lookup(bom_encoding).encode("\ufeff")[0])
        text = _decode_reporting(data[bom_length:], bom_encoding, warnings)
        text = _remove_control_chars(text, warnings)
    else:
        stripped = _refuse_binary(data)
        unmarked_utf16 = _unmarked_utf16(data)
        if unmarked_utf16 is not None:
            warnings.append(
                f"no byte-order mark, but the NUL bytes are those of {unmarked_utf16.upper()}; "
                f"decoded as {unmarked_utf16.upper()}"
            )
            text = _decode_reporting(data, unmarked_utf16, warnings)
            text = _remove_control_chars(text, warnings)
        else:
            data = _remove_control_bytes(data, warnings, stripped)
            text, utf8 = _decode_unmarked(data, warnings)
    # isspace() stops at the first visible character; strip() would copy the page
    if not text or text.isspace():
        raise EmptyInputError("the file holds only white space; nothing to extract")
    return text, warnings, utf8


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _refuse_binary(data: bytes) -> bytes | None:
    """Raise for binary data; else return ``data`` without its control bytes (None for
    unmarked UTF-16, whose NUL bytes are text), so they are counted and removed in one pass."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise BinaryInputError(f"this is {kind}, not text or HTML")
    if data[4:12] in (b"ftypisom", b"ftypmp42") or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        raise BinaryInputError("this is a video or image file, not text or HTML")
    if _unmarked_utf16(data) is not None:
        return None
    stripped = data.translate(None, _CONTROL_BYTES)
    controls = len(data) - len(stripped)
    if controls > MAX_CONTROL_SHARE * len(data):
        share = 100 * controls / len(data)
        raise BinaryInputError(
            f"binary data, not text or HTML ({share:.0f}% of the bytes are NUL or "
            "other control bytes)"
        )
    return stripped


def _unmarked_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` for UTF-16 text without a BOM (mostly-ASCII markup), else None.

    In such text every other byte is NUL, always at the same parity.
    """
    sample = data[:4096]
    half = len(sample) // 2
    if half < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if odd_nuls >= 0.7 * half and even_nuls <= 0.02 * half:
        return "utf-16-le"
    if even_nuls >= 0.7 * half and odd_nuls <= 0.02 * half:
        return "utf-16-be"
    return None


def _remove_control_bytes(data: bytes, warnings: list[str], stripped: bytes | None) -> bytes:
    """``stripped``: what :func:`_refuse_binary` already made of ``data``."""
    if stripped is None:
        stripped = data.translate(None, _CONTROL_BYTES)
    removed = len(data) - len(stripped)
    if removed:
        nuls = data.count(0)
        what = f"{nuls} NUL" if nuls == removed else f"{removed} control (incl. {nuls} NUL)"
        warnings.append(f"removed {what} bytes from the text")
    return stripped


def _remove_control_chars(text: str, warnings: list[str]) -> str:
    """The same as :func:`_remove_control_bytes`, on text decoded from UTF-16/32."""
    stripped, removed = _CONTROL_CHARS.subn("", text)
    if removed > MAX_CONTROL_SHARE * len(text):
        share = 100 * removed / len(text)
        raise BinaryInputError(
            f"binary data, not text or HTML ({share:.0f}% of the characters are NUL or "
            "other control characters)"
        )
    if removed:
        warnings.append(f"removed {removed} NUL or control characters from the text")
    return stripped


def _decode_reporting(data: bytes, encoding: str, warnings: list[str]) -> str:
    """Decode, replacing what does not fit, and say how much was replaced."""
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - _count_genuine_replacement_chars(data, encoding)
    if bad > 0:
        warnings.append(
            f"{bad} byte sequences are not valid {_label(encoding)}; "
            "replaced with U+FFFD (mixed encodings?)"
        )
    return text


def _count_genuine_replacement_chars(data: bytes, encoding: str) -> int:
    """U+FFFD characters the file itself holds (so they are not counted as damage)."""
    try:
        marker = "\ufffd".encode(encoding)
    except UnicodeEncodeError:
        return 0
    return data.count(marker) if marker else 0


def _canonical(name: str) -> str | None:
    """Python's name of a declared charset, mapped to the superset browsers use."""
    try:
        canonical = codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    return codecs.lookup(_DECLARED_ALIASES.get(canonical, canonical)).name


def _label(encoding: str) -> str:
    return codecs.lookup(encoding).name.upper()


def _decode_unmarked(data: bytes, warnings: list[str]) -> tuple[str, bytes | None]:
    """The text, and ``data`` itself when it is the text's UTF-8 (ASCII or valid UTF-8)."""
    if data.isascii():
        return data.decode("ascii"), data
    declared_name = _declared_charset(data[:_DECLARATION_WINDOW])
    declared = _canonical(declared_name) if declared_name else None
    if declared_name and declared is None:
        warnings.append(f"the page declares an unknown charset {declared_name!r}; ignored")
    as_declared = repr(declared_name)
    if declared is not None and declared.startswith(("utf-16", "utf-32")):
        # A UTF-16 declaration in ASCII-compatible bytes cannot be true (WHATWG: use UTF-8).
        declared = "utf-8"

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if declared is not None and declared != "utf-8":
            warnings.append(
                f"the page declares charset {as_declared} but its bytes are UTF-8; decoded as UTF-8"
            )
        return text, data

    if declared is not None and declared != "utf-8":
        text = data.decode(declared, errors="replace")
        bad = text.count("\ufffd") - _count_genuine_replacement_chars(data, declared)
        if bad <= 0:
            return text, None
        non_ascii = len(data.translate(None, _ASCII_BYTES))
        if bad <= 0.01 * non_ascii:
            warnings.append(
                f"{bad} byte sequences are not valid {_label(declared)}; "
                "replaced with U+FFFD (mixed encodings?)"
            )
            return text, None
    if declared is not None:
        warnings.append(
            f"the page declares charset {as_declared} but its bytes do not fit it; ignored"
        )

    sample = _sample(data)
    if _mostly_utf8(sample):
        return _decode_reporting(data, "utf-8", warnings), None
    return _detect(data, sample, exclude=[declared] if declared else [], warnings=warnings), None


def _sample(data: bytes) -> bytes:
    """Up to 1 MB from just before the first non-ASCII byte: what the guess is made on."""
    first = _NON_ASCII.search(data)
    start = max(0, first.start() - 1024) if first else 0
    return data[start : start + _SAMPLE]


def _declared_charset(head: bytes) -> str | None:
    match = _XML_DECLARED.search(head) or _META_DECLARED.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _mostly_utf8(sample: bytes) -> bool:
    """True when most non-ASCII bytes form valid UTF-8 (a UTF-8 page with a foreign block).

    A legacy-encoded page decoded as UTF-8 has few valid multi-byte sequences
    (GBK about one byte in four, Latin-1 none); a UTF-8 page with a pasted
    paragraph in another encoding has mostly valid ones.
    """
    escaped = sample.decode("utf-8", errors="surrogateescape")
    invalid = len(re.findall("[\udc80-\udcff]", escaped))
    valid = len(sample.translate(None, _ASCII_BYTES)) - invalid
    return valid >= max(invalid, 1)


def _detect(data: bytes, sample: bytes, *, exclude: list[str], warnings: list[str]) -> str:
    # Imported here: bs4 and soupsieve cost ~0.05 s of start-up, and most pages
    # are declared or plain UTF-8 and never reach detection.
    from bs4.dammit import EncodingDetector

    # bs4's EncodingDetector gives UnicodeDammit's candidates (the detector's guess, via
    # charset-normalizer when installed, then windows-1252) without UnicodeDammit's own
    # logging, which would print on the CLI's stderr; what is lost is a record warning.
    candidates = [
        name
        for name in (
            _canonical(c)
            for c in EncodingDetector(
                sample, is_html=False, exclude_encodings=[*exclude, "utf-8"]
            ).encodings
        )
        if name is not None
    ]
    encoding = next((c for c in candidates if _decodes(sample, c)), None)
    if encoding is None and candidates:
        encoding = candidates[0]
    if encoding in _LATIN_GUESSES and _decodes(sample, "cp1252"):
        encoding = "cp1252"
    if encoding is None:
        encoding = "cp1252"
        warnings.append("could not detect the encoding; decoded as WINDOWS-1252")
    else:
        warnings.append(f"no usable charset declaration; detected {_label(encoding)}")
    return _decode_reporting(data, encoding, warnings)


__all__ = ["MAX_CONTROL_SHARE", "decode_bytes", "decode_page"]
