"""Hard-wrapped text dumps: paragraphs broken into short lines mid-sentence.

A page copied from a narrow column or a plain-text mirror breaks each paragraph into lines
of 40-80 characters, often with no blank line between paragraphs. Line by line, such a
paragraph looks like chrome (short lines, no full stop), so its lines are joined back first.

Two lines join at a *wrap joint*: the upper one does not end a sentence, has 30 characters
and four words or more, reads as prose (a third of its words lower-case, or a comma; a line
inside a joined run needs neither) and neither line is chrome. The joint is

- *strong* when the lower line starts lower-case, or the upper one ends with a comma, a dash
  or a word that cannot end a clause ("of", "and", "the"), or with an abbreviation's stop
  ("U.S.") above a lower-case line;
- *weak* when a name or a number runs over the wrap: the upper line ends with a capitalised
  word ("... the former Lakeside" / "Industrial Park") or the lower one starts with a digit;
- *loose* when the lower line starts with a capital that does not open a sentence ("The",
  "In", "It" do) after a lower-case word.

Weak and loose joints count only in a dump that shows two strong joints or more (it is
hard-wrapped), and only below a line that is itself a continuation or holds a comma; a weak
one also below a full line (the next word would not have fitted in the dump's wrap width).
So a headline above its first paragraph, a list of teaser headlines or a menu never joins.
Lines under 30 characters (verse-like captions, menu items) never join. A line that ends a
sentence ends the run: a sentence never runs across it; at worst a paragraph is cut in two
at a sentence end.

Each pass looks at each pair of neighbouring lines once (linear); the chrome test runs only
on lines a joint names, through the caller's cache. The words named above are listed in
``clean/data/`` (read by :mod:`extractor.clean.sentences`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extractor.clean.sentences import (
    ABBREVIATIONS,
    CONTINUING_WORDS,
    SENTENCE_OPENERS,
    SENTENCE_STOP,
)

MIN_WRAPPED_LINE = 30  # characters: shorter lines are menu items, labels or verse
MIN_WRAPPED_WORDS = 4
MIN_STRONG_JOINTS = 2  # a dump with fewer shows no wrapping; its capitalised lines stay apart
NONE, LOOSE, WEAK, STRONG = 0, 1, 2, 3

# "... Lakeside Co." / "ltd. in ...": a full stop of an abbreviation (or of an initial, a
# single capital), not of the sentence
_ABBREVIATION_STOP = re.compile(
    r"(?:\b[A-Z]|\b(?:" + "|".join(map(re.escape, sorted(ABBREVIATIONS))) + r"))\.$"
)
_CLAUSE_MARK = re.compile(r"[,;，；]")
_FIRST_WORD = re.compile(r"[\"“‘'(（$€£¥]*([^\W_]+)")
_CONTINUING_MARKS = ",;-–—(/&"


def _joint(upper: str, lower: str) -> int:
    """How strongly ``lower`` may continue ``upper`` as one paragraph, from the two texts
    alone (wrap_joints() then checks chrome and the lines around)."""
    if len(upper) < MIN_WRAPPED_LINE or not lower:
        return NONE
    first = lower[0]
    if SENTENCE_STOP.search(upper):
        abbreviation = (first.islower() or first.isdigit()) and _ABBREVIATION_STOP.search(upper)
        return STRONG if abbreviation else NONE
    if upper.count(" ") + 1 < MIN_WRAPPED_WORDS:
        return NONE
    if first.islower() or upper[-1] in _CONTINUING_MARKS:
        return STRONG
    if upper[upper.rfind(" ") + 1 :] in CONTINUING_WORDS:
        return STRONG
    # a capital that does not open a sentence: a name or a number running over the wrap
    # ("... the former Lakeside" / "Industrial Park", "... rose" / "23 percent") is WEAK;
    # after a lower-case word it is LOOSE, as a headline above its first paragraph is
    opener = _FIRST_WORD.match(lower)
    if opener is None or opener.group(1) in SENTENCE_OPENERS:
        return NONE
    last = upper[upper.rfind(" ") + 1 :]
    return WEAK if opener.group(1)[0].isdigit() or last[:1].isupper() else LOOSE


def _reads_as_prose(line: str) -> bool:
    """Lower-case words (a third or more) or a comma: a clause, not a line of names or
    menu items."""
    words = line.split()
    return sum(w[:1].islower() for w in words) * 3 >= len(words) or bool(_CLAUSE_MARK.search(line))


def _wrap_width(lengths: list[int]) -> int:
    """The dump's wrap width, as the median length of the lines that wrap for sure (lines of
    an unwrapped paragraph, over 120 characters, left out)."""
    lengths = sorted(n for n in lengths if n <= 120)
    return lengths[len(lengths) // 2] if lengths else 0


def wrap_joints(
    blocks: list[list[str]], is_chrome: Callable[[str], bool]
) -> tuple[list[list[int]], bool]:
    """For each block of lines (a run without blank lines), the joint between each line and
    the next (NONE where they stay apart), and whether the dump is hard-wrapped (shows two
    strong joints or more)."""
    joints = [[_joint(a, b) for a, b in zip(lines, lines[1:], strict=False)] for lines in blocks]
    sure: list[int] = []  # the lengths of the upper lines of sure wraps
    for lines, block in zip(blocks, joints, strict=True):
        for i, joint in enumerate(block):
            a, b = lines[i], lines[i + 1]
            if joint == STRONG and _reads_as_prose(a) and not (is_chrome(a) or is_chrome(b)):
                sure.append(len(a))
    wrapped = len(sure) >= MIN_STRONG_JOINTS
    width = _wrap_width(sure)
    for lines, block in zip(blocks, joints, strict=True):
        for i, joint in enumerate(block):
            if joint == NONE:
                continue
            a, b = lines[i], lines[i + 1]
            continued = i > 0 and block[i - 1] != NONE
            # a weak or loose joint needs a dump that wraps, and a line that is a continuation
            # or holds a comma; a weak one may also be a full line (the next word would not
            # have fitted on it: not a heading's end)
            if joint in (WEAK, LOOSE) and not (
                wrapped
                and (
                    continued
                    or _CLAUSE_MARK.search(a)
                    or (joint == WEAK and len(a) + 1 + len(b.split(" ", 1)[0]) > width)
                )
            ):
                joint = NONE
            if joint != NONE and not (continued or _reads_as_prose(a)):
                joint = NONE
            if joint != NONE and (is_chrome(a) or is_chrome(b)):
                joint = NONE
            block[i] = joint
    return joints, wrapped


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
