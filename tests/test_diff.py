"""`edz diff` and extractor.diff: fact matching, metadata and text changes, folders, bad records."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.cli import cli
from extractor.diff import (
    Change,
    FolderDiff,
    RecordDiff,
    diff_paths,
    diff_records,
    ignorable_fields,
    load_record,
)
from extractor.diff_report import format_record_diff
from extractor.errors import RecordError, SchemaVersionError
from extractor.record import Article, Entity, Money, Record, Source, Year

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "diff"
SHA_A = "a" * 64


# --- building records by hand --------------------------------------------------------


def make_record(text: str, **fields: Any) -> Record:
    """A record of ``text`` whose facts are given as (kind -> list of dicts with a `text`
    key); offsets are found in ``text`` (the n-th dict with the same surface text gets its
    n-th occurrence), sentences counted by '. '."""
    seen: dict[str, int] = {}
    facts: dict[str, list[Any]] = {}
    models = {"money": Money, "years": Year, "entities": Entity}
    for kind in ("money", "years", "entities"):
        items = []
        for spec in fields.pop(kind, ()):
            surface = spec["text"]
            nth = seen.get(surface, 0)
            seen[surface] = nth + 1
            start = -1
            for _ in range(nth + 1):
                start = text.index(surface, start + 1)
            sentence = len(re.findall(r"[.!?](?:\s|$)", text[:start]))
            items.append(
                models[kind](start=start, end=start + len(surface), sentence=sentence, **spec)
            )
        facts[kind] = sorted(items, key=lambda f: f.start)
    record = {
        "extractor_version": fields.pop("extractor_version", "0.1.0"),
        "source": Source(path="a.txt", sha256=SHA_A, format="plain", bytes=len(text.encode())),
        "article": Article(**fields.pop("article", {"title": "Binhai grows"})),
        "text": text,
        "warnings": tuple(fields.pop("warnings", ())),
        **facts,
    }
    assert not fields, f"unknown fields {fields}"
    return Record.model_validate(record)


def money(surface: str, amount: float | None, **extra: Any) -> dict[str, Any]:
    fields = {"currency": "CNY", "low": None, "high": None, "qualifier": None}
    fields.update(extra)
    return {"text": surface, "amount": amount, "equivalent_of": None, **fields}


def year(value: int) -> dict[str, Any]:
    return {"text": str(value), "value": value}


def entity(surface: str, label: str = "GPE", **extra: Any) -> dict[str, Any]:
    return {"text": surface, "label": label, **extra}


def ops(changes: list[Change]) -> list[tuple[str, str, Any]]:
    """(op, kind, what) per change: a fact's text, a field name or a paragraph index."""
    out = []
    for c in changes:
        if c.kind in ("article", "source", "meta"):
            what: Any = c.field
        elif c.kind == "text":
            what = c.paragraph
        else:
            what = (c.a or c.b)["text"] if c.op != "changed" else (c.a["text"], c.b["text"])
        out.append((c.op, c.kind, what))
    return out


ARTICLE = (
    "The Binhai New Area drew 100 billion yuan in 2020.\n\n"
    "In 2020, output sat at 40.25 billion yuan, and Tianjin grew.\n\n"
    "By 2025, Binhai will be a pilot zone."
)
ARTICLE_FACTS: dict[str, Any] = {
    "money": [money("100 billion yuan", 1e11), money("40.25 billion yuan", 4.025e10)],
    "years": [year(2020), year(2020), year(2025)],
    "entities": [entity("Binhai New Area", "LOC"), entity("Tianjin"), entity("Binhai")],
}


def article(text: str = ARTICLE, **changes: Any) -> Record:
    fields = {kind: list(items) for kind, items in ARTICLE_FACTS.items()}
    fields.update(changes)
    return make_record(text, **fields)


# --- facts ------------------------------------------------------------------------------


def test_a_record_equals_itself() -> None:
    record = article()
    assert diff_records(record, record) == []
    assert diff_records(record, record, offsets=True) == []


