"""What changed between two records, or two folders of records (``edz diff``).

Facts are matched by what they say, not by their place in a list or their
offsets, so a sentence added at the top of an article does not turn every fact
into a change. Matching runs per kind in three greedy stages, each pairing the
closest candidates first (ties broken by list index, so the result is
deterministic):

1. same normalized value and same surface text;
2. same normalized value (``100 billion yuan`` rewritten as ``100bn yuan``);
3. a different value at the same place: the fact's span in A, carried over to
   B's text through an alignment of the two texts, overlaps the fact in B
   (``40.25 billion yuan`` edited into ``41.25 billion yuan``).

A matched pair whose other fields (qualifier, noun, category...) differ is one
``changed``; a pair that only moved (other offsets or sentence index) is no
change unless ``offsets=True`` asks for ``moved``; what stays unmatched is
``removed`` (in A only) or ``added`` (in B only).

Besides facts, the diff reports ``article`` metadata field by field, ``text``
paragraph by paragraph, ``source`` fields (path, sha256, format, bytes) and
``meta`` (``extractor_version`` and ``warnings``). Every difference counts:
two records are the same only when nothing but offsets and ignored fields
differ. ``ignore`` leaves out a kind or a field by its dotted name (see
:func:`ignorable_fields`).
"""

from __future__ import annotations

import bisect
import json
import logging
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from pydantic import BaseModel, ValidationError

from extractor.errors import RecordError, SchemaVersionError
from extractor.record import (
    FACT_KINDS,
    SCHEMA_VERSION,
    Article,
    Count,
    Entity,
    Money,
    Percentage,
    Record,
    Source,
    Year,
)

log = logging.getLogger(__name__)

#: The order kinds are reported in: what the article says first, provenance last.
KINDS: tuple[str, ...] = ("article", "text", *FACT_KINDS, "source", "meta")
OPS: tuple[str, ...] = ("removed", "added", "changed", "moved")

_FACT_MODELS: dict[str, type[BaseModel]] = {
    "money": Money,
    "percentages": Percentage,
    "years": Year,
    "counts": Count,
    "entities": Entity,
}
_POSITION_FIELDS = ("start", "end", "sentence")
# The normalized value a fact is matched on first. An entity's name is its
# canonical name, or its text when it has none (so "TEDA" with canonical
# "Tianjin Economic..." matches the long name written out).
_KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "money": ("amount", "currency", "low", "high"),
    "percentages": ("value", "unit"),
    "years": ("value",),
    "counts": ("value", "noun"),
    "entities": ("canonical", "label"),
}
_ARTICLE_FIELDS = tuple(Article.model_fields)
_SOURCE_FIELDS = tuple(Source.model_fields)
_META_FIELDS = ("extractor_version", "warnings")

# Batch outputs: records are OUT_DIR/<relative path>.json; `_errors.jsonl` (not
# .json) and the batch's temporary files are not records.
_RECORD_SUFFIX = ".json"
_TEMP_PREFIX = ".edz-tmp-"

_WORD = re.compile(r"\w+|[^\w\s]")
_WORD_OR_SPACE = re.compile(r"\s+|\w+|[^\w\s]")
_PARAGRAPH_SEPARATOR = "\n\n"
# Two paragraphs of a replaced block are "the same paragraph, changed" when at
# least this share of their words is common; otherwise one is removed and the
# other added.
_SAME_PARAGRAPH = 0.5


def ignorable_fields() -> tuple[str, ...]:
    """Every name ``ignore`` accepts: a kind, or a dotted field of one."""
    names = ["article", *(f"article.{f}" for f in _ARTICLE_FIELDS), "text"]
    for kind, model in _FACT_MODELS.items():
        names.append(kind)
        names.extend(f"{kind}.{f}" for f in model.model_fields if f not in _POSITION_FIELDS)
    names.extend(["source", *(f"source.{f}" for f in _SOURCE_FIELDS), "meta", *_META_FIELDS])
    return tuple(names)


def check_ignore(names: Iterable[str]) -> None:
    """Raise ``ValueError`` naming what in ``names`` is not an ignorable field."""
    _Ignore(names)


