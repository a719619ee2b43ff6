"""The HTML body finder's parts: a body split across containers, found whole."""

from __future__ import annotations

import pytest

from extractor.clean import clean, score

# A body split in two by an advert block: the same <div class="story-part"> twice, in two
# different wrappers, so the second part is neither the best node nor one of its siblings.
SPLIT_PAGE = (
    "<html><head><title>Zone grows</title></head><body>"
    '<div class="col-a"><div class="story-part">'
    + "".join(
        f"<p>The first part, paragraph {n}, says the zone grew, hired staff, and built"
        " new roads, bridges, and schools for the workers.</p>"
        for n in range(6)
    )
    + '</div></div><div class="promo-box"><a href="/x">Buy now</a></div>'
    '<div class="col-b"><div class="story-part">'
    + "".join(
        f"<p>The second part, paragraph {n}, says exports rose, imports fell, and the"
        " port handled more ships than a year before.</p>"
        for n in range(4)
    )
    + "</div></div></body></html>"
)


def test_a_body_split_across_two_containers_is_found_whole() -> None:
    text = clean(SPLIT_PAGE, format="html").text
    assert "The first part, paragraph 0," in text
    assert "The second part, paragraph 3," in text
    assert text.index("first part, paragraph 5") < text.index("second part, paragraph 0")
    assert "Buy now" not in text


def test_the_second_part_comes_from_the_cousins(monkeypatch: pytest.MonkeyPatch) -> None:
    # the test above depends on _cousins: without it the second part is lost
    monkeypatch.setattr(score, "_cousins", lambda *args: [])
    text = clean(SPLIT_PAGE, format="html").text
    assert "The first part, paragraph 0," in text
    assert "The second part" not in text