def test_facts_that_only_moved_are_not_changes() -> None:
    before = article()
    after = article("A new first paragraph with no facts.\n\n" + ARTICLE)
    assert after.money[0].start != before.money[0].start
    changes = diff_records(before, after, ignore=["source"])
    assert ops(changes) == [("added", "text", (None, 0))]


def test_offsets_reports_moved_facts() -> None:
    before = article()
    after = article("A new first paragraph with no facts.\n\n" + ARTICLE)
    moved = [c for c in diff_records(before, after, offsets=True) if c.op == "moved"]
    assert len(moved) == len(before.money) + len(before.years) + len(before.entities)
    assert {c.kind for c in moved} == {"money", "years", "entities"}
    for change in moved:
        assert change.a["text"] == change.b["text"]
        assert change.b["start"] - change.a["start"] == len(
            "A new first paragraph with no facts.\n\n"
        )


def test_a_value_changed_in_place_is_one_changed_fact() -> None:
    before = article()
    text = ARTICLE.replace("40.25 billion", "41.25 billion")
    after = article(
        text, money=[money("100 billion yuan", 1e11), money("41.25 billion yuan", 4.125e10)]
    )
    money_changes = [c for c in diff_records(before, after) if c.kind == "money"]
    assert len(money_changes) == 1
    change = money_changes[0]
    assert change.op == "changed"
    assert change.fields == ("text", "amount")
    assert (change.a["amount"], change.b["amount"]) == (40250000000, 41250000000)


def test_same_value_written_differently_is_a_change_of_text_only() -> None:
    before = article()
    text = ARTICLE.replace("100 billion yuan", "100bn yuan")
    facts = [money("100bn yuan", 1e11), money("40.25 billion yuan", 4.025e10)]
    after = article(text, money=facts)
    money_changes = [c for c in diff_records(before, after) if c.kind == "money"]
    assert [(c.op, c.fields) for c in money_changes] == [("changed", ("text",))]


def test_a_fact_elsewhere_is_added_and_removed_not_changed() -> None:
    text = ARTICLE.replace("drew 100 billion yuan", "drew funds").replace(
        "pilot zone.", "pilot zone worth 7 billion yuan."
    )
    after = article(
        text, money=[money("40.25 billion yuan", 4.025e10), money("7 billion yuan", 7e9)]
    )
    money_changes = [c for c in diff_records(article(), after) if c.kind == "money"]
    assert ops(money_changes) == [
        ("removed", "money", "100 billion yuan"),
        ("added", "money", "7 billion yuan"),
    ]


def test_a_repeated_value_is_matched_to_the_nearest_one() -> None:
    # A third "2020" is written into the last paragraph: that one is the new one,
    # not the first or the second.
    text = ARTICLE.replace("By 2025,", "By 2025, as planned in 2020,")
    after = article(text, years=[year(2020), year(2020), year(2025), year(2020)])
    changes = diff_records(article(), after, ignore=["text", "source"])
    assert len(changes) == 1
    assert changes[0].op == "added"
    assert changes[0].b["start"] == text.index("in 2020,") + 3


def test_list_order_does_not_matter() -> None:
    # Records from another extractor version may list facts in another order.
    before = article()
    shuffled = before.model_copy(update={"years": tuple(reversed(before.years))})
    assert diff_records(before, shuffled) == []


def test_equivalent_of_is_compared_by_what_it_points_at() -> None:
    text = "It drew 100 billion yuan ($15.44 billion) in 2020."
    usd = money("$15.44 billion", 1.544e10, currency="USD", equivalent_of=0)
    before = make_record(text, money=[money("100 billion yuan", 1e11), usd])
    longer = "A fund of 5 billion yuan was set up. " + text
    after = make_record(
        longer,
        money=[
            money("5 billion yuan", 5e9),
            money("100 billion yuan", 1e11),
            {**usd, "equivalent_of": 1},
        ],
    )
    changes = diff_records(before, after, ignore=["text", "source"])
    assert ops(changes) == [("added", "money", "5 billion yuan")]
    # Pointing at the new figure instead is a change.
    wrong = make_record(
        longer,
        money=[
            money("5 billion yuan", 5e9),
            money("100 billion yuan", 1e11),
            {**usd, "equivalent_of": 0},
        ],
    )
    changed = [c for c in diff_records(before, wrong) if c.kind == "money" and c.op == "changed"]
    assert [(c.a["text"], c.fields) for c in changed] == [("$15.44 billion", ("equivalent_of",))]


