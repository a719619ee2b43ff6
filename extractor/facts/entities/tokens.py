"""A doc's tokens as plain lists, and what kind of word each token is.

The rules look at each token several times, and every ``doc[i]`` builds a new Token
object; list lookups are several times cheaper (about a third of the component's time on
news).
"""

from __future__ import annotations

from itertools import compress

from spacy.attrs import ORTH, SENT_START, SPACY
from spacy.tokens import Doc

from extractor.facts.entities.lexicon import OPEN_QUOTES, TITLES, is_capword_text

PLAIN, CAPWORD, TITLE = 0, 1, 2


class WordKinds(dict[str, int]):
    """What each word seen so far is: ``CAPWORD`` (``is_capword_text``), ``TITLE``
    (a title: "Mr.", "President"; never a capword) or ``PLAIN``.

    Looked up for every token of every doc through ``map(self.__getitem__, words)``,
    which runs in C for the words already seen (a third of the cost of calling a cached
    function per token). Emptied when full, so memory stays bounded over a long batch.
    """

    MAX_WORDS = 1 << 16

    def __missing__(self, word: str) -> int:
        if len(self) >= self.MAX_WORDS:
            self.clear()
        if word.islower():
            # No upper-case letter: neither a name word nor a title (most new words).
            kind = PLAIN
        else:
            kind = CAPWORD if is_capword_text(word) else TITLE if word in TITLES else PLAIN
        self[word] = kind
        return kind


# A cache of word -> kind shared by every doc (a word's kind never depends on the doc).
WORD_KINDS = WordKinds()


class OrthTexts(dict[int, str]):
    """Token texts by their ORTH hash, shared by every doc: a hash names the same string
    in every vocabulary. Reading a doc's texts through it costs a third less than cutting
    them from the text, and gives the same ``str`` objects each time, whose hashes are
    kept, so the later set and dict lookups of each word are cheaper too. Emptied when
    full, so memory stays bounded over a long batch."""

    MAX_WORDS = 1 << 17


ORTH_TEXTS = OrthTexts()


def token_texts(doc: Doc, orths: list[int]) -> list[str]:
    """``[t.text for t in doc]`` from the tokens' ORTH hashes, through :data:`ORTH_TEXTS`."""
    try:
        return list(map(ORTH_TEXTS.__getitem__, orths))
    except KeyError:
        pass  # a word not seen yet: add the doc's new words, then read them all
    if len(ORTH_TEXTS) >= OrthTexts.MAX_WORDS:
        ORTH_TEXTS.clear()
    strings = doc.vocab.strings
    for orth in orths:
        if orth not in ORTH_TEXTS:
            ORTH_TEXTS[orth] = strings[orth]
    return list(map(ORTH_TEXTS.__getitem__, orths))


class Tokens:
    """A doc's token texts and flags as plain lists."""

    __slots__ = ("cap", "doc", "marks", "n", "sent", "space", "words")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.n = len(doc)
        if not self.n:
            self.words: list[str] = []
            self.space: list[bool] = []
            self.sent: list[bool] = []
            self.cap: list[bool] = []
            self.marks: list[int] = []
            return
        # One array for the three columns (unsigned: a SENT_START of -1 wraps, and stays
        # unequal to 1).
        columns = doc.to_array([ORTH, SPACY, SENT_START])
        self.words = token_texts(doc, columns[:, 0].tolist())
        self.space = (columns[:, 1] == 1).tolist()
        # Token.is_sent_start is true where SENT_START is 1.
        self.sent = (columns[:, 2] == 1).tolist()
        kinds = list(map(WORD_KINDS.__getitem__, self.words))
        self.cap = list(map(CAPWORD.__eq__, kinds))
        # The tokens a run of names can start at (capitalized words and titles), in
        # order: the rest of the doc is skipped over, not walked token by token.
        self.marks = list(compress(range(self.n), kinds))

    def text(self, start: int, end: int) -> str:
        """``doc[start:end].text``."""
        if end <= start:
            return ""
        words, space = self.words, self.space
        return (
            "".join(words[k] + " " if space[k] else words[k] for k in range(start, end - 1))
            + (words[end - 1])
        )

    def sentence_initial(self, i: int) -> bool:
        """Whether token ``i`` starts a sentence (after any opening quotes)."""
        j = i
        while j > 0 and self.words[j - 1] in OPEN_QUOTES:
            j -= 1
        if j == 0:
            return True
        start = self.sent[j]
        return bool(start) or self.words[j - 1] in {".", "!", "?", ":"} or "\n" in self.words[j - 1]
