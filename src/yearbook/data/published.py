"""The datasets in the standard form that Data Package clients (Frictionless, pandas,
spreadsheets) check and read: list cells as Table Schema `list` fields, and the sources of every
row in one link table, `citations`, which carries the foreign key to `sources`."""

import json
from collections.abc import Iterable
from copy import deepcopy
from importlib import resources
from typing import Any

from yearbook.data.model import SOURCES, Datasets, ids_in
from yearbook.data.schema import Schema

CITATIONS = "citations"
"""The link table: one row per dataset row and source it cites."""
CITATION_COLUMNS = ("dataset", "row", "source")


def standard_schema(raw: dict[str, Any], schema: Schema) -> dict[str, Any]:
    """The committed schema `raw` as clients read it: each list field (`listSeparator`, the
    yearbook's key) a `list` of strings with its `delimiter`, and its foreign key left to
    `citations` (a key on a whole list is not one clients can check)."""
    published = deepcopy(raw)
    lists = {field.name for field in schema.fields if field.list_separator}
    for field in published["fields"]:
        if field["name"] in lists:
            separator = field.pop("listSeparator")
            field.update(type="list", delimiter=separator, itemType="string")
            constraints = field.get("constraints", {})
            constraints.pop("pattern", None)  # a list has no pattern: citations checks each id
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
    names = sorted(set(datasets))
    for field in schema["fields"]:
        if field["name"] == "dataset":
            field["constraints"]["enum"] = names
    return schema


def _is_list_key(fields: str | list[str], lists: Iterable[str]) -> bool:
    """Whether a foreign key's `fields` is one list field."""
    names = [fields] if isinstance(fields, str) else fields
    return len(names) == 1 and names[0] in lists
