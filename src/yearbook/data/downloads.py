"""The datasets as downloads: `downloads/` in the built site.

`<name>.csv` is the committed CSV with a UTF-8 byte-order mark in front (so Excel on Chinese
Windows reads it as UTF-8), `<name>.schema.json` the committed schema, and `datapackage.json`
a Frictionless Data Package descriptor listing every dataset with its schema.

`charts/` holds the rows each chart plots, one CSV per chart and language, each with a Table
Schema beside it and a `datapackage.json` giving titles, sources and the licence.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yearbook.data.validate import CSV_SUFFIX, SCHEMA_SUFFIX, ValidationResult

if TYPE_CHECKING:
    from yearbook.charts.make import RenderedChart

FOLDER = "downloads"
"""Where the downloads go, relative to the site root."""
BOM = b"\xef\xbb\xbf"
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
PACKAGE_NAME = "china-innovation-yearbook"


CHART_FOLDER = "downloads/charts"
"""Where each chart's plotted rows are published, one CSV per chart and language."""


def chart_csv_name(name: str, language: str) -> str:
    return f"{name}.{language}.csv"


@dataclass(frozen=True)
class ChartDownload:
    """One chart's plotted rows as published: its CSV text and what describes it."""

    name: str
    language: str
    title: str
    summary: str
    columns: tuple[str, ...]
    csv_text: str
    sources: tuple[str, ...]
    """Each source as `publisher, date: title` in the chart's language."""


def source_titles(result: ValidationResult, ids: tuple[str, ...], language: str) -> tuple[str, ...]:
    """`sources.csv` rows `ids` as `publisher, date: title`, in `language` where given."""
    rows = {str(row.values["id"]): row.values for row in result.tables["sources"].rows}

    def title(source_id: str) -> str:
        row = rows.get(source_id, {})
        other = "en" if language == "zh" else "zh"
        publisher, heading = (
            row.get(f"{column}_{language}") or row.get(f"{column}_{other}") or ""
            for column in ("publisher", "title")
        )
        return f"{publisher}, {row.get('published') or ''}: {heading}".strip(" ,:") or source_id

    return tuple(title(source_id) for source_id in ids)


def chart_downloads(
    charts: Iterable[RenderedChart], result: ValidationResult
) -> list[ChartDownload]:
    """What gets published of each chart placed on a page."""
    return [
        ChartDownload(
            name=chart.name,
            language=chart.language,
            title=chart.title,
            summary=chart.summary,
            columns=chart.columns,
            csv_text=chart.csv_text(),
            sources=source_titles(result, chart.sources, chart.language),
        )
        for chart in charts
    ]


def chart_schema(chart: ChartDownload) -> dict[str, Any]:
    """Table Schema of a chart CSV: its columns, as readers see them (formatted text)."""
    return {
        "fields": [{"name": column, "type": "string"} for column in chart.columns],
        "missingValues": [""],
    }


def chart_datapackage(charts: list[ChartDownload], title: str = "") -> dict[str, Any]:
    """The Data Package descriptor of the chart downloads, licence and sources included."""
    resources = []
    for chart in sorted(charts, key=lambda chart: (chart.name, chart.language)):
        csv_name = chart_csv_name(chart.name, chart.language)
        resources.append(
            {
                "name": f"{chart.name}-{chart.language}",
                "path": csv_name,
                "schema": csv_name.removesuffix(".csv") + SCHEMA_SUFFIX,
                "profile": "tabular-data-resource",
                "title": chart.title,
                "description": chart.summary,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "languages": [chart.language],
                "sources": [{"title": source} for source in chart.sources],
            }
        )
    package: dict[str, Any] = {"profile": "tabular-data-package", "name": f"{PACKAGE_NAME}-charts"}
    if title:
        package["title"] = title
    package["licenses"] = [LICENSE]
    package["resources"] = resources
    return package


def write_chart_downloads(charts: list[ChartDownload], site_dir: str | Path, title: str) -> None:
    """Each chart's CSV (with a BOM) and schema, and the folder's `datapackage.json`."""
    folder = Path(site_dir) / CHART_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for chart in charts:
        csv_name = chart_csv_name(chart.name, chart.language)
        (folder / csv_name).write_bytes(with_bom(chart.csv_text.encode()))
        schema = json.dumps(chart_schema(chart), ensure_ascii=False, indent=2) + "\n"
        (folder / (csv_name.removesuffix(".csv") + SCHEMA_SUFFIX)).write_text(schema, "utf-8")
    descriptor = json.dumps(chart_datapackage(charts, title), ensure_ascii=False, indent=2)
    (folder / "datapackage.json").write_text(descriptor + "\n", encoding="utf-8")


def with_bom(data: bytes) -> bytes:
    """`data` starting with exactly one UTF-8 byte-order mark."""
    return data if data.startswith(BOM) else BOM + data


def datapackage(result: ValidationResult, title: str = "", description: str = "") -> dict[str, Any]:
    """The Data Package descriptor for every dataset of `result`, schemas inline."""
    resources = []
    for name in sorted(result.tables):
        schema = json.loads((result.data_dir / (name + SCHEMA_SUFFIX)).read_text("utf-8-sig"))
        table = result.tables[name].schema
        resource: dict[str, Any] = {
            "name": name,
            "path": name + CSV_SUFFIX,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
        }
        if table.title:
            resource["title"] = table.title
        if table.description:
            resource["description"] = table.description
        resource["schema"] = schema
        resources.append(resource)
    package: dict[str, Any] = {"profile": "tabular-data-package", "name": PACKAGE_NAME}
    if title:
        package["title"] = title
    if description:
        package["description"] = description
    package["licenses"] = [LICENSE]
    package["resources"] = resources
    return package


def write_downloads(
    result: ValidationResult, site_dir: str | Path, title: str = "", description: str = ""
) -> list[Path]:
    """Write every dataset's CSV and schema and `datapackage.json`; return the files written."""
    folder = Path(site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in sorted(result.tables):
        csv_path = folder / (name + CSV_SUFFIX)
        csv_path.write_bytes(with_bom((result.data_dir / (name + CSV_SUFFIX)).read_bytes()))
        schema_path = folder / (name + SCHEMA_SUFFIX)
        schema_path.write_bytes((result.data_dir / (name + SCHEMA_SUFFIX)).read_bytes())
        written += [csv_path, schema_path]
    descriptor = folder / "datapackage.json"
    text = json.dumps(datapackage(result, title, description), ensure_ascii=False, indent=2)
    descriptor.write_text(text + "\n", encoding="utf-8")
    written.append(descriptor)
    return written
