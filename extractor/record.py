"""The record: pydantic models of what one article states.

Field names and their order are a contract (see README "The record"), and
``schemas/record.schema.json`` is generated from these models
(``edz schema``); a test fails when the two drift apart.

Models are frozen and forbid unknown fields. Numbers are ``int`` when the
value is integral and ``float`` otherwise, so ``1e11`` serializes as
``100000000000`` and ``64.2`` as ``64.2``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Literal["1.1"] = "1.1"

Number = int | float
Offset = Annotated[int, Field(ge=0)]


def as_number(value: Decimal | int | float | None) -> Number | None:
    """Turn an exact value into the JSON number the record stores.

    Integral values become ``int`` (``Decimal("1.544E+10")`` gives ``15440000000``),
    others the nearest ``float``.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError("a bool is not a number here")
    if isinstance(value, int):
        return value
    dec = value if isinstance(value, Decimal) else Decimal(repr(value))
    if not dec.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    if dec == dec.to_integral_value():
        return int(dec)
    return float(dec)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(_Frozen):
    """Where the record came from: the input's path, hash, format and size."""

    path: str | None = Field(description="The input file as given, or null for stdin / a string.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the input bytes.")
    format: Literal["html", "text", "plain"] = Field(
        description="How the input was read: an HTML page, a text dump with page chrome, "
        "or plain clean text."
    )
    bytes: int = Field(ge=0, description="Size of the input in bytes.")


class Article(_Frozen):
    """The article's metadata, from the page (never from the body text)."""

    title: str | None = None
    published: str | None = Field(
        default=None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="Publication date, YYYY-MM-DD."
    )
    site: str | None = None
    section: str | None = Field(default=None, description="The breadcrumb's last item.")
    url: str | None = Field(default=None, description="The canonical URL, when the page has one.")
    author: str | None = None


class _Fact(_Frozen):
    text: str = Field(description="The fact's surface text; equals record.text[start:end].")
    start: Offset = Field(description="Start offset (characters) into record.text.")
    end: Offset = Field(description="End offset (characters, exclusive) into record.text.")
    sentence: Offset = Field(description="Index of the sentence of record.text the fact is in.")


class Money(_Fact):
    """A monetary figure: ``100 billion yuan`` gives amount 1e11, currency CNY."""

    amount: Number | None = Field(
        description="The fully scaled amount; null for ranges and vague sizes."
    )
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code.")
    low: Number | None = Field(description="Lower bound, when the text states or implies one.")
    high: Number | None = Field(description="Upper bound, when the text states or implies one.")
    qualifier: str | None = Field(description='Words such as "about", "more than", "up to".')
    equivalent_of: int | None = Field(
        ge=0, description="Index in `money` of the figure this one restates in another currency."
    )


class Percentage(_Fact):
    """A percentage (``64.2 percent``) or a change in percentage points."""

    value: Number
    unit: Literal["percent", "points"] = "percent"
    qualifier: str | None = None


class Year(_Fact):
    """A calendar year mentioned in the body."""

    value: int = Field(ge=1000, le=2999)


class Count(_Fact):
    """A number and what it counts: ``more than 1,500 biomedical companies``."""

    value: Number
    qualifier: str | None = None
    noun: str | None = Field(default=None, description="What is counted, as written.")


EntityLabel = Literal["ORG", "GPE", "LOC", "FAC"]
EntityCategory = Literal[
    "zone",
    "company",
    "government",
    "institution",
    "park",
    "country",
    "province",
    "city",
    "region",
    "other",
]


class Entity(_Fact):
    """A named zone, organization, facility or place."""

    label: EntityLabel = Field(description="OntoNotes label, as spaCy's models use.")
    category: EntityCategory | None = Field(default=None, description="A finer type.")
    canonical: str | None = Field(
        default=None, description="The full name an acronym or alias stands for."
    )


Indicator = Literal[
    "gdp",
    "industrial_output",
    "added_value",
    "output_value",
    "revenue",
    "investment",
    "fixed_asset_investment",
    "foreign_investment",
    "trade",
    "exports",
    "imports",
    "fiscal_revenue",
    "retail_sales",
    "rd_spending",
    "profit",
    "funding",
    "other",
]
Quantity = Literal["level", "change", "share"]
Direction = Literal["up", "down"]
Status = Literal["actual", "target"]
ClaimKind = Literal["money", "percentages"]


class FactRef(_Frozen):
    """Which fact a claim is about: ``record[kind][index]``."""

    kind: ClaimKind
    index: Offset


class Metric(_Frozen):
    """The words that name what a figure measures (``biomedical industry output value``)."""

    text: str = Field(description="The words as written; equals record.text[start:end].")
    start: Offset
    end: Offset


class Claim(_Frozen):
    """What one money figure or percentage measures, for whom, when, and whether it is a target."""

    fact: FactRef
    indicator: Indicator = Field(description="What is measured (closed list, see CLAIMS.md).")
    quantity: Quantity = Field(description="The amount itself, a change of it, or a share.")
    direction: Direction | None = Field(description="For a change: up or down; else null.")
    status: Status = Field(description="Reported (actual) or a goal, plan or forecast (target).")
    year: int | None = Field(
        ge=1000, le=2999, description="The calendar year the value refers to, or null."
    )
    period: str | None = Field(description='The words that gave the year ("In 2020", "last year").')
    subject: str | None = Field(
        description="Whose figure it is: the fullest name the article uses, or null."
    )
    metric: Metric | None = Field(description="The words naming the measure, or null.")
    sentence: Offset = Field(description="Index of the sentence (into `sentences`).")


Sentence = tuple[Offset, Offset]


class Record(_Frozen):
    """Everything extracted from one article."""

    schema_version: Literal["1.1"] = SCHEMA_VERSION
    extractor_version: str = Field(description="Version of edz-extractor that made the record.")
    source: Source
    article: Article
    text: str = Field(description='The clean body, paragraphs joined by "\\n\\n".')
    money: tuple[Money, ...] = ()
    percentages: tuple[Percentage, ...] = ()
    years: tuple[Year, ...] = ()
    counts: tuple[Count, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = Field(
        default=(),
        description="One claim per money figure (not a conversion) and percentage, by position.",
    )
    sentences: tuple[Sentence, ...] = Field(
        default=(),
        description="[start, end] of each sentence of `text`, in order, without surrounding "
        "whitespace; a fact's `sentence` indexes this list.",
    )
    warnings: tuple[str, ...] = ()

    def to_json(self, *, indent: int | None = 2) -> str:
        """The record as JSON text; the same record always gives the same bytes."""
        return self.model_dump_json(indent=indent)

    def clean_json(self, *, indent: int | None = 2) -> str:
        """The record without its facts (what ``edz clean`` prints)."""
        return self.model_dump_json(indent=indent, include=CLEAN_FIELDS)


FACT_KINDS: tuple[str, ...] = ("money", "percentages", "years", "counts", "entities")
#: What a claim says about its figure: its fields but the figure itself and its sentence.
CLAIM_SLOTS: tuple[str, ...] = tuple(n for n in Claim.model_fields if n not in {"fact", "sentence"})
CLEAN_FIELDS = {"schema_version", "extractor_version", "source", "article", "text", "warnings"}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Record` (what ``schemas/record.schema.json`` holds)."""
    schema = Record.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://edz-extractor/schemas/record.schema.json"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
