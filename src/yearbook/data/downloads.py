"""The data as downloads in `downloads/`: the committed CSVs and schemas, described by a
Frictionless `datapackage.json`."""

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from yearbook.data.model import SOURCES, Datasets, text_of
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
    """Every dataset's CSV (with a BOM) and schema, and their `datapackage.json`."""
    folder = Path(site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    resources = []
    for name, dataset in sorted(datasets.items()):
        (folder / (name + CSV_SUFFIX)).write_bytes(
            with_bom((data_dir / (name + CSV_SUFFIX)).read_bytes())
        )
        schema = (data_dir / (name + SCHEMA_SUFFIX)).read_bytes()
        (folder / (name + SCHEMA_SUFFIX)).write_bytes(schema)
        resource: dict[str, Any] = {
            "name": name,
            "path": name + CSV_SUFFIX,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
        }
        if dataset.schema.title:
            resource["title"] = dataset.schema.title
        if dataset.schema.description:
            resource["description"] = dataset.schema.description
        resource["schema"] = json.loads(schema.decode("utf-8-sig"))
        resources.append(resource)
    write_json(folder / "datapackage.json", package(PACKAGE_NAME, title, resources))


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


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
