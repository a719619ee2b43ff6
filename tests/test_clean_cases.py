"""Case tables of the cleaner's metadata: date lines and text-dump titles (fixtures/clean/),
and regression cases of the body and of HTML metadata (real-page forms, self-written)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import extract
from extractor.clean import clean
from extractor.clean.dates import date_line_date
from extractor.clean.lines import chrome_kind, is_language_switch

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "clean"

BODY = [
    "The zone signed 12 projects worth a total of 7.6 billion yuan on Tuesday, officials said.",
    "Foreign-funded projects accounted for 30 percent of the total, up from a year earlier.",
    "The district expects the projects to start operating next year, its director said.",
]


def _table(name: str, separator: str) -> list[tuple[str, ...]]:
    rows = []
    for line in (CASES / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(tuple(line.split(separator)))
    return rows


DATE_LINES = _table("date-lines.txt", "\t")
HTML_DATES = _table("html-dates.txt", "\t")
TITLES = _table("titles.txt", " => ")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Via Harbour Daily", "source"),
        ("via Xinhua", "source"),
        ("Via the new port goods reach Europe in twelve days", None),
    ],
)
def test_a_via_credit_is_a_source_line(line: str, kind: str | None) -> None:
    assert chrome_kind(line) == kind


def test_the_tables_are_big_enough() -> None:
    assert len(DATE_LINES) >= 25 and len(TITLES) >= 15
    assert any(expected == "-" for _, expected in DATE_LINES)


@pytest.mark.parametrize(("line", "expected"), DATE_LINES, ids=[c[0][:40] for c in DATE_LINES])
def test_date_line(line: str, expected: str) -> None:
    assert date_line_date(line) == (None if expected == "-" else expected)


@pytest.mark.parametrize(
    ("page", "expected"), HTML_DATES, ids=[str(i) for i in range(len(HTML_DATES))]
)
def test_html_date_table(page: str, expected: str) -> None:
    head, body = page.split(" ¦ ")
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    html = f"<html><head>{head}</head><body>{body.replace('{body}', paragraphs)}</body></html>"
    cleaned = clean(html, format="html")
    assert cleaned.published == (None if expected == "-" else expected)
    assert BODY[0] in cleaned.text.split("\n\n")


@pytest.mark.parametrize(("head", "expected"), TITLES, ids=[c[1][:40] for c in TITLES])
def test_dump_title_and_date(head: str, expected: str) -> None:
    title, date = expected.split(" | ")
    dump = "\n".join(head.split(" ¶ ")) + "\n\n" + "\n\n".join(BODY) + "\n"
    cleaned = clean(dump, format="text")
    assert cleaned.title == title
    assert cleaned.published == (None if date == "-" else date)
    paragraphs = cleaned.text.split("\n\n")
    assert BODY[0] in paragraphs and title not in paragraphs  # the title is not body


@pytest.mark.parametrize(
    "first",
    [
        # lines of 120 characters or more, with commas: they read as prose. A photo caption
        # with its credit, a sentence glued to its source, a lead too long for a headline.
        "Workers assemble cars at a plant in Port City, the city at the core of the new "
        "economic zone on the coast. By Li Ming / Harbour Daily |",
        "The Lakeside zone recorded output of 22 billion yuan in the first half, up 2.5% "
        "year-on-year.Lakeside District Statistics Bureau",
        "Deputy Minister Li Ming attends the Lakeside trade forum in Port City, the capital, on "
        "April 16, 2019. — Picture by Wang Fang",
        "The green Lakeside Economic and Technological Development Zone, in the north of the "
        "province, should become a new driver of high-end factories and of cross-border trade",
    ],
)
def test_a_first_paragraph_without_a_stop_is_no_headline_when_it_reads_as_text(
    first: str,
) -> None:
    cleaned = clean(first + "\n\n" + "\n\n".join(BODY) + "\n", format="text")
    assert cleaned.title is None
    assert cleaned.text.split("\n\n")[0] == first


# --- the body of text dumps ------------------------------------------------------------


def test_a_date_line_is_not_body_and_its_year_is_not_a_body_year() -> None:
    dump = (
        " date 2021-03-10 PORT CITY, March 10. /AGENCY/. The zone registered 38,200 firms by the "
        "end of 2020, officials said on Wednesday.\n\n"
        + "\n\n".join(BODY)
        + "\n\n(Xinhua 12/20/2000)\n"
    )
    record = extract(dump, format="text")
    assert record.article.published == "2021-03-10"
    assert record.text.startswith("PORT CITY, March 10.")
    assert "Xinhua 12/20/2000" not in record.text
    assert [y.text for y in record.years] == ["2020"]


def test_a_date_line_in_the_middle_of_the_body_stays_body() -> None:
    middle = "— Harbour Office (@HarbourOffice) October 9, 2018"
    assert date_line_date(middle) == "2018-10-09"
    body = [f"Paragraph {n}: {BODY[n % 3]}" for n in range(12)]
    dump = "Zone news today in the port\n\n" + "\n\n".join(body[:6] + [middle] + body[6:])
    assert middle in clean(dump, format="text").text.split("\n\n")


def test_a_paragraph_repeated_around_a_teaser_is_kept_once_whole() -> None:
    whole = "During the year the zone's use of foreign capital rose 11.7 percent to $4.31 billion."
    cut = whole[:-1]  # the copy before the teaser lost its full stop
    dump = "\n\n".join(
        ["Zone attracts record foreign capital", BODY[0], cut, "ALSO READ: Zone eases curbs"]
        + [whole, BODY[1]]
    )
    text = clean(dump, format="text").text
    assert text.count("use of foreign capital") == 1
    assert whole in text.split("\n\n")


def test_video_boxes_and_photo_credits_are_chrome_and_captions_body() -> None:
    dump = "\n\n".join(
        [
            "Zone builds a biomedicine cluster for the city",
            "A view of the zone's new container port on the river, opened in May. [Photo/Daily]",
            *BODY,
            "[Photo/Xinhua]",
            BODY[0].replace("12", "13"),
            "Video",
            "Trade envoy: the city turns into a smart manufacturing center",
            "The trade envoy praised the city over its rise as a center of manufacturing.",
            BODY[1].replace("30", "31"),
        ]
    )
    paragraphs = clean(dump, format="text").text.split("\n\n")
    assert paragraphs[0] == "A view of the zone's new container port on the river, opened in May."
    assert "[Photo/Xinhua]" not in paragraphs
    assert not any("envoy" in p for p in paragraphs)
    assert paragraphs[-1] == BODY[1].replace("30", "31")


# --- HTML metadata --------------------------------------------------------------------

PARAGRAPHS = "".join(f"<p>{p}</p>" for p in BODY * 2)


def _page(head: str = "", body: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{body}{PARAGRAPHS}</article></body></html>"


def _ld(value: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(value)}</script>'


@pytest.mark.parametrize(
    "kind",
    [
        "NewsArticle",
        "OpinionNewsArticle",
        "TechArticle",
        "LiveBlogPosting",
        "ScholarlyArticle",
        "MedicalWebPage",
        "SocialMediaPosting",
        "ReportageNewsArticle",
    ],
)
def test_json_ld_of_every_article_type(kind: str) -> None:
    head = _ld({"@type": kind, "headline": "Zone &#8211; grows", "datePublished": "2021-09-07"})
    cleaned = clean(_page(head), format="html")
    assert cleaned.published == "2021-09-07"
    assert cleaned.title == "Zone – grows"


def test_json_ld_in_a_graph_after_other_objects_and_written_twice_in_one_script() -> None:
    two = (
        json.dumps({"@type": "Organization", "name": "Daily"})
        + "\n"
        + json.dumps(
            {
                "@graph": [
                    {"@type": "WebPage"},
                    {"@type": "NewsArticle", "datePublished": "2020-10-26"},
                ]
            }
        )
    )
    cleaned = clean(_page(f'<script type="application/ld+json">{two} }}</script>'), format="html")
    assert cleaned.published == "2020-10-26"


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        # the order of trust: JSON-LD over <meta> over microdata over <time>
        (
            _ld({"@type": "NewsArticle", "datePublished": "2021-01-02"})
            + '<meta property="article:published_time" content="2021-01-03">',
            '<time datetime="2021-01-04">Jan 4</time>',
            "2021-01-02",
        ),
        (
            '<meta property="article:published_time" content="2021-01-03">',
            '<p itemprop="datePublished">2021-01-05</p><time datetime="2021-01-04">x</time>',
            "2021-01-03",
        ),
        ("", '<p itemprop="datePublished">06 Dicembre 2020</p>', "2020-12-06"),
        ("", '<time datetime="2021-01-04T08:00:00+08:00">Jan 4</time>', "2021-01-04"),
        ("", '<span class="post-date">martes 17 de marzo de 2020</span>', "2020-03-17"),
        ("", "<div>Updated: 2020-08-14 | By Li Ming</div>", "2020-08-14"),
        (
            '<link rel="canonical" href="https://news.example.com/2020/08/24/zone-grows">',
            "",
            "2020-08-24",
        ),
    ],
)
def test_html_published_date(head: str, body: str, expected: str) -> None:
    assert clean(_page(head, body), format="html").published == expected


def test_json_ld_nested_too_deeply_is_dropped_with_a_warning_and_the_page_kept() -> None:
    deep = '<script type="application/ld+json">' + "[" * 5000 + "]" * 5000 + "</script>"
    cleaned = clean(_page(deep + "<title>Zone grows</title>"), format="html")
    assert BODY[0] in cleaned.text
    assert any("JSON-LD" in w for w in cleaned.warnings)


@pytest.mark.parametrize(
    ("href", "kept"),
    [
        ("https://news.example.com/a", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<p>x</p>", False),
        ("https://news.example.com/a\nInjected: line", False),
        ("https://news.example.com/\x1b[31mred", False),
        ("https://news.example.com/" + "a" * 5_000_000, False),
        ("/relative/path", False),
    ],
    ids=["http", "javascript", "data", "newline", "ansi", "5 MB", "relative"],
)
def test_article_url_is_an_http_url_of_sane_length(href: str, kept: bool) -> None:
    head = f'<link rel="canonical" href="{href}">'
    assert clean(_page(head), format="html").url == (href if kept else None)


def test_control_characters_are_stripped_from_every_metadata_field() -> None:
    esc = "\x1b[31m"
    head = (
        f"<title>Zone{esc} grows</title>"
        f'<meta property="og:site_name" content="Daily{esc} News">'
        f'<meta property="article:section" content="Busi{esc}ness">'
        f'<meta name="author" content="Li{esc} Ming">'
    )
    cleaned = clean(_page(head), format="html")
    fields = [cleaned.title, cleaned.site, cleaned.section, cleaned.author]
    assert all(f is not None and "\x1b" not in f for f in fields), fields
    dump = f"Zone{esc} grows in the port city\nBy Li{esc} Ming\n\n" + "\n\n".join(BODY)
    cleaned = clean(dump, format="text")
    assert cleaned.title is not None and "\x1b" not in cleaned.title


@pytest.mark.parametrize(
    ("line", "switch"),
    [
        ("Global EditionASIA 中文双语Français", True),
        ("Chinese | English", True),
        ("Search 简体 Wechat", True),
        ("App | 中文 |", True),
        ("The Chinese and English texts are equally authentic", False),
        ("Chinese investors flock to the zone", False),
    ],
)
def test_language_switchers_and_prose_about_languages(line: str, switch: bool) -> None:
    assert is_language_switch(line) is switch


def test_a_location_label_over_dashes_is_a_breadcrumb_only_from_home() -> None:
    from extractor.clean.lines import breadcrumb_items

    assert breadcrumb_items("Location:Home - News - Industry News") == [
        "Home",
        "News",
        "Industry News",
    ]
    assert breadcrumb_items("Location: the east bank - near the port") is None
