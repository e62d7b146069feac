"""The built yearbook in headless Chromium: search per language and the language selector."""

from __future__ import annotations

from typing import Any

import pytest
from browser_checks import choose_language, language_after_choosing, search_results

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("start", "query", "expected"),
    [
        ("/deals/", "授权", "/deals/"),
        ("/", "授权", "/deals/"),
        ("/en/", "licensing", "/en/deals/"),
        ("/en/about/", "antibodies", "/en/approvals/"),
    ],
)
def test_search_finds_the_page_in_the_reader_language(
    browser: Any, site_url: str, start: str, query: str, expected: str
) -> None:
    results = search_results(browser, site_url + start, query)
    assert expected in results
    english = [path for path in results if path.startswith("/en/")]
    assert english == (results if start.startswith("/en/") else [])


@pytest.mark.parametrize(
    ("start", "query"),
    [
        ("/en/", "授权"),  # a Chinese word
        ("/", "licensing"),  # an English word
        ("/en/", "NewCo"),  # a term both languages use
        ("/", "NewCo"),
    ],
)
def test_search_lists_no_page_of_the_other_language(
    browser: Any, site_url: str, start: str, query: str
) -> None:
    results = search_results(browser, site_url + start, query)
    assert results, f"{query!r} found nothing from {start}"
    other = [p for p in results if p.startswith("/en/") != start.startswith("/en/")]
    assert other == []


@pytest.mark.parametrize(
    ("start", "choice", "expected"),
    [("/deals/", "English", "/en/deals/"), ("/en/robotics/", "中文", "/robotics/")],
)
def test_language_selector_lands_on_the_same_page(
    browser: Any, site_url: str, start: str, choice: str, expected: str
) -> None:
    lang = language_after_choosing(browser, site_url + start, choice, site_url + expected)
    assert lang == ("en" if choice == "English" else "zh")


@pytest.mark.parametrize(
    ("start", "choice", "expected"),
    [
        ("/deals/#deal-models", "English", "/en/deals/#deal-models"),
        ("/en/robotics/#events", "中文", "/robotics/#events"),
    ],
)
def test_language_selector_keeps_the_reader_place(
    browser: Any, site_url: str, start: str, choice: str, expected: str
) -> None:
    page = browser.new_page()
    try:
        page.goto(site_url + start)
        choose_language(page, choice)
        page.wait_for_url(site_url + expected)
        anchor = expected.split("#")[1]
        assert page.evaluate(f"document.getElementById('{anchor}') !== null")
    finally:
        page.close()


@pytest.mark.parametrize("path", ["/deals/", "/companies/hengrui/", "/en/deals/"])
def test_chinese_text_is_set_in_a_simplified_chinese_face_named_by_the_site(
    browser: Any, site_url: str, path: str
) -> None:
    """The site's font stack names Simplified Chinese faces before the generic fallback."""
    page = browser.new_page()
    try:
        page.goto(site_url + path)
        stack = page.evaluate("getComputedStyle(document.body).fontFamily")
        named = [face.strip().strip('"') for face in stack.split(",")]
        assert "Noto Sans CJK SC" in named[: named.index("sans-serif")], stack
        if path.startswith("/en/"):
            return
        cdp = page.context.new_cdp_session(page)
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        cdp.send("CSS.enable")
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "article p"})["nodeId"]
        faces = {
            f["familyName"]
            for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        }
        cjk = {face for face in faces if "CJK" in face}
        assert cjk == {"Noto Sans CJK SC"}, faces
    finally:
        page.close()
