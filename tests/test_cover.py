"""The front page as the edition's cover (yearbook.pages.cover): its title and edition, the
key-figure tiles editors choose in the Markdown, chapter cards, then the prose."""

from __future__ import annotations

import html
import re
from functools import partial
from pathlib import Path

import jinja2
import pytest
from built_html import resolve
from conftest import ROOT

from yearbook.data.model import Dataset
from yearbook.formatting import format_period
from yearbook.pages.cover import INDICATORS, Chapter, cover_html
from yearbook.pages.fill import RowIds, render
from yearbook.pages.markdown import marker_words, scan
from yearbook.pages.markers import MarkerError, find_markers
from yearbook.pages.references import fill_references

FRONT_PAGES = {"zh": "index.html", "en": "en/index.html"}
CHAPTERS = (
    Chapter("deals", "授权与合作交易", "deals/"),
    Chapter("robotics", "机器人", "robotics/"),
)
_TILE = re.compile(r"<li>\s*(<p class=\"yearbook-figure__value\">.*?)</li>", re.S)
_PART = re.compile(r'<p class="yearbook-figure__(\w+)">(.*?)</p>', re.S)
_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.S)


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def _tiles(page: str) -> list[dict[str, str]]:
    """Each key-figure tile of a built page: its parts' text, and its links as `links`."""
    tiles = []
    for tile in _TILE.findall(page):
        parts = {name: _text(body) for name, body in _PART.findall(tile)}
        parts["links"] = " ".join(href for href, _ in _LINK.findall(tile))
        tiles.append(parts)
    return tiles


def _chosen(language: str) -> list[tuple[str, str]]:
    """The (indicator, chapter) of each key-figure marker of the language's front page."""
    markdown = (ROOT / "content" / language / "index.md").read_text(encoding="utf-8")
    words = (marker_words(line.text) for line in scan(markdown))
    return [(found[1], found[2]) for found in words if found[:1] == ["key-figure"]]


def _reference(indicator: str, datasets: dict[str, Dataset], language: str) -> str:
    """What `{{ indicators:ID:value }}` prints in running text, as plain text."""
    filled = fill_references(f"{{{{ indicators:{indicator}:value }}}}", datasets, language, "t", "")
    return html.unescape(filled)


def test_a_run_of_key_figure_markers_is_one_set_of_tiles_in_the_markdowns_order(
    datasets: dict[str, Dataset], env: jinja2.Environment
) -> None:
    markdown = (
        "# 年鉴\n\n<!-- yearbook:edition -->\n\n"
        "<!-- yearbook:key-figure beijing-robotics-revenue-growth-2024 robotics -->\n"
        "<!-- yearbook:key-figure cn-out-licensing-total-2026-q1 deals -->\n"
    )
    choices = {
        "indicator": RowIds(datasets, [INDICATORS], prefixed=False),
        "chapter": [c.name for c in CHAPTERS],
    }
    markers = find_markers(markdown, choices, "index.md")
    shown = [
        cover_html(marker, markers, datasets, "zh", "2026", CHAPTERS, "data/", partial(render, env))
        for marker in markers
    ]
    assert shown[0] == '<p class="yearbook-edition">2026年卷</p>'
    assert shown[2] == ""  # the second line's tile is in the first line's set
    tiles = _tiles(shown[1])
    assert [tile["value"] for tile in tiles] == ["50%", "超600亿美元"]
    assert tiles[0] == {
        "value": "50%",
        "counts": "机器人产业营业收入同比增长",
        "period": "北京 · 2024年",
        "links": "robotics/ data/#source-xinhua-2025-08-16-robotics",
    }
    assert "详见机器人" in shown[1] and "来源：" in shown[1]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "<!-- yearbook:key-figure cn-out-licensing-total-2026-q1 -->",
            "<!-- yearbook:key-figure INDICATOR CHAPTER --> needs indicator and chapter names",
        ),
        (
            "<!-- yearbook:key-figure no-such-indicator deals -->",
            "unknown indicator 'no-such-indicator'",
        ),
        (
            "<!-- yearbook:key-figure cn-out-licensing-total-2026-q1 dealz -->",
            "unknown chapter 'dealz' in <!-- yearbook:key-figure"
            " cn-out-licensing-total-2026-q1 dealz -->; valid names: deals, robotics",
        ),
    ],
)
def test_a_key_figure_names_an_indicator_and_a_chapter(
    datasets: dict[str, Dataset], line: str, message: str
) -> None:
    choices = {
        "indicator": RowIds(datasets, [INDICATORS], prefixed=False),
        "chapter": [c.name for c in CHAPTERS],
    }
    with pytest.raises(MarkerError, match=r"index\.md:3: ") as caught:
        find_markers(f"# 年鉴\n\n{line}\n", choices, "index.md")
    assert message in str(caught.value)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_front_page_is_a_cover_title_edition_tiles_chapters_then_prose(
    site: Path, language: str
) -> None:
    page = (site / FRONT_PAGES[language]).read_text(encoding="utf-8")
    settings = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    edition = re.search(r'^    edition: "(\w+)"$', settings, re.M)
    assert edition is not None  # extra.yearbook.edition
    heading = re.search(r"<h1[^>]*>(.*?)<a", page)
    assert heading is not None
    assert _text(heading[1]) == {"zh": "中国创新年鉴", "en": "China Innovation Yearbook"}[language]
    assert re.search(rf'</h1>\s*<p class="yearbook-edition">[^<]*{edition[1]}[^<]*</p>', page)
    # In the order a cover reads: the tiles, then the chapter cards, then the first prose section.
    order = [
        page.index(mark)
        for mark in ('class="grid cards yearbook-figures"', 'class="grid cards yearbook-chapters"')
    ] + [page.index('id="numbers-in-context"')]
    assert order == sorted(order)
    assert 6 <= len(_tiles(page)) <= 8
    cards = page[order[1] : order[2]]
    assert len(re.findall(r"<li>", cards)) == 7


@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_tile_is_the_markdowns_choice_printed_as_its_reference_prints_it(
    site: Path, datasets: dict[str, Dataset], language: str
) -> None:
    path = FRONT_PAGES[language]
    tiles = _tiles((site / path).read_text(encoding="utf-8"))
    chosen = _chosen(language)
    assert len(tiles) == len(chosen) >= 6
    for tile, (indicator, chapter) in zip(tiles, chosen, strict=True):
        row = datasets["indicators"].by_id[indicator]
        assert tile["value"] == _reference(indicator, datasets, language)
        assert tile["counts"] == row[f"metric_{language}"]
        assert tile["period"].startswith(row[f"area_{language}"])
        assert tile["period"].endswith(format_period(row["period"], language))
        chapter_link, *source_links = tile["links"].split()
        assert chapter_link == f"{chapter}/"
        assert resolve(site, path, chapter_link).is_file()
        assert [link.rsplit("#source-", 1)[1] for link in source_links] == row["source"].split(";")
