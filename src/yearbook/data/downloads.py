"""The data as downloads in `downloads/`, in the standard form Data Package clients (Frictionless,
pandas, spreadsheets) check and read: the committed CSVs, their schemas with list cells as
Table Schema `list` fields, and the sources of every row in one link table, `citations`, which
carries the foreign key to `sources`; all described by a `datapackage.json`."""

import csv
import io
import json
from collections.abc import Iterable
from copy import deepcopy
from importlib import resources
from pathlib import Path
from typing import Any

from yearbook.data.model import SOURCES, Datasets, ids_in, text_of
from yearbook.data.schema import Schema
from yearbook.data.validate import CSV_SUFFIX, SCHEMA_SUFFIX

FOLDER = "downloads"  # relative to the site root
CITATIONS = "citations"  # the link table: one row per dataset row and source it cites
CITATION_COLUMNS = ("dataset", "row", "source")
BOM = b"\xef\xbb\xbf"
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
PACKAGE_NAME = "china-innovation-yearbook"


def pdf_name(edition: str, language: str) -> str:
    """`china-innovation-yearbook-2026-zh.pdf`: the print edition's file in `downloads/`."""
    return f"{PACKAGE_NAME}-{edition}-{language}.pdf"


def write_downloads(
    datasets: Datasets, data_dir: Path, site_dir: str | Path, title: str, edition: str = ""
) -> None:
    """Every dataset's CSV (with a BOM) and standard schema, `citations`, `datapackage.json`."""
    folder = Path(site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    resources = []
    for name, dataset in sorted(datasets.items()):
        (folder / (name + CSV_SUFFIX)).write_bytes(
            with_bom((data_dir / (name + CSV_SUFFIX)).read_bytes())
        )
        committed = json.loads((data_dir / (name + SCHEMA_SUFFIX)).read_text("utf-8-sig"))
        resources.append(resource(name, standard_schema(committed, dataset.schema)))
    citations = citation_rows(datasets)
    schema = citations_schema(name for name, _, _ in citations)
    (folder / (CITATIONS + CSV_SUFFIX)).write_bytes(
        with_bom(csv_text([CITATION_COLUMNS, *citations]))
    )
    resources.append(resource(CITATIONS, schema))
    for entry in resources:
        write_json(folder / (entry["name"] + SCHEMA_SUFFIX), entry["schema"])
    write_json(folder / "datapackage.json", package(PACKAGE_NAME, title, resources, edition))


def standard_schema(raw: dict[str, Any], schema: Schema) -> dict[str, Any]:
    """The committed schema `raw` as clients read it: each list field (`listSeparator`, the
    yearbook's key) a `list` of strings with its `delimiter`, and its foreign key left to
    `citations` (a key on a whole list is not one clients can check)."""
    published = deepcopy(raw)
    lists = {field.name for field in schema.fields if field.list_separator}
    for field in published["fields"]:
        if field["name"] in lists:
            field.update(type="list", delimiter=field.pop("listSeparator"), itemType="string")
            # A list has no pattern: citations checks each id
            field.get("constraints", {}).pop("pattern", None)
    for key in schema.foreign_keys:
        if len(key.fields) == 1 and key.fields[0] in lists and key.resource != SOURCES:
            raise ValueError(
                f"{schema.file}: list field {key.fields[0]!r} refers to {key.resource!r}, but "
                f"the published package can link list items only to {SOURCES} (citations.csv); "
                "give the field one id per cell, or refer it to sources"
            )
    if "foreignKeys" in published:
        published["foreignKeys"] = [
            key for key in published["foreignKeys"] if not _is_list_key(key["fields"], lists)
        ]
    return published


def _is_list_key(fields: str | list[str], lists: Iterable[str]) -> bool:
    names = [fields] if isinstance(fields, str) else fields
    return len(names) == 1 and names[0] in lists


def citation_rows(datasets: Datasets) -> list[tuple[str, str, str]]:
    """(dataset, row id, source id) for every source every row cites, in the datasets' order."""
    rows = []
    for name, dataset in sorted(datasets.items()):
        schema = dataset.schema
        cited = [
            schema.get_field(key.fields[0])
            for key in schema.foreign_keys
            if key.resource == SOURCES and len(key.fields) == 1
        ]
        for row_id, row in dataset.by_id.items():
            for source in dict.fromkeys(i for field in cited for i in ids_in(row, field)):
                rows.append((name, row_id, source))
    return rows


def citations_schema(datasets: Iterable[str]) -> dict[str, Any]:
    """The link table's schema (`citations.schema.json` beside this module), its `dataset`
    column limited to `datasets`."""
    text = resources.files("yearbook.data").joinpath("citations.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    for field in schema["fields"]:
        if field["name"] == "dataset":
            field["constraints"]["enum"] = sorted(set(datasets))
    return schema


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
    entry |= {key: schema[key] for key in ("title", "description") if schema.get(key)}
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


def package(
    name: str, title: str, resources: list[dict[str, Any]], edition: str = ""
) -> dict[str, Any]:
    """A data package, named and versioned by the yearbook's edition (its snapshot of the data;
    corrections to it count up the middle number: `yearbook site`)."""
    package: dict[str, Any] = {"profile": "tabular-data-package", "name": name}
    if edition:
        package |= {"name": f"{name}-{edition}", "version": f"{edition}.0.0"}
    if title:
        package["title"] = f"{title} ({edition})" if edition else title
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
