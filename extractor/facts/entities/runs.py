"""Runs of capitalized words, and the names in them.

A run is a maximal stretch of capitalized tokens, joined by "of", "and", "for", "&",
hyphens ("Chengdu-Chongqing", "Hi-tech Industrial"), "People's", "Co., Ltd." and a place
in parentheses ("China (Shanghai) Pilot Free Trade Zone"). A run is a name when a listed
head ends it ("... Development Area", "... Co., Ltd.", "... Commission") or starts it
before "of" ("Ministry of Commerce"), provided a proper word stands before the head
("the New Area" is no name). Otherwise the gazetteer names inside it are the names,
unless they are part of an unknown longer name or of a person's name.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from extractor.facts.entities.brackets import (
    OPEN_NAME_QUOTES,
    head_end,
    parenthesized_place,
    quoted_part,
    quoted_zone,
    tail_head,
    zone_pair,
)
from extractor.facts.entities.gazetteer import Found, Knowledge, gaz_tokens, is_proper
from extractor.facts.entities.headings import opens_heading
from extractor.facts.entities.headless import (
    DESIGNATED,
    headless,
    place_named_company,
    place_pair,
)
from extractor.facts.entities.lexicon import (
    BODY_CATEGORIES,
    CONNECTORS,
    DEMONYMS,
    HEAD_FIRST,
    HYPHENS,
    LEADING_NON_NAMES,
    ROLE_NOUNS,
    SURNAMES,
    TAIL_HEADS,
    TITLES,
    ZONE_TYPE_WORDS,
    EntityValue,
)
from extractor.facts.entities.tokens import Tokens
from extractor.facts.entities.zones import NAMED_BY_ANY_WORD, ZONE_HEAD_CATEGORIES, zone_name

PLACES = frozenset({"GPE", "LOC"})
_CITY = ("GPE", "city")
# Company suffixes with a full stop, after which a new sentence may start unseen.
SUFFIX_ABBREVIATIONS = frozenset({"Co.", "Inc.", "Ltd.", "Corp.", "Bhd."})
# Lower-case words after a hyphen that end a name rather than continue it.
AFTER_HYPHEN_NOT_NAMES = frozenset(
    {"listed", "based", "funded", "owned", "backed", "made", "invested", "headquartered"}
)


# The tokens other than capitalized words that continues() may take into a run.
_MAY_CONTINUE = CONNECTORS | HYPHENS | {"'s", "\u2019s", ",", "(", '"', "\u201c"}


def runs(k: Knowledge, v: Tokens) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every run of capitalized tokens, titles and persons left out."""
    n = v.n
    marks, cap, words = v.marks, v.cap, v.words
    i = 0
    after_title = False
    while i < n:
        # Jump to the next capitalized word or title: every token skipped is neither,
        # so the loop below would only have reset ``after_title`` on each.
        m = bisect.bisect_left(marks, i)
        if m == len(marks):
            return
        if marks[m] > i:
            after_title = False
            i = marks[m]
        word = words[i]
        if word in TITLES:
            after_title = True
            i += 1
            continue
        if not cap[i]:
            after_title = False
            i += 1
            continue
        if i > 0 and words[i - 1] in OPEN_NAME_QUOTES:
            quoted = quoted_zone(k, v, i - 1)
            if quoted:
                yield i - 1, quoted
                i = quoted
                continue
        j = i + 1
        # continues() takes only a capitalized word or one of _MAY_CONTINUE: test that
        # first, inline (most runs end at a lower-case word).
        while j < n and (cap[j] or words[j] in _MAY_CONTINUE) and (step := continues(k, v, j)):
            j += step
        if after_title:
            # A person's name after a title; it may run on into "of ..." (skip that too).
            after_title = False
            m = i
            while m < j and words[m] not in CONNECTORS:
                m += 1
            if m < j:
                yield m + 1, j
            i = j
            continue
        yield i, j
        i = j


