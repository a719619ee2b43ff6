"""Aligning the texts of two records (for ``edz diff``), in time near linear in them.

Paragraphs are aligned first (cheap, and what the text summary reports);
inside a replaced run of paragraphs the words are aligned, so an offset in an
edited sentence lands on the same word in B. The common paragraphs at both
ends are taken off before the alignment, and a middle too large to align
(a hostile or wholly rewritten text) is one replaced block: the cost stays
bounded whatever the texts.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

WORD = re.compile(r"\w+|[^\w\s]")
PARAGRAPH_SEPARATOR = "\n\n"
# Above this many cells (items of A times items of B), difflib's matcher is not
# run: its time grows with the product.
MAX_ALIGN_CELLS = 1_000_000

Opcode = tuple[str, int, int, int, int]


@dataclass(frozen=True)
class _Segment:
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    equal: bool


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    if not text:
        return []
    spans = []
    start = 0
    for paragraph in text.split(PARAGRAPH_SEPARATOR):
        spans.append((start, start + len(paragraph)))
        start += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return spans


def bounded_opcodes(a: list[str], b: list[str], *, autojunk: bool = False) -> list[Opcode]:
    """difflib's opcodes from ``a`` to ``b``, with the common start and end taken off
    first, and the rest one ``replace`` when it is too large to align."""
    n, m = len(a), len(b)
    head = 0
    while head < min(n, m) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(n, m) - head and a[n - 1 - tail] == b[m - 1 - tail]:
        tail += 1
    opcodes: list[Opcode] = []
    if head:
        opcodes.append(("equal", 0, head, 0, head))
    mid_a, mid_b = a[head : n - tail], b[head : m - tail]
    if mid_a or mid_b:
        if len(mid_a) * len(mid_b) > MAX_ALIGN_CELLS:
            middle: Sequence[Opcode] = [("replace", 0, len(mid_a), 0, len(mid_b))]
        else:
            middle = SequenceMatcher(None, mid_a, mid_b, autojunk=autojunk).get_opcodes()
        for tag, i1, i2, j1, j2 in middle:
            opcodes.append((tag, i1 + head, i2 + head, j1 + head, j2 + head))
    if tail:
        opcodes.append(("equal", n - tail, n, m - tail, m))
    return opcodes


class Alignment:
    """Paragraph opcodes between two texts, and a map of A offsets to B offsets."""

    def __init__(self, a: str, b: str) -> None:
        self.a, self.b = a, b
        self.a_spans, self.b_spans = paragraph_spans(a), paragraph_spans(b)
        self.identity = a == b
        self._segments: list[_Segment] = []
        if self.identity:
            count = len(self.a_spans)
            self.opcodes: list[Opcode] = [("equal", 0, count, 0, count)] if count else []
        else:
            a_paras = [a[s:e] for s, e in self.a_spans]
            b_paras = [b[s:e] for s, e in self.b_spans]
            self.opcodes = bounded_opcodes(a_paras, b_paras)
            for tag, i1, i2, j1, j2 in self.opcodes:
                self._add_paragraph_block(tag, i1, i2, j1, j2)
        self._starts = [s.a_start for s in self._segments]

    def _b_point(self, j: int) -> int:
        return self.b_spans[j][0] if j < len(self.b_spans) else len(self.b)

    def _add_paragraph_block(self, tag: str, i1: int, i2: int, j1: int, j2: int) -> None:
        if tag == "insert":
            return
        a_start, a_end = self.a_spans[i1][0], self.a_spans[i2 - 1][1]
        if tag == "equal":
            b_start = self.b_spans[j1][0]
            self._segments.append(
                _Segment(a_start, a_end, b_start, b_start + a_end - a_start, True)
            )
        elif tag == "delete":
            point = self._b_point(j1)
            self._segments.append(_Segment(a_start, a_end, point, point, False))
        else:
            b_start, b_end = self.b_spans[j1][0], self.b_spans[j2 - 1][1]
            self._add_word_segments(a_start, a_end, b_start, b_end)

    def _add_word_segments(self, a_start: int, a_end: int, b_start: int, b_end: int) -> None:
        a_words = list(WORD.finditer(self.a, a_start, a_end))
        b_words = list(WORD.finditer(self.b, b_start, b_end))
        opcodes = bounded_opcodes(
            [m.group() for m in a_words], [m.group() for m in b_words], autojunk=True
        )
        for tag, i1, i2, j1, j2 in opcodes:
            if tag == "equal":
                for ma, mb in zip(a_words[i1:i2], b_words[j1:j2], strict=True):
                    self._segments.append(
                        _Segment(ma.start(), ma.end(), mb.start(), mb.end(), True)
                    )
            elif tag != "insert":
                sa, ea = a_words[i1].start(), a_words[i2 - 1].end()
                if j1 < j2:
                    sb, eb = b_words[j1].start(), b_words[j2 - 1].end()
                else:
                    sb = eb = b_words[j1].start() if j1 < len(b_words) else b_end
                self._segments.append(_Segment(sa, ea, sb, eb, False))

    def project(self, pos: int) -> int:
        """Where offset ``pos`` of text A is in text B (approximately, in edited places)."""
        if self.identity or not self._segments:
            return pos
        k = bisect.bisect_right(self._starts, pos) - 1
        if k < 0:
            return min(pos, self._segments[0].b_start)
        seg = self._segments[k]
        offset = pos - seg.a_start
        if pos < seg.a_end:
            return seg.b_start + offset if seg.equal else min(seg.b_start + offset, seg.b_end)
        # Between segments (spaces, paragraph breaks): keep the distance from the
        # segment before, without passing the next one.
        projected = seg.b_end + (pos - seg.a_end)
        if k + 1 < len(self._segments):
            projected = min(projected, self._segments[k + 1].b_start)
        return projected
