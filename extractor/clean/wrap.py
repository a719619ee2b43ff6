"""Hard-wrapped text dumps: paragraphs broken into short lines mid-sentence.

A page copied from a narrow column or a plain-text mirror breaks each paragraph into lines
of 40-80 characters, often with no blank line between paragraphs. Line by line, such a
paragraph looks like chrome (short lines, no full stop), so its lines are joined back first.

Two lines join at a *wrap joint*: the upper one is prose in progress (five words or more, 35
characters or more, lower-case words or a comma in it) that does not end a sentence, and
neither is chrome. A joint is *strong* when the lower line starts lower-case, or the upper
one ends with a comma, a dash or a word that cannot end a clause ("of", "and", "the");
*weak* when the lower line starts with a capital that does not open a sentence (a name
running on: "... former Lakeside" / "Industrial Park ..."). Weak joints count only in a dump
that shows two strong joints or more, and only below a line that is itself a continuation or
holds a comma, so a headline above a paragraph, a list of teaser headlines or a menu is never
taken for the first line of a paragraph. Lines under 35 characters (verse-like captions, menu
items) never join. A line that ends a sentence ends the run: a sentence never runs across
it, and at worst a paragraph is cut in two at a sentence end.

Each pass looks at each pair of neighbouring lines once (linear); the chrome test runs only
on lines a joint names, through the caller's cache.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MIN_WRAPPED_LINE = 35  # characters: shorter lines are menu items, labels or verse
MIN_WRAPPED_WORDS = 5
MIN_STRONG_JOINTS = 2  # a dump with fewer shows no wrapping; its capitalised lines stay apart
NONE, WEAK, STRONG = 0, 1, 2

# A line that ends with one of these goes on below: a sentence does not stop there.


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_CONTINUING_WORDS = _word_set(
    "a an the of and or but nor to in on at by for from with into onto over under about "
    "as than that which who whose whom its their his her our your this these those is are "
    "was were be been has have had will would can could may should such per via between "
    "among including like across after before during within without against"
)
# Capitalised words that open a sentence: a line starting with one begins a new sentence.
_SENTENCE_OPENERS = _word_set(
    "The A An In On At By For From With As It Its This That These Those There Their They "
    "We He She I Our His Her According After Before During Since While When Where If But "
    "And Or So Also Meanwhile However Besides Moreover Furthermore Currently Today Last "
    "Next Other Some Many Most All Each Both Among Under Over To Of What How Why Who "
    "Following Apart Through Thanks"
)
_SENTENCE_STOP = re.compile(r"[.!?。！？…][\"”’'）)\]]*$")
# "... Lakeside Co." / "ltd. in ...": a full stop of an abbreviation, not of the sentence
_ABBREVIATION_STOP = re.compile(
    r"(?:\b[A-Z]|\b(?:Co|Ltd|Inc|Corp|No|Nos|St|Dr|Mr|Mrs|Ms|Jr|Sr|Gov|Dept|Ave|approx|vs))\.$"
)
_CLAUSE_MARK = re.compile(r"[,;，；]")
_FIRST_WORD = re.compile(r"[\"“‘'(（]*([^\W_]+)")
_CONTINUING_MARKS = ",;-–—(/&"


def _joint(upper: str, lower: str) -> int:
    """How strongly ``lower`` continues ``upper`` as one paragraph (text tests only)."""
    if len(upper) < MIN_WRAPPED_LINE or not lower:
        return NONE
    first = lower[0]
    if _SENTENCE_STOP.search(upper):
        abbreviation = (first.islower() or first.isdigit()) and _ABBREVIATION_STOP.search(upper)
        return STRONG if abbreviation else NONE
    words = upper.split()
    if len(words) < MIN_WRAPPED_WORDS:
        return NONE
    lower_words = sum(w[:1].islower() for w in words)
    if lower_words * 3 < len(words) and not _CLAUSE_MARK.search(upper):
        return NONE  # a line of names or menu items, not prose
    if first.islower() or upper[-1] in _CONTINUING_MARKS or words[-1] in _CONTINUING_WORDS:
        return STRONG
    opener = _FIRST_WORD.match(lower)
    if opener and opener.group(1) not in _SENTENCE_OPENERS:
        return WEAK
    return NONE


def wrap_joints(blocks: list[list[str]], is_chrome: Callable[[str], bool]) -> list[list[int]]:
    """For each block of lines (a run without blank lines), the joint between each line and
    the next: STRONG or WEAK where they join, NONE where they stay apart."""
    joints = [[_joint(a, b) for a, b in zip(lines, lines[1:], strict=False)] for lines in blocks]
    strong = 0
    for lines, block in zip(blocks, joints, strict=True):
        for i, joint in enumerate(block):
            if joint == STRONG:
                if is_chrome(lines[i]) or is_chrome(lines[i + 1]):
                    block[i] = NONE
                else:
                    strong += 1
    wrapped = strong >= MIN_STRONG_JOINTS
    for lines, block in zip(blocks, joints, strict=True):
        for i, joint in enumerate(block):
            if joint != WEAK:
                continue
            continued = i > 0 and block[i - 1] != NONE
            if (
                not wrapped
                or not (continued or _CLAUSE_MARK.search(lines[i]))
                or is_chrome(lines[i])
                or is_chrome(lines[i + 1])
            ):
                block[i] = NONE
    return joints


def join_wrapped(lines: list[str], joints: list[int]) -> list[str]:
    """The lines with each run joined at its joints into one line. A wrap is white space and
    becomes one space, as the cleaner collapses every run of white space in a paragraph;
    a wrap after a hyphen inside a word ("bio-" / "medicine") is where a browser broke a
    hyphenated word, and joins without one."""
    if not any(joints):
        return lines  # nothing joins (most blocks: one line, or chrome)
    out: list[str] = []
    run: list[str] = []  # the run's lines, each after its separator ("" or " ")
    for i, line in enumerate(lines):
        if run:
            upper = run[-1]
            broken = upper[-1:] == "-" and upper[-2:-1].isalpha() and line[:1].isalpha()
            run.append("" if broken else " ")
        run.append(line)
        if i == len(lines) - 1 or joints[i] == NONE:
            out.append("".join(run))
            run = []
    return out