def continues(k: Knowledge, v: Tokens, j: int) -> int:
    """How many tokens from ``j`` extend the run ending at ``j - 1`` (0: none)."""
    n = v.n
    if v.cap[j] and not (v.sent[j] and j > 0):
        if v.words[j - 1] in SUFFIX_ABBREVIATIONS and v.words[j] in LEADING_NON_NAMES:
            return 0  # "... Supply Co. Its output": the sentencizer keeps "Co." inside
        return 1
    if j + 1 >= n or v.sent[j + 1]:
        return 0
    text = v.words[j]
    prev = v.words[j - 1]
    nxt = v.words[j + 1]
    if text in CONNECTORS and v.cap[j + 1]:
        return 2
    if (
        text in {"of", "for"}
        and nxt == "the"
        and j + 2 < n
        and v.cap[j + 2]
        and not v.sent[j + 2]
        and _joins_the(v, text, j)
    ):
        # "Management Committee of the ...": one name when the left one is generic;
        # "National Pilot Zone for the Transformation of ...": a zone's or body's purpose.
        return 3
    if text in HYPHENS and not v.space[j - 1] and not v.space[j]:
        if v.cap[j + 1]:
            return 2
        if (prev, text, nxt) in TAIL_HEADS:
            return 2  # a head with a lower-case word after its hyphen: "Tangxun Sub-district"
        # "Hi-tech Industrial": a lower-case word inside a name when a name goes on, but
        # not "STAR Market-listed Shanghai ...", "Tianjin-based Tianhai ...".
        if (
            nxt.isalpha()
            and nxt not in AFTER_HYPHEN_NOT_NAMES
            and v.space[j + 1]
            and j + 2 < n
            and v.cap[j + 2]
        ):
            return 2
        return 0
    if text in {"'s", "\u2019s"} and prev == "People" and v.cap[j + 1]:
        return 2
    if text == "," and prev in {"Co.", "Co"} and nxt in {"Ltd.", "Ltd", "Limited"}:
        return 2
    if (
        text == ","
        and j >= 3
        and v.words[j - 2] == "of"
        and v.words[j - 3] in HEAD_FIRST
        and v.cap[j + 1]
        and j + 3 < n
        and v.words[j + 2] == "and"
        and v.cap[j + 3]
    ):
        return 1  # "Ministry of Trade, Industry and Energy"
    if text == "(":
        return parenthesized_place(k, v, j)
    if text in OPEN_NAME_QUOTES and v.cap[j - 1]:
        return quoted_part(v, j)
    if text == "\u2013" and v.space[j - 1] and v.space[j] and zone_pair(v, j):
        return 1  # "Hangzhou High-Tech Zone (Binjiang) \u2013 Fuyang Special Cooperation Area"
    return 0


def _joins_the(v: Tokens, word: str, j: int) -> bool:
    """Whether "of the" / "for the" at ``j`` goes on with the name before it: after any
    head for "of", after a zone's or park's head for "for" (a body's name rarely goes on so
    as capitalized words: "Society for the Prevention of Cruelty to Children")."""
    tail = tail_head(v, j - 1, j)
    if tail is None:
        return False
    return word == "of" or tail[1][1] in ZONE_HEAD_CATEGORIES


def _purpose(v: Tokens, start: int, end: int) -> bool:
    """Whether common words name a purpose "for" something: no company is so named."""
    return "for" in v.words[start:end]


def head_first(v: Tokens, start: int, end: int) -> tuple[int, tuple[str, str]] | None:
    for i in range(start, end - 2):
        if v.words[i] in HEAD_FIRST and v.words[i + 1] in {"of", "for"}:
            return i, HEAD_FIRST[v.words[i]]
    return None


def rule_name(
    k: Knowledge, v: Tokens, start: int, end: int, known: set[int], *, strict: bool = False
) -> EntityValue | None:
    """The value of ``doc[start:end]`` as a suffix- or head-named name, if it is one.

    ``strict`` asks for a proper word before the suffix even for bodies and companies:
    splitting "U.S. Securities and Exchange Commission" in two needs more evidence than
    taking it whole.
    """
    tail = tail_head(v, start, end)
    if tail is not None:
        length, (label, category) = tail
        modifiers = [
            i
            for i in range(start, end - length)
            if v.words[i] not in CONNECTORS and v.words[i] not in HYPHENS
        ]
        if not modifiers:
            return None
        if (label, category) == _CITY and any(
            v.words[i].lower() in ZONE_TYPE_WORDS and v.words[i] != "New" for i in modifiers
        ):
            # A city built as a zone is a park: "Chongqing International Biological City".
            label, category = "FAC", "park"
        if v.words[head_end(v, start, end) - 1] == "District":
            # "Wuxi National Hi-tech District": kind words make a district a zone.
            zone = zone_name(v, start, end, length, ("ORG", "zone"))
            if zone is not None:
                return zone
        if any(is_proper(k, v, i, known) for i in modifiers):
            return EntityValue(label, category)
        if v.words[end - 1] == "Zones":
            return None  # common words before the plural name a class: "Pilot Free Trade Zones"
        zone = zone_name(v, start, end, length, (label, category))
        if zone is not None:
            return zone
        # Bodies and companies are often named with common words ("Municipal Commerce
        # Commission", "Envision Group"); zones and places are not ("the New Area"). One
        # common word before a body's head is a generic reference ("the Management
        # Committee"); before a company's, mid-sentence, it is a name.
        if tuple(v.words[end - length : end]) in NAMED_BY_ANY_WORD and any(
            v.words[i] not in LEADING_NON_NAMES for i in modifiers
        ):
            return EntityValue(label, category)  # "the Airport New City"
        if strict:
            return None
        if category in BODY_CATEGORIES and len(modifiers) >= 2:
            return EntityValue(label, category)
        if category == "company" and _purpose(v, start, end):
            return None  # "Investment Promotion for Key Industries": an event's name
        if category == "company" and (len(modifiers) >= 2 or not v.sentence_initial(modifiers[0])):
            return EntityValue(label, category)
        return None
    first = head_first(v, start, end)
    if first is not None:
        label, category = first[1]
        return EntityValue(label, category)
    return None


