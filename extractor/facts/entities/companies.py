"""Names without a suffix, known from their context.

A name after a role noun ("carmaker Leapmotor", "express firms SF Express and China Post"),
after "CEO of" or "the factory of the", among the parties of a deal ("signed agreements
with X and Y"), or listed with a known company ("Medtronic, Abbott and Stryker") is a
company; so is an unknown name before a place in parentheses ("X (Guangzhou)"). The lists
of names are built here; places known from context are in :mod:`.places`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from extractor.facts.entities.gazetteer import PLACE_LABELS, Found, Knowledge, gaz_tokens, is_proper
from extractor.facts.entities.headless import DESIGNATED
from extractor.facts.entities.lexicon import (
    COMPANY_AGENT_VERBS,
    COMPANY_CONTEXT_NOUNS,
    COMPANY_OF_NOUNS,
    CONNECTORS,
    DEMONYMS,
    HYPHENS,
    LEADING_NON_NAMES,
    ROLE_NOUNS,
    SURNAMES,
    EntityValue,
)
from extractor.facts.entities.runs import tail_head
from extractor.facts.entities.tokens import Tokens

# What may separate the items of a list of names.
_LIST_GAPS = frozenset({(",",), ("and",), (",", "and"), ("or",), (",", "or"), ("&",)})
_MAX_LIST_GAP = max(map(len, _LIST_GAPS))


def name_lists(v: Tokens, runs: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The runs' pieces between "and"s, grouped into lists joined by ",", "and", "or"."""
    words = v.words
    pieces: list[tuple[int, int]] = []
    for start, end in runs:
        if end - start == 1 and words[start] != "and":
            pieces.append((start, end))  # most runs: one word, one piece
            continue
        s = start
        for i in range(start, end + 1):
            if i == end or words[i] == "and":
                if i > s:
                    pieces.append((s, i))
                s = i + 1
    lists: list[list[tuple[int, int]]] = []
    closed = True
    for piece in pieces:
        # A list gap is at most _MAX_LIST_GAP tokens, after a lower-case remark in
        # parentheses if any: longer ones are not even sliced.
        gap_at = lists[-1][-1][1] if lists else 0
        if lists and words[gap_at] == "(":
            gap_at = _after_remark(words, gap_at, piece[0])
        if lists and not closed and piece[0] - gap_at <= _MAX_LIST_GAP:
            gap = tuple(words[gap_at : piece[0]])
            if gap in _LIST_GAPS:
                lists[-1].append(piece)
                # The item after "and"/"or" ends the list: "France, Belgium and Norway,
                # Ascom's ..." lists three places.
                closed = gap[-1] in {"and", "or", "&"}
                continue
        lists.append([piece])
        closed = False
    return lists


# The longest remark in parentheses a list item may carry: "X (for an insulin plant), Y".
_MAX_REMARK = 10


def _after_remark(words: list[str], end: int, limit: int) -> int:
    """Where the list gap after an item ending at ``end`` starts: after a remark in
    parentheses of lower-case words ("Qwerty Biotech (for an insulin plant), ..."), if one
    follows the item, else ``end``."""
    if limit - end < 3 or limit - end > _MAX_REMARK + _MAX_LIST_GAP or words[end] != "(":
        return end
    for i in range(end + 1, limit):
        if words[i] == ")":
            return i + 1 if i > end + 1 else end
        if not words[i].islower():
            return end
    return end


def is_list(words: list[str], items: list[tuple[int, int]]) -> bool:
    """Whether the items are joined as a list is: "A, B and C", "A or B", "A, B, and more"."""
    last = items[-1][1]
    return any(
        w in {"and", "or", "&"}
        for (_, end), (start, _) in zip(items, items[1:], strict=False)
        for w in words[end:start]
    ) or (len(items) > 1 and any(w in {"and", "or"} for w in words[last : last + 2]))


# "Shenzhen-based", "Hangzhou-headquartered": what a company is said to be.
_BASED = frozenset({"based", "headquartered"})


