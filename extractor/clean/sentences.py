"""Where a line ends a sentence, and where a sentence goes on: the marks and words the
cleaner's line tests share.

The marks that end a sentence (``.!?`` and the Chinese full-width ``。！？``) and the closing
quotes and brackets that may follow them are defined once here. The tests built from them
differ on purpose, each for what its caller asks (see the comment on each):

- :data:`ENDS_SENTENCE_OR_LEAD_IN` (HTML body and scoring): the line's last character is a
  stop, a closing mark or a colon;
- :data:`ENDS_SENTENCE` (text dumps): the same without the colon;
- :data:`SENTENCE_STOP` (hard-wrapped lines): a stop, then closing marks only.

The word lists (``data/*.txt``, one word a line, ``#`` comments: the format of the entity
tables in ``extractor/facts/data``) say which words a sentence goes on after, which open a
new one, and which abbreviations end with a full stop that is not the sentence's end.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

DATA_DIR: Final = Path(__file__).resolve().parent / "data"

STOPS: Final = ".!?。！？"
# Quotes and brackets that close after a sentence's stop ("... he said." / "(Xinhua)").
CLOSING_MARKS: Final = '"”’)）'


def _last_character_in(marks: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(marks)}]$")


# A block whose last character is a stop, a closing mark or a colon is text, not a label:
# in an HTML page a short paragraph ending in a colon is a lead-in to what follows it in
# the body (a list, a table, photos), so html.py keeps it at the body's edges and score.py
# counts it as body. (Without the colon, one bench page loses such a lead-in.)
ENDS_SENTENCE_OR_LEAD_IN: Final = _last_character_in(STOPS + CLOSING_MARKS + ":")
# The same test for a line of a text dump, without the colon: text.py reads a line as
# prose, and keeps it at the end of the body, only when it ends as a sentence. A dump has
# lost the markup that shows a colon's line to be a lead-in, and its trailing lines that
# end in a colon are labels of chrome ("Share to:", "Related:"). (No record of the bench,
# real or fixture pages changes with the colon added: a choice kept, not one measured.)
ENDS_SENTENCE: Final = _last_character_in(STOPS + CLOSING_MARKS)
# A stop, then closing marks only: wrap.py joins a line to the next unless it ends a
# sentence, and a line that only ends with a closing mark ("... the Lakeside Park (LIP)",
# a quote closed mid-sentence) goes on. An ellipsis ends a sentence here (a teaser cut
# short never runs on), and the closing marks include ' and ] as a dump writes them.
_DUMP_CLOSING_MARKS: Final = CLOSING_MARKS + "']"
SENTENCE_STOP: Final = re.compile(f"[{re.escape(STOPS + '…')}][{re.escape(_DUMP_CLOSING_MARKS)}]*$")


def _words(filename: str) -> frozenset[str]:
    """The words of ``data/<filename>``: one a line, blank lines and ``#`` comments left out."""
    text = (DATA_DIR / filename).read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


# Words a sentence does not stop on ("of", "and", "the"): a line ending with one goes on.
CONTINUING_WORDS: Final = _words("continuing-words.txt")
# Capitalised words that open a sentence: a line starting with one begins a new sentence.
SENTENCE_OPENERS: Final = _words("sentence-openers.txt")
# Abbreviations whose full stop is not the sentence's end ("Lakeside Co.", "approx.").
ABBREVIATIONS: Final = _words("abbreviations.txt")
# English function words and words every page has ("year", "news", "said"): they say nothing
# of which head line of a text dump the body is about (text.py's headline test).
FUNCTION_WORDS: Final = _words("function-words.txt")