def complete(
    k: Knowledge, v: Tokens, start: int, end: int, gaz: dict[int, Found], *, strict: bool
) -> bool:
    """Whether ``doc[start:end]`` is a name on its own (listed, or by rule)."""
    found = gaz.get(start)
    if found is not None and found.end == end:
        return True
    if found is not None and not strict and place_pair(gaz, start, end):
        return True  # "Guangzhou Nansha" (and Zhuhai Hengqin New Area): a city's district
    if end - start == 1 and end < v.n and v.words[end] in DESIGNATED:
        return is_proper(k, v, start, set())  # "Yuelu district"
    known = gaz_tokens(gaz, start, end)
    return rule_name(k, v, start, end, known, strict=strict) is not None or (
        place_named_company(k, v, start, end, gaz) is not None
    )


def splits_at_and(
    k: Knowledge, v: Tokens, start: int, at: int, end: int, gaz: dict[int, Found]
) -> bool:
    """Whether "and" at ``at`` joins two names; one of them must be a sure one."""
    if not complete(k, v, start, at, gaz, strict=False):
        return False
    if not complete(k, v, at + 1, end, gaz, strict=False):
        return False
    return complete(k, v, start, at, gaz, strict=True) or complete(
        k, v, at + 1, end, gaz, strict=True
    )


def trim(k: Knowledge, v: Tokens, start: int, end: int, gaz: dict[int, Found]) -> int:
    """The run's first token once connectors, openers and demonyms are dropped."""
    while start < end:
        word = v.words[start]
        if word in CONNECTORS or word in HYPHENS:
            start += 1
            continue
        if start in gaz:
            break
        if word in DEMONYMS and (
            start + 1 in gaz or (end - start > 2 and is_proper(k, v, start + 1, set()))
        ):
            start += 1  # "Danish Novo Nordisk", "the Indonesian Qwertylapan Group"
            continue
        if end - start > 3 and v.words[start + 1] in HYPHENS and v.words[start + 2] == "level":
            start += 3  # "State-level Qinghe Economic and Technological Development Zone"
            continue
        if word in LEADING_NON_NAMES and (end - start > 1 or word in {"The", "A"}):
            start += 1
            continue
        if (
            end - start > 1
            and v.sentence_initial(start)
            and (word.endswith(("maker", "makers")) or _compound_role_noun(k, word))
        ):
            start += 1
            continue
        break
    return start


def _compound_role_noun(k: Knowledge, word: str) -> bool:
    """A compound of a common word and a role noun ("Chipmaker", "Techgiants"): not a name
    ("Cargill" is "car" + "gill", two common words, and a company)."""
    if not k.is_compound_common(word):
        return False
    low = word.lower()
    return any(low.endswith(noun) for noun in ROLE_NOUNS)


def _company_pair(
    k: Knowledge, v: Tokens, start: int, at: int, end: int, gaz: dict[int, Found]
) -> bool:
    """ "Ceres Robotics and Tyvak Systems Inc": a company by its suffix after "and", and
    before it a name of two or more words starting with a proper word (context makes it a
    company: see companies.py)."""
    return _company_and_name(k, v, at + 1, end, start, at, gaz, 2) or _company_and_name(
        k, v, start, at, at + 1, end, gaz, 1
    )


