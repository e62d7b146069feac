"""Accessibility of the built yearbook in headless Chromium.

axe-core (npm, pinned in package.json): the check itself on fixtures (it runs on every chapter
and a sample of entity pages in both languages and palettes in test_reading_browser.py); the
language selector and the sortable tables by keyboard. The contrast and text alternatives
of charts, which axe cannot judge (text inside an SVG), are checked in the one pass over the
chart pages (test_charts_browser.py). Each check (browser_checks) is one that a fixture in
tests/fixtures/a11y/ breaking its rule makes fail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_checks import (
    axe_violations,
    chart_problems,
)

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "a11y"

# The check itself, on fixtures: it fails a page breaking a rule and passes it fixed.


def test_axe_check_fails_a_page_breaking_its_rules(browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto((FIXTURES / "violations.html").as_uri())
        found = {(v.rule, v.impact) for v in axe_violations(page, ("critical", "serious"))}
        assert found == {("color-contrast", "serious"), ("image-alt", "critical")}
        page.goto((FIXTURES / "clean.html").as_uri())
        assert axe_violations(page) == []
    finally:
        page.close()


def test_chart_check_fails_low_contrast_text_and_a_missing_name(browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto((FIXTURES / "charts.html").as_uri())
        problems = chart_problems(page)
        assert len(problems) == 2, problems
        assert problems[0].startswith('chart-on-the-page: "2025年" at 1.')
        assert problems[1].startswith("chart-without-name: no text alternative")
    finally:
        page.close()


# The yearbook.


def _tab_to(page: Any, selector: str, limit: int = 40) -> int:
    """Press Tab until the focused element matches `selector`; return how many presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return presses
    raise AssertionError(f"{selector} not reached in {limit} Tab presses")


@pytest.mark.parametrize(
    ("start", "language", "expected"),
    [("/deals/", "en", "/en/deals/"), ("/en/robotics/", "zh", "/robotics/")],
)
def test_language_selector_works_by_keyboard(
    browser: Any, site_url: str, start: str, language: str, expected: str
) -> None:
    page = browser.new_page()
    try:
        page.goto(site_url + start)
        _tab_to(page, ".md-select > button")
        _tab_to(page, f"a.md-select__link[hreflang='{language}']", limit=2)  # zh, en
        # The list opens for the focused link (Material's :focus-within), so it can be seen.
        menu = "document.activeElement.closest('.md-select__inner')"
        page.wait_for_function(f"getComputedStyle({menu}).opacity === '1'")
        page.keyboard.press("Enter")
        page.wait_for_url(site_url + expected)
        assert page.evaluate("document.documentElement.lang") == language
        current = page.locator(
            "a.md-select__link[hreflang][aria-current='page']"
        )  # not the edition
        assert current.get_attribute("hreflang") == language
    finally:
        page.close()


TABLE = 'table[data-yearbook-table="deals"]'


@pytest.mark.parametrize("start", ["/data/deals/", "/en/data/deals/"])
def test_sortable_headers_work_by_keyboard(browser: Any, site_url: str, start: str) -> None:
    page = browser.new_page()
    try:
        page.goto(site_url + start)
        page.wait_for_function(f"document.querySelector('{TABLE} th[role=columnheader]')")
        methods: list[str] = page.eval_on_selector_all(
            f"{TABLE} thead th", "cells => cells.map(c => c.dataset.sortMethod || '')"
        )
        column = methods.index("number")  # the total value
        # Every header is in the tab order, one after the other.
        page.focus(f"{TABLE} thead th >> nth=0")
        assert _tab_to(page, f"{TABLE} thead th:nth-child({column + 1})") == column
        header = page.locator(f"{TABLE} thead th >> nth={column}")

        def keys() -> list[float]:
            values: list[float] = page.eval_on_selector_all(
                f"{TABLE} tbody tr:not(.yearbook-detail)",  # a row's detail is no row
                f"rows => rows.map(r => parseFloat(r.cells[{column}].dataset.sort ?? '0'))",
            )
            return values

        page.keyboard.press("Enter")
        assert header.get_attribute("aria-sort") == "ascending"
        assert keys() == sorted(keys())
        scrolled = page.evaluate("window.scrollY")
        page.keyboard.press("Space")
        assert header.get_attribute("aria-sort") == "descending"
        assert keys() == sorted(keys(), reverse=True) and keys()[0] > keys()[-1]
        assert page.evaluate("window.scrollY") == scrolled  # Space sorted, did not scroll
        sorted_headers = page.eval_on_selector_all(f"{TABLE} th[aria-sort]", "h => h.length")
        assert sorted_headers == 1
    finally:
        page.close()
