"""The yearbook as GitHub Pages serves a project site: under a path (`https://owner.github.io/
<repo>/`), with SITE_URL set to it as the deployment sets it (.github/workflows/site.yml).

The small data yearbook (tests/fixtures/data_pages: both languages, a chart, the tables, the
directory and a page per company, search, the 404 pages) is built once for the module with
the yearbook's charts.js, served under the path as GitHub Pages serves it (tests/serve.py),
and read in Chromium as a reader would."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_checks import language_after_choosing, search_results, switch_palette
from built_html import content_pages
from conftest import ROOT, build, copy_fixture, load_with_live_charts, tab_without_cache
from serve import serving

pytestmark = pytest.mark.browser

PATH = "/china-innovation-yearbook/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The fixture built with SITE_URL under PATH and served there: (site folder, site URL
    without its final slash, e.g. `http://127.0.0.1:PORT/china-innovation-yearbook`)."""
    tmp_path = tmp_path_factory.mktemp("project-site")
    yearbook = copy_fixture("data_pages", tmp_path)
    # The chart pages load the yearbook's own script, which the fixture's content lacks.
    scripts = yearbook / "content" / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    (scripts / "charts.js").symlink_to(ROOT / "content" / "assets" / "javascripts" / "charts.js")
    site = tmp_path / "site"
    with serving(site, PATH) as url, pytest.MonkeyPatch.context() as environment:
        environment.setenv("SITE_URL", url + "/")
        result = build(yearbook / "mkdocs.yml", site)
        assert result.ok, result.log
        yield site, url


@pytest.fixture(scope="module")
def site_url(built: tuple[Path, str]) -> str:
    return built[1]


def test_the_yearbook_is_built_for_the_address_in_site_url(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """mkdocs.yml takes `site_url` from SITE_URL, which `make site` sets to the edition's
    address under the project site's (SITE_BASE, from the deployment:
    .github/workflows/site.yml), as the fixture built here does."""
    from mkdocs.config import load_config

    monkeypatch.setenv("SITE_URL", "https://owner.github.io/china-innovation-yearbook/")
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    assert config.site_url == "https://owner.github.io/china-innovation-yearbook/"
    workflow = (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    assert "SITE_BASE: ${{ steps.pages.outputs.base_url" in workflow
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "site: export SITE_URL = $(SITE_BASE)$(EDITION)/" in makefile


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


# Every address a page refers to (links, stylesheets, scripts, images, the Vega bundle that
# charts.js loads, the search index that Material's search loads from its `base`), resolved by
# the browser as it follows or loads them.
_ADDRESSES = """() => [
  ...[...document.querySelectorAll('[href], [src]')].map(
    e => new URL(e.getAttribute('href') ?? e.getAttribute('src'), document.baseURI).href),
  ...[...document.querySelectorAll('[data-vega-bundle]')].map(
    e => new URL(e.dataset.vegaBundle, document.baseURI).href),
  new URL('search/search_index.json', new URL(
    JSON.parse(document.getElementById('__config').textContent).base, location)).href,
]"""


def test_every_link_and_resource_of_every_page_is_served_under_the_path(
    browser: Any, built: tuple[Path, str]
) -> None:
    site, url = built
    pages = content_pages(site)
    assert len(pages) == 12  # 3 chapters and 3 companies in 2 languages
    browser_page = browser.new_page()
    failed: list[str] = []
    browser_page.on(
        "response",
        lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    addresses: set[str] = set()
    try:
        for page in pages:
            browser_page.goto(f"{url}/{page.removesuffix('index.html')}")
            addresses |= set(browser_page.evaluate(_ADDRESSES))
    finally:
        browser_page.close()
    assert failed == []
    host = url.removesuffix(PATH.rstrip("/")) + "/"
    own = {address.split("#")[0] for address in addresses if address.startswith(host)}
    expected = {f"{url}/{page.removesuffix('index.html')}" for page in pages} | {
        f"{url}/{part}"
        for part in (
            "search/search_index.json",
            "en/search/search_index.json",
            "assets/javascripts/charts.js",
            "assets/javascripts/vega-bundle.js",
            "downloads/deals.csv",
        )
    }
    assert expected <= own
    outside = sorted(address for address in own if not address.startswith(url + "/"))
    assert outside == []
    statuses = {address: _status(address) for address in sorted(own)}
    assert {address: status for address, status in statuses.items() if status != 200} == {}


@pytest.mark.parametrize(
    ("start", "choice", "expected"),
    [("data/", "English", "en/data/"), ("en/companies/acme/", "中文", "companies/acme/")],
)
def test_the_language_selector_leads_to_the_twin_under_the_path(
    browser: Any, site_url: str, start: str, choice: str, expected: str
) -> None:
    lang = language_after_choosing(browser, f"{site_url}/{start}", choice, f"{site_url}/{expected}")
    assert lang == ("en" if choice == "English" else "zh")


@pytest.mark.parametrize(
    ("start", "query", "expected"),
    [
        ("", "阿斯利康", "companies/astrazeneca/"),
        ("en/data/", "AstraZeneca", "en/companies/astrazeneca/"),
    ],
)
def test_search_finds_a_page_in_each_language_under_the_path(
    browser: Any, site_url: str, start: str, query: str, expected: str
) -> None:
    results = search_results(browser, f"{site_url}/{start}", query)
    assert PATH + expected in results
    assert all(result.startswith(PATH + start[:3]) for result in results), results


@pytest.mark.parametrize(
    ("missing", "lang", "heading", "home"),
    [
        ("no-such-page/", "zh", "404 – 页面不存在", ("返回年鉴首页", "")),
        ("en/no/such/page/", "en", "404 – Page not found", ("Back to the yearbook", "en/")),
    ],
)
def test_a_missing_page_gets_the_404_page_of_its_language_with_working_links(
    browser: Any, site_url: str, missing: str, lang: str, heading: str, home: tuple[str, str]
) -> None:
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    try:
        # The palette the reader chose on the site holds on its 404 pages too (Material keeps
        # it in the browser under the site's path).
        page.goto(f"{site_url}/")
        switch_palette(page, "slate")
        response = page.goto(f"{site_url}/{missing}")
        assert response is not None and response.status == 404
        page.wait_for_function(f"document.documentElement.lang === '{lang}'")
        assert page.inner_text("article h1") == heading
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        page.click(f"article a:has-text('{home[0]}')")
        page.wait_for_url(f"{site_url}/{home[1]}")
    finally:
        context.close()
    assert failed == [f"{site_url}/{missing}"]


def test_charts_go_live_with_their_scripts_from_under_the_path(browser: Any, site_url: str) -> None:
    with tab_without_cache(browser) as page:
        loaded = load_with_live_charts(page, site_url, "/en/")
    assert loaded["charts"] == 1
    assert len(loaded["marks"]) == 1 and loaded["marks"][0] > 0
    assert loaded["statics_hidden"]
    assert loaded["problems"] == []  # no error, no request outside the path