def _company_and_name(
    k: Knowledge,
    v: Tokens,
    c_start: int,
    c_end: int,
    n_start: int,
    n_end: int,
    gaz: dict[int, Found],
    min_words: int,
) -> bool:
    """Whether ``c_start:c_end`` is a company by its suffix and ``n_start:n_end`` a name of
    ``min_words`` or more capitalized words, the first proper, with no connector."""
    if n_end - n_start < min_words or not is_proper(k, v, n_start, gaz_tokens(gaz, n_start, n_end)):
        return False
    if any(v.words[i] in CONNECTORS or not v.cap[i] for i in range(n_start, n_end)):
        return False
    value = rule_name(k, v, c_start, c_end, gaz_tokens(gaz, c_start, c_end), strict=True)
    return value is not None and value.category == "company"


def _person_after(k: Knowledge, v: Tokens, start: int, end: int, gaz: dict[int, Found]) -> bool:
    """Two or three capitalized uncommon words no list knows: a person's name."""
    if not 2 <= end - start <= 3:
        return False
    return (
        all(
            v.cap[i] and i not in gaz and not k.is_common(v.words[i]) and v.words[i].isalpha()
            for i in range(start, end)
        )
        and tail_head(v, start, end) is None
    )


def _person_at_end(
    k: Knowledge, v: Tokens, start: int, end: int, gaz: dict[int, Found]
) -> int | None:
    """Where a person's name that ends the run starts, when a complete name stands before
    it: two or three words after a name, starting with a surname ("Qwerty Group Li Ming")
    or all uncommon ("... Industrial Park Aleksandr Zxcvenko"), none listed or a head."""
    last = v.words[end - 1]
    if (last,) in TAIL_HEADS or not last[1:].islower() or end - 1 in gaz:
        return None  # most long runs end in a head: "... Development Zone"
    for length in (2, 3):
        at = end - length
        if at - start < 2:
            return None
        if v.words[at - 1] in CONNECTORS or v.words[at - 1] in HYPHENS:
            continue  # "Department of Homeland Security and Alex Azar": split at "and"
        words = v.words[at:end]
        if not all(w.isalpha() and w[1:].islower() and v.cap[i] for i, w in enumerate(words, at)):
            continue
        if any(i in gaz for i in range(at, end)) or tail_head(v, at, end) is not None:
            continue
        if words[0] not in SURNAMES and not _person_after(k, v, at, end, gaz):
            continue
        if complete(k, v, start, at, gaz, strict=True):
            return at
    return None


def _unknown_parent(
    k: Knowledge, v: Tokens, start: int, at: int, right: int, end: int, gaz: dict[int, Found]
) -> bool:
    """Whether ``doc[start:at]`` is a zone or place named with a proper word and
    ``doc[right:end]`` one or two unknown proper words ending the run: its parent place."""
    if end - right > 2 or any(i in gaz or not v.cap[i] for i in range(right, end)):
        return False
    if not all(is_proper(k, v, i, set()) for i in range(right, end)):
        return False
    return rule_name(k, v, start, at, gaz_tokens(gaz, start, at), strict=True) is not None


def _generic_of_possessor(
    k: Knowledge, v: Tokens, start: int, at: int, right: int, end: int, gaz: dict[int, Found]
) -> bool:
    """Whether ``doc[start:end]`` is a body's generic name "of" a place that owns what
    follows ("Management Committee of China" before "'s Changzhou ... District")."""
    if end >= v.n or v.words[end] not in {"'s", "\u2019s"} or at - start < 2:
        return False
    listed = gaz.get(start)
    if listed is not None and listed.end == end:
        return False  # a listed name: "Communist Party of China's"
    place = gaz.get(right)
    if place is None or place.end != end or place.value.label not in PLACES:
        return False
    return not any(is_proper(k, v, i, set()) for i in range(start, at))


