"""Ownership stakes: a percentage that is a share of a company's equity ("a 51 percent
stake", "66.25 percent of the shares", "60 percent held by A and 40 percent by B")
measures no indicator and belongs to its holder."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from extractor.claims.slots import Figure

# An ownership stake: "a 51 percent stake", "60 percent held by ...", "66.25 percent of the
# shares", "a 30 percent share" (not "a 30 percent share of GDP", a part of an indicator) ...
_STAKE_AFTER_RE: Final = re.compile(
    r"\s*(?:equity\s+)?(?:stakes?\b|shares?\b(?!\s+of\b)|(?:held|owned|controlled)\s+by\b"
    r"|of\s+(?:the\s+|its\s+|total\s+)*(?:shares|equity|stakes?)\b)",
    re.IGNORECASE,
)
# ... or what an owner "owns", "holds" or "controls" ("controls the remaining 33.75 percent").
_STAKE_BEFORE_RE: Final = re.compile(
    r"\b(?:owns?|owning|holds?|held|controls?|controlling)\s+(?:an?\s+|the\s+)?"
    r"(?:remaining\s+|other\s+)?$",
    re.IGNORECASE,
)
# "60 percent held by A and 40 percent by B": the second figure's owner follows "by".
_BY_RE: Final = re.compile(r"\s*(?:(?:held|owned|controlled)\s+)?by\s+(?:the\s+)?", re.IGNORECASE)
_BEING_HELD_BY_RE: Final = re.compile(
    r"\s+(?:being\s+)?(?:held|owned|controlled)\s+by\s+(?:the\s+)?", re.IGNORECASE
)
_HELD_BY_RE: Final = re.compile(r"\b(?:held|owned|controlled)\s+by\b", re.IGNORECASE)
_STAKE_READ: Final = 30  # characters before a figure read for an owning verb


@dataclass(frozen=True)
class Stake:
    """A percentage that is an ownership stake; ``owner_at``: where the owner's name starts
    when the words name it after the figure ("held by ..."), else None."""

    owner_at: int | None


def stake_of(text: str, fig: Figure, clause: tuple[int, int]) -> Stake | None:
    """Whether the percentage ``fig`` is an ownership stake (a share that measures no
    indicator and belongs to its holder), and where its holder is named after it."""
    if fig.kind == "money":
        return None
    after = _STAKE_AFTER_RE.match(text, fig.end)
    # "75% of shares (being) held by | China": the holder after the stake's words.
    by = _BY_RE.match(text, fig.end) or (
        _BEING_HELD_BY_RE.match(text, after.end()) if after is not None else None
    )
    if after is not None or _STAKE_BEFORE_RE.search(
        text, max(clause[0], fig.start - _STAKE_READ), fig.start
    ):
        return Stake(by.end() if by is not None and by.end() < clause[1] else None)
    # "... 60 percent held by A and 40 percent by B": a "by" after an earlier stake.
    if by is not None and _HELD_BY_RE.search(text, clause[0], fig.start) is not None:
        return Stake(by.end())
    return None
