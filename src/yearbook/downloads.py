"""The datasets as downloads: `downloads/` in the built site.

`<name>.csv` is the committed CSV with a UTF-8 byte-order mark in front (so Excel on Chinese
Windows reads it as UTF-8), `<name>.schema.json` the committed schema, and `datapackage.json`
a Frictionless Data Package descriptor listing every dataset with its schema.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from yearbook.validate import CSV_SUFFIX, SCHEMA_SUFFIX, ValidationResult

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
