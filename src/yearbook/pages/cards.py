"""A dataset's card: what it holds, its downloads and every column documented
(partials/yearbook/dataset.html)."""

from collections.abc import Mapping
from typing import NamedTuple

from yearbook.data.model import Dataset, localized, references
from yearbook.data.schema import Field
from yearbook.formatting import MONEY_UNITS, count_text, text
from yearbook.pages.cells import Link, punctuation


class ColumnDoc(NamedTuple):
    name: str
    title: str
    description: str
    type: str
    values: tuple[tuple[str, str], ...] = ()  # enum values with their labels


class Card(NamedTuple):
    name: str
    title: str
    description: str
    rows: str
    downloads: tuple[Link, ...]
    columns: tuple[ColumnDoc, ...]
    labels: Mapping[str, str]


def build_card(name: str, datasets: Mapping[str, Dataset], language: str, downloads: str) -> Card:
    """The card of dataset `name`, with download links under the relative URL `downloads`."""
    dataset = datasets[name]
    schema = dataset.schema
    referenced = {
        field: datasets[resource].title(language)
        for field, resource in references(schema).items()
        if resource in datasets
    }
    columns = tuple(
        ColumnDoc(
            field.name,
            localized(field.title, field.title_zh, language) or field.name,
            localized(field.description, field.description_zh, language),
            _type_text(field, referenced.get(field.name), language),
            tuple(
                (value, labels.get(language, value)) for value, labels in field.enum_labels.items()
            ),
        )
        for field in schema.fields
    )
    files = {"csv": f"{name}.csv", "schema": f"{name}.schema.json", "package": "datapackage.json"}
    links = tuple(
        Link(text(language, f"dataset.download_{kind}", file=file), downloads + file)
        for kind, file in files.items()
    )
    keys = ("file", "rows", "downloads", "columns", "column", "title", "description", "type")
    labels = {key: text(language, f"dataset.{key}") for key in keys}
    labels |= punctuation(language) | {"values": text(language, "type.values")}
    return Card(
        name,
        dataset.title(language),
        localized(schema.description, schema.description_zh, language),
        count_text(len(dataset.rows), "count.rows", language),
        links,
        columns,
        labels,
    )


def _type_text(field: Field, referenced: str | None, language: str) -> str:
    parts = [text(language, "type.date" if field.partial_date else f"type.{field.type}")]
    if field.list_separator:
        parts.append(text(language, "type.list", separator=field.list_separator))
    if isinstance(field.unit, str) and field.unit in MONEY_UNITS:
        parts.append(text(language, "type.unit", unit=text(language, f"unit_name.{field.unit}")))
    if referenced:
        parts.append(text(language, "type.reference", dataset=referenced))
    return text(language, "value.list_separator").join(parts)