class _Ignore:
    def __init__(self, names: Iterable[str]) -> None:
        self.names = frozenset((names,) if isinstance(names, str) else names)
        unknown = sorted(self.names - set(ignorable_fields()))
        if unknown:
            raise ValueError(
                f"cannot ignore {', '.join(unknown)}: not a record field "
                f"(one of: {', '.join(ignorable_fields())})"
            )

    def __contains__(self, name: str) -> bool:
        if name in self.names:
            return True
        group = "meta" if name in _META_FIELDS else name.split(".", 1)[0]
        return group != name and group in self.names


@dataclass(frozen=True)
class Change:
    """One difference between record A and record B.

    ``a`` and ``b`` are JSON values: a fact as a dict, a metadata value, or a
    paragraph; ``None`` on the side where it is missing. ``field`` names the
    dotted field of ``article``, ``source`` and ``meta`` changes; ``fields``
    lists what differs in a changed fact; ``paragraph`` gives the paragraph
    indexes (A, B) of a ``text`` change.
    """

    op: str
    kind: str
    a: Any
    b: Any
    field: str | None = None
    fields: tuple[str, ...] = ()
    paragraph: tuple[int | None, int | None] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"op": self.op, "kind": self.kind, "a": self.a, "b": self.b}
        if self.field is not None:
            out["field"] = self.field
        if self.fields:
            out["fields"] = list(self.fields)
        if self.paragraph is not None:
            out["paragraph"] = list(self.paragraph)
        return out


@dataclass(frozen=True)
class RecordDiff:
    """The changes between two record files, in report order."""

    a: str
    b: str
    changes: tuple[Change, ...]

    @property
    def exit_code(self) -> int:
        return 1 if self.changes else 0

    def counts(self) -> dict[str, int]:
        """Changes per kind, in report order."""
        counter = Counter(c.kind for c in self.changes)
        return {kind: counter[kind] for kind in KINDS if counter[kind]}

    def to_json(self) -> dict[str, Any]:
        return {
            "a": _shown(self.a),
            "b": _shown(self.b),
            "changes": [c.to_json() for c in self.changes],
        }


@dataclass(frozen=True)
class FolderDiff:
    """Two folders of records compared file by file (paired by relative path)."""

    a: str
    b: str
    changed: tuple[tuple[str, RecordDiff], ...] = ()
    same: tuple[str, ...] = ()
    only_in_a: tuple[str, ...] = ()
    only_in_b: tuple[str, ...] = ()
    errors: tuple[RecordError, ...] = field(default=())

    @property
    def exit_code(self) -> int:
        if self.errors:
            return 2
        return 1 if self.changed or self.only_in_a or self.only_in_b else 0

    def totals(self) -> dict[str, int]:
        return {
            "changed": len(self.changed),
            "same": len(self.same),
            "only_in_a": len(self.only_in_a),
            "only_in_b": len(self.only_in_b),
            "errors": len(self.errors),
            "changes": sum(len(d.changes) for _, d in self.changed),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "a": _shown(self.a),
            "b": _shown(self.b),
            "files": [
                {
                    "path": _shown(rel),
                    "counts": d.counts(),
                    "changes": [c.to_json() for c in d.changes],
                }
                for rel, d in self.changed
            ],
            "only_in_a": [_shown(rel) for rel in self.only_in_a],
            "only_in_b": [_shown(rel) for rel in self.only_in_b],
            "errors": [{"path": _shown(e.path or ""), "error": e.message} for e in self.errors],
            "totals": self.totals(),
        }


