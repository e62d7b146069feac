"""What readers see on a phone, a tablet and a laptop, in headless Chromium: every chapter and a
sample of entity pages, in both languages, each loaded once and read at 360, 768 and 1366 px.

No page scrolls sideways at any width; no table shown is cut off at 1366 px (wider than its
column); chart text is at least 11 px as rendered at 360 px and no two chart labels overlap
(the static graphics a page opens with, and the live charts that replace them, read in the
one pass over the chart pages, conftest.live_chart_pages); axe-core finds nothing in either
palette. Each check
(browser_checks) fails the fixture page tests/fixtures/a11y/layout.html breaks it on.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from browser_checks import (
    COLOUR_RULES,
    MIN_CHART_TEXT_PX,
    READ_AFTER_RESIZE,
    SCHEMES,
    axe_violations,
    chart_text_problems,
    layout_problems,
    open_tables,
    switch_palette,
    with_axe,
)
from conftest import CHART_PAGES
from serve import serving

pytestmark = pytest.mark.browser

DATASET_PAGES = ("deals", "approvals", "investments", "clusters", "robotics_events")
DATASET_PAGES += ("indicators", "policies", "companies")
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "a11y" / "layout.html"
WIDTHS = (360, 768, 1366)
PHONE, LAPTOP = WIDTHS[0], WIDTHS[-1]
CHAPTERS = (
    *("", "approvals/", "deals/", "robotics/", "clusters/", "policy/"),
    *("directory/", "glossary/", "data/", "about/"),
    *(f"data/{dataset}/" for dataset in DATASET_PAGES),
)
ENTITIES = ("companies/hengrui/", "clusters/suzhou-biobay/", "events/world-robot-conference-2025/")
PAGES = [
    *(prefix + page for prefix in ("/", "/en/") for page in CHAPTERS + ENTITIES),
    *("/404.html", "/en/404.html"),
]


# The checks themselves, on a fixture page that breaks each of them.


def test_the_checks_find_sideways_scrolling_cut_tables_small_and_overlapping_chart_text(
    browser: Any,
) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 800})
    try:
        page.goto(FIXTURE.as_uri())
        assert layout_problems(page, tables=False) == [
            "the page scrolls sideways: 500 px wide in 360 px"
        ]
        assert layout_problems(page, tables=True)[1:] == [
            'table "Wide" is cut off: 900 px wide in 300 px'
        ]
        assert chart_text_problems(page, MIN_CHART_TEXT_PX) == [
            'small-text: "tiny" is 5.0 px',
            'overlapping: "first label" overlaps "second label"',
        ]
    finally:
        page.close()


# The yearbook.


@pytest.mark.parametrize("path", CHART_PAGES)
def test_live_chart_text_is_readable_on_a_phone_and_labels_do_not_overlap(
    live_chart_pages: dict[str, dict[str, Any]], path: str
) -> None:
    # Every chart of the page live, read at a laptop's width and then a phone's. First in the
    # file: the Lighthouse tests (another process) wait for this pass to find the heaviest page.
    text = {int(width): problems for width, problems in live_chart_pages[path]["text"].items()}
    assert sorted(text) == [PHONE, LAPTOP]
    assert not any(text.values()), _problems(text)


@dataclass(frozen=True)
class Reading:
    layout: dict[int, list[str]]
    chart_text: dict[int, list[str]]
    charts: int
    axe: dict[str, list[str]]


def read(page: Any, url: str) -> Reading:
    """Load the page at phone width, read it at every width, then run axe at laptop width in
    both palettes (every rule in the first, the rules about colour in the other: the rest do
    not depend on colour)."""
    page.set_viewport_size({"width": PHONE, "height": 800})
    page.goto(url)
    open_tables(page)
    page.wait_for_function("() => typeof Tablesort === 'function'")
    layout, chart_text = {}, {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.wait_for_function(READ_AFTER_RESIZE)
        layout[width] = layout_problems(page, tables=width == LAPTOP)
        chart_text[width] = chart_text_problems(page, MIN_CHART_TEXT_PX if width == PHONE else 0)
    # The palette the page opened in (the one the last page ended in), then the other: a
    # palette switch styles a long page again.
    shown = page.evaluate("document.body.dataset.mdColorScheme")
    axe: dict[str, list[str]] = {}
    for scheme in sorted(SCHEMES, key=lambda scheme: scheme != shown):
        switch_palette(page, scheme)
        found = axe_violations(page, rules=COLOUR_RULES if axe else ())
        axe[scheme] = [str(violation) for violation in found]
    return Reading(layout, chart_text, page.locator(".yearbook-chart").count(), axe)


@pytest.fixture(scope="module")
def reading_url(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The yearbook served for reading, each search index cut to its first entry: Material's
    search worker builds the whole index at every page load (a ninth of this pass's CPU time),
    and nothing read here searches (test_browser.py and test_project_site.py do)."""
    copy = Path(shutil.copytree(site, tmp_path_factory.mktemp("reading") / "site"))
    for index in copy.rglob("search_index.json"):
        entries = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps({**entries, "docs": entries["docs"][:1]}), encoding="utf-8")
    with serving(copy) as url:
        yield url


@pytest.fixture(scope="module")
def readings(browser: Any, reading_url: str) -> dict[str, Reading]:
    # One tab going from page to page, as a reader following links does: Chromium keeps its
    # renderer and compiled scripts, a third less work than a new tab for each page.
    context = with_axe(browser.new_context(color_scheme="light"))
    try:
        page = context.new_page()
        return {path: read(page, reading_url + path) for path in PAGES}
    finally:
        context.close()


def _problems(found: dict[Any, list[str]]) -> str:
    return "\n".join(f"{key}: {problem}" for key, problems in found.items() for problem in problems)


@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways_and_no_table_is_cut_off(
    readings: dict[str, Reading], path: str
) -> None:
    found = readings[path].layout
    assert not any(found.values()), _problems(found)


@pytest.mark.parametrize("path", PAGES)
def test_chart_text_is_readable_on_a_phone_and_labels_do_not_overlap(
    readings: dict[str, Reading], path: str
) -> None:
    reading = readings[path]
    assert (reading.charts > 0) == (path in CHART_PAGES), reading.charts
    assert not any(reading.chart_text.values()), _problems(reading.chart_text)


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation_in_either_palette(readings: dict[str, Reading], path: str) -> None:
    # Any impact, not only serious and critical: Lighthouse scores every axe violation.
    found = readings[path].axe
    assert not any(found.values()), _problems(found)
