"""The data as downloads in `downloads/`: the committed CSVs, their schemas in standard form and
the `citations` link table (yearbook.data.published), described by a `datapackage.json`."""

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from yearbook.data.model import SOURCES, Datasets, text_of
from yearbook.data.published import (
    CITATION_COLUMNS,
    CITATIONS,
    citation_rows,
    citations_schema,
    standard_schema,
)
from yearbook.data.validate import CSV_SUFFIX, SCHEMA_SUFFIX

FOLDER = "downloads"
"""Where the downloads go, relative to the site root."""
BOM = b"\xef\xbb\xbf"
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
PACKAGE_NAME = "china-innovation-yearbook"


def write_downloads(datasets: Datasets, data_dir: Path, site_dir: str | Path, title: str) -> None:
    """Every dataset's CSV (with a BOM) and schema in standard form, the `citations` link
    table, and their `datapackage.json`."""
    folder = Path(site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    resources = []
    for name, dataset in sorted(datasets.items()):
        (folder / (name + CSV_SUFFIX)).write_bytes(
            with_bom((data_dir / (name + CSV_SUFFIX)).read_bytes())
        )
        committed = json.loads((data_dir / (name + SCHEMA_SUFFIX)).read_text("utf-8-sig"))
        schema = standard_schema(committed, dataset.schema)
        resources.append(resource(name, schema))
    citations = citation_rows(datasets)
    schema = citations_schema(name for name, _, _ in citations)
    (folder / (CITATIONS + CSV_SUFFIX)).write_bytes(
        with_bom(csv_text([CITATION_COLUMNS, *citations]))
    )
    resources.append(resource(CITATIONS, schema))
    for entry in resources:
        write_json(folder / (entry["name"] + SCHEMA_SUFFIX), entry["schema"])
    write_json(folder / "datapackage.json", package(PACKAGE_NAME, title, resources))


def resource(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """The package's entry for the CSV of `name`, read with `schema`."""
    entry: dict[str, Any] = {
        "name": name,
        "path": name + CSV_SUFFIX,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
    }
    for key in ("title", "description"):
        if schema.get(key):
            entry[key] = schema[key]
    return entry | {"schema": schema}


def source_titles(datasets: Datasets, ids: Iterable[str], language: str) -> list[str]:
    """Sources `ids` as `publisher, date: title`, in `language` where given."""
    titles = []
    for source_id in ids:
        row = datasets[SOURCES].by_id.get(source_id, {})
        publisher, heading = text_of(row, "publisher", language), text_of(row, "title", language)
        titles.append(
            f"{publisher}, {row.get('published') or ''}: {heading}".strip(" ,:") or source_id
        )
    return titles


def package(name: str, title: str, resources: list[dict[str, Any]]) -> dict[str, Any]:
    package: dict[str, Any] = {"profile": "tabular-data-package", "name": name}
    if title:
        package["title"] = title
    return package | {"licenses": [LICENSE], "resources": resources}


def with_bom(data: bytes) -> bytes:  # so that Excel on Chinese Windows reads UTF-8
    return data if data.startswith(BOM) else BOM + data


def csv_text(rows: Iterable[Iterable[str]]) -> bytes:
    """`rows` as CSV in UTF-8, with the committed files' LF line ends."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return text.getvalue().encode("utf-8")


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
