"""Each placed chart's plotted rows as downloads in `downloads/charts/`, described by a
Frictionless `datapackage.json`, and the chart itself as an SVG file."""

from collections.abc import Iterable
from pathlib import Path

from yearbook.charts.make import RenderedChart
from yearbook.data.downloads import (
    PACKAGE_NAME,
    package,
    source_titles,
    with_bom,
    write_json,
)
from yearbook.data.model import Datasets
from yearbook.data.validate import SCHEMA_SUFFIX

CHART_FOLDER = "downloads/charts"
SVG_COLOURS = 'style="color: #1a1a1a; background-color: #fff"'
"""A downloaded chart stands alone: dark text (its `currentColor`) on white, as on the light
page, whatever the palette the reader downloaded it from."""


def chart_csv_name(name: str, language: str) -> str:
    return f"{name}.{language}.csv"


def chart_svg_name(name: str, language: str) -> str:
    return f"{name}.{language}.svg"


def write_chart_downloads(
    charts: Iterable[RenderedChart],
    datasets: Datasets,
    site_dir: str | Path,
    title: str,
    edition: str = "",
) -> None:
    """Each chart's plotted rows (CSV with a BOM, schema) and SVG, and their `datapackage.json`."""
    folder = Path(site_dir) / CHART_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    resources = []
    for chart in sorted(charts, key=lambda chart: (chart.name, chart.language)):
        csv_name = chart_csv_name(chart.name, chart.language)
        schema_name = csv_name.removesuffix(".csv") + SCHEMA_SUFFIX
        (folder / csv_name).write_bytes(with_bom(chart.csv_text().encode()))
        svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + chart.svg.replace(
            "<svg ", f"<svg {SVG_COLOURS} ", 1
        )
        (folder / chart_svg_name(chart.name, chart.language)).write_text(svg, encoding="utf-8")
        # The columns as readers see them: formatted text.
        fields = [{"name": column, "type": "string"} for column in chart.columns]
        write_json(folder / schema_name, {"fields": fields, "missingValues": [""]})
        sources = source_titles(datasets, chart.sources, chart.language)
        resources.append(
            {
                "name": f"{chart.name}-{chart.language}",
                "path": csv_name,
                "schema": schema_name,
                "profile": "tabular-data-resource",
                "title": chart.title,
                "description": chart.summary,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "languages": [chart.language],
                "sources": [{"title": source} for source in sources],
            }
        )
    write_json(
        folder / "datapackage.json", package(f"{PACKAGE_NAME}-charts", title, resources, edition)
    )
