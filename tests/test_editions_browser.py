"""The edition selector in a browser, on the two editions of tests/editions_fixture.py served
under a project path (`/repo/`), as GitHub Pages serves `public/`: it leads to the same page in
the other edition, or to its front page, keeping the language and the place, and composes with
the language selector."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_checks import axe_violations, choose_language
from conftest import made_once, shared_path
from editions_fixture import BASE, make_editions
from serve import serving

from yearbook.editions.assemble import assemble
from yearbook.editions.settings import read_current

pytestmark = pytest.mark.browser
EDITIONS = "[data-yearbook-editions] a"


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return made_once(shared_path(tmp_path_factory, "editions"), make_editions)


@pytest.fixture(scope="module")
def public_url(editions: Path) -> Iterator[str]:
    with serving(editions / "public", "/repo/") as url:
        yield url


def _open_editions(page: Any, url: str) -> list[tuple[str, str | None]]:
    """Open `url` and the edition selector; its entries as (label, aria-current)."""
    page.goto(url)
    page.wait_for_function(f"document.querySelectorAll('{EDITIONS}').length === 2")
    page.hover(".yearbook-edition .md-select")
    links = page.locator(EDITIONS)
    return [(links.nth(n).inner_text(), links.nth(n).get_attribute("aria-current")) for n in (0, 1)]


@pytest.mark.parametrize(
    ("missing", "found", "title"),
    [
        ("2027/en/no-such-page/", "2027/en/404.html", "404 – Page not found"),
        ("2027/no-such-page/", "2027/404.html", "404 – 页面不存在"),
        ("en/no/such/page/", "en/404.html", "404 – Page not found"),  # before there were editions
    ],
)
def test_a_missing_page_gets_the_404_page_of_its_edition_and_language(
    browser: Any, public_url: str, missing: str, found: str, title: str
) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{public_url}/{missing}")
        page.wait_for_url(f"{public_url}/{found}")
        assert page.inner_text("h1") == title
    finally:
        page.close()


def test_an_older_edition_says_a_newer_one_is_out(
    browser: Any, editions: Path, tmp_path: Path
) -> None:
    project = editions / "project"
    current = read_current(project / "mkdocs.yml")._replace(
        site_url=BASE + "2027/", status="published"
    )
    assemble(project, current, project / "site", tmp_path / "public")  # 2027 is out
    page = browser.new_page()
    try:
        with serving(tmp_path / "public", "/repo/") as url:
            page.goto(f"{url}/2026/en/data/#deals")
            banner = page.locator(".yearbook-newer")
            assert banner.inner_text() == "A newer edition is out: 2027 edition."
            assert banner.locator("a").get_attribute("href") == f"{url}/2027/en/data/"
            assert axe_violations(page, context=".yearbook-newer") == []
            page.goto(f"{url}/2027/data/")
            page.wait_for_function(f"document.querySelectorAll('{EDITIONS}').length === 2")
            assert page.locator(".yearbook-newer").count() == 0
    finally:
        page.close()


def test_the_edition_and_language_selectors_compose(browser: Any, public_url: str) -> None:
    page = browser.new_page()
    try:
        entries = _open_editions(page, f"{public_url}/2026/en/data/#deals")
        assert entries == [("2027 edition (in preparation)", None), ("2026 edition", "page")]
        page.click(f"{EDITIONS}:has-text('2027')")
        page.wait_for_url(f"{public_url}/2027/en/data/#deals")
        choose_language(page, "中文")
        page.wait_for_url(f"{public_url}/2027/data/#deals")
        assert _open_editions(page, page.url)[1] == ("2026年版", None)
        assert "2027年版正在编纂中" in page.inner_text("[data-md-component=announce]")
        page.mouse.move(0, 400)  # no hover: the selector closes (Material fades it out)
        page.wait_for_function(
            "getComputedStyle(document.querySelector('.yearbook-edition .md-select__inner'))"
            ".opacity === '0'"
        )
        for part in (".md-header", "[data-md-component=announce]"):
            assert axe_violations(page, context=part) == []
        # By keyboard, to a page 2027 no longer has: its front page in the same language.
        _open_editions(page, f"{public_url}/2026/en/extra/")
        page.mouse.move(0, 400)  # the selector stays open while hovered
        page.focus(".yearbook-edition__button")
        page.keyboard.press("Tab")
        assert (
            page.evaluate("document.activeElement.textContent") == "2027 edition (in preparation)"
        )
        page.keyboard.press("Enter")
        page.wait_for_url(f"{public_url}/2027/en/")
    finally:
        page.close()
