"""Bytes -> text: the BOM first, then a declared charset, then detection."""

from __future__ import annotations

from extractor.errors import BinaryInputError, EmptyInputError


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode ``data``; return the text and warnings about what was lost.

    Raises EmptyInputError for empty / white-space-only input and
    BinaryInputError for input that is not text.
    """
    if not data.strip():
        raise EmptyInputError("the file is empty; nothing to extract")
    from bs4 import UnicodeDammit

    dammit = UnicodeDammit(data, is_html=True)
    text = dammit.unicode_markup
    warnings: list[str] = []
    if text is None:
        text = data.decode("utf-8", errors="replace")
        warnings.append("could not detect the encoding; decoded as UTF-8 with replacement")
    if dammit.contains_replacement_characters:
        warnings.append(f"some bytes were not valid {dammit.original_encoding}; replaced")
    if "\x00" in text[:4096]:
        raise BinaryInputError("the file is binary, not text or HTML")
    return text, warnings