def test_entities_match_by_canonical_name() -> None:
    text = "The Tianjin Economic and Tech Development Area (TEDA) grew."
    long_name = "Tianjin Economic and Tech Development Area"
    before = make_record(
        text, entities=[entity(long_name, "LOC"), entity("TEDA", "LOC", canonical=long_name)]
    )
    after = make_record(text, entities=[entity(long_name, "LOC"), entity("TEDA", "LOC")])
    changes = diff_records(before, after)
    assert [(c.op, c.a["text"], c.fields) for c in changes] == [("changed", "TEDA", ("canonical",))]


def test_entity_label_changed_in_place() -> None:
    text = "Binhai and Tianjin grew."
    before = make_record(text, entities=[entity("Binhai", "GPE"), entity("Tianjin")])
    after = make_record(
        text, entities=[entity("Binhai", "LOC", category="zone"), entity("Tianjin")]
    )
    changes = diff_records(before, after)
    assert [(c.op, c.fields) for c in changes] == [("changed", ("label", "category"))]
    assert diff_records(before, after, ignore=["entities.label", "entities.category"]) == []


# --- metadata, text, ignore ---------------------------------------------------------------


def test_article_metadata_changes_field_by_field() -> None:
    before = article(article={"title": "Binhai grows", "url": "https://x.cn/1"})
    after = article(article={"title": "Binhai grows fast", "author": "Li Ming"})
    assert ops(diff_records(before, after)) == [
        ("changed", "article", "article.title"),
        ("removed", "article", "article.url"),
        ("added", "article", "article.author"),
    ]


def test_source_and_meta_are_reported_last_and_can_be_ignored() -> None:
    before = article(warnings=["no date found"])
    after = article(warnings=["title from the first line"], extractor_version="0.2.0")
    after = after.model_copy(update={"source": before.source.model_copy(update={"path": "b.txt"})})
    assert ops(diff_records(before, after)) == [
        ("changed", "source", "source.path"),
        ("changed", "meta", "extractor_version"),
        ("removed", "meta", "warnings"),
        ("added", "meta", "warnings"),
    ]
    assert ops(diff_records(before, after, ignore=["source.path", "warnings"])) == [
        ("changed", "meta", "extractor_version")
    ]
    assert diff_records(before, after, ignore=["source", "meta"]) == []
    assert diff_records(before, after, ignore="source.path") == diff_records(
        before, after, ignore=["source.path"]
    )


def test_unknown_ignore_names_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot ignore source.paht"):
        diff_records(article(), article(), ignore=["source.paht"])
    assert {"source.path", "counts", "entities.category", "extractor_version"} <= set(
        ignorable_fields()
    )
    assert "money.start" not in ignorable_fields()


def test_text_changes_by_paragraph() -> None:
    text = ARTICLE.replace("and Tianjin grew", "and Tianjin grew fast")
    text = text.replace("The Binhai New Area drew 100 billion yuan in 2020.\n\n", "")
    text += "\n\nA closing paragraph."
    changes = diff_records(
        article(), make_record(text), ignore=["money", "years", "entities", "source"]
    )
    assert ops(changes) == [
        ("removed", "text", (0, None)),
        ("changed", "text", (1, 0)),
        ("added", "text", (None, 2)),
    ]
    lines = [line.text for line in format_record_diff(RecordDiff("a", "b", tuple(changes)))]
    assert lines == [
        "~ text: 3 paragraphs differ: 1 changed, 1 added, 1 removed (--text shows them)"
    ]
    full = [
        line.text for line in format_record_diff(RecordDiff("a", "b", tuple(changes)), text=True)
    ]
    assert full[1] == (
        "~ text paragraph 1 (was 2): In 2020, output sat at 40.25 billion yuan, "
        "and Tianjin grew{+ fast+}."
    )
    assert full[2] == "+ text paragraph 3: A closing paragraph."


