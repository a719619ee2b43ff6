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

import logging
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from extractor.diff_align import WORD, Alignment
from extractor.diff_match import match_facts
from extractor.errors import RECORD_MAX_BYTES, RecordError
from extractor.record import (
    CLAIM_SLOTS,
    FACT_KINDS,
    Article,
    Count,
    Entity,
    Money,
    Percentage,
    Record,
    Source,
    Year,
)
from extractor.record_file import load_record, record_files

#: The fact kinds claims are about, and what of a claim is compared (its fact is
#: compared through the pairing of facts, its sentence and offsets are places).
CLAIMED_KINDS = ("money", "percentages")
CLAIM_FIELDS = CLAIM_SLOTS

log = logging.getLogger(__name__)

#: The order kinds are reported in: what the article says first, provenance last.
KINDS: tuple[str, ...] = ("article", "text", *FACT_KINDS, "claims", "source", "meta")
OPS: tuple[str, ...] = ("removed", "added", "changed", "moved")

_FACT_MODELS: dict[str, type[BaseModel]] = {
    "money": Money,
    "percentages": Percentage,
    "years": Year,
    "counts": Count,
    "entities": Entity,
}
_POSITION_FIELDS = ("start", "end", "sentence")
_ARTICLE_FIELDS = tuple(Article.model_fields)
_SOURCE_FIELDS = tuple(Source.model_fields)
_META_FIELDS = ("extractor_version", "warnings")


# Two paragraphs of a replaced block are "the same paragraph, changed" when at
# least this share of their words is common; otherwise one is removed and the
# other added.
_SAME_PARAGRAPH = 0.5
# How far ahead in B the paragraph like an A paragraph is looked for (the time
# of a wholly rewritten text stays linear in its paragraphs).
_PARAGRAPH_LOOKAHEAD = 16


def ignorable_fields() -> tuple[str, ...]:
    """Every name ``ignore`` accepts: a kind, or a dotted field of one."""
    names = ["article", *(f"article.{f}" for f in _ARTICLE_FIELDS), "text"]
    for kind, model in _FACT_MODELS.items():
        names.append(kind)
        names.extend(f"{kind}.{f}" for f in model.model_fields if f not in _POSITION_FIELDS)
    names.extend(["claims", *(f"claims.{f}" for f in CLAIM_FIELDS)])
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

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
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
    fact_text: str | None = None  # for a claim: the text of the figure it is about

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"op": self.op, "kind": self.kind, "a": self.a, "b": self.b}
        if self.fact_text is not None:
            out["fact_text"] = self.fact_text
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


# --- comparing ----------------------------------------------------------------------


def _fact_changes(
    kind: str,
    facts_a: Sequence[Any],
    facts_b: Sequence[Any],
    align: Alignment,
    ignore: _Ignore,
    offsets: bool,
    pairs: dict[int, int],
    money_pairs: dict[int, int],
) -> list[Change]:
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
    return Counter(w.lower() for w in WORD.findall(text))


def _similarity(a: Counter[str], b: Counter[str]) -> float:
    """Shared words over all words, counted as multisets (without building a | b and a & b)."""
    if len(a) > len(b):
        a, b = b, a
    common = sum(min(n, b[w]) for w, n in a.items() if w in b)
    union = a.total() + b.total() - common
    return common / union if union else 1.0


def _text_changes(align: Alignment) -> list[Change]:
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
            for j in range(next_j, min(j2, next_j + _PARAGRAPH_LOOKAHEAD)):
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
    align = Alignment(a.text, b.text)
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
    # Facts are paired first: money's `equivalent_of` is compared through the money
    # pairs, and a claim is paired through the pair of the fact it is about.
    pairs = {
        kind: match_facts(kind, getattr(a, kind), getattr(b, kind), align, skip)
        for kind in FACT_KINDS
        if kind not in skip or kind in CLAIMED_KINDS
    }
    for kind in FACT_KINDS:
        if kind not in skip:
            changes += _fact_changes(
                kind,
                getattr(a, kind),
                getattr(b, kind),
                align,
                skip,
                offsets,
                pairs[kind],
                pairs.get("money", {}),
            )
    if "claims" not in skip:
        from extractor.diff_claims import claim_changes

        changes += claim_changes(a, b, pairs, align, skip, offsets)
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
    max_bytes: int | None = RECORD_MAX_BYTES,
) -> RecordDiff:
    """Compare two record files; a bad file raises :class:`RecordError` naming it."""
    record_a = load_record(a, max_bytes=max_bytes)
    record_b = load_record(b, max_bytes=max_bytes)
    changes = diff_records(record_a, record_b, ignore=ignore, offsets=offsets)
    return RecordDiff(os.fsdecode(a), os.fsdecode(b), tuple(changes))


def diff_folders(
    a: str,
    b: str,
    *,
    ignore: Iterable[str] = (),
    offsets: bool = False,
    max_bytes: int | None = RECORD_MAX_BYTES,
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
            result = diff_files(
                files_a[rel], files_b[rel], ignore=ignore, offsets=offsets, max_bytes=max_bytes
            )
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
    max_bytes: int | None = RECORD_MAX_BYTES,
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
        return diff_folders(name_a, name_b, ignore=ignore, offsets=offsets, max_bytes=max_bytes)
    if dir_a or dir_b:
        folder, other = (name_a, name_b) if dir_a else (name_b, name_a)
        raise RecordError(
            f"is a folder but {other} is a file: compare two record files or two folders",
            path=folder,
        )
    return diff_files(name_a, name_b, ignore=ignore, offsets=offsets, max_bytes=max_bytes)