def _shown(path: str) -> str:
    """A path as printable text: undecodable bytes of a file name as \\x escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


# --- loading ------------------------------------------------------------------------


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _validation_message(exc: ValidationError) -> str:
    errors = exc.errors(include_url=False)
    first = errors[0]
    where = ""
    for part in first["loc"]:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    return f"not a valid record: {where or 'record'}: {first['msg']}{more}"


def load_record(path: str | os.PathLike[str]) -> Record:
    """Read a record file (what ``edz extract`` or ``edz batch`` wrote).

    Raises :class:`RecordError` naming the file when it cannot be read, is not
    JSON, or is not a record, and :class:`SchemaVersionError` when it is a
    record of another schema version.
    """
    name = os.fsdecode(path)
    try:
        if stat.S_ISDIR(os.stat(path).st_mode):
            raise RecordError("is a folder, not a record file", path=name)
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise RecordError("no such file", path=name) from None
    except OSError as exc:
        raise RecordError(f"cannot read: {exc.strerror or exc}", path=name) from None
    if not data.strip():
        raise RecordError("empty file, not a record", path=name)
    try:
        value = json.loads(data, parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise RecordError("not UTF-8 text, so not a record", path=name) from None
    except json.JSONDecodeError as exc:
        raise RecordError(_json_error_message(exc), path=name) from None
    except ValueError as exc:  # NaN / Infinity
        raise RecordError(f"not valid JSON: {exc}", path=name) from None
    except RecursionError:
        raise RecordError("not a record: JSON nested too deeply", path=name) from None
    if not isinstance(value, dict):
        raise RecordError(
            f"not a record: the JSON is {_json_type(value)}, not an object", path=name
        )
    version = value.get("schema_version")
    if version is None:
        raise RecordError("not an edz record: it has no schema_version", path=name)
    if version != SCHEMA_VERSION:
        raise SchemaVersionError(
            f"a record of schema version {json.dumps(version)}; this edz reads "
            f"{SCHEMA_VERSION} (use the edz that wrote it, or extract the article again)",
            path=name,
        )
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise RecordError(
            "not a valid record: a string has an unpaired surrogate", path=name
        ) from None
    try:
        return Record.model_validate(value)
    except ValidationError as exc:
        raise RecordError(_validation_message(exc), path=name) from None


def _json_error_message(exc: json.JSONDecodeError) -> str:
    where = f"line {exc.lineno} column {exc.colno}"
    message = f"{exc.msg} {where}" if exc.msg.endswith(" at") else f"{exc.msg} at {where}"
    if exc.msg == "Extra data":
        message += " (one record per file; is this JSON Lines?)"
    elif exc.msg.startswith("Unterminated") or exc.pos >= len(exc.doc.rstrip()):
        message += " (the file ends too early: truncated?)"
    return f"not valid JSON: {message[0].lower()}{message[1:]}"


def _json_type(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return "a number"


# --- aligning the two texts ---------------------------------------------------------


@dataclass(frozen=True)
class _Segment:
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    equal: bool


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    if not text:
        return []
    spans = []
    start = 0
    for paragraph in text.split(_PARAGRAPH_SEPARATOR):
        spans.append((start, start + len(paragraph)))
        start += len(paragraph) + len(_PARAGRAPH_SEPARATOR)
    return spans


class _Alignment:
    """Paragraph opcodes between two texts, and a map of A offsets to B offsets.

    Paragraphs are aligned first (cheap, and what the text summary reports);
    inside a replaced run of paragraphs the words are aligned, so an offset in
    an edited sentence lands on the same word in B.
    """

    def __init__(self, a: str, b: str) -> None:
        self.a, self.b = a, b
        self.a_spans, self.b_spans = _paragraph_spans(a), _paragraph_spans(b)
        self.identity = a == b
        a_paras = [a[s:e] for s, e in self.a_spans]
        b_paras = [b[s:e] for s, e in self.b_spans]
        self.opcodes = SequenceMatcher(None, a_paras, b_paras, autojunk=False).get_opcodes()
        self._segments: list[_Segment] = []
        if not self.identity:
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
        a_words = list(_WORD.finditer(self.a, a_start, a_end))
        b_words = list(_WORD.finditer(self.b, b_start, b_end))
        matcher = SequenceMatcher(None, [m.group() for m in a_words], [m.group() for m in b_words])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
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


# --- comparing ----------------------------------------------------------------------


def _fact_key(kind: str, fact: BaseModel, ignore: _Ignore) -> tuple[Any, ...]:
    key = []
    for name in _KEY_FIELDS[kind]:
        if f"{kind}.{name}" in ignore:
            continue
        value = getattr(fact, name)
        if kind == "entities" and name == "canonical" and value is None:
            value = None if "entities.text" in ignore else fact.text  # type: ignore[attr-defined]
        key.append(value)
    return tuple(key)


def _match(
    kind: str,
    facts_a: Sequence[Any],
    facts_b: Sequence[Any],
    align: _Alignment,
    ignore: _Ignore,
) -> dict[int, int]:
    """Pair facts of one kind, A index -> B index (see the module docstring)."""
    keys_a = [_fact_key(kind, f, ignore) for f in facts_a]
    keys_b = [_fact_key(kind, f, ignore) for f in facts_b]
    compare_text = f"{kind}.text" not in ignore
    starts_a = [align.project(f.start) for f in facts_a]
    ends_a = [max(align.project(f.end - 1) + 1, s) for f, s in zip(facts_a, starts_a, strict=True)]
    pairs: dict[int, int] = {}
    taken_b: set[int] = set()

    def take(candidates: Iterable[tuple[int, int, int]]) -> None:
        for _distance, i, j in sorted(candidates):
            if i not in pairs and j not in taken_b:
                pairs[i] = j
                taken_b.add(j)

    def distance(i: int, j: int) -> int:
        return abs(starts_a[i] - facts_b[j].start)

    # Stages 1 and 2 only look at facts with equal keys (buckets), not at all pairs.
    stage_keys: list[tuple[list[Any], list[Any]]] = [(keys_a, keys_b)]
    if compare_text:
        with_text_a = [(k, f.text) for k, f in zip(keys_a, facts_a, strict=True)]
        with_text_b = [(k, f.text) for k, f in zip(keys_b, facts_b, strict=True)]
        stage_keys.insert(0, (with_text_a, with_text_b))
    for stage_a, stage_b in stage_keys:
        bucket: dict[Any, list[int]] = {}
        for j, key in enumerate(stage_b):
            if j not in taken_b:
                bucket.setdefault(key, []).append(j)
        take(
            (distance(i, j), i, j)
            for i, key in enumerate(stage_a)
            if i not in pairs
            for j in bucket.get(key, ())
        )
    # Stage 3: what is left, at the same place.
    left_b = [j for j in range(len(facts_b)) if j not in taken_b]
    take(
        (distance(i, j), i, j)
        for i in range(len(facts_a))
        if i not in pairs
        for j in left_b
        if starts_a[i] < facts_b[j].end and facts_b[j].start < ends_a[i]
    )
    return pairs


def _fact_changes(
    kind: str,
    facts_a: Sequence[Any],
    facts_b: Sequence[Any],
    align: _Alignment,
    ignore: _Ignore,
    offsets: bool,
    money_pairs: dict[int, int],
) -> list[Change]:
    pairs = money_pairs if kind == "money" else _match(kind, facts_a, facts_b, align, ignore)
    compared = [
        name
        for name in _FACT_MODELS[kind].model_fields
        if name not in _POSITION_FIELDS and f"{kind}.{name}" not in ignore
    ]
    ordered: list[tuple[tuple[int, int, int, int], Change]] = []
    for i, j in pairs.items():
        fa, fb = facts_a[i], facts_b[j]
        differing = []
        for name in compared:
            va, vb = getattr(fa, name), getattr(fb, name)
            if name == "equivalent_of" and va is not None:
                # An index into `money`: compare what it points at, not the number.
                va = money_pairs.get(va, -1 - va)
            if va != vb:
                differing.append(name)
        if differing:
            change = Change("changed", kind, _dump(fa), _dump(fb), fields=tuple(differing))
        elif offsets and any(getattr(fa, n) != getattr(fb, n) for n in _POSITION_FIELDS):
            change = Change("moved", kind, _dump(fa), _dump(fb))
        else:
            continue
        ordered.append(((fb.start, 2, i, j), change))
    for i, fa in enumerate(facts_a):
        if i not in pairs:
            ordered.append(
                ((align.project(fa.start), 0, i, -1), Change("removed", kind, _dump(fa), None))
            )
    matched_b = set(pairs.values())
    for j, fb in enumerate(facts_b):
        if j not in matched_b:
            ordered.append(((fb.start, 1, -1, j), Change("added", kind, None, _dump(fb))))
    ordered.sort(key=lambda item: item[0])
    return [change for _, change in ordered]


def _dump(fact: BaseModel) -> dict[str, Any]:
    return fact.model_dump(mode="json")


def _value_changes(
    kind: str, names: Iterable[tuple[str, Any, Any]], ignore: _Ignore
) -> list[Change]:
    changes = []
    for name, va, vb in names:
        if name in ignore or va == vb:
            continue
        op = "added" if va is None else "removed" if vb is None else "changed"
        changes.append(Change(op, kind, va, vb, field=name))
    return changes


def _warning_changes(a: Sequence[str], b: Sequence[str]) -> list[Change]:
    count_a, count_b = Counter(a), Counter(b)
    removed = count_a - count_b
    added = count_b - count_a
    changes: list[Change] = []
    for warning in dict.fromkeys(a):
        changes.extend(
            Change("removed", "meta", warning, None, field="warnings")
            for _ in range(removed[warning])
        )
    for warning in dict.fromkeys(b):
        changes.extend(
            Change("added", "meta", None, warning, field="warnings") for _ in range(added[warning])
        )
    return changes


def _word_bag(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text))


def _similarity(a: Counter[str], b: Counter[str]) -> float:
    union = sum((a | b).values())
    return sum((a & b).values()) / union if union else 1.0


def _text_changes(align: _Alignment) -> list[Change]:
    a_paras = [align.a[s:e] for s, e in align.a_spans]
    b_paras = [align.b[s:e] for s, e in align.b_spans]
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in align.opcodes:
        if tag == "equal":
            continue
        # In a replaced run, pair each A paragraph with the most similar B
        # paragraph after the last one paired (order is kept), if similar enough.
        bags_b = {j: _word_bag(b_paras[j]) for j in range(j1, j2)}
        next_j = j1
        for i in range(i1, i2):
            bag_a = _word_bag(a_paras[i])
            best, best_score = None, _SAME_PARAGRAPH
            for j in range(next_j, j2):
                score = _similarity(bag_a, bags_b[j])
                if score >= best_score and (best is None or score > best_score):
                    best, best_score = j, score
            if best is None:
                changes.append(Change("removed", "text", a_paras[i], None, paragraph=(i, None)))
                continue
            for j in range(next_j, best):
                changes.append(Change("added", "text", None, b_paras[j], paragraph=(None, j)))
            changes.append(
                Change("changed", "text", a_paras[i], b_paras[best], paragraph=(i, best))
            )
            next_j = best + 1
        for j in range(next_j, j2):
            changes.append(Change("added", "text", None, b_paras[j], paragraph=(None, j)))
    return changes


def diff_records(
    a: Record, b: Record, *, ignore: Iterable[str] = (), offsets: bool = False
) -> list[Change]:
    """The changes from record ``a`` to record ``b``, grouped by kind (see :data:`KINDS`).

    ``ignore`` names kinds or dotted fields to leave out (``ValueError`` for an
    unknown name); ``offsets=True`` also reports facts that only moved.
    """
    skip = _Ignore(ignore)
    align = _Alignment(a.text, b.text)
    changes: list[Change] = []
    if "article" not in skip:
        changes += _value_changes(
            "article",
            (
                (f"article.{n}", getattr(a.article, n), getattr(b.article, n))
                for n in _ARTICLE_FIELDS
            ),
            skip,
        )
    if "text" not in skip:
        changes += _text_changes(align)
    # Money is matched first: `equivalent_of` of each pair is compared through it.
    money_pairs = {} if "money" in skip else _match("money", a.money, b.money, align, skip)
    for kind in FACT_KINDS:
        if kind not in skip:
            changes += _fact_changes(
                kind, getattr(a, kind), getattr(b, kind), align, skip, offsets, money_pairs
            )
    changes += _value_changes(
        "source",
        ((f"source.{n}", getattr(a.source, n), getattr(b.source, n)) for n in _SOURCE_FIELDS),
        skip,
    )
    changes += _value_changes(
        "meta", [("extractor_version", a.extractor_version, b.extractor_version)], skip
    )
    if "warnings" not in skip:
        changes += _warning_changes(a.warnings, b.warnings)
    return changes


def diff_files(
    a: str | os.PathLike[str],
    b: str | os.PathLike[str],
    *,
    ignore: Iterable[str] = (),
    offsets: bool = False,
) -> RecordDiff:
    """Compare two record files; a bad file raises :class:`RecordError` naming it."""
    record_a, record_b = load_record(a), load_record(b)
    changes = diff_records(record_a, record_b, ignore=ignore, offsets=offsets)
    return RecordDiff(os.fsdecode(a), os.fsdecode(b), tuple(changes))


def record_files(folder: str) -> tuple[dict[str, str], list[RecordError]]:
    """The record files under ``folder``: ``{relative path: path}``, and what could not be listed.

    Symbolic links to folders are not followed (no loops); a link to a file
    outside ``folder``, or something that is not a regular file, is an error.
    """
    found: dict[str, str] = {}
    errors: list[RecordError] = []
    root_real = os.path.realpath(folder)

    def on_error(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else folder
        errors.append(RecordError(f"cannot list: {exc.strerror or exc}", path=os.fsdecode(where)))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=on_error):
        dirnames.sort(key=os.fsencode)
        for name in sorted(filenames, key=os.fsencode):
            if not name.endswith(_RECORD_SUFFIX) or name.startswith(_TEMP_PREFIX):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, folder).replace(os.sep, "/")
            try:
                st = os.stat(path)
            except OSError:
                errors.append(RecordError("a broken symbolic link", path=path))
                continue
            real = os.path.realpath(path)
            if not (real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)):
                errors.append(RecordError(f"links outside {folder}; not read", path=path))
            elif not stat.S_ISREG(st.st_mode):
                errors.append(RecordError("not a regular file; not read", path=path))
            else:
                found[rel] = path
    return found, errors


def diff_folders(
    a: str, b: str, *, ignore: Iterable[str] = (), offsets: bool = False
) -> FolderDiff:
    """Compare two folders of records, pairing files by relative path.

    A file that cannot be read as a record is an error of the result (the
    other pairs are still compared); files in one folder only are listed, not read.
    """
    ignore = tuple(ignore)
    _Ignore(ignore)  # an unknown name fails before any file is read
    files_a, errors_a = record_files(a)
    files_b, errors_b = record_files(b)
    errors: list[RecordError] = [*errors_a, *errors_b]
    changed: list[tuple[str, RecordDiff]] = []
    same: list[str] = []
    for rel in sorted(files_a.keys() & files_b.keys(), key=os.fsencode):
        try:
            result = diff_files(files_a[rel], files_b[rel], ignore=ignore, offsets=offsets)
        except RecordError as exc:
            errors.append(exc)
            continue
        if result.changes:
            changed.append((rel, result))
        else:
            same.append(rel)
    return FolderDiff(
        a=a,
        b=b,
        changed=tuple(changed),
        same=tuple(same),
        only_in_a=tuple(sorted(files_a.keys() - files_b.keys(), key=os.fsencode)),
        only_in_b=tuple(sorted(files_b.keys() - files_a.keys(), key=os.fsencode)),
        errors=tuple(errors),
    )


def diff_paths(
    a: str | os.PathLike[str],
    b: str | os.PathLike[str],
    *,
    ignore: Iterable[str] = (),
    offsets: bool = False,
) -> RecordDiff | FolderDiff:
    """Compare two record files, or two folders of records.

    Raises :class:`RecordError` when a path does not exist, when one is a
    folder and the other a file, or (for files) when a file is not a record.
    """
    name_a, name_b = os.fsdecode(a), os.fsdecode(b)
    for name in (name_a, name_b):
        if not os.path.exists(name):
            raise RecordError("no such file or folder", path=name)
    dir_a, dir_b = os.path.isdir(name_a), os.path.isdir(name_b)
    if dir_a and dir_b:
        return diff_folders(name_a, name_b, ignore=ignore, offsets=offsets)
    if dir_a or dir_b:
        folder, other = (name_a, name_b) if dir_a else (name_b, name_a)
        raise RecordError(
            f"is a folder but {other} is a file: compare two record files or two folders",
            path=folder,
        )
    return diff_files(name_a, name_b, ignore=ignore, offsets=offsets)


# --- human output -------------------------------------------------------------------

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
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, a_words, b_words).get_opcodes():
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
                    f"text: {_plural(len(text_changes), 'paragraph')} differ: {summary} "
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
