"""Claims in ``edz diff``: a claim is paired through the pair of the fact it is about.

So a figure whose year or indicator changed is one ``~`` change of its claim, not a claim
removed and another added; a claim whose figure only moved (another fact index, sentence or
metric offsets) is no change, or ``moved`` with ``--offsets``.
"""

from __future__ import annotations

from typing import Any

from extractor.diff import CLAIM_FIELDS, Change, _Ignore
from extractor.diff_align import Alignment
from extractor.record import Claim, Record


def _compared(claim: Claim, name: str) -> Any:
    value = getattr(claim, name)
    if name == "metric":  # its words, not where they are
        return None if value is None else value.text
    return value


def _fact_of(record: Record, claim: Claim) -> Any:
    return getattr(record, claim.fact.kind)[claim.fact.index]


def claim_changes(
    a: Record,
    b: Record,
    pairs: dict[str, dict[int, int]],
    align: Alignment,
    ignore: _Ignore,
    offsets: bool,
) -> list[Change]:
    """The claim changes from ``a`` to ``b``, in the order of their figures in B."""
    compared = [name for name in CLAIM_FIELDS if f"claims.{name}" not in ignore]
    # The claims of a kind of figure left out (--ignore money) are left out with it.
    claims_a = [claim for claim in a.claims if claim.fact.kind not in ignore]
    claims_b = [claim for claim in b.claims if claim.fact.kind not in ignore]
    in_b = {(claim.fact.kind, claim.fact.index): claim for claim in claims_b}
    matched_b: set[tuple[str, int]] = set()
    ordered: list[tuple[tuple[int, int, int], Change]] = []
    for i, claim_a in enumerate(claims_a):
        fact_a = _fact_of(a, claim_a)
        j = pairs.get(claim_a.fact.kind, {}).get(claim_a.fact.index)
        claim_b = None if j is None else in_b.get((claim_a.fact.kind, j))
        if j is None or claim_b is None:
            where = (align.project(fact_a.start), 0, i)
            ordered.append((where, _change("removed", claim_a, None, fact_a.text)))
            continue
        matched_b.add((claim_a.fact.kind, j))
        fact_b = _fact_of(b, claim_b)
        differing = tuple(
            name for name in compared if _compared(claim_a, name) != _compared(claim_b, name)
        )
        if differing:
            change = _change("changed", claim_a, claim_b, fact_b.text, differing)
        elif offsets and claim_a.model_dump() != claim_b.model_dump():
            change = _change("moved", claim_a, claim_b, fact_b.text)
        else:
            continue
        ordered.append(((fact_b.start, 2, i), change))
    for j, claim_b in enumerate(claims_b):
        if (claim_b.fact.kind, claim_b.fact.index) not in matched_b:
            fact_b = _fact_of(b, claim_b)
            ordered.append(((fact_b.start, 1, j), _change("added", None, claim_b, fact_b.text)))
    ordered.sort(key=lambda item: item[0])
    return [change for _, change in ordered]


def _change(
    op: str, a: Claim | None, b: Claim | None, fact_text: str, fields: tuple[str, ...] = ()
) -> Change:
    dump_a = None if a is None else a.model_dump(mode="json")
    dump_b = None if b is None else b.model_dump(mode="json")
    return Change(op, "claims", dump_a, dump_b, fields=fields, fact_text=fact_text)
