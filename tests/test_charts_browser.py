"""Every chart on every chart page, in headless Chromium, in both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

CHART_PAGES = ["/", "/approvals/", "/deals/", "/robotics/", "/clusters/"]
PAGES = CHART_PAGES + ["/en" + page for page in CHART_PAGES]


def _chart_count(site: Path, page: str) -> int:
    html = (site / page.strip("/") / "index.html").read_text(encoding="utf-8")
    return html.count("data-yearbook-chart")


@pytest.mark.parametrize("page_path", PAGES)
def test_every_chart_renders_live_with_no_errors_and_no_outside_requests(
    browser: Any, site: Path, site_url: str, page_path: str
) -> None:
    expected = _chart_count(site, page_path)
    assert expected > 0
    page = browser.new_page()
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "request",
        lambda r: None if r.url.startswith(site_url) else problems.append(f"request {r.url}"),
    )
    try:
        page.goto(site_url + page_path)
        page.wait_for_function(
            f"document.querySelectorAll('.yearbook-chart__live svg').length === {expected}",
            timeout=20_000,
        )
        hidden_static = page.eval_on_selector_all(
            ".yearbook-chart__static", "els => els.every(e => e.hidden)"
        )
        assert hidden_static
        marks = page.eval_on_selector_all(
            ".yearbook-chart__live svg",
            "svgs => svgs.map(s => s.querySelectorAll('path, text').length)",
        )
        assert all(count > 0 for count in marks)
    finally:
        page.close()
    assert problems == []


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


def test_pages_without_charts_do_not_load_the_vega_bundle(site: Path) -> None:
    assert "vega-bundle.js" not in (site / "about" / "index.html").read_text(encoding="utf-8")
    assert "vega-bundle.js" in (site / "deals" / "index.html").read_text(encoding="utf-8")
    assert (site / "assets" / "javascripts" / "vega-bundle.js").stat().st_size > 500_000