def _cued(words: list[str], first: int) -> bool:
    """A role noun before the list: "carmaker X", "companies such as X", "firms including X"
    (or "such X", as some pages write it)."""
    i = first - 1
    if i >= 1 and words[i - 1 : i + 1] == ["such", "as"]:
        i -= 2
    elif i >= 0 and words[i] in {"including", "like", "such"}:
        i -= 1
    else:
        return i >= 0 and words[i].lower() in ROLE_NOUNS
    return any(w.lower() in ROLE_NOUNS for w in words[max(0, i - 3) : i + 1])


def _based(words: list[str], first: int) -> bool:
    """Where the name's company is based before it: "Shenzhen-based X"."""
    i = first - 1
    return i >= 2 and words[i] in _BASED and words[i - 1] in HYPHENS and words[i - 2][:1].isupper()


def _owned(words: list[str], first: int) -> bool:
    """A noun before "of (the)" that shows the name to be a company: "CEO of X", "the smart
    factory of the X"."""
    i = first - 1
    if i >= 0 and words[i] == "the":
        i -= 1
    return i >= 1 and words[i] == "of" and words[i - 1] in COMPANY_OF_NOUNS


# Words before "with" that make the names after it parties to a deal: "signed agreements
# with X, Y and Z", "a contract was signed with X"; before "by", the business done by the
# names after it: "jointly developed by X and Y", "a plant funded by X".
_DEAL_WORDS = frozenset({"agreement", "agreements", "contract", "contracts", "signed"})
_PARTY_CUES = {
    "with": _DEAL_WORDS,
    "by": COMPANY_AGENT_VERBS,
    "between": frozenset({"venture", "ventures", "partnership"}),  # "a joint venture between"
}


def _partners(
    k: Knowledge, v: Tokens, items: list[tuple[int, int]], companies: set[tuple[int, int]]
) -> bool:
    """Whether the list follows "agreements with" / "signed with" / "developed by" and
    holds no person's name (two or three uncommon words that are no known company:
    "signed with Li Qwerwei")."""
    first = items[0][0]
    if first < 2 or v.words[first - 2] not in _PARTY_CUES.get(v.words[first - 1], ()):
        return False
    return not any(
        2 <= e - s <= 3
        and (s, e) not in companies
        and not any(k.is_common(v.words[i]) for i in range(s, e))
        for s, e in items
    )


# Words a company cue may end with, just before the name: a role noun, "such as",
# "including", "like", "such".
_CUE_ENDS = ROLE_NOUNS | {"as", "including", "like", "such"} | _BASED
# Words before the last one of a cue ending in "the", "of", "with" or "by" ("CEO of the",
# "factory of", "agreements with", "developed by").
_BEFORE_CUE_END = {"the": {"of"}, "of": COMPANY_OF_NOUNS, **_PARTY_CUES}


@dataclass(frozen=True)
class NameContext:
    """What the context rules share over one document: the knowledge, its tokens, the
    token indices names have claimed so far (the rules add theirs), the words known to
    name persons, and the gazetteer's finds by start token."""

    k: Knowledge
    v: Tokens
    claimed: set[int]
    persons: set[str]
    gaz: dict[int, Found]


