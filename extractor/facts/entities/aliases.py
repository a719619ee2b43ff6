"""Acronyms and aliases: short forms a document defines, and their later uses.

``Long Name (LN)`` and ``Long Name, (better) known as Alias`` define a short form; a zone's
or company's own word is its short form too (``Gui'an`` of "Gui'an New Area", "Innovent"
of "Innovent Biologics (Suzhou) Co., Ltd."). Every use of a short form in the document gets
``canonical`` = the long name. Known acronyms the document does not define take the
gazetteer's full name (from ``aliases.tsv``).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress

from extractor.facts.entities.gazetteer import PLACE_LABELS, Found, Knowledge, gaz_tokens, is_proper
from extractor.facts.entities.lexicon import (
    COMPANY,
    DEMONYMS,
    HYPHENS,
    KNOWN_AS,
    LEADING_NON_NAMES,
    NAMES_OF_THINGS,
    PARK,
    SURNAMES,
    TAIL_HEADS,
    ZONE,
    EntityValue,
    _word_list,
)
from extractor.facts.entities.runs import continues, tail_head
from extractor.facts.entities.tokens import Tokens


def abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` is an acronym of ``long``.

    Its letters are, in order, letters of ``long`` from its first word's ("TEDA", "Z-Park"),
    or, all capitals, initials of words of ``long`` but for one other letter of it, in
    any order ("SCFTZ" of "China (Sichuan) Pilot Free Trade Zone", "HBFTZ" of "China
    (Hubei) ...").
    """
    letters = [c.lower() for c in short if c.isalpha()]
    words = [w.strip("()") for w in long.replace("-", " ").split()]
    words = [w for w in words if w[:1].isalpha()]
    if not letters or not words:
        return False
    if letters[0] == words[0][0].lower():
        rest = iter(long.lower())
        if all(c in rest for c in letters):
            return True
    initials = {w[0].lower() for w in words}
    if not short.isupper() or len(letters) < 3 or letters[0] not in initials:
        return False
    low = long.lower()
    misses = sum(c not in initials for c in letters)
    return misses <= 1 and all(c in low for c in letters)


def definition_after(k: Knowledge, v: Tokens, found: Found) -> tuple[int, int, int] | None:
    """``(start, end, skip_to)`` of a short form defined right after ``found``."""
    n = v.n
    b = found.end
    if b + 1 < n and v.words[b] in {"'s", "\u2019s"} and v.words[b + 1] == "(":
        b += 1  # "the Suez Canal Economic Zone's (SCZONE) head"
    if b < n and v.words[b] == "(":
        close = b + 1
        while close < n and close - b <= 4 and v.words[close] != ")":
            close += 1
        if close < n and v.words[close] == ")" and close > b + 1:
            text = v.text(b + 1, close)
            if close - b > 3 and v.text(close - 2, close) == "for short":
                text = v.text(b + 1, close - 2)  # "(TBNA for short)"
                close -= 2
                if abbreviates(text, v.text(found.start, found.end)):
                    return b + 1, close, close + 3
            words = text.split(" ")
            if (
                text[0].isupper()
                and (len(words) == 1 or len(words) == 2 and words[1].isupper())
                and len(text) <= 16
                and abbreviates(text, v.text(found.start, found.end))
                and not k.is_place(text)
                and (text,) not in TAIL_HEADS  # "(FTZ)": a generic acronym
            ):
                return b + 1, close, close + 1
        return None
    i = b
    if i < n and v.words[i] == ",":
        i += 1
    if i < n and v.words[i].islower() and v.words[i].endswith("ly"):
        i += 1  # "widely known as", "better known as" ("better" handled below)
    elif i < n and v.words[i] in {"better", "also"}:
        i += 1
    if i + 1 < n and v.words[i] == "or" and v.words[b] == ",":
        # "Donghu Economic & Technological Development Area, or DETDA"
        text = v.words[i + 1]
        if text.isupper() and abbreviates(text, v.text(found.start, found.end)):
            return i + 1, i + 2, i + 2
    if i + 2 < n and v.words[i] in KNOWN_AS and v.words[i + 1] == "as":
        s = i + 2
        if s < n and v.words[s] in {'"', "\u201c"}:
            s += 1
        e = s
        while e < n and (v.cap[e] or continues(k, v, e) and e > s):
            e += max(1, continues(k, v, e)) if e > s else 1
        if e > s and v.cap[s]:
            return s, e, e
    return None


