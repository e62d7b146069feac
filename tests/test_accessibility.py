"""Accessibility of the built yearbook in headless Chromium.

axe-core (npm, pinned in package.json) on every page type in both languages and both palettes;
the contrast and text alternatives of charts, which axe cannot judge (text inside an SVG); the
language selector and the sortable tables by keyboard. Each check is a function that a fixture
in tests/fixtures/a11y/ breaking its rule makes fail.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "a11y"
IMPACTS = ("critical", "serious", "moderate", "minor")

# One page of each type, as (type, Chinese path, English path).
PAGE_TYPES = [
    ("front page", "/", "/en/"),
    ("chapter with charts and tables", "/deals/", "/en/deals/"),
    ("entity page", "/companies/hengrui/", "/en/companies/hengrui/"),
    ("sources list (data page)", "/data/", "/en/data/"),
    ("glossary", "/glossary/", "/en/glossary/"),
    ("directory", "/directory/", "/en/directory/"),
    ("404 page", "/404.html", "/en/404.html"),
]
KINDS = {path: kind for kind, zh, en in PAGE_TYPES for path in (zh, en)}
PAGES = list(KINDS)
# Material's palettes (mkdocs.yml theme.palette) by the scheme they put on <body>.
SCHEMES = ("default", "slate")
CHART_PAGES = ["/", "/approvals/", "/deals/", "/robotics/", "/clusters/"]


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:5]) + (" …" if len(self.targets) > 5 else "")
        return f"{self.rule} ({self.impact}, {len(self.targets)} nodes): {shown}"


def axe_violations(
    page: Any, impacts: Collection[str] = IMPACTS, context: str = "html"
) -> list[Violation]:
    """Run axe-core's default rules (WCAG 2 A/AA and best practices) on the page as shown."""
    page.add_script_tag(path=str(AXE))
    # Only violations are read: axe then skips working out the details of what passed.
    found: list[dict[str, Any]] = page.evaluate(
        """async (context) => (await axe.run(context, {resultTypes: ["violations"]}))
        .violations.map(v => ({
            rule: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(" ")),
        }))""",
        context,
    )
    return [
        Violation(v["rule"], v["impact"], tuple(v["targets"]))
        for v in found
        if v["impact"] in impacts
    ]


def report(where: str, violations: list[Violation]) -> str:
    return f"{where}:\n" + "\n".join(f"  {v}" for v in violations)


# Text in the chart graphics readers see, with its contrast against the nearest background
# (WCAG 1.4.3: 4.5:1 for the charts' 10 to 12 px labels), and each graphic's text alternative.
_CHART_PROBLEMS = """() => {
  const rgba = (css) => {
    const parts = (css.match(/rgba?\\(([^)]*)\\)/) || [, ""])[1].split(/[\\s,\\/]+/);
    const [r, g, b, a] = parts.filter(Boolean).map(Number);
    return r === undefined ? null : [r, g, b, a === undefined ? 1 : a];
  };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const color = rgba(getComputedStyle(e).backgroundColor);
      if (color && color[3] > 0) return color;
    }
    return [255, 255, 255, 1];
  };
  const problems = [];
  for (const figure of document.querySelectorAll(".yearbook-chart")) {
    const shown = [...figure.querySelectorAll(".yearbook-chart__static, .yearbook-chart__live")]
      .filter((g) => !g.hidden && g.getClientRects().length > 0);
    if (shown.length !== 1) {
      problems.push(`${figure.id}: ${shown.length} graphics shown`);
      continue;
    }
    const graphic = shown[0];
    const role = graphic.getAttribute("role");
    if (!["img", "graphics-document"].includes(role) || !graphic.getAttribute("aria-label")) {
      problems.push(`${figure.id}: no text alternative (role ${role}, no aria-label)`);
    }
    const described = graphic.getAttribute("aria-describedby");
    if (described && !document.getElementById(described)?.textContent.trim()) {
      problems.push(`${figure.id}: aria-describedby ${described} names no text`);
    }
    const back = background(graphic);
    for (const text of graphic.querySelectorAll("text")) {
      const style = getComputedStyle(text);
      const fill = rgba(style.fill);
      const alpha = fill ? fill[3] * Number(style.fillOpacity) * Number(style.opacity) : 0;
      if (!text.textContent.trim() || alpha === 0) continue; // labels Vega hid as overlapping
      const fore = fill.slice(0, 3).map((c, i) => c * alpha + back[i] * (1 - alpha));
      const [light, dark] = [luminance(fore), luminance(back.slice(0, 3))].sort((a, b) => b - a);
      const ratio = (light + 0.05) / (dark + 0.05);
      if (ratio < 4.5) {
        problems.push(`${figure.id}: "${text.textContent}" at ${ratio.toFixed(2)}:1`);
      }
    }
  }
  return problems;
}"""


