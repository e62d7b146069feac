"""Every chart on every chart page, in headless Chromium, in both languages and both palettes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_checks import SCHEMES
from conftest import CHART_PAGES

pytestmark = pytest.mark.browser

PAGES = CHART_PAGES


def _chart_count(site: Path, page: str) -> int:
    html = (site / page.strip("/") / "index.html").read_text(encoding="utf-8")
    return html.count("data-yearbook-chart")


def _point_at_every_chart(page: Any) -> None:
    figures = page.locator("[data-yearbook-chart]")
    for index in range(figures.count()):
        figures.nth(index).hover()  # scrolls it into view, as a reader would


@pytest.mark.parametrize("page_path", PAGES)
def test_every_chart_renders_live_with_no_errors_and_no_outside_requests(
    site: Path, live_chart_pages: dict[str, dict[str, Any]], page_path: str
) -> None:
    # Charts go live once the reader interacts and they are in view (charts.js): the page was
    # loaded and every chart pointed at (conftest.live_chart_pages).
    expected = _chart_count(site, page_path)
    assert expected > 0
    loaded = live_chart_pages[page_path]
    assert loaded["charts"] == expected
    assert loaded["statics_hidden"]
    assert len(loaded["marks"]) == expected and all(count > 0 for count in loaded["marks"])
    assert loaded["problems"] == []


@pytest.mark.parametrize("page_path", ["/deals/", "/en/deals/"])
def test_without_javascript_the_static_svg_is_shown(
    browser: Any, site: Path, site_url: str, page_path: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + page_path)
        visible = page.eval_on_selector_all(
            ".yearbook-chart__static svg",
            "svgs => svgs.map(s => s.getBoundingClientRect().height > 50)",
        )
        assert visible == [True] * _chart_count(site, page_path)
    finally:
        context.close()


@pytest.mark.parametrize("page_path", ["/robotics/", "/en/deals/"])
def test_the_vega_bundle_loads_only_when_a_chart_goes_live_and_nothing_moves(
    browser: Any, site_url: str, page_path: str
) -> None:
    # A phone-sized window: /robotics/ has its chart in the first screen, /en/deals/ far below.
    context = browser.new_context(viewport={"width": 412, "height": 823}, has_touch=True)
    page = context.new_page()
    bundles: list[str] = []
    page.on("request", lambda r: bundles.append(r.url) if "vega-bundle" in r.url else None)
    try:
        page.goto(site_url + page_path)
        page.wait_for_load_state("networkidle")
        # charts.js has taken every chart in hand (it marks each figure), and any request it
        # made then has finished.
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-yearbook-chart]')]"
            ".every(figure => figure.dataset.yearbookLive)"
        )
        page.wait_for_load_state("networkidle")
        assert bundles == [], "the Vega bundle loaded before the reader did anything"
        static = page.eval_on_selector_all(
            ".yearbook-chart__static", "els => els.map(e => e.getBoundingClientRect().height)"
        )
        _point_at_every_chart(page)
        page.wait_for_function(
            f"document.querySelectorAll('.yearbook-chart__live svg').length === {len(static)}",
            timeout=20_000,
        )
        live = page.eval_on_selector_all(
            ".yearbook-chart__live", "els => els.map(e => e.getBoundingClientRect().height)"
        )
        assert len(bundles) == 1
        # The live chart takes the static one's place at its height: no layout shift.
        assert live == pytest.approx(static, abs=1.0)
    finally:
        context.close()


def test_pages_without_charts_do_not_load_the_vega_bundle(site: Path) -> None:
    assert "vega-bundle.js" not in (site / "about" / "index.html").read_text(encoding="utf-8")
    assert "vega-bundle.js" in (site / "deals" / "index.html").read_text(encoding="utf-8")
    assert (site / "assets" / "javascripts" / "vega-bundle.js").stat().st_size > 500_000


def test_charts_keep_contrast_and_text_alternatives_in_either_palette(
    live_chart_pages: dict[str, dict[str, Any]],
) -> None:
    # Both states of every chart: the static SVG a page opens with, and the live chart that
    # replaces it (axe checks the live markup too; it cannot check the text in either SVG).
    # Every chart page was loaded once for all the chart checks (conftest.live_chart_pages).
    assert sorted(live_chart_pages) == sorted(CHART_PAGES)
    checked = {path: load["palettes"] for path, load in live_chart_pages.items()}
    assert all(set(palettes) == set(SCHEMES) for palettes in checked.values())
    problems = {
        f"{path} {scheme}": found
        for path, palettes in checked.items()
        for scheme, found in palettes.items()
        if any(found.values())
    }
    assert not problems, problems
