"""Every chart on every chart page, in headless Chromium, in both languages and both palettes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_checks import SCHEMES, render_everything, switch_palette
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
        # Of each chart's two static SVGs, the one laid out for the column's width.
        for width, layout in ((1280, "wide"), (360, "phone")):
            page.set_viewport_size({"width": width, "height": 800})
            visible = page.eval_on_selector_all(
                ".yearbook-chart__static",
                """statics => statics.map(s => [...s.querySelectorAll('svg')]
                    .filter(svg => svg.getBoundingClientRect().height > 50)
                    .map(svg => svg.parentElement.className))""",
            )
            expected = [[f"yearbook-chart__{layout}"]] * _chart_count(site, page_path)
            assert visible == expected
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


# The smallest chart text as rendered (font size times the SVG's scale on screen), overlapping text
# boxes and text outside the chart, of the chart graphic each figure shows.
_CHART_TEXT = """(selector) => [...document.querySelectorAll('.yearbook-chart')].map((figure) => {
  const svg = [...figure.querySelectorAll(selector + ' svg')]
    .find((s) => s.getClientRects().length > 0);
  if (!svg) return {figure: figure.id, smallest: 0, overlaps: [], outside: []};
  const bounds = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim()
    && getComputedStyle(t).opacity !== '0' && t.getAttribute('opacity') !== '0');
  const boxes = texts.map((t) => [t.getBoundingClientRect(), t.textContent]);
  const overlaps = [], outside = [];
  boxes.forEach(([a, first], i) => {
    if (a.left < bounds.left - 1 || a.right > bounds.right + 1) outside.push(first);
    boxes.slice(i + 1).forEach(([b, second]) => {
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 1 && y > 1) overlaps.push(first + ' / ' + second);
    });
  });
  const sizes = texts.map((t) => {
    const m = t.getScreenCTM();
    return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
  });
  return {figure: figure.id, smallest: Math.min(...sizes), overlaps, outside};
})"""


def _chart_text(page: Any, selector: str) -> list[dict[str, Any]]:
    render_everything(page)
    found: list[dict[str, Any]] = page.evaluate(_CHART_TEXT, selector)
    return found


def test_on_a_phone_chart_text_keeps_its_size_and_the_frame_opens_its_actions(
    browser: Any, site_url: str
) -> None:
    """At 360 px, both the static SVG a page opens with and the live chart that replaces it
    show every text at 11 px or more, none overlapping or cut; the row of actions opens one
    panel at a time; in the dark palette the chart's text turns light; and widening the
    window redraws the live chart in its wide layout."""
    context = browser.new_context(viewport={"width": 360, "height": 800}, color_scheme="light")
    page = context.new_page()
    try:
        page.goto(site_url + "/en/deals/")
        graphics = {"static": _chart_text(page, ".yearbook-chart__static")}
        _point_at_every_chart(page)
        count = page.locator("[data-yearbook-chart]").count()
        page.wait_for_function(
            f"document.querySelectorAll('.yearbook-chart__live svg').length === {count}",
            timeout=20_000,
        )
        graphics["live"] = _chart_text(page, ".yearbook-chart__live")
        for state, charts in graphics.items():
            assert len(charts) == count, state
            for chart in charts:
                assert chart["smallest"] >= 11, (state, chart)
                assert chart["overlaps"] == chart["outside"] == [], (state, chart)

        figure = page.locator("#chart-largest-deals")
        summaries = figure.locator(".yearbook-chart__actions summary")
        assert summaries.count() == 4
        row = {
            round(box["y"])
            for box in summaries.evaluate_all("els => els.map(e => e.getBoundingClientRect())")
        }
        assert len(row) == 1, "the actions are not one row"
        summaries.nth(1).click()  # sources
        summaries.nth(3).click()  # cite: the sources close
        opened = figure.locator("details").evaluate_all("els => els.map(e => e.open)")
        assert opened == [False, False, False, True]
        citation = figure.locator(".yearbook-chart__citation")
        assert citation.is_visible()
        assert citation.bounding_box()["y"] > summaries.nth(0).bounding_box()["y"]

        text = "document.querySelector('#chart-largest-deals .yearbook-chart__live text')"
        light = page.evaluate(f"getComputedStyle({text}).fill")
        switch_palette(page, "slate")
        dark = page.evaluate(f"getComputedStyle({text}).fill")
        assert light != dark
        background = page.evaluate(
            "getComputedStyle(document.querySelector('#chart-largest-deals"
            " .yearbook-chart__graphic')).backgroundColor"
        )
        assert background == "rgba(0, 0, 0, 0)", "no card of its own: the page's background"

        page.set_viewport_size({"width": 1366, "height": 800})
        page.wait_for_function(
            "document.querySelector('#chart-largest-deals').yearbookLayout === 'wide'"
            " && document.querySelector('#chart-largest-deals .yearbook-chart__live svg')"
            ".getBoundingClientRect().width > 600",
            timeout=10_000,
        )
    finally:
        context.close()