def names_by_acronym(
    k: Knowledge, v: Tokens, runs: list[tuple[int, int]], claimed: set[int], gaz: dict[int, Found]
) -> Iterator[Found]:
    """Unknown names that define an acronym of their initials: "its subsidiary, Sulawesi
    Mining Investment (SMI)". Common words alone are a term, not a name ("Gross Domestic
    Product (GDP)"), so one word must be proper."""
    words = v.words
    for start, end in runs:
        if end + 2 >= v.n or words[end] != "(" or words[end + 2] != ")":
            continue
        acronym = words[end + 1]
        if not (2 <= len(acronym) <= 8 and acronym.isalpha() and acronym.isupper()):
            continue
        start += words[start] in LEADING_NON_NAMES
        if end - start < 2 or claimed.intersection(range(start, end)):
            continue
        capitalized = [words[i][0] for i in range(start, end) if v.cap[i]]
        every_word = [words[i][0] for i in range(start, end) if words[i] not in HYPHENS]
        if acronym.lower() not in {"".join(capitalized).lower(), "".join(every_word).lower()}:
            continue
        if words[end - 1] in NAMES_OF_THINGS:
            continue  # "Hang Seng Index (HSI)", "... Exploration Rover (VIPER)"
        known = gaz_tokens(gaz, start, end)
        if not any(is_proper(k, v, i, known) and i not in known for i in range(start, end)):
            continue
        claimed.update(range(start, end))
        yield Found(start, end, EntityValue("ORG", "other"))


def zone_short_form(k: Knowledge, v: Tokens, found: Found, gaz_places: set[int]) -> str | None:
    """ "Gui'an" of "Gui'an New Area": a zone's own word, followed by common words only.

    A company's own word is its short form too ("Innovent" of "Innovent Biologics
    (Suzhou) Co., Ltd."), whatever follows it.
    """
    kind = (found.value.label, found.value.category)
    if kind not in {ZONE, PARK, COMPANY}:
        return None
    tail = tail_head(v, found.start, found.end)
    stop = found.end - (tail[0] if tail else 0)
    i = found.start
    while i < stop and (i in gaz_places or k.is_place(v.words[i])):
        i += 1  # leading places: "Nanjing" of "Nanjing Jiangbei New Area"
    if i >= stop or not is_proper(k, v, i, set()) or v.words[i].isupper():
        return None
    word = v.words[i]
    if i + 1 < found.end and v.words[i + 1] in HYPHENS:
        return _hyphenated_short_form(k, v, i, stop)
    if word in k.gazetteer.names or word in SURNAMES or word in DEMONYMS:
        return None
    if kind != COMPANY and any(is_proper(k, v, j, set()) for j in range(i + 1, stop)):
        return None
    if kind == COMPANY and (found.end - found.start < 2 or found.value.canonical):
        return None  # a one-word company is its own short form; aliases have theirs
    return word


def _hyphenated_short_form(k: Knowledge, v: Tokens, i: int, stop: int) -> str | None:
    """A zone's own word written with a hyphen before a lower-case part, common words
    after it: "Lin-gang" of "Lin-gang Special Area" (not "Sino" of "Sino-Singapore ...")."""
    e = i + 3
    if e > stop or not v.words[i + 2].islower() or not v.words[i + 2].isalpha():
        return None
    if v.space[i] or v.space[i + 1]:
        return None
    if any(is_proper(k, v, j, set()) for j in range(e, stop)):
        return None
    return v.text(i, e)


def link_aliases(
    k: Knowledge, v: Tokens, found: list[Found], claimed: set[int], gaz: dict[int, Found]
) -> list[Found]:
    """``found`` with the short forms it defines, and every later (or earlier) use of them."""
    aliases: dict[str, EntityValue] = {}
    extra: list[Found] = []
    # gaz_tokens(gaz, 0, v.n, places_only=True), from the matches rather than every token.
    gaz_places: set[int] = set()
    for f in gaz.values():
        if f.value.label in PLACE_LABELS:
            gaz_places.update(range(f.start, f.end))
    for f in found:
        long_name = v.text(f.start, f.end)
        full = f.value.canonical or long_name
        definition = definition_after(k, v, f)
        if definition is not None:
            s, e, _ = definition
            short = v.text(s, e)
            aliases[short] = EntityValue(f.value.label, f.value.category, full)
            if not claimed.intersection(range(s, e)):
                extra.append(Found(s, e, aliases[short]))
                claimed.update(range(s, e))
        short_word = zone_short_form(k, v, f, gaz_places)
        if short_word is not None and short_word not in aliases:
            aliases[short_word] = EntityValue(f.value.label, f.value.category, full)
    aliases.update(initials_used(v, found, aliases))
    if not aliases:
        return found
    out: list[Found] = []
    for f in found + extra:
        text = v.text(f.start, f.end)
        if text in aliases and f.value.label not in PLACE_LABELS:
            # A place found as such stays one ("Yuelu district" beside "Yuelu Mountain
            # College Town"); other uses of the short form are the long name's.
            f = Found(f.start, f.end, aliases[text])
        out.append(f)
    out.extend(_uses(v, aliases, claimed))
    out.sort(key=lambda f: f.start)
    return out


