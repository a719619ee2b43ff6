"""The human report of ``edz diff``: one line a change, grouped by kind."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from extractor.diff import Change, FolderDiff, RecordDiff, _shown
from extractor.diff_align import bounded_opcodes

_WORD_OR_SPACE = re.compile(r"\s+|\w+|[^\w\s]")

#: Line markers by op.
MARKERS = {"added": "+", "removed": "-", "changed": "~", "moved": ">", "error": "!", "total": " "}


@dataclass(frozen=True)
class Line:
    """One line of the human report: ``op`` for its marker and color, and its parts.

    A part is ``(op, text)``; a word diff marks removed and added words so a
    terminal can color them.
    """

    op: str
    parts: tuple[tuple[str, str], ...]

    @property
    def text(self) -> str:
        return "".join(text for _, text in self.parts)


def _line(op: str, text: str) -> Line:
    return Line(op, ((op, f"{MARKERS[op]} {text}"),))


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _fact_value(kind: str, fact: dict[str, Any]) -> str:
    if kind == "money":
        if fact["amount"] is not None:
            size = _value(fact["amount"])
        else:
            size = f"{_value(fact['low'])}..{_value(fact['high'])}"
        return f"{size} {fact['currency']}"
    if kind == "percentages":
        return f"{_value(fact['value'])} {fact['unit']}"
    if kind == "years":
        return _value(fact["value"])
    if kind == "counts":
        noun = fact.get("noun")
        return _value(fact["value"]) + (f" {noun}" if noun else "")
    name = fact.get("canonical")
    return fact["label"] + (f" = {name}" if name else "")


def _claim_value(claim: dict[str, Any]) -> str:
    parts = [claim["indicator"], claim["quantity"], claim["status"]]
    if claim["year"] is not None:
        parts.append(str(claim["year"]))
    subject = claim["subject"]
    return " ".join(parts) + (f", {subject}" if subject else "")


def _claim_field(claim: dict[str, Any], name: str) -> str:
    value = claim[name]
    if name == "metric" and value is not None:
        value = value["text"]
    return _value(value)


def _claim_line(change: Change) -> Line:
    """``~ claims: "40.25 billion yuan" (year: 2020 -> 2021)``: a claim is shown by its figure."""
    a, b = change.a, change.b
    figure = _value(change.fact_text)
    if change.op in ("added", "removed"):
        return _line(change.op, f"claims: {figure} ({_claim_value(a if b is None else b)})")
    if change.op == "moved":
        return _line(
            "moved", f"claims: {figure} moved (sentence {a['sentence']} -> {b['sentence']})"
        )
    details = ", ".join(
        f"{name}: {_claim_field(a, name)} -> {_claim_field(b, name)}" for name in change.fields
    )
    return _line("changed", f"claims: {figure} ({details})")


def _describe(change: Change) -> list[Line]:
    kind, a, b = change.kind, change.a, change.b
    if kind == "text":
        index_a, index_b = change.paragraph or (None, None)
        where = index_a if change.op == "removed" else index_b
        label = f"text paragraph {(where or 0) + 1}"
        if change.op == "changed" and index_a != index_b:
            label += f" (was {(index_a or 0) + 1})"
        label += ": "
        if change.op != "changed":
            return [_line(change.op, label + (a if b is None else b))]
        parts: list[tuple[str, str]] = [("changed", f"~ {label}")]
        a_words = _WORD_OR_SPACE.findall(a)
        b_words = _WORD_OR_SPACE.findall(b)
        for tag, i1, i2, j1, j2 in bounded_opcodes(a_words, b_words, autojunk=True):
            if tag == "equal":
                parts.append(("", "".join(a_words[i1:i2])))
                continue
            if i1 < i2:
                parts.append(("removed", "[-" + "".join(a_words[i1:i2]) + "-]"))
            if j1 < j2:
                parts.append(("added", "{+" + "".join(b_words[j1:j2]) + "+}"))
        return [Line("changed", tuple(parts))]
    if kind in ("article", "source", "meta"):
        if change.op == "changed":
            return [_line("changed", f"{change.field}: {_value(a)} -> {_value(b)}")]
        return [_line(change.op, f"{change.field}: {_value(a if b is None else b)}")]
    if kind == "claims":
        return [_claim_line(change)]
    if change.op in ("added", "removed"):
        fact = a if b is None else b
        return [_line(change.op, f"{kind}: {_value(fact['text'])} ({_fact_value(kind, fact)})")]
    if change.op == "moved":
        return [
            _line(
                "moved",
                f"{kind}: {_value(a['text'])} moved {a['start']}:{a['end']} -> "
                f"{b['start']}:{b['end']} (sentence {a['sentence']} -> {b['sentence']})",
            )
        ]
    surface = (
        _value(a["text"])
        if a["text"] == b["text"]
        else f"{_value(a['text'])} -> {_value(b['text'])}"
    )
    details = ", ".join(
        f"{name}: {_value(a[name])} -> {_value(b[name])}"
        for name in change.fields
        if name != "text"
    )
    return [_line("changed", f"{kind}: {surface}" + (f" ({details})" if details else ""))]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def format_record_diff(result: RecordDiff, *, text: bool = False) -> list[Line]:
    """The human report of a record diff: one line a change, grouped by kind.

    Paragraph changes are summarized in one line unless ``text`` asks for each
    of them (a changed paragraph as a word diff: ``[-old-]{+new+}``).
    """
    lines: list[Line] = []
    text_changes = [c for c in result.changes if c.kind == "text"]
    for change in result.changes:
        if change.kind != "text" or text:
            lines.extend(_describe(change))
        elif change is text_changes[0]:
            ops = Counter(c.op for c in text_changes)
            summary = ", ".join(
                f"{ops[op]} {op}" for op in ("changed", "added", "removed") if ops[op]
            )
            lines.append(
                _line(
                    "changed",
                    f"text: {_plural(len(text_changes), 'paragraph')} "
                    f"{'differs' if len(text_changes) == 1 else 'differ'}: {summary} "
                    "(--text shows them)",
                )
            )
    return lines


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{kind} {n}" for kind, n in counts.items())


def format_folder_diff(result: FolderDiff) -> list[Line]:
    """The human report of a folder diff: files only in A, only in B, changed, then totals."""
    lines = [_line("removed", f"only in A: {_shown(rel)}") for rel in result.only_in_a]
    lines += [_line("added", f"only in B: {_shown(rel)}") for rel in result.only_in_b]
    for rel, diff in result.changed:
        lines.append(
            _line(
                "changed",
                f"{_shown(rel)}: {_plural(len(diff.changes), 'change')} "
                f"({_counts_text(diff.counts())})",
            )
        )
    totals = result.totals()
    summary = (
        f"total: {totals['changed']} changed ({_plural(totals['changes'], 'change')}), "
        f"{totals['only_in_a']} only in A, {totals['only_in_b']} only in B, "
        f"{totals['same']} same, {_plural(totals['errors'], 'error')}"
    )
    lines.append(Line("total", (("total", summary),)))
    return lines