@st.composite
def edited_articles(draw: st.DrawFn) -> tuple[Record, Record]:
    """An article of paragraphs with years, and a version with paragraphs inserted,
    dropped or their years rewritten."""
    years = st.integers(min_value=1990, max_value=2030)

    def paragraph(values: list[int]) -> str:
        return " ".join(f"In {v} the zone grew." for v in values) or "Nothing happened."

    paras = draw(st.lists(st.lists(years, max_size=3), min_size=1, max_size=5))
    edited = []
    for values in paras:
        action = draw(st.sampled_from(["keep", "keep", "drop", "insert", "rewrite"]))
        if action == "insert":
            edited.append(draw(st.lists(years, max_size=2)))
        if action == "rewrite" and values:
            values = [*values[:-1], draw(years)]
        if action != "drop":
            edited.append(values)

    def record(groups: list[list[int]]) -> Record:
        text = "\n\n".join(paragraph(v) for v in groups)
        return make_record(text, years=[year(v) for v in (v for g in groups for v in g)])

    return record(paras), record(edited)


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n") if text else []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_articles())
def test_diff_properties(pair: tuple[Record, Record]) -> None:
    a, b = pair
    for first, second in ((a, b), (b, a)):
        changes = diff_records(first, second)
        assert diff_records(first, second) == changes, "deterministic"
        assert (changes == []) == (first.text == second.text)
        # Every paragraph and fact is accounted for once: paired, removed or added.
        for kind, before, after in (
            ("text", paragraphs(first.text), paragraphs(second.text)),
            ("years", first.years, second.years),
        ):
            of_kind = [c for c in changes if c.kind == kind]
            removed = sum(c.op == "removed" for c in of_kind)
            added = sum(c.op == "added" for c in of_kind)
            assert len(before) - removed == len(after) - added
        years = [c for c in changes if c.kind == "years"]
        assert all(c.a in [y.model_dump() for y in first.years] for c in years if c.a)
        assert all(c.b in [y.model_dump() for y in second.years] for c in years if c.b)
        # Matching by value first: a year is never both removed and added, and a
        # changed year changed its value.
        removed_values = {c.a["value"] for c in years if c.op == "removed"}
        added_values = {c.b["value"] for c in years if c.op == "added"}
        assert not removed_values & added_values
        assert all(c.a["value"] != c.b["value"] for c in years if c.op == "changed")


def test_extracted_records_of_an_edited_article() -> None:
    """Real extract() output: a paragraph added at the top moves every fact, and only
    the text changes (whatever facts the extractors find, they find them again)."""
    from extractor import extract

    body = (
        "The Binhai New Area in Tianjin drew 100 billion yuan in 2020, up 12 percent.\n\n"
        "More than 1,500 biomedical companies work in the zone."
    )
    before = extract(body, format="plain")
    after = extract("Officials spoke on Monday.\n\n" + body, format="plain")
    changes = diff_records(before, after, ignore=["source"])
    assert ops(changes) == [("added", "text", (None, 0))]
    facts = sum(
        len(getattr(before, kind))
        for kind in ("money", "percentages", "years", "counts", "entities", "claims")
    )
    moved = diff_records(before, after, ignore=["source", "text"], offsets=True)
    assert len(moved) == facts
    assert all(c.op == "moved" for c in moved)


# --- loading records ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "truncated.json",
            "not valid JSON: unterminated string starting at line 7 column 5 "
            "(the file ends too early: truncated?)",
        ),
        ("array.json", "not a record: the JSON is an array, not an object"),
        ("not_a_record.json", "not an edz record: it has no schema_version"),
        ("wrong_field.json", "not a valid record: money[0].currency: String should match pattern"),
        ("empty.json", "empty file, not a record"),
        ("two_records.jsonl.json", "is this JSON Lines?"),
        ("future_version.json", 'a record of schema version "2.0"; this edz reads 1.1'),
    ],
)
def test_bad_record_files_name_the_file(name: str, message: str) -> None:
    path = FIXTURES / "bad" / name
    with pytest.raises(RecordError) as info:
        load_record(path)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)
    assert isinstance(info.value, SchemaVersionError) == (name == "future_version.json")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"schema_version": "1.0", "x": NaN}', "NaN is not a JSON number"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"schema_version": "1.0", "text": "\xff\xfe"}', "not UTF-8"),
        (b'{"schema_version": 1}', "schema version 1;"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),
    ],
)
def test_hostile_record_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(content)
    with pytest.raises(RecordError, match=re.escape(message)):
        load_record(path)