def _initials(name: str) -> str:
    """The capitals starting the words of ``name``, hyphenated parts too ("High-Tech" -> HT)."""
    words = name.replace("-", " ").replace("(", " ").replace(")", " ").split()
    return "".join(w[0] for w in words if w[0].isupper())


def initials_used(
    v: Tokens, found: list[Found], aliases: dict[str, EntityValue]
) -> dict[str, EntityValue]:
    """Acronyms a document uses without defining them, made of the initials of a zone or
    park it names: "CHTIDZ" of "Changsha National High-Tech Industrial Development Zone".
    The acronym's letters are the name's initials in order, the first and the last, with at
    most one word left out; four letters or more, so that chance matches are rare."""
    zones: dict[str, Found] = {}
    for f in found:
        if (f.value.label, f.value.category) in {ZONE, PARK} and f.end - f.start >= 3:
            zones.setdefault(_initials(v.text(f.start, f.end)), f)
    if not zones:
        return {}
    out: dict[str, EntityValue] = {}
    # Each distinct word once (a set of the doc's words is built in C); a use inside a
    # mention found already is left alone by _uses().
    for word in sorted(set(v.words)):
        if not (4 <= len(word) <= 8 and word.isalpha() and word.isupper()) or word in aliases:
            continue
        for initials, f in zones.items():
            if _skips_one_word(word, initials):
                full = f.value.canonical or v.text(f.start, f.end)
                out[word] = EntityValue(f.value.label, f.value.category, full)
                break
    return out


def _skips_one_word(acronym: str, initials: str) -> bool:
    """Whether ``acronym`` is ``initials`` with at most one letter left out, not the first
    or the last."""
    if acronym == initials:
        return True
    if len(initials) != len(acronym) + 1:
        return False
    return any(initials[:i] + initials[i + 1 :] == acronym for i in range(1, len(initials) - 1))


# Capitalized words a use of a short form may follow: an article or a heading's first word.
_ALIAS_OPENERS = _word_list("alias-openers.txt")


def _uses(v: Tokens, aliases: dict[str, EntityValue], claimed: set[int]) -> list[Found]:
    """Uses of the short forms outside every mention found so far."""
    by_first: dict[str, list[tuple[tuple[str, ...], EntityValue]]] = {}
    for alias, value in aliases.items():
        parts = alias_tokens(alias)
        by_first.setdefault(parts[0], []).append((parts, value))
    n = v.n
    out: list[Found] = []
    for i in compress(range(n), map(by_first.__contains__, v.words)):
        candidates = by_first[v.words[i]]
        if not candidates or i in claimed:
            continue
        for parts, value in sorted(candidates, key=lambda c: len(c[0]), reverse=True):
            e = i + len(parts)
            if e > n or tuple(v.words[i:e]) != parts:
                continue
            if claimed.intersection(range(i, e)):
                continue
            if e < n and v.cap[e] and not v.sent[e]:
                continue  # part of a longer name
            if i > 0 and v.cap[i - 1] and not v.sent[i] and v.words[i - 1] not in _ALIAS_OPENERS:
                continue  # the end of a longer name: "Liao Zhongkai", a person
            out.append(Found(i, e, value))
            claimed.update(range(i, e))
            break
    return out


def alias_tokens(alias: str) -> tuple[str, ...]:
    """The tokens spaCy's English tokenizer gives a short form ("Z-Park" -> Z, -, Park)."""
    parts: list[str] = []
    for word in alias.split():
        pieces = word.replace("-", " - ").split()
        parts.extend(pieces)
    return tuple(parts)
