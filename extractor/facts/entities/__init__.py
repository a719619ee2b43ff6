"""Entity mentions: development zones, organizations, facilities and places.

Rules on the blank pipeline, no statistical model. For each doc (the record's clean text,
so page chrome cannot become an entity):

1. :mod:`.tokens`: the doc's token texts and flags as plain lists, and which words are
   capitalized name words or titles.
2. :mod:`.gazetteer`: the names listed in ``extractor/facts/data`` (provinces, cities,
   districts, countries, regions, zones, parks, bodies, media, companies, aliases) are
   found token by token from an index of their token texts by first token (what a
   ``PhraseMatcher`` on ORTH finds, without building one), longest first.
3. :mod:`.runs`: runs of capitalized words (joined by "of", "and", "for", "&", hyphens,
   "of the" after a head, a place or a quoted name inside) are names when a listed head
   ends them ("... Development Area", "... Co., Ltd.", "Qingdao FTZ") or starts them before
   "of" ("Ministry of Commerce"), and a proper word stands before the head; :mod:`.zones`
   accepts a zone name by its grammar instead (place words + kind words + head: "East
   Lake Hi-tech Development Zone"). "and" splits a run into two names when both are names
   on their own or one is a company; "X of (the) Y" is one name unless X is a zone or place
   naming something alone. In a title-case heading line (:mod:`.headings`) a name with a
   head ends before the capitalized verb after it.
4. :mod:`.headless`: in other runs, the gazetteer names inside are the names, unless part of
   an unknown longer name or a person's name; lower-case designators ("Jiangsu province"
   -> "Jiangsu"), ethnic autonomous regions and joint names ("Changan Ford").
5. :mod:`.companies`: unknown names after a role noun ("carmaker Leapmotor", "companies
   such as ..."), after "CEO of" / "the factory of the", among the parties of a deal
   ("signed agreements with X and Y"), before "'s plant" or a place in parentheses ("X
   (Guangzhou)"), or listed with a known company are companies; :mod:`.places`: listed with
   known places, after "the counties of" or "located in", before ", Texas", places; listed
   before a shared lower-case head ("Ruyi and Jinchuan industrial parks"), what it says.
6. :mod:`.aliases`: acronyms and aliases the document defines ("(NETDA)", ", or NETDA",
   "(TBNA for short)", "better known as ..."), and zones' short forms, get ``canonical`` =
   the long name wherever they are used; an unknown name defining the acronym of its
   initials is a name ("Sulawesi Mining Investment (SMI)"); :mod:`.media`: an unknown name
   cited as a source ("as cited in a X report", "reported X", a dateline's "(X) -") is a
   news medium.

Finally a place naming a currency ("U.S. dollars"), a news agency in a photo or source
credit and government bodies making up a paragraph near the top on their own (a by-line)
are dropped. The word tables the rules use are files in ``extractor/facts/data``
beside the gazetteer (``WORD_TABLE_FILES``), read by :mod:`.lexicon`. :mod:`.model`
merges a statistical pipeline's entities (``--model``). The leading "the" and a
possessive "'s" are never part of a span.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.facts.base import ensure_extension, set_fact_spans
from extractor.facts.entities.aliases import link_aliases, names_by_acronym
from extractor.facts.entities.companies import (
    APPOSITION_OPENERS,
    NameContext,
    companies_by_context,
    companies_by_place_suffix,
    name_lists,
    names_by_apposition,
)
from extractor.facts.entities.gazetteer import (
    Found,
    Knowledge,
    byline_bodies,
    in_credit,
    in_photo_credit,
    may_hold_photo_credit,
    with_designator,
    with_place_suffix,
)
from extractor.facts.entities.headless import DESIGNATED
from extractor.facts.entities.lexicon import (
    ALIASES_FILE,
    DATA_DIR,
    GAZETTEER_FILES,
    WORD_TABLE_FILES,
    WORDS_FILE,
    EntityValue,
    Gazetteer,
    load_gazetteer,
)
from extractor.facts.entities.linking import link_article_names
from extractor.facts.entities.media import CITATION_OPENERS, media_by_citation
from extractor.facts.entities.model import KIND, MODEL_LABELS, merge_model_entities
from extractor.facts.entities.places import (
    HEAD_OPENERS,
    names_before_shared_head,
    places_by_context,
    places_by_cue,
)
from extractor.facts.entities.runs import names_in_run, runs
from extractor.facts.entities.tokens import Tokens
from extractor.facts.entities.zones import back_references

__all__ = [
    "ALIASES_FILE",
    "DATA_DIR",
    "GAZETTEER_FILES",
    "KIND",
    "MODEL_LABELS",
    "WORDS_FILE",
    "WORD_TABLE_FILES",
    "EntitiesRecognizer",
    "EntityValue",
    "Gazetteer",
    "load_gazetteer",
    "make_entities",
    "merge_model_entities",
]


CURRENCY_WORDS = frozenset({"dollar", "dollars", "Dollar", "Dollars"})


class EntitiesRecognizer:
    """The ``edz_entities`` component: writes the doc's entity mentions."""

    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extension(KIND)
        self.name = name
        self.gazetteer = load_gazetteer()
        self.knowledge = Knowledge(nlp, self.gazetteer)

    def find(self, doc: Doc) -> list[Found]:
        """Every entity mention in ``doc``, in order, not overlapping."""
        k = self.knowledge
        v = Tokens(doc)
        gaz = k.matches(v)
        found: list[Found] = []
        claimed: set[int] = set()
        persons: set[str] = set()
        all_runs = list(runs(k, v))
        n = v.n
        for start, end in all_runs:
            if (
                end - start == 1
                and start not in gaz
                and (end >= n or v.words[end] not in DESIGNATED)
            ):
                # Most runs are one capitalized word that no list knows ("The", "He",
                # "Smith"): names_in_run finds nothing in those (no suffix head without a
                # word before it, no gazetteer name inside, no "... district"), so skip it.
                continue
            listed = gaz.get(start + (v.words[start] in {"The", "A"}))
            if listed is not None and listed.end > end:
                # A listed name that runs on past the capitalized words ("Guangdong-Macao
                # In-Depth Cooperation Zone in Hengqin") wins over the run.
                if not claimed.intersection(range(listed.start, listed.end)):
                    found.append(listed)
                    claimed.update(range(listed.start, listed.end))
                continue
            for f in names_in_run(k, v, start, end, gaz, persons):
                if claimed.intersection(range(f.start, f.end)):
                    continue
                if f.end - f.start == 1 and v.words[f.start] in persons:
                    continue
                f = with_place_suffix(k, v, with_designator(v, f))
                found.append(f)
                claimed.update(range(f.start, f.end))
        # Gazetteer names outside any run: "TIANJIN" is a run too, but "3M"-like ones are not,
        # nor those that end in a lower-case word ("Chinese mainland").
        for s, f in gaz.items():
            if not claimed.intersection(range(f.start, f.end)) and not (
                v.cap[s] and v.cap[f.end - 1]
            ):
                found.append(f)
                claimed.update(range(f.start, f.end))
        found.extend(self._by_context(v, gaz, all_runs, found, claimed, persons))
        # A place that names a currency ("U.S. dollars", "Hong Kong dollars") is no place,
        # and a news agency in a credit ("[Photo/Xinhua]", "Source: China Daily") is chrome.
        credits = may_hold_photo_credit(v)
        byline = byline_bodies(v, found)
        found = [
            f
            for f in found
            if not (f.value.label == "GPE" and f.end < n and v.words[f.end] in CURRENCY_WORDS)
            and not (f.value.category == "other" and f.value.label == "ORG" and in_credit(k, v, f))
            and not (credits and in_photo_credit(v, f))
            and f.start not in byline
        ]
        found.sort(key=lambda f: f.start)
        found = back_references(v, found)
        return link_article_names(k, v, link_aliases(k, v, found, claimed, gaz))

    def _by_context(
        self,
        v: Tokens,
        gaz: dict[int, Found],
        all_runs: list[tuple[int, int]],
        found: list[Found],
        claimed: set[int],
        persons: set[str],
    ) -> list[Found]:
        """Names no list or head knows, found from their context (companies.py, aliases.py);
        each rule gets only the runs or lists its cue can follow (most docs have few)."""
        k, words, n = self.knowledge, v.words, v.n
        lists = name_lists(v, all_runs)
        new: list[Found] = []
        c = NameContext(k, v, claimed, persons, gaz)
        new.extend(companies_by_context(c, lists, found))
        new.extend(places_by_context(c, lists, found + new))
        before_head = [i for i in lists if i[-1][1] < n and words[i[-1][1]] in HEAD_OPENERS]
        new.extend(names_before_shared_head(c, before_head))
        after_in = [items for items in lists if words[items[0][0] - 1] == "in"]
        new.extend(places_by_cue(c, after_in, found + new))
        before_comma = [r for r in all_runs if r[1] < n and words[r[1]] in APPOSITION_OPENERS]
        new.extend(names_by_apposition(c, before_comma))
        before_paren = [r for r in all_runs if r[1] < n and words[r[1]] == "("]
        new.extend(companies_by_place_suffix(c, before_paren))
        new.extend(names_by_acronym(k, v, before_paren, claimed, gaz))
        # (A run at 0 reads the last token: media_by_citation sees it has no cue.)
        cited = [r for r in all_runs if words[r[0] - 1] in CITATION_OPENERS]
        new.extend(media_by_citation(c, cited))
        return new

    def __call__(self, doc: Doc) -> Doc:
        found = self.find(doc)
        set_fact_spans(doc, KIND, _spans(doc, found))
        return doc


def _spans(doc: Doc, found: list[Found]) -> list[tuple[Span, EntityValue]]:
    return [(doc[f.start : f.end], f.value) for f in found]


@Language.factory("edz_entities")
def make_entities(nlp: Language, name: str) -> EntitiesRecognizer:
    return EntitiesRecognizer(nlp, name)