def test_unpaired_surrogate_is_refused(tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "article_v1.json").read_text())
    data["article"]["title"] = "\ud800"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data))  # ensure_ascii: written as a \ud800 escape
    with pytest.raises(RecordError, match="unpaired surrogate"):
        load_record(path)


def test_a_record_with_a_bom_loads(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "article_v1.json").read_bytes())
    assert load_record(path) == load_record(FIXTURES / "article_v1.json")


def test_fixture_pairs_are_valid_records() -> None:
    for path in sorted(FIXTURES.rglob("*.json")):
        if path.parent.name in ("bad", "broken_b"):
            continue
        record = load_record(path)
        for kind in ("money", "percentages", "years", "counts", "entities"):
            for fact in getattr(record, kind):
                assert record.text[fact.start : fact.end] == fact.text, (path, fact)


# --- the command ------------------------------------------------------------------------


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def edz(runner: CliRunner, *args: str | Path, color: bool = False) -> Any:
    return runner.invoke(cli, ["diff", *map(str, args)], color=color)


V1, V2 = FIXTURES / "article_v1.json", FIXTURES / "article_v2.json"


def test_command_on_a_corrected_article(runner: CliRunner) -> None:
    result = edz(runner, V1, V2)
    assert result.exit_code == 1
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == (
        '~ article.title: "Qinghe speeds up growth in medical device industry" -> '
        '"Qinghe speeds up medical device industry growth"'
    )
    assert lines[1] == "~ text: 3 paragraphs differ: 2 changed, 1 added (--text shows them)"
    assert (
        '~ money: "40.25 billion yuan" -> "41.25 billion yuan" '
        "(amount: 40250000000 -> 41250000000)" in lines
    )
    assert '+ money: "2 billion yuan" (2000000000 CNY)' in lines
    assert '+ years: "2021" (2021)' in lines
    assert not any(line.startswith(("- money", "- years", "> ")) for line in lines)
    kinds = [line.split(":")[0][2:].split(".")[0].split(" ")[0] for line in lines]
    order = [
        "article",
        "text",
        "money",
        "percentages",
        "years",
        "counts",
        "entities",
        "claims",
        "source",
        "meta",
    ]
    assert kinds == sorted(kinds, key=order.index), "grouped by kind"


def test_command_offsets_and_text(runner: CliRunner) -> None:
    result = edz(runner, "--offsets", "--text", V1, V2)
    lines = result.stdout.splitlines()
    moved = [line for line in lines if line.startswith("> ")]
    assert moved and all(" moved " in line for line in moved)
    assert any("[-40-]{+41+}.25 billion yuan" in line for line in lines)
    assert (
        "+ text paragraph 7: In 2021, the new area also set up a 2 billion yuan fund "
        "for device makers." in lines
    )


def test_command_same_records_exit_0_and_print_nothing(runner: CliRunner) -> None:
    result = edz(runner, V1, V1)
    assert (result.exit_code, result.output) == (0, "")
    ignored = ["article", "text", "money", "years", "source"]
    result = edz(runner, *(x for name in ignored for x in ("--ignore", name)), V1, V2)
    assert (result.exit_code, result.output) == (0, "")