def names_in_run(
    k: Knowledge, v: Tokens, start: int, end: int, gaz: dict[int, Found], persons: set[str]
) -> Iterator[Found]:
    """The names the run ``doc[start:end]`` holds."""
    start = trim(k, v, start, end, gaz)
    if start >= end:
        return
    # Two words after two or more (the quick test of _person_at_end: most runs are short).
    person = _person_at_end(k, v, start, end, gaz) if end - start >= 4 else None
    if person is not None:
        # "Director of the Qwerty Development Zone Wang Lei said": the name, then a person.
        yield from names_in_run(k, v, start, person, gaz, persons)
        return
    # Two complete names joined by "and" ("Haier Group and Hisense"), or a name that
    # only starts after "of" ("Chen Dalian of Harbin Institute of Technology").
    for at in range(start + 1, end - 1):
        if v.words[at] != "and":
            continue
        if splits_at_and(k, v, start, at, end, gaz) or _company_pair(k, v, start, at, end, gaz):
            yield from names_in_run(k, v, start, at, gaz, persons)
            yield from names_in_run(k, v, at + 1, end, gaz, persons)
            return
        if _person_after(k, v, at + 1, end, gaz) and complete(k, v, start, at, gaz, strict=False):
            # "Department of Homeland Security and Alex Azar": the name, then a person.
            yield from names_in_run(k, v, start, at, gaz, persons)
            return
    for at in range(start + 1, end - 1):
        word = v.words[at]
        if word in {"of", "for"}:
            right = at + 2 if v.words[at + 1] == "the" else at + 1
            tail = tail_head(v, start, at)
            left_has_head = tail is not None or any(
                v.words[i] in HEAD_FIRST for i in range(start, at)
            )
            if not left_has_head and complete(k, v, right, end, gaz, strict=True):
                yield from headless(k, v, start, at, gaz, persons)
                yield from names_in_run(k, v, right, end, gaz, persons)
                return
            if tail is None:
                continue
            if _generic_of_possessor(k, v, start, at, right, end, gaz):
                # "the Management Committee of China's Changzhou ... District": the
                # committee is Changzhou's, named in full after it; "China" is the name.
                yield from names_in_run(k, v, right, end, gaz, persons)
                return
            # "X of the Y": two names when X is a zone or place that names something alone
            # and Y its parent ("Lingang Special Area of the China (Shanghai) Pilot Free
            # Trade Zone", "Qingshanhu District of Nanchang City"); one name when X names
            # nothing alone ("Management Committee of the ... Zone"), after "for" ("...
            # Development Zone for High Technology Industries") and for bodies and
            # companies ("Ludwig Maximilian University of Munich", "... Corporation of China").
            label, category = HEAD_FIRST.get(v.words[at - 1], tail[1])
            if word == "for":
                yield Found(start, end, EntityValue(label, category))
                return
            parent = category in ZONE_HEAD_CATEGORIES or label in PLACES
            if not complete(k, v, right, end, gaz, strict=False):
                if parent and _unknown_parent(k, v, start, at, right, end, gaz):
                    # "the Qwerty New District of Zxcv (city)": the zone, in a place no
                    # list knows (a designator after it makes it one: headless.py).
                    yield from names_in_run(k, v, start, at, gaz, persons)
                    yield from headless(k, v, right, end, gaz, persons)
                    return
                continue
            if parent and rule_name(k, v, start, at, gaz_tokens(gaz, start, at), strict=True):
                yield from names_in_run(k, v, start, at, gaz, persons)
                yield from names_in_run(k, v, right, end, gaz, persons)
            else:
                yield Found(start, end, EntityValue(label, category))
            return
    yield from _whole_or_inside(k, v, start, end, gaz, persons)


def _whole_or_inside(
    k: Knowledge, v: Tokens, start: int, end: int, gaz: dict[int, Found], persons: set[str]
) -> Iterator[Found]:
    """The run as one name (listed or by rule), else the names inside it."""
    found = gaz.get(start)
    if found is not None and found.end == end:
        yield found
        return
    value = rule_name(k, v, start, end, gaz_tokens(gaz, start, end))
    if value is not None:
        yield Found(start, end, value)
        return
    verb = _headline_verb(k, v, start, end, gaz) if end - start >= 3 else None
    if verb is not None:
        # A headline in title case: "Tianjin Binhai New Area Hosts Investment Fair".
        yield from names_in_run(k, v, start, verb, gaz, persons)
        yield from names_in_run(k, v, verb + 1, end, gaz, persons)
        return
    yield from headless(k, v, start, end, gaz, persons)


def _headline_verb(
    k: Knowledge, v: Tokens, start: int, end: int, gaz: dict[int, Found]
) -> int | None:
    """Where a capitalized verb ("Hosts", "Attracts", "Sees") follows a name with a head in
    a run that is no name as a whole and opens a line with no full stop: a title-case
    headline or subhead names the zone (in a sentence, "New York Daily News" is one name)."""
    if not opens_heading(v, start):
        return None
    for at in range(start + 2, end):
        word = v.words[at]
        if not (word.endswith("s") and word[1:].islower() and len(word) > 3):
            continue
        if (word,) in TAIL_HEADS or not (k.is_common(word) and k.is_common(word[:-1])):
            continue
        if rule_name(k, v, start, at, gaz_tokens(gaz, start, at), strict=True) is not None:
            return at
    return None
