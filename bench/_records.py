"""Bringing records of today's extractor up to the 1.1 contract, for the report's
screenshot and benchmark before the claims stage is merged: sentence offsets from
the pipeline's own sentencizer, and claims from a gold file (CLAIMS.md format).

Records that already have ``sentences`` / ``claims`` are left as they are.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

GOLD_KINDS = {"money": "money", "percentage": "percentages", "percentages": "percentages"}


def add_sentences(record: dict[str, Any]) -> None:
    """``record["sentences"]``: [start, end] of each sentence of ``text``, white space trimmed."""
    if "sentences" in record:
        return
    from extractor.nlp import get_pipeline

    text = record["text"]
    spans = []
    for sentence in get_pipeline()(text).sents:
        start, end = sentence.start_char, sentence.end_char
        start += len(text[start:end]) - len(text[start:end].lstrip())
        end = start + len(text[start:end].rstrip())
        spans.append([start, end])
    record["sentences"] = spans
    record["schema_version"] = "1.1"


def attach_claims(record: dict[str, Any], gold: list[dict[str, Any]]) -> None:
    """``record["claims"]`` from gold claims matched to the record's facts by text, in order."""
    if record.get("claims"):
        return
    used: set[tuple[str, int]] = set()
    claims = []
    for item in gold:
        kind = GOLD_KINDS.get(item.get("kind", ""))
        if kind is None or "conversion_of" in item:
            continue
        for index, fact in enumerate(record.get(kind, [])):
            if fact["text"] == item["fact"] and (kind, index) not in used:
                used.add((kind, index))
                claims.append(_claim(kind, index, fact, item))
                break
    claims.sort(key=lambda c: record[c["fact"]["kind"]][c["fact"]["index"]]["start"])
    record["claims"] = claims
    record["schema_version"] = "1.1"


def _claim(kind: str, index: int, fact: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    return {
        "fact": {"kind": kind, "index": index},
        "indicator": item.get("indicator", "other"),
        "quantity": item.get("quantity", "level"),
        "direction": item.get("direction"),
        "status": item.get("status", "actual"),
        "year": item.get("year"),
        "period": item.get("period"),
        "subject": item.get("subject"),
        "metric": None,
        "sentence": fact["sentence"],
    }


def gold_by_id(path: Path) -> dict[str, list[dict[str, Any]]]:
    """``{article id: [gold claim, ...]}`` from a claims.jsonl file."""
    found = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                entry = json.loads(line)
                found[entry["id"]] = entry["claims"]
    return found