def companies_by_context(
    c: NameContext,
    lists: list[list[tuple[int, int]]],
    found: list[Found],
) -> Iterator[Found]:
    """Unknown names that the context shows to be companies."""
    k, v, claimed = c.k, c.v, c.claimed
    words = v.words
    companies = {(f.start, f.end) for f in found if f.value.category == "company"}
    places = {(f.start, f.end) for f in found if f.value.label in PLACE_LABELS}
    for items in lists:
        first = items[0][0]
        last = items[-1][1]
        # Most lists are one word with no cue around it: skip them at the cost of two
        # lookups ("'s" after it, or any word before it that a cue could end with).
        if len(items) == 1 and not (last < v.n and words[last] in {"'s", "\u2019s"}):
            # The quick test of _may_cue, inline: it runs for most runs of the doc.
            prev = words[first - 1] if first else ""
            before = _BEFORE_CUE_END.get(prev)
            if before is None:
                if prev.lower() not in _CUE_ENDS:
                    continue
            elif first < 2 or words[first - 2] not in before:
                continue
        cue = _cued(words, first) or (
            len(items) == 1
            and last + 1 < v.n
            and words[last] in {"'s", "\u2019s"}
            and words[last + 1] in COMPANY_CONTEXT_NOUNS
        )
        # "CEO of X" names one company, and X needs a proper word ("chairman of the Board");
        # capitalized words among the parties of a deal name them ("agreements with New
        # Solar"), as after a role noun.
        # "Shenzhen-based X": X needs a proper word ("the Delhi-based Council on ...").
        based = not cue and _based(words, first)
        partners = not cue and _partners(k, v, items, companies)
        owned = not cue and not partners and len(items) == 1 and _owned(words, first)
        if (
            not cue
            and not owned
            and not partners
            and not based
            and not (
                companies
                and any(item in companies for item in items)
                and is_list(words, items)  # "said Mi Minjie, Philips' manager": no list
            )
        ):
            continue
        mixed = partners and words[first - 1] != "between"
        if not mixed and any(item in places for item in items):
            # a list of places: "rival Boston and Basel" (the parties to a deal may mix
            # the two: "developed by Qwerty Investment and Hunnan district")
            continue
        for s, e in items:
            if e < v.n and words[e] in DESIGNATED:
                # "developed by X and Qwerty district": a place, its designator left out
                if e - s == 1 and unknown_name(c, s, e, place=True, initial=True):
                    claimed.add(s)
                    yield Found(s, e, EntityValue(*DESIGNATED[words[e]]))
                continue
            if e - s > 1 and words[s] in DEMONYMS:
                s += 1  # "German Mayfair"
            # Two or more words with a proper one may open a sentence ("Qwerty Energy and
            # Zxcv Motors signed", "Qwerty Energy's factory").
            if unknown_name(c, s, e, any_word=cue or partners, initial=e - s > 1):
                claimed.update(range(s, e))
                yield Found(s, e, EntityValue("ORG", "company"))


def unknown_name(
    c: NameContext,
    start: int,
    end: int,
    *,
    any_word: bool = False,
    place: bool = False,
    initial: bool = False,
) -> bool:
    """Whether ``doc[start:end]`` looks like a name nothing else has claimed.

    Its words must be capitalized and, unless ``any_word`` (a cue such as "companies such
    as" names it: "Tide"), one of them proper. A name starting with a surname is a person's,
    unless ``place`` (a cue such as "located in" says it is a place: "Tan Lap"). It may
    open a sentence when it starts with a listed name or ``initial`` (a cue vouches for it).
    """
    k, v, claimed, persons, gaz = c.k, c.v, c.claimed, c.persons, c.gaz
    if end - start > 4 or claimed.intersection(range(start, end)):
        return False
    first = v.words[start]
    if first in LEADING_NON_NAMES or (not place and (first in SURNAMES or first in persons)):
        return False
    if (
        (v.sentence_initial(start) or v.sent[start])
        and not initial
        and not (end - start > 1 and start in gaz)
    ):
        return False  # but "China Minmetals, Sinopec and ..." may open a sentence
    words = [i for i in range(start, end) if v.words[i] not in HYPHENS | {"&"}]
    known = gaz_tokens(gaz, start, end)
    if not all(v.cap[i] for i in words):
        return False
    return any_word or any(is_proper(k, v, i, known) for i in words)