def test_command_json(runner: CliRunner) -> None:
    result = edz(runner, "--json", "--ignore", "source", V1, V2)
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["a"] == str(V1) and doc["b"] == str(V2)
    assert [(c["op"], c["kind"]) for c in doc["changes"]] == [
        ("changed", "article"),
        ("changed", "text"),
        ("added", "text"),
        ("changed", "text"),
        ("changed", "money"),
        ("added", "money"),
        ("added", "years"),
        ("added", "claims"),
    ]
    money_change = doc["changes"][4]
    assert money_change["a"]["amount"] == 40250000000 and money_change["b"]["amount"] == 41250000000
    assert money_change["fields"] == ["text", "amount"]
    assert doc["changes"][0]["field"] == "article.title"


def test_command_colors_only_when_asked(runner: CliRunner) -> None:
    assert "\x1b[" not in edz(runner, V1, V2).stdout
    colored = edz(runner, V1, V2, color=True).stdout
    assert "\x1b[32m+ money" in colored and "\x1b[33m~ money" in colored


def test_command_folders(runner: CliRunner) -> None:
    result = edz(runner, FIXTURES / "batch_a", FIXTURES / "batch_b")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "- only in A: old.txt.json",
        "+ only in B: parks/new.txt.json",
        "~ qinghe.txt.json: 10 changes (article 1, text 3, money 2, years 1, claims 1, source 2)",
        "total: 1 changed (10 changes), 1 only in A, 1 only in B, 1 same, 0 errors",
    ]
    doc = json.loads(edz(runner, "--json", FIXTURES / "batch_a", FIXTURES / "batch_b").stdout)
    assert doc["only_in_a"] == ["old.txt.json"] and doc["only_in_b"] == ["parks/new.txt.json"]
    assert [f["path"] for f in doc["files"]] == ["qinghe.txt.json"]
    assert len(doc["files"][0]["changes"]) == 10 == doc["totals"]["changes"]
    assert doc["totals"] == {
        "changed": 1,
        "same": 1,
        "only_in_a": 1,
        "only_in_b": 1,
        "errors": 0,
        "changes": 10,
    }


def test_a_bad_file_in_a_folder_is_reported_and_the_rest_compared(runner: CliRunner) -> None:
    result = edz(runner, FIXTURES / "broken_a", FIXTURES / "broken_b")
    assert result.exit_code == 2
    bad = FIXTURES / "broken_b" / "qinghe.txt.json"
    assert result.stderr.startswith(f"edz: {bad}: not valid JSON: ")
    assert result.stdout.splitlines() == [
        "total: 0 changed (0 changes), 0 only in A, 0 only in B, 1 same, 1 error"
    ]
    doc = json.loads(edz(runner, "--json", FIXTURES / "broken_a", FIXTURES / "broken_b").stdout)
    assert doc["errors"][0]["path"] == str(bad)


@pytest.mark.parametrize("name", sorted(p.name for p in (FIXTURES / "bad").iterdir()))
def test_command_on_bad_files_exits_2_naming_the_file(runner: CliRunner, name: str) -> None:
    path = FIXTURES / "bad" / name
    for args in ((path, V1), (V1, path)):
        result = edz(runner, *args)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr.startswith(f"edz: {path}: ")
        assert "Traceback" not in result.output


def test_command_usage_errors(runner: CliRunner, tmp_path: Path) -> None:
    result = edz(runner, V1, FIXTURES / "batch_a")
    assert result.exit_code == 2
    assert result.stderr == (
        f"edz: {FIXTURES / 'batch_a'}: is a folder but {V1} is a file: "
        "compare two record files or two folders\n"
    )
    result = edz(runner, V1, tmp_path / "missing.json")
    assert (result.exit_code, result.stderr) == (
        2,
        f"edz: {tmp_path / 'missing.json'}: no such file or folder\n",
    )
    result = edz(runner, "--ignore", "nonsense", V1, V2)
    assert result.exit_code == 2
    assert "cannot ignore nonsense" in result.stderr


# --- folders: hostile trees -----------------------------------------------------------


