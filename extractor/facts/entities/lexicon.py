"""What the entity rules know: the gazetteer lists and the word tables.

The gazetteer is read once per process from ``extractor/facts/data`` (see ``SOURCES.md``
there); the tables below name the heads, designators and words the rules in
:mod:`extractor.facts.entities` look for.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

# The gazetteer ships beside the other fact modules: extractor/facts/data/.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class EntityValue:
    """What an entity span says (the record's Entity fields minus text/offsets/sentence)."""

    label: str
    category: str | None
    canonical: str | None = None


# file -> (label, category); earlier files win when a name is in two lists ("Jilin").
GAZETTEER_FILES: dict[str, tuple[str, str]] = {
    "provinces.txt": ("GPE", "province"),
    "cities.txt": ("GPE", "city"),
    "countries.txt": ("GPE", "country"),
    "world-cities.txt": ("GPE", "city"),
    "other-places.txt": ("GPE", "other"),
    "us-states.txt": ("GPE", "province"),
    "world-provinces.txt": ("GPE", "province"),
    "regions.txt": ("LOC", "region"),
    "geography.txt": ("LOC", "other"),
    "zones.txt": ("ORG", "zone"),
    "parks.txt": ("FAC", "park"),
    "facilities.txt": ("FAC", "other"),
    "government.txt": ("ORG", "government"),
    "institutions.txt": ("ORG", "institution"),
    "organizations.txt": ("ORG", "other"),
    "media.txt": ("ORG", "other"),
    "companies.txt": ("ORG", "company"),
}
DOMESTIC_FILES = ("provinces.txt", "cities.txt")
MEDIA_FILE = "media.txt"
ALIASES_FILE = "aliases.tsv"
WORDS_FILE = "english-words.txt"


@dataclass(frozen=True)
class Gazetteer:
    names: dict[str, EntityValue]
    # Chinese provinces and cities: only these join into regions ("Chengdu-Chongqing").
    domestic: frozenset[str]
    common_words: frozenset[str]
    # News agencies and papers: in a credit ("[Photo/Xinhua]") they are page chrome.
    media: frozenset[str] = frozenset()


def _lines(path: Path) -> list[str]:
    """The file's lines, stripped, without blank lines and ``#`` comments."""
    # One read and C-level splitting and stripping: the word list has 64k lines, and a
    # Python loop over them was most of the gazetteer's load time.
    text = path.read_text(encoding="utf-8")
    lines = map(str.strip, text.split("\n"))
    if "#" not in text:
        return list(filter(None, lines))
    return [line for line in lines if line and not line.startswith("#")]


def _plain_style(word: str) -> str:
    """A word styled with inner capitals ("XPeng", "iFlytek", "LONGi") as plainly written
    ("Xpeng", "Iflytek", "Longi"); acronyms ("BOE", "JD.com") and others unchanged."""
    if not word.isalpha() or word.isupper() or word[1:].islower():
        return word
    return word[0].upper() + word[1:].lower()


@functools.lru_cache(maxsize=1)
def load_gazetteer(data_dir: Path = DATA_DIR) -> Gazetteer:
    """The gazetteer lists, read once per process."""
    names: dict[str, EntityValue] = {}
    domestic: set[str] = set()
    for filename, (label, category) in GAZETTEER_FILES.items():
        for name in _lines(data_dir / filename):
            names.setdefault(name, EntityValue(label, category))
            if filename in DOMESTIC_FILES:
                domestic.add(name)
    for line in _lines(data_dir / ALIASES_FILE):
        alias, full, label_category = line.split("\t")
        label, category = label_category.split("/")
        names.setdefault(alias, EntityValue(label, category, full))
    # Names with an apostrophe in the typographic form web pages often use ("Xi’an",
    # "Gui’an New Area", "People’s Bank of China").
    for name, value in list(names.items()):
        if "'" in name:
            names.setdefault(name.replace("'", "\u2019"), value)
    # Companies styled with inner capitals are often written plainly ("Xpeng" for "XPeng",
    # "Wuxi Apptec" for "WuXi AppTec", "Longi" for "LONGi"): the same company.
    for name, value in list(names.items()):
        if value.category == "company":
            plain = " ".join(map(_plain_style, name.split(" ")))
            if plain != name:
                names.setdefault(plain, value)
    # All-caps forms of places, for datelines ("TIANJIN, Oct. 12 --").
    for name, value in list(names.items()):
        if value.label == "GPE" and value.canonical is None and len(name) > 3:
            names.setdefault(name.upper(), EntityValue(value.label, value.category, None))
    words = frozenset(_lines(data_dir / WORDS_FILE))
    media = frozenset(_lines(data_dir / MEDIA_FILE))
    media |= {name.replace("'", "\u2019") for name in media if "'" in name}
    return Gazetteer(names=names, domestic=frozenset(domestic), common_words=words, media=media)


# --- word lists the rules use -------------------------------------------------------------

ZONE = ("ORG", "zone")
PARK = ("FAC", "park")
FACILITY = ("FAC", "other")
COMPANY = ("ORG", "company")
GOVERNMENT = ("ORG", "government")
INSTITUTION = ("ORG", "institution")
ORG_OTHER = ("ORG", "other")
REGION = ("LOC", "region")
NATURE = ("LOC", "other")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _kind(text: str) -> tuple[str, str]:
    label, category = text.split("/")
    return label, category


def _table(filename: str) -> list[tuple[str, str]]:
    """The ``key<TAB>value`` lines of a word table in ``DATA_DIR``, in file order."""
    rows = []
    for line in _lines(DATA_DIR / filename):
        key, value = line.split("\t")
        rows.append((key, value))
    return rows


def _word_list(filename: str) -> frozenset[str]:
    return frozenset(_lines(DATA_DIR / filename))


# The word tables, one file each in DATA_DIR (see SOURCES.md there).
WORD_TABLE_FILES = (
    "tail-heads.tsv",
    "head-first.tsv",
    "designators.tsv",
    "person-titles.txt",
    "surnames.txt",
    "demonyms.txt",
    "company-role-nouns.txt",
    "leading-non-names.txt",
    "zone-type-words.txt",
    "place-modifiers.txt",
    "place-nouns.txt",
    "company-context-nouns.txt",
    "company-officer-nouns.txt",
    "company-agent-verbs.txt",
    "company-industry-words.txt",
    "event-heads.txt",
    "names-of-things.txt",
    "compass-head-words.txt",
    "alias-openers.txt",
)

# Heads that end a name, as token texts; longest first wins ("Eco-City" before "City").
TAIL_HEADS: dict[tuple[str, ...], tuple[str, str]] = {
    tuple(head.split(" ")): _kind(kind) for head, kind in _table("tail-heads.tsv")
}
TAIL_LENGTHS = sorted({len(k) for k in TAIL_HEADS}, reverse=True)

# Heads that start a name when "of"/"for" follows: "Ministry of Commerce", "Bank of China",
# "Center for Disease Control" (a center named this way is a body, not a place).
HEAD_FIRST: dict[str, tuple[str, str]] = {
    head: _kind(kind) for head, kind in _table("head-first.tsv")
}
# Heads under which an all-common-words name is still a name ("Municipal Commerce
# Commission"): bodies are named that way; zones and places are not.
BODY_CATEGORIES = frozenset({"government", "institution", "other"})

# Designators that belong to the place before them ("Jiangsu Province"), in the order
# they are tried.
DESIGNATORS: dict[tuple[str, ...], str] = {
    tuple(words.split(" ")): category for words, category in _table("designators.tsv")
}


CONNECTORS = frozenset({"of", "and", "for", "&"})
HYPHENS = frozenset({"-", "\u2013"})
OPEN_QUOTES = frozenset({'"', "\u201c", "'", "\u2018", "(", "\u2014", "-", "--"})

MONTHS = _words(
    "January February March April May June July August September October November December "
    "Jan Jan. Feb Feb. Mar Mar. Apr Apr. Jun Jun. Jul Jul. Aug Aug. Sep Sep. Sept Sept. "
    "Oct Oct. Nov Nov. Dec Dec. Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
)
# Titles: the capitalized words after them are a person's name.
TITLES = _word_list("person-titles.txt")
# Sentence openers and quantities that are never the start of a name ("By 2025", "Tens").
LEADING_NON_NAMES = _word_list("leading-non-names.txt")
NEVER_NAMES = MONTHS | TITLES | frozenset({"I"})
# A word after a gazetteer name that does not make it part of a longer unknown name
# ("Belt and Road Initiative": the "Belt and Road" is the entity).
NOT_NAME_CONTINUATIONS = frozenset({"Initiative"})
# Adjectives that may stand right before a company or place name ("Danish Novo Nordisk"),
# unlike a first name before a surname.
DEMONYMS = _word_list("demonyms.txt")
# Nouns that introduce a company's name: "carmaker Leapmotor", "express firms A and B".
ROLE_NOUNS = _word_list("company-role-nouns.txt")
# Nouns after "X's" that show X to be a company ("SAIC Hongyan's vehicles").
COMPANY_CONTEXT_NOUNS = _word_list("company-context-nouns.txt")
# Nouns before "of (the) X" that show X to be a company: the things above ("the smart
# factory of the Qwerstar Tire") and a company's officers ("CEO of Qwerty Circular Technology").
COMPANY_OF_NOUNS = COMPANY_CONTEXT_NOUNS | _word_list("company-officer-nouns.txt")
# Past participles before "by X" that make X a company doing business: "developed by X".
COMPANY_AGENT_VERBS = _word_list("company-agent-verbs.txt")
# Last words of a company's name after a place and a trade name ("Ningbo Joyson Electronic").
COMPANY_INDUSTRY_WORDS = _word_list("company-industry-words.txt")
# Last words of events' names: the places inside them are names ("Beijing" in "2022
# Beijing China-Germany Forum"), though they go on into an unknown longer name.
EVENT_HEADS = _word_list("event-heads.txt")
# Last words of names that name a thing, not a body: "Hang Seng Index (HSI)" defines no name.
NAMES_OF_THINGS = _word_list("names-of-things.txt")
KNOWN_AS = frozenset({"known", "dubbed", "nicknamed", "called"})

SURNAMES = _word_list("surnames.txt")
# Capitalized common words that may stand before a place without making a longer name.
PLACE_MODIFIERS = _word_list("place-modifiers.txt")
# Nouns before "of" that introduce places: "the counties of ...", "the port of ...".
PLACE_NOUNS = _word_list("place-nouns.txt")
# Lower-cased words that say what kind of zone a name is ("Economic", "Hi", "tech", "Torch").
ZONE_TYPE_WORDS = _word_list("zone-type-words.txt")


def is_capword_text(text: str) -> bool:
    """A word that can be part of a name: capitalized, all-caps, or "iFlytek"-like."""
    if text in NEVER_NAMES or not text[0].isalnum():
        return False
    if text[0].isupper():
        # Every character alphanumeric or one of ' & . ’ (the first one is a letter).
        return text.translate(_NAME_MARKS).isalnum()
    # A lower-case word (the common case) has no upper-case letter: no need to look.
    return text.isalpha() and not text.islower() and any(c.isupper() for c in text[1:])


# Characters a name word may hold besides letters and digits, deleted by str.translate.
_NAME_MARKS = str.maketrans("", "", "'&.\u2019")