def chart_problems(page: Any) -> list[str]:
    """Chart text below 4.5:1 against its background, or a chart graphic without a name."""
    problems: list[str] = page.evaluate(_CHART_PROBLEMS)
    return problems


@pytest.fixture(scope="module")
def palettes(browser: Any, site_url: str) -> Iterator[dict[str, Any]]:
    """A browser context per palette: the dark one chosen with Material's toggle, as readers do.

    Both contexts prefer a light system scheme, so the dark palette comes only from the choice
    the toggle stores (localStorage), which every later page then starts with.
    """
    contexts = {scheme: browser.new_context(color_scheme="light") for scheme in SCHEMES}
    page = contexts["slate"].new_page()
    page.goto(site_url + "/")
    page.click("label[for='__palette_1']")  # "switch to dark mode"
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    page.close()
    yield contexts
    for context in contexts.values():
        context.close()


def _open(palettes: dict[str, Any], scheme: str, url: str) -> Any:
    """The page in a palette as it first shows: static chart SVGs, sortable tables."""
    page = palettes[scheme].new_page()
    page.goto(url)
    page.wait_for_function("() => typeof Tablesort === 'function'")
    shown = page.evaluate("document.body.dataset.mdColorScheme")
    assert shown == scheme, f"{url}: palette {shown!r}, expected {scheme!r}"
    return page


def _draw_live_charts(page: Any) -> None:
    """Make every chart go live as a reader does: a key press, then each chart in view."""
    page.keyboard.press("Shift")
    for figure in page.locator(".yearbook-chart").all():
        figure.scroll_into_view_if_needed()
        figure.locator(".yearbook-chart__live:not([hidden])").wait_for(timeout=20_000)


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


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation(
    palettes: dict[str, Any], site_url: str, path: str, scheme: str
) -> None:
    # Any impact, not only serious and critical: Lighthouse scores every axe violation.
    page = _open(palettes, scheme, site_url + path)
    try:
        violations = axe_violations(page)
        assert not violations, report(f"{KINDS[path]} {path}, {scheme} palette", violations)
    finally:
        page.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_charts_keep_contrast_and_text_alternatives(
    palettes: dict[str, Any], site_url: str, scheme: str
) -> None:
    # Both states of every chart: the static SVG a page opens with, and the live chart that
    # replaces it (axe checks the live markup too; it cannot check the text in either SVG).
    problems = {}
    for path in CHART_PAGES + ["/en" + path for path in CHART_PAGES]:
        page = _open(palettes, scheme, site_url + path)
        try:
            assert page.locator(".yearbook-chart").count() > 0, f"{path}: no chart"
            static = chart_problems(page)
            _draw_live_charts(page)
            live = chart_problems(page)
            violations = axe_violations(page, context=".yearbook-chart")
            if static or live or violations:
                problems[path] = {"static": static, "live": live, "axe": violations}
        finally:
            page.close()
    assert not problems, problems


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
        current = page.locator("a.md-select__link[aria-current='page']")
        assert current.get_attribute("hreflang") == language
    finally:
        page.close()


TABLE = 'table[data-yearbook-table="deals"]'


@pytest.mark.parametrize("start", ["/data/", "/en/data/"])
def test_sortable_headers_work_by_keyboard(browser: Any, site_url: str, start: str) -> None:
    page = browser.new_page()
    try:
        page.goto(site_url + start)
        page.wait_for_function(f"document.querySelector('{TABLE} th[role=columnheader]')")
        methods: list[str] = page.eval_on_selector_all(
            f"{TABLE} thead th", "cells => cells.map(c => c.dataset.sortMethod || '')"
        )
        column = methods.index("number", methods.index("number") + 1)  # the total value
        # Every header is in the tab order, one after the other.
        page.focus(f"{TABLE} thead th >> nth=0")
        assert _tab_to(page, f"{TABLE} thead th:nth-child({column + 1})") == column
        header = page.locator(f"{TABLE} thead th >> nth={column}")

        def keys() -> list[float]:
            values: list[float] = page.eval_on_selector_all(
                f"{TABLE} tbody tr",
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