def companies_by_place_suffix(
    c: NameContext,
    runs: list[tuple[int, int]],
) -> Iterator[Found]:
    """Unknown names followed by a place in parentheses: a company's local branch named
    without a suffix ("funded by Qwerty Heavy Industries Gas Turbine (Guangzhou)")."""
    k, v, claimed = c.k, c.v, c.claimed
    words = v.words
    for start, end in runs:
        if end + 2 >= v.n or words[end] != "(" or end - start < 2:
            continue
        close = end + 2
        while close < min(v.n, end + 4) and words[close] != ")":
            close += 1
        if close >= v.n or words[close] != ")" or not k.is_place(v.text(end + 1, close)):
            continue
        if close + 1 < v.n and v.cap[close + 1] and not v.sent[close + 1]:
            continue  # the name goes on: continues() took it in the run, or should have
        first = start + (words[start] in {"The", "A"})
        if end - first < 2 or any(words[i] in CONNECTORS for i in range(first, end)):
            continue
        tail = tail_head(v, first, end)
        if tail is not None and tail[1][1] != "company":
            continue  # "Hangzhou High-Tech Zone (Binjiang)" is the zone
        if unknown_name(c, first, min(end, first + 4)) and not (
            claimed.intersection(range(first, end))
        ):
            claimed.update(range(first, close + 1))
            yield Found(first, close + 1, EntityValue("ORG", "company"))


# Head nouns of an apposition that say what the name before it is: "Jiangsu Medpark, a
# leading medical device industrial park"; role nouns ("a carmaker") make a company.
_APPOSITION_HEADS: dict[str, tuple[str, str]] = {
    "park": ("FAC", "park"),
    "base": ("FAC", "park"),
    "zone": ("ORG", "zone"),
    "city": ("GPE", "city"),
    "county": ("GPE", "other"),
    "district": ("GPE", "other"),
    "town": ("GPE", "other"),
    "village": ("GPE", "other"),
    # "Qwerty Investment, an affiliate of ...": a company's own company.
    "affiliate": ("ORG", "company"),
    "subsidiary": ("ORG", "company"),
    # "Qwerty Roundtable, an all-media talk platform": news media.
    "newspaper": ("ORG", "other"),
    "magazine": ("ORG", "other"),
    "broadcaster": ("ORG", "other"),
    "platform": ("ORG", "other"),
}


# Words that end the noun phrase of an apposition.
_PHRASE_ENDS = frozenset(
    {"with", "of", "in", "at", "for", "from", "by", "on", "the", "and", "or", "that", "which"}
)


# What joins a name to a noun phrase saying what it is: ", a ..." or "is a ...".
APPOSITION_OPENERS = frozenset({",", "is", "was"})


def names_by_apposition(
    c: NameContext,
    runs: list[tuple[int, int]],
) -> Iterator[Found]:
    """Unknown names followed by ", a/an ... <head noun>" or "is a/an ... <head noun>":
    the noun says what they are ("Qwerty Solutions is a subsidiary of ...")."""
    v, claimed = c.v, c.claimed
    words = v.words
    for start, end in runs:
        if end + 2 >= v.n or words[end] not in APPOSITION_OPENERS:
            continue
        if words[end + 1] not in {"a", "an"}:
            continue
        for i in range(end + 2, min(v.n, end + 8)):
            word = words[i]
            if word in HYPHENS or (word[:1].isupper() and i + 2 < v.n and words[i + 2] in _BASED):
                continue  # "a wholly-owned subsidiary", "a Shenzhen-based battery maker"
            if not word.isalpha() or not word.islower() or word in _PHRASE_ENDS:
                break  # "Jeffrey Halley, a market analyst with the research firm ..."
            kind = _APPOSITION_HEADS.get(word) or (
                ("ORG", "company") if word in ROLE_NOUNS else None
            )
            if kind is None:
                continue
            after = words[i + 1] if i + 1 < v.n else ""
            if (
                after.isalpha()
                and after.islower()
                and after not in _PHRASE_ENDS
                and not after.endswith("ed")  # "a talk platform hosted by ..."
            ):
                continue  # "a park operator": the head is further on
            # The apposition vouches for a name of two or more words opening a sentence
            # ("Qwerty Investment, an affiliate of ..."); "is a" for one word too, as
            # definitions open sentences ("Qwertyx is a battery maker").
            initial = end - start > 1 or words[end] != ","
            if unknown_name(c, start, end, initial=initial):
                claimed.update(range(start, end))
                yield Found(start, end, EntityValue(*kind))
            break
