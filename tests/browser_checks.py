"""Checks run inside a page in Chromium, shared by the accessibility tests and the one pass
over every chart page (conftest.live_chart_pages): axe-core's rules, the contrast and text
alternatives of chart graphics (which axe cannot judge: text inside an SVG), and Material's
palette toggle, which readers use to switch between the light and the dark palette; and what
readers do with Material's search box and language selector (the browser tests, at the site
root and under a project site's path)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
IMPACTS = ("critical", "serious", "moderate", "minor")
# Material's palettes (mkdocs.yml theme.palette) by the scheme they put on <body>, in order:
# the toggle that leads to palette N is the label for the input __palette_N.
SCHEMES = ("default", "slate")


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:5]) + (" …" if len(self.targets) > 5 else "")
        return f"{self.rule} ({self.impact}, {len(self.targets)} nodes): {shown}"


COLOUR_RULES = ("color-contrast", "link-in-text-block")
"""axe's rules about colour: all that a second palette can change on a page axe has read."""


def axe_violations(
    page: Any,
    impacts: Collection[str] = IMPACTS,
    context: str = "html",
    rules: Collection[str] = (),
) -> list[Violation]:
    """Run axe-core's default rules (WCAG 2 A/AA and best practices), or only `rules`, on the
    page as shown."""
    render_everything(page)
    if not page.evaluate("typeof axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    # Only violations are read: axe then skips working out the details of what passed. Of the
    # assets axe loads before a run, only media (for no-autoplay-audio): its copy of every style
    # sheet (a fifth of a run's time) is for css-orientation-lock, an experimental rule it
    # does not run.
    options: dict[str, Any] = {"resultTypes": ["violations"], "preload": {"assets": ["media"]}}
    if rules:
        options["runOnly"] = {"type": "rule", "values": list(rules)}
    found: list[dict[str, Any]] = page.evaluate(
        """async ([context, options]) => (await axe.run(context, options))
        .violations.map(v => ({
            rule: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(" ")),
        }))""",
        [context, options],
    )
    return [
        Violation(v["rule"], v["impact"], tuple(v["targets"]))
        for v in found
        if v["impact"] in impacts
    ]


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


def with_axe(context: Any) -> Any:
    """`context` (a browser context), in each of whose pages axe-core is loaded as the page
    starts: Chromium compiles it once for them all, where adding it to each page as it is
    checked compiles it again (a sixth of the reading checks' CPU time)."""
    context.add_init_script(path=str(AXE))
    return context


def render_everything(page: Any) -> None:
    """Lay out what the site leaves to be laid out when it nears the screen (`content-visibility:
    auto` in tables.css and charts.css), as a reader scrolling there sees it: axe and the
    contrast check read colours and boxes, which a part not yet laid out does not have. Once per
    page: each new style sheet has the whole page styled again."""
    if not page.evaluate("document.getElementById('yearbook-render-everything') !== null"):
        style = page.add_style_tag(content="* { content-visibility: visible !important; }")
        style.evaluate("style => { style.id = 'yearbook-render-everything'; }")


def chart_problems(page: Any) -> list[str]:
    """Chart text below 4.5:1 against its background, or a chart graphic without a name."""
    render_everything(page)
    problems: list[str] = page.evaluate(_CHART_PROBLEMS)
    return problems


def switch_palette(page: Any, scheme: str) -> None:
    """Choose `scheme` with Material's toggle, as a reader does, unless it is shown already
    (the choice is remembered in the browser context's localStorage)."""
    if page.evaluate("document.body.dataset.mdColorScheme") == scheme:
        return
    page.click(f"label[for='__palette_{SCHEMES.index(scheme)}']")
    page.wait_for_function(f"document.body.dataset.mdColorScheme === '{scheme}'")


def search_results(browser: Any, url: str, query: str) -> list[str]:
    """Open `url`, type `query` into Material's search box as a reader does, and return the
    paths of the results' links."""
    page = browser.new_page()
    try:
        page.goto(url)
        page.focus("input.md-search__input")
        # Type only once the search worker has loaded the index ("initialising" is gone).
        page.wait_for_function(
            "() => /键入以开始搜索|Type to start searching/.test("
            "document.querySelector('.md-search-result__meta')?.textContent ?? '')",
            timeout=15_000,
        )
        page.fill("input.md-search__input", query)
        page.press("input.md-search__input", "End")  # Material searches on keyup, as readers type
        page.wait_for_function(
            "() => document.querySelector('.md-search-result__list li') !== null"
            " || /没有找到|No matching/.test("
            "document.querySelector('.md-search-result__meta')?.textContent ?? '')",
            timeout=15_000,
        )
        hrefs: list[str] = page.eval_on_selector_all(
            ".md-search-result__link", "links => links.map(a => new URL(a.href).pathname)"
        )
        return hrefs
    finally:
        page.close()


def choose_language(page: Any, choice: str) -> None:
    """Choose the language named `choice` (中文, English) in Material's language selector."""
    page.hover(".md-select")
    page.click(f"a.md-select__link:has-text('{choice}')")


def language_after_choosing(browser: Any, start: str, choice: str, expected: str) -> str:
    """Open the page at URL `start`, choose `choice` in the language selector, wait to land on
    URL `expected`; the `lang` of the page landed on."""
    page = browser.new_page()
    try:
        page.goto(start)
        choose_language(page, choice)
        page.wait_for_url(expected)
        lang: str = page.evaluate("document.documentElement.lang")
        return lang
    finally:
        page.close()


# What a reader at one width cannot read: a page wider than the window (it scrolls sideways),
# and, if asked, a table shown in the page that is wider than its column (cut off: it scrolls
# inside the page). Tables not shown (a closed <details>) are left alone.
_LAYOUT_PROBLEMS = """(tables) => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) {
    const [wide, shown] = [root.scrollWidth, root.clientWidth];
    problems.push(`the page scrolls sideways: ${wide} px wide in ${shown} px`);
  }
  if (!tables) return problems;
  for (const table of document.querySelectorAll(".md-content table")) {
    if (!table.checkVisibility()) continue;
    const column = table.closest(".md-typeset__scrollwrap") ?? table.parentElement;
    if (table.offsetWidth > column.clientWidth + 1) {
      const name = table.getAttribute("aria-label") ?? table.querySelector("th")?.textContent;
      const [wide, shown] = [table.offsetWidth, column.clientWidth];
      problems.push(`table "${name.trim()}" is cut off: ${wide} px wide in ${shown} px`);
    }
  }
  return problems;
}"""

# The text of every chart graphic shown: its size as rendered (the font size times the scale
# the SVG is drawn at), and labels whose boxes overlap (by more than a sliver: the boxes of
# stacked lines of one label touch).
_CHART_TEXT_PROBLEMS = """(minimum) => {
  const problems = [];
  const graphics = [...document.querySelectorAll(".yearbook-chart svg")]
    .filter((svg) => svg.checkVisibility());
  for (const svg of graphics) {
    const chart = svg.closest(".yearbook-chart")?.id ?? "chart";
    const boxes = [];
    for (const text of svg.querySelectorAll("text")) {
      const label = text.textContent.trim();
      const style = getComputedStyle(text);
      if (!label || style.visibility === "hidden" || Number(style.opacity) === 0
          || Number(style.fillOpacity) === 0) continue;
      const m = text.getScreenCTM();
      const size = parseFloat(style.fontSize) * Math.hypot(m.a, m.b);
      if (size < minimum - 0.05) {
        problems.push(`${chart}: "${label}" is ${size.toFixed(1)} px`);
      }
      boxes.push([label, text.getBoundingClientRect()]);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, p] = boxes[i], [b, q] = boxes[j];
        const wide = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const high = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (wide > 2 && high > 0.25 * Math.min(p.height, q.height)) {
          problems.push(`${chart}: "${a}" overlaps "${b}"`);
        }
      }
    }
  }
  return problems;
}"""

READ_AFTER_RESIZE = """() => document.getAnimations().every((a) => a.playState !== "running")
  && [...document.querySelectorAll("[data-yearbook-live='done']")].every((figure) => {
    const width = figure.querySelector(".yearbook-chart__graphic").clientWidth;
    const wanted = width >= Number(figure.dataset.wideFrom) ? "wide" : "phone";
    return figure.yearbookLayout === wanted
      && !figure.querySelector(".yearbook-chart__live--drawing")
      && [...figure.querySelectorAll(".yearbook-chart__live svg")]
        .every((svg) => svg.getBoundingClientRect().width <= svg.parentElement.clientWidth + 1);
  })"""
"""A page is read at a new width once Material's drawer and sidebars have slid to their place
and each live chart is drawn again in the layout for its column's width (charts.js: a phone's
below the figure's data-wide-from) and fits it: with no transition to wait for, a chart read
at once would still show the layout it had before."""

MIN_CHART_TEXT_PX = 11.0
"""The smallest chart text readers can read on a phone, as rendered."""


def layout_problems(page: Any, tables: bool) -> list[str]:
    """At the page's current width: it scrolls sideways; and (`tables`) a table is cut off."""
    render_everything(page)
    problems: list[str] = page.evaluate(_LAYOUT_PROBLEMS, tables)
    return problems


def chart_text_problems(page: Any, minimum: float = 0.0) -> list[str]:
    """Chart text rendered smaller than `minimum` px, and chart labels that overlap."""
    render_everything(page)
    problems: list[str] = page.evaluate(_CHART_TEXT_PROBLEMS, minimum)
    return problems


def open_tables(page: Any) -> None:
    """Open every disclosure that holds a table (a dataset's table in the data chapter, a
    chart's data, a dataset's columns), as a reader opening each would see them."""
    page.evaluate("""document.querySelectorAll("details")
        .forEach((d) => { d.open ||= d.querySelector("table") !== null; })""")
