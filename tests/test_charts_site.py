"""Charts in the built HTML: what surrounds each one (sources, download, summary, citation)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import frictionless
import pytest
from built_html import resolve
from conftest import ROOT

from yearbook.charts import CHARTS

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