def test_folder_walk_survives_links_fifos_and_odd_names(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for side in (a, b):
        (side / "sub").mkdir(parents=True)
        shutil.copy(V1, side / "sub" / "same.txt.json")
        (side / "sub" / "loop").symlink_to(side, target_is_directory=True)
        (side / ".edz-tmp-123.json").write_text("{half")  # a batch's temporary file
    outside = tmp_path / "outside.json"
    shutil.copy(V1, outside)
    (a / "outside.txt.json").symlink_to(outside)
    shutil.copy(V1, b / "outside.txt.json")
    os.mkfifo(b / "fifo.json")
    shutil.copy(V1, a / "fifo.json")
    odd_name = "caf\xe9 news".encode() + b"\xff.json"  # not UTF-8
    with open(os.path.join(os.fsencode(a), odd_name), "wb") as fh:
        fh.write(V1.read_bytes())
    with open(os.path.join(os.fsencode(b), odd_name), "wb") as fh:
        fh.write(V2.read_bytes())

    result = diff_paths(a, b)
    assert isinstance(result, FolderDiff)
    assert result.same == ("sub/same.txt.json",)
    assert [rel for rel, _ in result.changed] == [os.fsdecode(b"caf\xc3\xa9 news\xff.json")]
    messages = sorted(str(e) for e in result.errors)
    assert messages == sorted(
        [
            f"{a / 'outside.txt.json'}: links outside {a}; not read",
            f"{b / 'fifo.json'}: not a regular file; not read",
        ]
    )
    assert result.exit_code == 2
    doc = json.dumps(result.to_json(), ensure_ascii=False)
    assert "caf\u00e9 news\\\\xff.json" in doc


def test_diff_of_the_same_folder_is_empty() -> None:
    result = diff_paths(FIXTURES / "batch_a", FIXTURES / "batch_a")
    assert isinstance(result, FolderDiff)
    assert (result.exit_code, result.changed, len(result.same)) == (0, (), 3)


# --- claims -------------------------------------------------------------------------------

CLAIMED = "In 2020, the zone's GDP reached 40 billion yuan, up 6 percent."


def _claimed(text: str = CLAIMED) -> Record:
    from extractor import extract

    return extract(text, format="plain")


def _with_claim(record: Record, index: int, **update: Any) -> Record:
    claims = list(record.claims)
    claims[index] = claims[index].model_copy(update=update)
    return record.model_copy(update={"claims": tuple(claims)})


def test_a_claim_whose_year_changed_is_one_change_not_a_remove_and_an_add() -> None:
    a = _claimed()
    assert [c.fact.kind for c in a.claims] == ["money", "percentages"]
    b = _with_claim(a, 0, year=2021, indicator="output_value")
    changes = diff_records(a, b)
    assert [(c.op, c.kind, c.fields, c.fact_text) for c in changes] == [
        ("changed", "claims", ("indicator", "year"), "40 billion yuan")
    ]
    line = format_record_diff(RecordDiff("a", "b", tuple(changes))).pop().text
    assert (
        line
        == '~ claims: "40 billion yuan" (indicator: "gdp" -> "output_value", year: 2020 -> 2021)'
    )
    assert diff_records(a, b, ignore=["claims.year", "claims.indicator"]) == []
    assert diff_records(a, b, ignore=["claims"]) == []
    assert diff_records(a, b, ignore=["money"]) == []  # the claims of ignored figures too


def test_a_claim_follows_its_figure_when_the_text_moves() -> None:
    a = _claimed()
    b = _claimed("The zone opened in 1992.\n\n" + CLAIMED)
    kinds = {c.kind for c in diff_records(a, b, ignore=["source"])}
    assert "claims" not in kinds  # the figures moved: their claims are the same
    moved = [c for c in diff_records(a, b, offsets=True) if c.kind == "claims"]
    assert [c.op for c in moved] == ["moved", "moved"]


def test_claims_of_a_removed_figure_are_removed() -> None:
    a = _claimed()
    b = _claimed("In 2020, the zone's GDP reached 40 billion yuan.")
    claims = [(c.op, c.fact_text) for c in diff_records(a, b) if c.kind == "claims"]
    assert claims == [("removed", "6 percent")]
    as_json = [c.to_json() for c in diff_records(a, b) if c.kind == "claims"]
    assert as_json[0]["fact_text"] == "6 percent" and as_json[0]["b"] is None
