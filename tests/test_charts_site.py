"""Charts in the built HTML: what surrounds each one (sources, download, summary, citation)."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import frictionless
import pytest
from built_html import resolve
from conftest import ROOT

from yearbook.charts import CHARTS
from yearbook.charts.widths import PHONE, WIDE

PAGES = ["", "approvals/", "deals/", "robotics/", "clusters/"]
FIGURE = re.compile(r'<figure class="yearbook-chart" id="chart-([\w-]+)".*?</figure>', re.S)


def _figures(site: Path, page: str) -> list[tuple[str, str]]:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    return [(match[1], match[0]) for match in FIGURE.finditer(html)]


@pytest.mark.parametrize("page", PAGES + ["en/" + page for page in PAGES])
def test_each_chart_has_sources_download_summary_and_citation(site: Path, page: str) -> None:
    figures = _figures(site, page)
    assert figures
    for name, figure in figures:
        language = "en" if page.startswith("en/") else "zh"
        # Source links lead to the source's entry on the data page.
        sources = re.findall(r'<a href="([^"]*#source-[\w-]+)"', figure)
        assert sources, name
        for href in sources:
            target, anchor = href.split("#")
            assert f'id="{anchor}"' in resolve(site, page, target).read_text("utf-8"), href
        # The download holds exactly the plotted rows, with a BOM for Excel.
        (download,) = re.findall(r'<a href="([^"]+\.csv)" download>', figure)
        assert download.endswith(f"{name}.{language}.csv")
        raw = resolve(site, page, download).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        table_rows = re.findall(r"<tr><td>", figure)
        assert len(rows) - 1 == len(table_rows) > 0
        # A text alternative and a citation pointing back at the chart.
        assert 'class="yearbook-chart__summary">' in figure
        assert 'role="img" aria-label="' in figure
        assert f"/{page}#chart-{name}" in figure


def test_every_chart_is_in_place_with_its_static_svg(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert pages
    assert [page for page in pages if "yearbook:figure" in page.read_text("utf-8")] == []
    figures = [figure for page in pages for figure in FIGURE.finditer(page.read_text("utf-8"))]
    assert len(figures) >= 14  # every chart, in both languages
    assert [figure[1] for figure in figures if "<svg" not in figure[0]] == []


@pytest.mark.parametrize("page", PAGES + ["en/" + page for page in PAGES])
def test_no_chart_text_is_cut_short(site: Path, page: str) -> None:
    """Vega shortens labels longer than their limit with "…": a deal's partner or an event's
    name would then be missing from the chart."""
    figures = _figures(site, page)
    language, chapter = ("en", page.removeprefix("en/")) if page.startswith("en/") else ("zh", page)
    markdown = ROOT / "content" / language / f"{chapter.strip('/') or 'index'}.md"
    assert len(figures) == markdown.read_text("utf-8").count("<!-- yearbook:chart ")
    for name, figure in figures:
        texts = re.findall(r"<text[^>]*>([^<]*)</text>", figure)
        assert texts, name
        assert [text for text in texts if "…" in text] == [], name


def test_citations_follow_each_language_convention(site: Path) -> None:
    (_, zh), *_ = _figures(site, "deals/")
    (_, en), *_ = _figures(site, "en/deals/")
    assert "[EB/OL]" in zh and "中国创新年鉴编辑部" in zh  # GB/T 7714
    assert "China Innovation Yearbook editors. (2026)." in en and "[Chart]" in en  # APA
    # Quotes inside a quoted source title are single, not double quotes inside double ones.
    citation = html.unescape(re.search(r'__citation">([^<]*)<', en)[1])
    assert "“" in citation and not re.search(r"“[^”]*“", citation)


def test_chart_downloads_carry_their_schema_sources_and_licence(site: Path) -> None:
    folder = site / "downloads" / "charts"
    package = json.loads((folder / "datapackage.json").read_text("utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    published = sorted(path.name for path in folder.glob("*.csv"))
    assert len(published) == 2 * len(CHARTS)  # every chart, in each language
    assert sorted(resource["path"] for resource in package["resources"]) == published
    for resource in package["resources"]:
        header = next(csv.reader(io.StringIO((folder / resource["path"]).read_text("utf-8-sig"))))
        schema = json.loads((folder / resource["schema"]).read_text("utf-8"))
        assert [field["name"] for field in schema["fields"]] == header, resource["path"]
        assert resource["title"] and resource["description"] and resource["sources"]
    # Frictionless reads every chart CSV against its schema: no error, no lost row.
    report = frictionless.Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "note"])


@pytest.mark.parametrize("page", ["deals/", "en/deals/"])
def test_each_chart_is_one_frame_with_one_row_of_actions(site: Path, page: str) -> None:
    """Title, summary, chart, then one row: table, sources, download (CSV and SVG), cite,
    each a details element of the chart's group, so one opens at a time."""
    for name, figure in _figures(site, page):
        assert re.search(r'^<figure[^>]*>\s*<figcaption class="yearbook-chart__title">', figure)
        row = figure[figure.index('class="yearbook-chart__actions"') :]
        assert figure.index("yearbook-chart__graphic") < figure.index("yearbook-chart__actions")
        kinds = re.findall(r'<details class="yearbook-chart__(\w+)" name="chart-([\w-]+)"', row)
        assert kinds == [(kind, name) for kind in ("data", "sources", "downloads", "cite")]
        assert len(re.findall(r"<summary>[^<]+</summary>", row)) == 4
        (svg,) = re.findall(r'<a href="([^"]+\.svg)" download>', figure)
        assert svg.endswith(f"{name}.{'en' if page.startswith('en/') else 'zh'}.svg")
        drawing = resolve(site, page, svg).read_text("utf-8")
        assert drawing.startswith("<?xml") and "<svg" in drawing and "</svg>" in drawing
        assert "background-color: #fff" in drawing  # dark on white, whatever the palette


SVG_TEXT = re.compile(r"<text\b[^>]*>")


@pytest.mark.parametrize("page", PAGES + ["en/" + page for page in PAGES])
def test_every_chart_has_a_phone_layout_with_text_at_its_own_size(site: Path, page: str) -> None:
    """The static SVG shown on a phone is drawn as wide as a chart frame's inside on a 360 px
    screen, so its text shows at the size it is drawn (at least 11 px); and all chart text is
    the page's text colour (currentColor), in either palette."""
    for name, figure in _figures(site, page):
        (phone,) = re.findall(r'class="yearbook-chart__phone"><svg[^>]*width="(\d+)"', figure)
        assert int(phone) <= PHONE, name
        texts = SVG_TEXT.findall(figure)
        sizes = [float(size) for tag in texts for size in re.findall(r'font-size="([\d.]+)', tag)]
        assert sizes and min(sizes) >= 11, name
        assert [tag for tag in texts if 'fill="currentColor"' not in tag] == [], name


def test_the_css_shows_the_wide_layout_from_the_width_charts_js_is_told(site: Path) -> None:
    css = (site / "assets" / "stylesheets" / "charts.css").read_text("utf-8")
    assert f"@container (min-width: {WIDE}px)" in css
    assert f'data-wide-from="{WIDE}"' in (site / "deals" / "index.html").read_text("utf-8")
