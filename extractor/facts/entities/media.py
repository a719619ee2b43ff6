"""News media no list knows, found from how news cites them.

A name between "a" and "report" ("as cited in a Qwerty report"), after "reported"
("..., reported The Qwerty Paper Tuesday"), or alone in parentheses before the dash of a
dateline ("(QWERTYNEWS) - Dalian ...") is a news medium (ORG): the contract annotates news
agencies and papers, and nothing else is cited so.
"""

from __future__ import annotations

from collections.abc import Iterator

from extractor.facts.entities.companies import NameContext, unknown_name
from extractor.facts.entities.gazetteer import Found
from extractor.facts.entities.lexicon import DEMONYMS, MONTHS, EntityValue
from extractor.facts.entities.tokens import Tokens

MEDIA = EntityValue("ORG", "other")
# Dashes after a dateline's source: "(Xinhua) --", "(QWERTYNEWS)-".
_DATELINE_DASHES = frozenset({"-", "--", "\u2014", "\u2013", "\u2014\u2014"})
_REPORT_NOUNS = frozenset({"report", "reports"})
# What may follow the medium named after "reported" (and a weekday or month).
_AFTER_REPORTED = frozenset({".", ",", ";", "on", "in", "citing", "quoting", "earlier", "last"})
# The words a cited medium's name may follow (runs after others are not looked at).
CITATION_OPENERS = frozenset({"a", "an", "reported", "("})


def media_by_citation(c: NameContext, runs: list[tuple[int, int]]) -> Iterator[Found]:
    """Unknown names that the way news cites a source shows to be news media."""
    v = c.v
    words, n = v.words, v.n
    for start, end in runs:
        prev = words[start - 1] if start else ""
        after = words[end] if end < n else ""
        # "..., reported The Paper Tuesday": the verb names it, whatever its words (but
        # "Bloomberg reported WeWork is ..." reports a clause).
        reported = prev == "reported" and (after in _AFTER_REPORTED or after in MONTHS)
        # "a Qwerty report" (but "the Qwerty Facts report" may be the report's own name).
        if not (
            reported
            or (prev in {"a", "an"} and after in _REPORT_NOUNS)
            or _dateline_source(v, start, end)
        ):
            continue
        first = start + (words[start] == "The" and end - start > 1)
        if end - first > 4 or words[first] in DEMONYMS:
            continue  # "a Chinese report"
        if unknown_name(c, first, end, any_word=reported, initial=True):
            c.claimed.update(range(first, end))
            yield Found(first, end, MEDIA)


def _dateline_source(v: Tokens, start: int, end: int) -> bool:
    """ "(QWERTYNEWS) - ...": one word in parentheses before a dash, opening a paragraph or
    after a dateline's place and date ("BEIJING, Aug. 3 (Qwerty) --")."""
    words = v.words
    if end - start != 1 or start < 1 or end + 1 >= v.n:
        return False
    if words[start - 1] != "(" or words[end] != ")" or words[end + 1] not in _DATELINE_DASHES:
        return False
    if v.sentence_initial(start - 1):
        return True
    comma = [i for i in range(max(1, start - 5), start - 1) if words[i] == ","]
    return bool(comma) and words[comma[0] - 1].isupper() and v.sentence_initial(comma[0] - 1)
