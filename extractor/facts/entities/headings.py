"""Heading lines: a title-case line of a few words with no full stop ("Qwerty New Area
Hosts Investment Fair"), where every word is capitalized and a name ends before the verb."""

from __future__ import annotations

from extractor.facts.entities.tokens import Tokens


def opens_heading(v: Tokens, start: int) -> bool:
    """Whether ``start`` opens a line that ends, within a heading's length, with no full
    stop (a line break or the text's end comes first)."""
    if start > 0 and "\n" not in v.words[start - 1]:
        return False
    for i in range(start, min(v.n, start + _MAX_HEADING)):
        word = v.words[i]
        if "\n" in word:
            return True
        if word in {".", "!", "?"}:
            return False
    return start + _MAX_HEADING >= v.n


# The most tokens a heading line may have.
_MAX_HEADING = 24
